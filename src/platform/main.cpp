// main.cpp — WebGL2 context, ImGui set-up and the on-demand frame loop.
#include <GLES3/gl3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"
#include "platform/frame.h"
#include "platform/storage/local_db.h"
#include "ui/mirror.h"
#include "ui/text_sync.h"
#include "ui/theme.h"
#include "ui/touch.h"

// Implemented in shell/relais.js: applies the mirror's differences to the DOM.
EM_JS(void, js_mirror_apply, (const char* records), { Relais.applyMirror(UTF8ToString(records)); });
EM_JS(void, js_fail, (const char* message), { Relais.fail(UTF8ToString(message)); });

// The fonts, compiled in (src/platform/embed_fonts.cmake).
extern "C" const unsigned char relais_font_NotoSans_Regular[], relais_font_NotoSans_Bold[];
extern "C" const unsigned int relais_font_NotoSans_Regular_size, relais_font_NotoSans_Bold_size;

namespace relais::web {

static AppState g_app;
static int g_fb_w = 0, g_fb_h = 0;
static float g_font_dpr = 0;  // pixel ratio the font atlas was built for
static bool g_started = false;
static bool g_raf_pending = false;
static int g_settle = 0;  // frames still to draw before going idle
static double g_frames = 0;
static double g_last_time = 0;

AppState& App() { return g_app; }
double FrameCount() { return g_frames; }

static void RebuildFontsIfNeeded() {
  if (g_font_dpr == g_app.device.dpr) return;
  g_font_dpr = g_app.device.dpr;
  theme::LoadFonts({relais_font_NotoSans_Regular, relais_font_NotoSans_Regular_size},
                   {relais_font_NotoSans_Bold, relais_font_NotoSans_Bold_size}, g_font_dpr);
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

// One ImGui frame. `draw` false runs the logic only (the page sees the new
// state through the mirror) and leaves painting to the next animation frame:
// painting is the expensive part, and the screen cannot show more anyway.
// The storage layer's status, in the UI's terms.
static void ReadLocalDataStatus(LocalData& d) {
  platform::StorageStatus s = platform::GetStorageStatus();
  switch (s.state) {
    case platform::StorageStatus::Loading: d.state = LocalDataState::Loading; break;
    case platform::StorageStatus::Ready: d.state = LocalDataState::Ready; break;
    case platform::StorageStatus::ReadOnlyOtherTab: d.state = LocalDataState::ReadOnlyOtherTab; break;
    case platform::StorageStatus::QuotaExceeded: d.state = LocalDataState::QuotaExceeded; break;
    case platform::StorageStatus::Recovered: d.state = LocalDataState::Recovered; break;
    case platform::StorageStatus::Error: d.state = LocalDataState::Error; break;
  }
  d.bytes_last_commit = s.bytes_last_commit;
  d.rescued_rows = s.rescued_rows;
  d.detail = s.message;
}

static bool RunFrame(bool draw) {
  ImGuiIO& io = ImGui::GetIO();
  double now = emscripten_get_now() / 1000.0;
  io.DeltaTime = (float)(g_last_time > 0 && now > g_last_time ? now - g_last_time : 1.0 / 60.0);
  if (io.DeltaTime > 0.25f) io.DeltaTime = 1.0f / 60.0f;  // after idle: no jump in animations
  g_last_time = now;
  bool animating = touch::Update(now);
  RebuildFontsIfNeeded();
  io.DisplaySize = ImVec2(g_app.device.width, g_app.device.height);
  io.DisplayFramebufferScale = ImVec2(g_app.device.dpr, g_app.device.dpr);

  ReadLocalDataStatus(g_app.local);
  g_app.store = platform::LocalStore();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  mirror::NewFrame();
  textsync::NewFrame();
  DrawApp(g_app);
  mirror::DrawFocusRing();
  ImGui::Render();

  if (draw) {
    glViewport(0, 0, g_fb_w, g_fb_h);
    ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  }

  std::string records = mirror::TakeDiff();
  std::string focus = textsync::TakeFocusRecord();
  if (!focus.empty()) records += (records.empty() ? "" : "\x1e") + focus;
  if (!records.empty()) js_mirror_apply(records.c_str());
  g_frames++;
  return animating;
}

static EM_BOOL OnAnimationFrame(double, void*);

static void ScheduleFrame() {
  if (g_raf_pending) return;
  g_raf_pending = true;
  emscripten_request_animation_frame(OnAnimationFrame, nullptr);
}

static EM_BOOL OnAnimationFrame(double, void*) {
  g_raf_pending = false;
  bool animating = RunFrame(true);
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if ((animating || g.InputEventsQueue.Size > 0) && g_settle < 2) g_settle = 2;
  if (--g_settle > 0) ScheduleFrame();
  return EM_FALSE;
}

void Wake() {
  if (!g_started) return;
  if (g_settle < 3) g_settle = 3;  // ImGui needs a couple of frames to settle hover and layout
  ScheduleFrame();
}

void Pump() {
  if (!g_started) return;
  ImGuiContext& g = *ImGui::GetCurrentContext();
  // Input events trickle one per frame (a press and its release must land in
  // different frames), so drain them now: the page sees the result at once.
  for (int i = 0; i < 6 && g.InputEventsQueue.Size > 0; i++) RunFrame(false);
  RunFrame(false);
  Wake();
}

void Resize(float css_w, float css_h, float dpr, int fb_w, int fb_h, bool touch) {
  bool touch_changed = touch != g_app.device.touch;
  g_app.device.width = css_w;
  g_app.device.height = css_h;
  g_app.device.dpr = dpr > 0 ? dpr : 1;
  g_app.device.touch = touch;
  g_fb_w = fb_w;
  g_fb_h = fb_h;
  if (touch_changed && g_started) theme::ApplyStyle(touch);
  // Resizing the canvas cleared it: draw now, not on the next animation frame.
  if (g_started) {
    RunFrame(true);
    Wake();
  }
}

bool Start(float css_w, float css_h, float dpr, int fb_w, int fb_h, bool touch) {
  EmscriptenWebGLContextAttributes attrs;
  emscripten_webgl_init_context_attributes(&attrs);
  attrs.majorVersion = 2;
  attrs.alpha = EM_FALSE;
  attrs.depth = EM_FALSE;
  attrs.stencil = EM_FALSE;
  attrs.antialias = EM_FALSE;  // ImGui anti-aliases its own shapes
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = emscripten_webgl_create_context("#canvas", &attrs);
  if (gl <= 0) {
    js_fail("Ce navigateur ne peut pas afficher Relais : WebGL 2 est désactivé ou indisponible.");
    return false;
  }
  emscripten_webgl_make_context_current(gl);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;               // layout is ours, not saved
  io.ConfigInputTextCursorBlink = false;  // a blinking caret would mean drawing all the time
  io.ConfigWindowsMoveFromTitleBarOnly = true;
  io.BackendPlatformName = "relais_web";
  Resize(css_w, css_h, dpr, fb_w, fb_h, touch);
  theme::ApplyStyle(touch);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  g_started = true;
  RunFrame(true);
  Wake();
  return true;
}

}  // namespace relais::web

// The page's element with the DOM focus (keyboard users, screen readers).
extern "C" EMSCRIPTEN_KEEPALIVE void relais_dom_focus(unsigned id) {
  relais::mirror::SetDomFocus(id);
  relais::web::Wake();
}

int main() { return 0; }  // the page calls relais_start() once the module is ready
