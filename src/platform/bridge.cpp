// bridge.cpp — the boundary with the page (shell/relais.js): functions the
// page calls (exported, relais_*) and the platform services the UI calls,
// implemented in JavaScript (EM_JS).
#include <emscripten.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "imgui.h"
#include "imgui_internal.h"
#include "platform/frame.h"
#include "core/model/directory.h"
#include "platform/storage/local_db.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/platform.h"
#include "ui/sync/sync_client.h"
#include "ui/text_sync.h"
#include "ui/touch.h"
#include "ui/widgets.h"

EM_JS(void, js_push_history, (const char* path), { Relais.pushHistory(UTF8ToString(path)); });
EM_JS(void, js_replace_history, (const char* path), { Relais.replaceHistory(UTF8ToString(path)); });
EM_JS(void, js_save_pref, (const char* key, const char* value), { Relais.savePref(UTF8ToString(key), UTF8ToString(value)); });
EM_JS(void, js_copy_text, (const char* text), { Relais.copyText(UTF8ToString(text)); });
EM_JS(void, js_check_update, (), { Relais.checkForUpdate(); });
EM_JS(void, js_apply_update, (), { Relais.applyUpdate(); });
// Sign-in and sync: answered later through relais_http_answer / relais_key_derived / relais_tick.
// Bodies are bytes (the sync engine speaks cereal's binary archive), copied
// out of the heap: fetch may read them after this call returns.
EM_JS(void, js_http_request, (int id, const char* method, const char* url, const char* type, const char* body,
                              int body_len, const char* bearer), {
  Relais.httpRequest(id, UTF8ToString(method), UTF8ToString(url), UTF8ToString(type),
                     HEAPU8.slice(body, body + body_len), UTF8ToString(bearer));
});
EM_JS(void, js_derive_key, (int id, const char* password, const char* salt, int iterations), {
  Relais.deriveKey(id, UTF8ToString(password), UTF8ToString(salt), iterations);
});
EM_JS(void, js_wake_after, (double delay_ms), { Relais.wakeAfter(delay_ms); });
// A Blob behind a temporary link with the download attribute: works offline,
// nothing goes to the server.
EM_JS(void, js_download, (const char* name, const char* type, const char* data, int len), {
  const blob = new Blob([HEAPU8.slice(data, data + len)], { type: UTF8ToString(type) });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 10000);
});

namespace relais::platform {
void PushHistory(const char* path) { js_push_history(path); }
void ReplaceHistory(const char* path) { js_replace_history(path); }
void SavePref(const char* key, const std::string& value) { js_save_pref(key, value.c_str()); }
void CopyText(const std::string& text) {
  ImGui::SetClipboardText(text.c_str());
}
void CheckForUpdate() { js_check_update(); }
void ApplyUpdate() { js_apply_update(); }
void RequestFrame() { web::Wake(); }
void HttpRequest(int id, const std::string& method, const std::string& url, const std::string& content_type,
                 const std::string& body, const std::string& bearer) {
  js_http_request(id, method.c_str(), url.c_str(), content_type.c_str(), body.data(), static_cast<int>(body.size()),
                  bearer.c_str());
}
void DerivePasswordKey(int id, const std::string& password, const std::string& salt_hex, int iterations) {
  js_derive_key(id, password.c_str(), salt_hex.c_str(), iterations);
}
void WakeAfter(int64_t delay_ms) { js_wake_after((double)delay_ms); }
void DownloadFile(const std::string& filename, const std::string& mime_type, const std::string& content) {
  js_download(filename.c_str(), mime_type.c_str(), content.data(), (int)content.size());
}
}  // namespace relais::platform

// ImGui's clipboard: the system clipboard through the page. Reading the system
// clipboard is asynchronous on the web, so paste into text fields goes through
// their DOM input; ImGui keeps the last text copied or pasted anywhere.
static std::string g_clipboard;
static const char* GetClipboard(void*) { return g_clipboard.c_str(); }
static void SetClipboard(void*, const char* text) {
  g_clipboard = text;
  js_copy_text(text);
}

