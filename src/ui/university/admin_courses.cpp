// University management (/office/universite), for office staff: every
// course, in the catalogue or withdrawn, with a search and filters by theme,
// level and status; each with its upcoming sessions, the seats filled in them
// and who waits. Read from the device (staff devices hold every
// registration), so it works offline. "Nouvelle formation" opens the form.
#include <cstdio>
#include <string>
#include <vector>

#include "imgui.h"
#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/sync/sync_client.h"
#include "ui/theme.h"
#include "ui/university/admin_ui.h"
#include "ui/university/university_data.h"
#include "ui/widgets.h"

namespace relais {

namespace {

struct AdminListState {
  CourseAdminFilter filter;
  int theme_index = 0, level_index = 0, status_index = 0;
  // Cache, valid for (store, device, data version, filter).
  Store* store = nullptr;
  std::string device;
  int64_t version = -1;
  CourseAdminFilter cached;
  std::vector<std::string> themes;
  std::vector<CourseAdminLine> lines;
  int withdrawn = 0;
  std::string error;
};
AdminListState g_list;

bool Same(const CourseAdminFilter& a, const CourseAdminFilter& b) {
  return a.text == b.text && a.theme == b.theme && a.level == b.level && a.status == b.status;
}

void Refresh(AppState& app) {
  AdminListState& s = g_list;
  const int64_t version = DataVersion(*app.store);
  if (s.store == app.store && s.device == app.store->device_id && s.version == version && Same(s.cached, s.filter))
    return;
  s.store = app.store;
  s.device = app.store->device_id;
  s.version = version;
  s.cached = s.filter;
  s.error.clear();
  try {
    s.themes = CourseThemes(*app.store);
    s.lines = ListCoursesAdmin(*app.store, s.filter, NowMs());
    s.withdrawn = 0;
    for (const CourseAdminLine& l : s.lines) s.withdrawn += !l.course.active;
  } catch (const std::exception& e) {
    s.error = e.what();
  }
}

// Three pickers on one line on wide screens, one under the other on phones.
void DrawFilters(AppState& app) {
  AdminListState& s = g_list;
  ui::TextFieldOptions opt;
  opt.hint = T(Msg::UaSearchHint);
  ui::TextField(T(Msg::UaSearch), &s.filter.text, opt);

  // In a table, so the three labels and buttons line up (groups on one line do not).
  const bool row = !app.device.Compact() && ImGui::BeginTable("##filters", 3, ImGuiTableFlags_SizingStretchSame);
  const float w = 0;  // the cell's (or the line's) width
  auto cell = [&] {
    if (row) ImGui::TableNextColumn();
  };

  std::vector<std::string> themes = {T(Msg::UaAllThemes)};
  themes.insert(themes.end(), s.themes.begin(), s.themes.end());
  if (s.theme_index >= (int)themes.size()) s.theme_index = 0;
  cell();
  int t = ui::Picker(T(Msg::UaTheme), s.theme_index, themes, w);
  if (t >= 0) {
    s.theme_index = t;
    s.filter.theme = t == 0 ? "" : themes[(size_t)t];
  }

  std::vector<std::string> levels = {T(Msg::UaAllLevels)};
  for (const std::string& l : ui::CourseLevels()) levels.push_back(ui::LevelName(l));
  cell();
  int l = ui::Picker(T(Msg::UaLevel), s.level_index, levels, w);
  if (l >= 0) {
    s.level_index = l;
    s.filter.level = l == 0 ? "" : ui::CourseLevels()[(size_t)l - 1];
  }

  const std::vector<std::string> statuses = {T(Msg::UaAllStatuses), T(Msg::UaActiveOnly), T(Msg::UaWithdrawnOnly)};
  cell();
  int st = ui::Picker(T(Msg::UaStatus), s.status_index, statuses, w);
  if (st >= 0) {
    s.status_index = st;
    s.filter.status = static_cast<CourseAdminFilter::Status>(st);
  }
  if (row) ImGui::EndTable();
}

std::string Printf(Msg m, int a, int b = 0) {
  char buf[160];
  std::snprintf(buf, sizeof buf, T(m), a, b);
  return buf;
}

void DrawLine(AppState& app, const CourseAdminLine& l) {
  const Course& c = l.course;
  ImGui::PushID(c.id.c_str());
  ImGui::Separator();
  ImGui::PushFont(theme::GetFonts().bold);
  ui::Paragraph(c.title.c_str());
  ImGui::PopFont();
  std::string meta = c.theme + " \xC2\xB7 " + ui::LevelName(c.level) + " \xC2\xB7 " +
                     FormatDurationMinutes(c.duration_minutes);
  ui::Muted(meta.c_str());
  if (!c.active) ui::StatusText(T(Msg::UaWithdrawn), theme::ColDanger());
  if (l.upcoming == 0) {
    ui::Muted(T(Msg::UaNoUpcoming));
  } else {
    std::string counts = l.upcoming == 1 ? T(Msg::UaUpcomingOne) : Printf(Msg::UaUpcomingMany, l.upcoming);
    counts += " \xC2\xB7 " + Printf(Msg::UaSeatsFilled, l.filled, l.seats);
    if (l.waitlisted > 0) counts += " \xC2\xB7 " + Printf(Msg::UaWaitingCount, l.waitlisted);
    counts += " \xC2\xB7 " + LabelValue(Msg::UaNext, SessionDay(l.next_start, app.lang));
    ui::Paragraph(counts.c_str());
  }
  const std::string name = LabelValue(Msg::UaOpenCourse, c.title);
  mirror::SetNextName(name.c_str());
  if (ui::Button(T(Msg::UaOpenCourse))) Navigate(app, Screen::CourseEdit, Route{c.id, ""});
  ImGui::PopID();
}

}  // namespace

void DrawUniversityAdmin(AppState& app) {
  AdminListState& s = g_list;
  if (!app.store) return;
  if (ui::PrimaryButton(T(Msg::UaNewCourse))) Navigate(app, Screen::CourseEdit, Route{});
  DrawFilters(app);
  Refresh(app);
  if (!s.error.empty()) ui::StatusText(s.error.c_str(), theme::ColDanger());
  std::string count = Printf(s.lines.size() == 1 ? Msg::UaCountOne : Msg::UaCountMany, (int)s.lines.size());
  if (s.withdrawn > 0) count += ", " + Printf(Msg::UaWithdrawnCount, s.withdrawn);
  ui::Muted(count.c_str());
  if (s.lines.empty()) ui::Muted(T(Msg::UaNone));
  // Every row (80 courses in the demo): frames are drawn only on input.
  for (const CourseAdminLine& l : s.lines) DrawLine(app, l);
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
