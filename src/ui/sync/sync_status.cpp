// sync_status.cpp — the sync status area on every screen: what is pending,
// when the last sync was, the last error, conflicts and refused changes, and
// "Synchroniser". In the top bar on tablets and desktops, a strip under the
// title on phones. Tapping the summary opens the sync screen (details).
#include <cstdio>
#include <string>

#include "imgui.h"
#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/sync/sync_client.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

static std::string Printf(Msg fmt, int n) {
  char buf[160];
  std::snprintf(buf, sizeof buf, T(fmt), n);
  return buf;
}

// "Synchronisé il y a 2 min": minutes are what a person on the move needs.
static std::string LastSyncText(int64_t last_ms, int64_t now_ms) {
  if (last_ms <= 0) return T(Msg::SyncNever);
  int64_t min = (now_ms - last_ms) / 60000;
  if (min < 1) return T(Msg::SyncJustNow);
  if (min < 60) return Printf(Msg::SyncMinutesAgo, (int)min);
  if (min < 48 * 60) return Printf(Msg::SyncHoursAgo, (int)(min / 60));
  return Printf(Msg::SyncDaysAgo, (int)(min / (24 * 60)));
}

// The one-line summary; `error` says whether it reports a failure.
static std::string Summary(const SyncClient& c, bool online, int64_t now_ms, bool* error) {
  const sync::SyncStatus& s = c.status;
  *error = false;
  std::string out;
  if (s.pending > 0) out = Printf(Msg::SyncPending, (int)s.pending);
  if (s.state == sync::SyncState::SignedOut) {
    *error = true;
    return (out.empty() ? "" : out + " · ") + T(Msg::SyncSignInAgain);
  }
  // Offline is normal for Relais, not a failure (the title's chip says it):
  // the error of the attempt the network cut short, and its retry delay,
  // mean nothing until it is back.
  if (!online) return (out.empty() ? "" : out + " · ") + LastSyncText(s.last_sync_ms, now_ms);
  if (!s.last_error.empty()) {
    *error = true;
    return (out.empty() ? "" : out + " · ") + s.last_error;
  }
  if (s.state == sync::SyncState::Syncing) return (out.empty() ? "" : out + " · ") + T(Msg::SyncRunning);
  if (out.empty() && s.last_sync_ms > 0 && now_ms - s.last_sync_ms < 60000) return T(Msg::SyncUpToDate);
  return (out.empty() ? "" : out + " · ") + LastSyncText(s.last_sync_ms, now_ms);
}

// A flat, tappable line of text: a link for screen readers and test drivers
// (named with the whole text).
static bool TextLink(const std::string& text, unsigned int color, float height, float max_w) {
  ImVec2 ts = ImGui::CalcTextSize(text.c_str());
  float w = ts.x + 16 < max_w ? ts.x + 16 : max_w;
  mirror::SetNextRole(mirror::Role::Link);
  mirror::SetNextName(text.c_str());
  ImVec2 p = ImGui::GetCursorScreenPos();
  bool pressed = ImGui::InvisibleButton("##syncsummary", ImVec2(w, height));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (ImGui::IsItemHovered()) dl->AddRectFilled(p, ImVec2(p.x + w, p.y + height), IM_COL32(0, 0, 0, 16), 6);
  // Too long for the bar (an error on a phone): cut with "…"; the sync
  // screen, one tap away, has it whole.
  ui::RowLine(ImVec2(p.x + 8, p.y + (height - ts.y) * 0.5f), w - 12, color, text.c_str());
  return pressed;
}

void DrawSyncStatus(AppState& app, bool compact) {
  SyncClient& c = Client(app);
  const int64_t now = NowMs();
  bool error = false;
  std::string summary = Summary(c, app.online, now, &error);
  const sync::SyncStatus& s = c.status;
  std::string extra;
  if (s.conflicts > 0) extra = CountText((long)s.conflicts, Msg::SyncConflictOne, Msg::SyncConflictMany);
  if (s.rejected > 0) extra += (extra.empty() ? "" : " · ") + CountText((long)s.rejected, Msg::SyncRejectedOne, Msg::SyncRejectedMany);
  if (!extra.empty()) summary += " · " + extra;
  const unsigned int color = error || s.rejected > 0 ? theme::ColDanger()
                           : s.conflicts > 0 ? theme::ColDanger() : ImGui::GetColorU32(ImGuiCol_Text);

  const float target = app.device.touch ? theme::kTouchTarget : ImGui::GetFrameHeight();
  const ImGuiStyle& st = ImGui::GetStyle();
  const char* now_label = T(Msg::SyncNow);
  const float button_w = ImGui::CalcTextSize(now_label).x + st.FramePadding.x * 2;
  if (compact) {
    // Phone: a strip of its own, summary on the left, the button on the right.
    const float h = target + 8;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.97f, 0.97f, 0.98f, 1));
    ImGui::BeginChild("##syncstrip", ImVec2(0, h), ImGuiChildFlags_None, ImGuiWindowFlags_NoScrollbar);
    const float w = ImGui::GetWindowWidth();
    ImGui::SetCursorPos(ImVec2(8, 4));
    if (TextLink(summary, color, target, w - button_w - 32)) Navigate(app, Screen::Conflicts);
    ImGui::SetCursorPos(ImVec2(w - button_w - 12, (h - ImGui::GetFrameHeight()) * 0.5f));
    if (ui::Button(now_label)) RequestSync(app);
    ImVec2 p = ImGui::GetWindowPos();
    ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x, p.y + h - 1), ImVec2(p.x + w, p.y + h - 1),
                                        ImGui::GetColorU32(ImGuiCol_Border));
    ImGui::EndChild();
    ImGui::PopStyleColor();
    return;
  }
  // Top bar: right-aligned after the title.
  ImGui::SameLine();
  const float bar_w = ImGui::GetWindowWidth(), bar_h = ImGui::GetWindowHeight();
  const float left = ImGui::GetCursorPosX() + 12;
  const float avail = bar_w - left - button_w - 28;
  float text_w = ImGui::CalcTextSize(summary.c_str()).x + 16;
  if (text_w > avail) text_w = avail;
  ImGui::SetCursorPos(ImVec2(bar_w - 16 - button_w - 8 - text_w, (bar_h - target) * 0.5f));
  if (TextLink(summary, color, target, text_w)) Navigate(app, Screen::Conflicts);
  ImGui::SameLine(0, 8);
  ImGui::SetCursorPosY((bar_h - ImGui::GetFrameHeight()) * 0.5f);
  if (ui::Button(now_label)) RequestSync(app);
}

}  // namespace relais
