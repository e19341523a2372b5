// The University: the catalogue (search, theme, step of the path, the
// elected officials' track) and, one tap away, the agenda of upcoming
// sessions. Everything is read from the device: it works offline.
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

struct CatalogueState {
  bool agenda = false;
  CourseFilter filter;
  int theme_index = 0, step_index = 0;
  // Cache, valid for (store, data version, filter, agenda).
  Store* store = nullptr;
  int64_t version = -1;
  CourseFilter cached;
  bool cached_agenda = false;
  std::vector<std::string> themes;
  std::vector<CourseLine> courses;
  std::vector<SessionLine> sessions;
  std::string error;
};
CatalogueState g_cat;

Msg StepName(CourseStep s) {
  switch (s) {
    case CourseStep::Discovery: return Msg::UniStepDiscovery;
    case CourseStep::Workshop: return Msg::UniStepWorkshop;
    case CourseStep::SpecialisedWorkshop: return Msg::UniStepSpecialised;
    case CourseStep::StudyVisit: return Msg::UniStepStudyVisit;
  }
  return Msg::UniStepDiscovery;
}

void Refresh(AppState& app) {
  CatalogueState& s = g_cat;
  int64_t version = DataVersion(*app.store);
  if (s.store == app.store && s.version == version && s.cached == s.filter && s.cached_agenda == s.agenda) return;
  s.store = app.store;
  s.cached = s.filter;
  s.cached_agenda = s.agenda;
  s.error.clear();
  try {
    NoteRegistrationStatuses(*app.store);
    s.themes = CourseThemes(*app.store);
    if (s.agenda) s.sessions = AgendaLines(*app.store, NowMs(), app.session.member_id);
    else s.courses = QueryCourses(*app.store, s.filter, NowMs());
  } catch (const std::exception& e) {
    s.error = e.what();
  }
  // The search index catching up is a write, not a change of the data.
  s.version = DataVersion(*app.store);
}

void DrawFilters() {
  CatalogueState& s = g_cat;
  ui::TextFieldOptions opt;
  opt.hint = T(Msg::UniSearchHint);
  ui::TextField(T(Msg::UniSearch), &s.filter.text, opt);
  std::vector<std::string> themes = {T(Msg::UniAllThemes)};
  themes.insert(themes.end(), s.themes.begin(), s.themes.end());
  if (s.theme_index >= (int)themes.size()) s.theme_index = 0;
  int t = ui::Picker(T(Msg::UniTheme), s.theme_index, themes, 0);
  if (t >= 0) {
    s.theme_index = t;
    s.filter.theme = t == 0 ? "" : themes[(size_t)t];
  }
  // The path from discovery to study visits, then the elected officials' track.
  std::vector<std::string> steps = {T(Msg::UniAllLevels)};
  for (CourseStep c : {CourseStep::Discovery, CourseStep::Workshop, CourseStep::SpecialisedWorkshop,
                       CourseStep::StudyVisit})
    steps.push_back(T(StepName(c)));
  steps.push_back(T(Msg::UniElectedTrack));
  int l = ui::Picker(T(Msg::UniLevel), s.step_index, steps, 0);
  if (l >= 0) {
    s.step_index = l;
    s.filter.step.reset();
    s.filter.elected = l == (int)steps.size() - 1;
    if (l >= 1 && l <= 4) s.filter.step = static_cast<CourseStep>(l - 1);
  }
}

void DrawCourses(AppState& app) {
  CatalogueState& s = g_cat;
  std::string count = std::to_string(s.courses.size()) + " " +
                      T(s.courses.size() == 1 ? Msg::UniCourseOne : Msg::UniCourseMany);
  ui::Muted(count.c_str());
  for (const CourseLine& c : s.courses) {
    ImGui::PushID(c.course.id.c_str());
    ImGui::Separator();
    ImGui::PushFont(theme::GetFonts().bold);
    ui::Paragraph(c.course.title.c_str());
    ImGui::PopFont();
    std::string meta = c.course.theme + " \xC2\xB7 " + T(StepName(StepOf(c.course)));
    if (InElectedTrack(c.course)) meta += std::string(" \xC2\xB7 ") + T(Msg::UniElectedTrack);
    ui::Muted(meta.c_str());
    ui::Muted(c.next_start ? LabelValue(Msg::UniNextSession, SessionDay(c.next_start, app.lang)).c_str()
                           : T(Msg::UniNoUpcoming));
    std::string name = LabelValue(Msg::UniOpenCourse, c.course.title);
    mirror::SetNextName(name.c_str());
    if (ui::Button(T(Msg::UniOpenCourse))) Navigate(app, Screen::Course, Route{c.course.id, ""});
    ImGui::PopID();
  }
}

void DrawAgenda(AppState& app) {
  CatalogueState& s = g_cat;
  if (s.sessions.empty()) ui::Muted(T(Msg::UniNoUpcoming));
  ui::SessionCardOptions o;
  o.show_course = true;
  for (const SessionLine& l : s.sessions)
    if (ui::SessionCard(app, l, o, &s.error)) break;  // the lines change with the data
}

}  // namespace

void DrawUniversity(AppState& app) {
  CatalogueState& s = g_cat;
  // Catalogue | Agenda, as two tabs at the top.
  float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  float h = app.device.touch ? theme::kTouchTarget : 36;
  if (ui::NavTab(T(Msg::UniCatalogue), !s.agenda, ImVec2(w, h), true)) s.agenda = false;
  ImGui::SameLine();
  if (ui::NavTab(T(Msg::UniAgenda), s.agenda, ImVec2(w, h), true)) s.agenda = true;
  if (app.session.role != "trainee" && !app.session.member_id.empty() && ui::Button(T(Msg::NavMySchedule)))
    Navigate(app, Screen::MySchedule);  // trainees have it as a tab
  if (!s.agenda) DrawFilters();
  Refresh(app);
  if (!s.error.empty()) ui::StatusText(s.error.c_str(), theme::ColDanger());
  if (s.agenda) DrawAgenda(app);
  else DrawCourses(app);
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
