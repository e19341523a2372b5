// A course, for office staff (/office/universite/cours/<id|new>): its form
// (title, theme, level, length, description) checked field by field before
// anything is written, "Retirer du catalogue" / "Remettre au catalogue", and
// its sessions (date, time, place, trainer, seats confirmed, waiting list)
// with "Nouvelle session". Every save is one local write queued for sync
// (core/model/university_admin.h), so it works offline; the server accepts
// the catalogue from staff only.
#include <cstdio>
#include <string>
#include <vector>

#include "imgui.h"
#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/platform.h"
#include "ui/sync/sync_client.h"
#include "ui/theme.h"
#include "ui/university/admin_ui.h"
#include "ui/university/university_data.h"
#include "ui/widgets.h"

namespace relais {

namespace {

struct CourseEditState {
  // Cache, valid for (store, device, data version, course).
  Store* store = nullptr;
  std::string device, course_id;
  int64_t version = -1;
  std::optional<Course> course;
  std::vector<SessionAdminLine> sessions;
  std::vector<std::string> themes;
  SaveStatus write;
  // The form, filled from the course unless being edited.
  CourseForm form;
  bool dirty = false, tried = false;
  std::vector<FieldIssue> issues;
  std::string error;
  // This session's last write on the course: its save state is said.
  std::string saved_id;
  uint64_t commit = 0;
};
CourseEditState g_edit;

void Refresh(AppState& app) {
  CourseEditState& s = g_edit;
  Store& st = *app.store;
  const int64_t version = DataVersion(st);
  const bool other = s.course_id != app.route.id || s.store != app.store || s.device != st.device_id;
  if (!other && s.version == version) return;
  if (other) {
    ImGui::SetScrollY(0);  // the content pane is shared by every screen: start at the top
    s.dirty = s.tried = false;
    s.issues.clear();
    s.error.clear();
    s.form = CourseForm();
    if (s.saved_id != app.route.id) s.commit = 0;
  }
  s.store = app.store;
  s.device = st.device_id;
  s.course_id = app.route.id;
  s.version = version;
  s.themes = CourseThemes(st);
  s.course.reset();
  s.sessions.clear();
  if (!s.course_id.empty()) {
    std::optional<Course> c = Get<Course>(st, s.course_id);
    if (c && !c->deleted()) s.course = c;
    s.sessions = CourseSessionsAdmin(st, s.course_id);
    s.write = RowSaveState(st, "courses", s.course_id);
  }
  // A sync brought a colleague's change: the form follows unless being edited.
  if (s.course && !s.dirty) s.form = FormOf(*s.course);
}

std::string Printf(Msg m, int a, int b = 0) {
  char buf[200];
  std::snprintf(buf, sizeof buf, T(m), a, b);
  return buf;
}

void DrawLevelChoice() {
  CourseEditState& s = g_edit;
  ImGui::TextUnformatted(T(Msg::UaLevel));
  mirror::AddText(T(Msg::UaLevel));
  bool first = true;
  for (const std::string& level : ui::CourseLevels()) {
    const char* label = ui::LevelName(level);
    if (!first) ui::SameLineIfFits(label);
    first = false;
    const bool on = s.form.level == level;
    mirror::SetNextRole(mirror::Role::Radio);
    mirror::SetNextChecked(on);
    mirror::SetNextName(label);
    if (on ? ui::PrimaryButton(label) : ui::Button(label)) {
      s.form.level = level;
      s.dirty = true;
    }
  }
}

void Save(AppState& app) {
  CourseEditState& s = g_edit;
  s.tried = true;
  s.error.clear();
  s.issues = CheckCourseForm(s.form);
  if (!s.issues.empty()) return;
  try {
    Course c = SaveCourse(*app.store, s.course_id, s.form);
    s.saved_id = c.id;
    s.commit = platform::LastCommit();
    s.dirty = s.tried = false;
    RequestSync(app);
    if (s.course_id.empty()) Navigate(app, Screen::CourseEdit, Route{c.id, ""});  // now its sessions can follow
    s.version = -1;
  } catch (const std::exception& e) {
    s.error = std::string(T(Msg::SaveFailed)) + " " + e.what();
  }
}

void DrawForm(AppState& app) {
  CourseEditState& s = g_edit;
  const std::vector<FieldIssue> none;
  const std::vector<FieldIssue>& issues = s.tried ? s.issues : none;
  if (ui::TextField(T(Msg::UaTitle), &s.form.title)) s.dirty = true;
  ui::FieldProblem(issues, "title");
  std::string themes;
  for (const std::string& t : s.themes) themes += (themes.empty() ? "" : ", ") + t;
  char help[1024];
  std::snprintf(help, sizeof help, T(Msg::UaThemeHelp), themes.empty() ? "\xE2\x80\x93" : themes.c_str());
  ui::TextFieldOptions theme_opt;
  theme_opt.help = help;
  if (ui::TextField(T(Msg::UaTheme), &s.form.theme, theme_opt)) s.dirty = true;
  ui::FieldProblem(issues, "theme");
  DrawLevelChoice();
  ui::FieldProblem(issues, "level");
  ui::TextFieldOptions dur;
  dur.help = T(Msg::UaDurationHelp);
  if (ui::TextField(T(Msg::UaDuration), &s.form.duration, dur)) s.dirty = true;
  ui::FieldProblem(issues, "duration");
  ui::TextFieldOptions desc;
  desc.multiline = true;
  desc.height = ImGui::GetTextLineHeight() * 5 + ImGui::GetStyle().FramePadding.y * 2;
  if (ui::TextField(T(Msg::UaDescription), &s.form.description, desc)) s.dirty = true;
  ui::FieldProblem(issues, "description");

  if (s.tried && !s.issues.empty()) ui::StatusText(T(Msg::UaFixErrors), theme::ColDanger());
  if (!s.error.empty()) ui::StatusText(s.error.c_str(), theme::ColDanger());
  if (ui::PrimaryButton(T(s.course_id.empty() ? Msg::UaCreateCourse : Msg::UaSaveCourse))) Save(app);
  if (!s.dirty && s.saved_id == s.course_id) ui::WriteState(s.write, s.commit, Msg::UaCourseSaved);
}

void DrawActive(AppState& app) {
  CourseEditState& s = g_edit;
  const Course& c = *s.course;
  ImGui::Dummy(ImVec2(0, 4));
  if (ui::Button(T(c.active ? Msg::UaWithdraw : Msg::UaRestore))) {
    try {
      SetCourseActive(*app.store, c.id, !c.active);
      s.saved_id = c.id;
      s.commit = platform::LastCommit();
      RequestSync(app);
      s.version = -1;
    } catch (const std::exception& e) {
      s.error = std::string(T(Msg::SaveFailed)) + " " + e.what();
    }
  }
  ui::Muted(T(Msg::UaWithdrawHelp));
}

void DrawSession(AppState& app, const SessionAdminLine& l) {
  const CourseSession& ss = l.session;
  ImGui::PushID(ss.id.c_str());
  ImGui::Separator();
  const std::string day = SessionDay(ss.starts_at, app.lang);
  ImGui::PushFont(theme::GetFonts().bold);
  ui::Paragraph((day + ", " + SessionHours(ss.starts_at, ss.ends_at, app.lang)).c_str());
  ImGui::PopFont();
  std::string where = ss.place;
  if (!ss.trainer.empty()) where += (where.empty() ? "" : " \xC2\xB7 ") + ss.trainer;
  if (!where.empty()) ui::Muted(where.c_str());
  std::string counts = Printf(Msg::UaSessionCounts, l.confirmed, ss.seats);
  if (l.waitlisted > 0) counts += " \xC2\xB7 " + Printf(Msg::UaWaitingCount, l.waitlisted);
  if (l.pending > 0) counts += " \xC2\xB7 " + Printf(Msg::UaPendingCount, l.pending);
  ui::Paragraph(counts.c_str());
  const std::string name = LabelValue(Msg::UaOpenSession, day);
  mirror::SetNextName(name.c_str());
  if (ui::Button(T(Msg::UaOpenSession))) Navigate(app, Screen::SessionAdmin, Route{ss.id, ""});
  ImGui::PopID();
}

void DrawSessions(AppState& app) {
  CourseEditState& s = g_edit;
  ImGui::Dummy(ImVec2(0, 8));
  ui::AdminHeading(T(Msg::UaSessions));
  if (ui::PrimaryButton(T(Msg::UaNewSession))) Navigate(app, Screen::SessionAdmin, Route{"", s.course_id});
  // Upcoming first (soonest on top), then the past ones, latest first.
  const int64_t now = NowMs();
  bool upcoming = false;
  for (const SessionAdminLine& l : s.sessions)
    if (l.session.ends_at >= now) DrawSession(app, l), upcoming = true;
  if (s.sessions.empty()) ui::Muted(T(Msg::UaNoSession));
  else if (!upcoming) ui::Muted(T(Msg::UaNoUpcoming));
  bool past_title = false;
  for (auto it = s.sessions.rbegin(); it != s.sessions.rend(); ++it) {
    if (it->session.ends_at >= now) continue;
    if (!past_title) {
      ImGui::Dummy(ImVec2(0, 6));
      ui::AdminHeading(T(Msg::UaPastSessions));
      past_title = true;
    }
    DrawSession(app, *it);
  }
}

}  // namespace

void DrawCourseEdit(AppState& app) {
  CourseEditState& s = g_edit;
  if (!app.store) return;
  if (ui::Button(T(Msg::UaAllCourses))) {
    Navigate(app, Screen::UniversityAdmin);
    return;
  }
  Refresh(app);
  if (!s.course_id.empty() && !s.course) {
    ui::Muted(T(Msg::UaCourseUnknown));
    return;
  }
  const std::string title = s.course ? s.course->title : T(Msg::UaNewCourseTitle);
  ImGui::PushFont(theme::GetFonts().title);
  ui::Paragraph(title.c_str());
  ImGui::PopFont();
  if (s.course)
    ui::StatusText(T(s.course->active ? Msg::UaInCatalogue : Msg::UaWithdrawn),
                   s.course->active ? theme::ColSuccess() : theme::ColDanger());
  DrawForm(app);
  if (s.course) {
    DrawActive(app);
    DrawSessions(app);
  } else {
    ui::Muted(T(Msg::UaSaveFirst));
  }
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
