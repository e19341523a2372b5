// A course: what it is, and its sessions (date and time in Paris, place,
// trainer, seats left as last synced), each with register / cancel and its
// .ics. Upcoming sessions first; past ones below (feedback, attendance).
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
struct CourseState {
  Store* store = nullptr;
  int64_t version = -1;
  std::string course_id, member_id;
  std::optional<Course> course;
  std::vector<SessionLine> sessions;
  std::string error;
};
CourseState g_course;
}  // namespace

void DrawCourse(AppState& app) {
  CourseState& s = g_course;
  int64_t version = DataVersion(*app.store);
  if (s.store != app.store || s.version != version || s.course_id != app.route.id ||
      s.member_id != app.session.member_id) {
    if (s.course_id != app.route.id) s.error.clear();
    s.store = app.store;
    s.course_id = app.route.id;
    s.member_id = app.session.member_id;
    NoteRegistrationStatuses(*app.store);
    s.course = Get<Course>(*app.store, app.route.id);
    s.sessions = CourseSessionLines(*app.store, app.route.id, app.session.member_id);
    s.version = DataVersion(*app.store);
  }
  if (ui::Button(T(Msg::Back))) Navigate(app, Screen::University);
  if (!s.course || s.course->deleted()) {
    ui::Muted(T(Msg::UniCourseUnknown));
    return;
  }
  ImGui::PushFont(theme::GetFonts().bold);
  ui::Paragraph(s.course->title.c_str());
  ImGui::PopFont();
  // "3 h 30", "7 h" (no-break spaces, as French writes durations).
  const int minutes = s.course->duration_minutes;
  std::string duration = std::to_string(minutes / 60) + "\xC2\xA0h";
  if (minutes % 60) duration += "\xC2\xA0" + std::string(minutes % 60 < 10 ? "0" : "") + std::to_string(minutes % 60);
  ui::Muted((s.course->theme + " \xC2\xB7 " + duration).c_str());
  // Withdrawn by the staff: reached from a schedule or an old link only.
  if (!s.course->active) ui::StatusText(T(Msg::UaWithdrawn), theme::ColDanger());
  if (CanMarkAttendance(app.session)) {  // office staff: to the course's management
    const std::string manage = LabelValue(Msg::UaOpenCourse, s.course->title);
    mirror::SetNextName(manage.c_str());
    if (ui::Button(T(Msg::UaOpenCourse))) Navigate(app, Screen::CourseEdit, Route{s.course->id, ""});
  }
  if (!s.course->description.empty()) ui::Paragraph(s.course->description.c_str());
  if (!s.error.empty()) ui::StatusText(s.error.c_str(), theme::ColDanger());

  const int64_t now = NowMs();
  ui::SectionTitle(T(Msg::UniUpcomingSessions));
  bool any = false;
  for (const SessionLine& l : s.sessions) {
    if (l.session.ends_at < now) continue;
    any = true;
    if (ui::SessionCard(app, l, {}, &s.error)) break;
  }
  if (!any) ui::Muted(T(Msg::UniNoUpcoming));
  bool past_title = false;
  for (auto it = s.sessions.rbegin(); it != s.sessions.rend(); ++it) {
    if (it->session.ends_at >= now) continue;
    if (!past_title) ui::SectionTitle(T(Msg::UniPastSessions));
    past_title = true;
    if (ui::SessionCard(app, *it, {}, &s.error)) break;
  }
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