static ImGuiKey KeyFromName(const char* k) {
  struct Named { const char* name; ImGuiKey key; };
  static const Named kKeys[] = {
      {"Enter", ImGuiKey_Enter},         {"Escape", ImGuiKey_Escape},   {"Tab", ImGuiKey_Tab},
      {"Backspace", ImGuiKey_Backspace}, {"Delete", ImGuiKey_Delete},   {"ArrowLeft", ImGuiKey_LeftArrow},
      {"ArrowRight", ImGuiKey_RightArrow}, {"ArrowUp", ImGuiKey_UpArrow}, {"ArrowDown", ImGuiKey_DownArrow},
      {"Home", ImGuiKey_Home},           {"End", ImGuiKey_End},         {"PageUp", ImGuiKey_PageUp},
      {"PageDown", ImGuiKey_PageDown},   {" ", ImGuiKey_Space},
  };
  for (const Named& n : kKeys)
    if (std::strcmp(n.name, k) == 0) return n.key;
  if (k[0] >= 'a' && k[0] <= 'z' && k[1] == 0) return (ImGuiKey)(ImGuiKey_A + (k[0] - 'a'));
  return ImGuiKey_None;
}

using relais::web::App;

extern "C" {

EMSCRIPTEN_KEEPALIVE void relais_start(float css_w, float css_h, float dpr, int fb_w, int fb_h, int touch,
                                       const char* lang, const char* server, const char* path, const char* build,
                                       int online) {
  // Normally opened already by shell/storage.js (from IndexedDB); otherwise in memory.
  relais::storage::EnsureOpen();
  relais::AppState& app = App();
  app.lang = relais::LangFromCode(lang);
  app.server_address = app.server_edit = server;
  app.build = build;
  app.online = online != 0;
  relais::Screen s;
  // An unknown path ("/") is the home screen: sign-in until the first frame
  // has read the session from the device (DrawApp moves on from there).
  app.screen = relais::ScreenFromPath(path, &s, &app.route) ? s : relais::Screen::SignIn;
  if (!relais::web::Start(css_w, css_h, dpr, fb_w, fb_h, touch != 0)) return;
  ImGuiIO& io = ImGui::GetIO();
  io.GetClipboardTextFn = GetClipboard;
  io.SetClipboardTextFn = SetClipboard;
  js_replace_history(relais::ScreenPath(app.screen, app.route).c_str());
}

EMSCRIPTEN_KEEPALIVE void relais_resize(float css_w, float css_h, float dpr, int fb_w, int fb_h, int touch) {
  relais::web::Resize(css_w, css_h, dpr, fb_w, fb_h, touch != 0);
}

// kind: 0 mouse, 1 touch, 2 pen; phase: 0 down, 1 move, 2 up, 3 cancel.
// t_ms: the event's timeStamp (performance.now() clock), so gestures are
// judged by when the finger moved, not by when a busy page got to it.
EMSCRIPTEN_KEEPALIVE void relais_pointer(int kind, int phase, float x, float y, int button, double t_ms) {
  ImGuiIO& io = ImGui::GetIO();
  double now = (t_ms > 0 ? t_ms : emscripten_get_now()) / 1000.0;
  if (kind == 1) {
    if (phase == 0) relais::touch::Down(x, y, now);
    else if (phase == 1) relais::touch::Move(x, y, now);
    else if (phase == 2) relais::touch::Up(x, y, now);
    else relais::touch::Cancel();
  } else {
    io.AddMouseSourceEvent(kind == 2 ? ImGuiMouseSource_Pen : ImGuiMouseSource_Mouse);
    io.AddMousePosEvent(x, y);
    if ((phase == 0 || phase == 2) && button >= 0 && button < 3) io.AddMouseButtonEvent(button, phase == 0);
  }
  if (phase == 1) relais::web::Wake();
  else relais::web::Pump();
}

EMSCRIPTEN_KEEPALIVE void relais_wheel(float dx, float dy) {
  ImGui::GetIO().AddMouseWheelEvent(dx, dy);
  relais::web::Wake();
}

EMSCRIPTEN_KEEPALIVE void relais_key(const char* key, int down, int ctrl, int shift, int alt, int meta) {
  ImGuiIO& io = ImGui::GetIO();
  io.AddKeyEvent(ImGuiMod_Ctrl, ctrl != 0);
  io.AddKeyEvent(ImGuiMod_Shift, shift != 0);
  io.AddKeyEvent(ImGuiMod_Alt, alt != 0);
  io.AddKeyEvent(ImGuiMod_Super, meta != 0);
  ImGuiKey k = KeyFromName(key);
  if (k != ImGuiKey_None) io.AddKeyEvent(k, down != 0);
  relais::web::Pump();
}

EMSCRIPTEN_KEEPALIVE void relais_window_focus(int focused) {
  ImGui::GetIO().AddFocusEvent(focused != 0);
  relais::web::Wake();
}

EMSCRIPTEN_KEEPALIVE void relais_text_edit(unsigned id, unsigned seq, const char* value, unsigned sel_start,
                                           unsigned sel_end) {
  relais::textsync::ExternalEdit(id, seq, value, sel_start, sel_end);
  relais::web::Pump();
}

EMSCRIPTEN_KEEPALIVE void relais_text_focus(unsigned id) {
  relais::textsync::RequestFocus(id);
  relais::web::Pump();
}

EMSCRIPTEN_KEEPALIVE void relais_text_blur(unsigned id) {
  relais::textsync::Blurred(id);
  relais::web::Pump();
}

// Activation without a pointer (screen reader, keyboard on the mirror
// element): a click in the middle of the item.
EMSCRIPTEN_KEEPALIVE void relais_activate(unsigned id) {
  const relais::mirror::Item* it = relais::mirror::Find(id);
  if (!it) return;
  ImGuiIO& io = ImGui::GetIO();
  io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
  io.AddMousePosEvent(it->x + it->w * 0.5f, it->y + it->h * 0.5f);
  io.AddMouseButtonEvent(0, true);
  io.AddMouseButtonEvent(0, false);
  relais::web::Pump();
}

EMSCRIPTEN_KEEPALIVE void relais_history_pop(const char* path) {
  relais::OnHistoryPop(App(), path);
  relais::web::Wake();
}

EMSCRIPTEN_KEEPALIVE void relais_set_online(int online) {
  relais::OnOnline(App(), online != 0, relais::NowMs());
  relais::web::Wake();
}

// The answer to js_http_request (status 0: no answer at all).
EMSCRIPTEN_KEEPALIVE void relais_http_answer(int id, int status, const char* body, int body_len) {
  relais::OnHttpAnswer(App(), id, status, std::string(body, static_cast<size_t>(body_len)), relais::NowMs());
}

// PBKDF2 finished (key "" when WebCrypto failed).
EMSCRIPTEN_KEEPALIVE void relais_key_derived(int id, const char* key_hex) {
  relais::OnKeyDerived(App(), id, key_hex, relais::NowMs());
}

// The sync timer (js_wake_after): no frame unless the sync state changed.
EMSCRIPTEN_KEEPALIVE void relais_tick() {
  relais::SyncClient& c = relais::Client(App());
  c.wake_at_ms = -1;
  relais::Tick(App(), relais::NowMs());
}

EMSCRIPTEN_KEEPALIVE void relais_set_storage(double used, double quota) {
  App().storage_used = (int64_t)used;
  App().storage_quota = (int64_t)quota;
  relais::web::Wake();
}

// 0 checking, 1 up to date, 2 a new version is waiting.
EMSCRIPTEN_KEEPALIVE void relais_set_update(int state) {
  relais::AppState& app = App();
  app.update = state == 2 ? relais::UpdateState::Available
             : state == 1 ? relais::UpdateState::UpToDate : relais::UpdateState::Checking;
  relais::web::Wake();
}

EMSCRIPTEN_KEEPALIVE void relais_set_offline_ready(int ready) {
  App().offline_ready = ready != 0;
  relais::web::Wake();
}

EMSCRIPTEN_KEEPALIVE void relais_clipboard(const char* text) { g_clipboard = text; }

EMSCRIPTEN_KEEPALIVE void relais_pump() { relais::web::Pump(); }
EMSCRIPTEN_KEEPALIVE double relais_frame_count() { return relais::web::FrameCount(); }
EMSCRIPTEN_KEEPALIVE int relais_test_activations(const char* name) { return relais::ui::Activations(name); }

// The text an ImGui field holds now, by accessible name (tests check that what
// was typed in the page arrived in the app, byte for byte).
EMSCRIPTEN_KEEPALIVE const char* relais_test_field(const char* name) {
  static std::string value;
  const relais::mirror::Item* it = relais::mirror::FindByName(relais::mirror::Role::TextBox, name);
  value = it ? it->value : std::string("\x01missing");
  return value.c_str();
}

}  // extern "C"
