// The attendance sheet of one session, for office staff and admins: who
// holds a seat, each with "Présent(e)" / "Absent(e)". Every tap is a local
// write queued for sync, so it works offline in the training room; the
// server accepts attendance from staff only (sync-server/access.cpp).
#include <string>
#include <vector>

#include "imgui.h"
#include "ui/app.h"
#include "ui/companies/advisor_data.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/sync/sync_client.h"
#include "ui/theme.h"
#include "ui/university/university_ui.h"
#include "ui/widgets.h"

namespace relais {

namespace {
struct AttendanceState {
  Store* store = nullptr;
  int64_t version = -1;
  std::string session_id;
  std::optional<SessionLine> line;
  std::vector<Registrant> people;
  std::string error;
};
AttendanceState g_att;
}  // namespace

void DrawAttendance(AppState& app) {
  AttendanceState& s = g_att;
  if (ui::Button(T(Msg::Back))) Navigate(app, Screen::University);
  if (!CanMarkAttendance(app.session)) {
    ui::Muted(T(Msg::UniAttendanceStaffOnly));
    return;
  }
  int64_t version = DataVersion(*app.store);
  if (s.store != app.store || s.version != version || s.session_id != app.route.id) {
    if (s.session_id != app.route.id) s.error.clear();
    s.store = app.store;
    s.session_id = app.route.id;
    s.line = SessionById(*app.store, app.route.id, "");
    s.people = SessionRegistrants(*app.store, app.route.id);
    s.version = DataVersion(*app.store);
  }
  if (!s.line) {
    ui::Muted(T(Msg::UniCourseUnknown));
    return;
  }
  ImGui::PushFont(theme::GetFonts().bold);
  ui::Paragraph(s.line->course_title.c_str());
  ImGui::PopFont();
  ui::Paragraph((SessionDay(s.line->session.starts_at, app.lang) + ", " +
                 SessionHours(s.line->session.starts_at, s.line->session.ends_at, app.lang))
                    .c_str());
  if (!s.error.empty()) ui::StatusText(s.error.c_str(), theme::ColDanger());
  int present = 0;
  for (const Registrant& p : s.people) present += IsPresent(p.reg);
  std::string count = std::to_string(present) + " / " + std::to_string(s.people.size()) + " " +
                      T(present == 1 ? Msg::UniPresentOne : Msg::UniPresentMany);
  ui::Muted(count.c_str());
  if (s.people.empty()) ui::Muted(T(Msg::UniNoRegistrants));
  for (const Registrant& p : s.people) {
    ImGui::PushID(p.reg.id.c_str());
    ImGui::Separator();
    ImGui::PushFont(theme::GetFonts().bold);
    ui::Paragraph(p.name.c_str());
    ImGui::PopFont();
    const bool marked = p.reg.attendance.has_value() || p.reg.status == "attended";
    const bool is_present = IsPresent(p.reg);
    bool set = false, value = false;
    // Two big options per person (radio semantics for screen readers); the
    // accessible names say who.
    std::string yes = LabelValue(Msg::UniPresent, p.name), no = LabelValue(Msg::UniAbsent, p.name);
    float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    for (int option = 0; option < 2; option++) {
      bool chosen = marked && (option == 0) == is_present;
      if (option == 1) ImGui::SameLine();
      mirror::SetNextRole(mirror::Role::Radio);
      mirror::SetNextChecked(chosen);
      mirror::SetNextName(option == 0 ? yes.c_str() : no.c_str());
      const char* label = T(option == 0 ? Msg::UniPresent : Msg::UniAbsent);
      std::string id = std::string(label) + (option == 0 ? "##yes" : "##no");
      bool pressed = chosen ? ui::PrimaryButton(id.c_str(), w) : ui::Button(id.c_str(), w);
      if (pressed && !chosen) set = true, value = option == 0;
    }
    if (set) {
      try {
        Registration r = p.reg;
        MarkAttendance(*app.store, r, value);
        RequestSync(app);
        s.error.clear();
      } catch (const std::exception& e) {
        s.error = std::string(T(Msg::SaveFailed)) + " " + e.what();
      }
      ImGui::PopID();
      break;
    }
    ImGui::PopID();
  }
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
