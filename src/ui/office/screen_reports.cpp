// Activity reports for office staff (/office/reports): one filter (a period,
// an office, an organisation) over the network's figures computed on the
// device (core/reports), shown as key figures, bar charts with their exact
// values and tables, in four tabs (follow-up, University, diagnoses,
// referrals); each table exports as a CSV a French spreadsheet opens as is.
// The report is computed once per (filter, data version, language) and kept:
// a frame only draws.
#include <string>
#include <vector>

#include "core/reports/csv.h"
#include "core/reports/report.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/app.h"
#include "ui/companies/advisor_data.h"
#include "ui/diagnosis/diagnosis_data.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/office/office_ui.h"
#include "ui/office/report_view.h"
#include "ui/platform.h"
#include "ui/sync/sync_client.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {

using reports::Period;

struct ReportsState {
  bool ready = false;
  Period period = Period::Last12Months;
  reports::Filter filter;  // what the report is computed for
  std::string from_text, to_text, date_error;
  int tab = 0;
  // Cache, valid for (store, device, data version, filter, language).
  Store* store = nullptr;
  std::string device;
  int64_t version = -1;
  reports::Filter cached;
  Lang lang = Lang::Fr;
  reports::Report report;
  ReportView view;
  std::vector<std::pair<std::string, std::string>> offices, organisations;  // id, name
  std::string error;
  std::string exported_slug, exported_name;  // the last CSV made, said under its button
};
ReportsState g_rep;

std::string Colon(const std::string& label, const std::string& value) {
  return label + (CurrentLang() == Lang::Fr ? "\xC2\xA0: " : ": ") + value;
}

std::string Number(double v, int decimals = 0) { return FormatNumber(v, decimals, CurrentLang()); }

// A diagnosis theme's label from the built-in questionnaires (the latest
// version that has it); the id when none does.
std::string ThemeLabel(const std::string& template_id, const std::string& theme_id) {
  const diagnosis::Template* best = nullptr;
  std::string label;
  for (const diagnosis::Template& t : BuiltInTemplates())
    if (t.id == template_id && (!best || t.version > best->version))
      for (const diagnosis::Theme& th : t.themes)
        if (th.id == theme_id) best = &t, label = th.label;
  return best ? label : theme_id;
}

void SetPeriod(AppState& app, Period p) {
  ReportsState& s = g_rep;
  s.period = p;
  if (p != Period::Custom) {
    reports::Filter range = reports::PeriodRange(p, TodayIso(*app.store));
    s.filter.from = range.from;
    s.filter.to = range.to;
  }
  s.from_text = ShortDate(s.filter.from);
  s.to_text = ShortDate(s.filter.to);
  s.date_error.clear();
}

void Refresh(AppState& app) {
  ReportsState& s = g_rep;
  if (!s.ready || s.store != app.store || s.device != app.store->device_id) {
    s = ReportsState();
    s.store = app.store;
    s.device = app.store->device_id;
    s.ready = true;
    SetPeriod(app, Period::Last12Months);
  }
  const int64_t version = DataVersion(*app.store);
  if (s.version == version && s.cached == s.filter && s.lang == app.lang) return;
  s.version = version;
  s.cached = s.filter;
  s.lang = app.lang;
  s.error.clear();
  try {
    auto names = [&](const char* table, std::vector<std::pair<std::string, std::string>>* out) {
      out->clear();
      Stmt q = app.store->db.Prepare(std::string("SELECT id, name FROM ") + table +
                                     " WHERE deleted_hlc IS NULL ORDER BY name, id");
      while (q.Step()) out->emplace_back(q.Text(0), q.Text(1));
    };
    names("offices", &s.offices);
    names("organisations", &s.organisations);
    s.report = reports::ComputeReport(*app.store, s.filter, app.store->now_ms());
    s.view = BuildReportView(s.report, app.lang, ThemeLabel);
  } catch (const std::exception& e) {
    s.error = std::string(T(Msg::SaveFailed)) + " " + e.what();
    s.report = reports::Report();
    s.view = ReportView();
  }
}

// A period preset: a toggle button, mirrored as a radio.
void PeriodChip(AppState& app, Period p, Msg label, bool first) {
  ReportsState& s = g_rep;
  if (!first) ui::SameLineIfFits(T(label));
  const bool on = s.period == p;
  mirror::SetNextRole(mirror::Role::Radio);
  mirror::SetNextChecked(on);
  mirror::SetNextName(T(label));
  if (on ? ui::PrimaryButton(T(label)) : ui::Button(T(label))) {
    if (p == Period::Custom)
      s.period = Period::Custom;
    else
      SetPeriod(app, p);
  }
}

// A date field: a valid date applies at once; "" leaves that side open.
void DateField(Msg label, std::string* text, std::string* iso) {
  ReportsState& s = g_rep;
  if (!ui::TextField(T(label), text)) return;
  std::optional<std::string> d = ParseUserDate(*text);
  if (!d) {
    s.date_error = T(Msg::RepBadDate);
    return;
  }
  s.date_error.clear();
  *iso = *d;
  s.period = Period::Custom;
}

void DrawFilters(AppState& app) {
  ReportsState& s = g_rep;
  const bool compact = app.device.Compact();
  ImGui::TextUnformatted(T(Msg::RepPeriod));
  mirror::AddText(T(Msg::RepPeriod));
  const std::pair<Period, Msg> presets[] = {{Period::Last12Months, Msg::RepLast12Months},
                                            {Period::ThisMonth, Msg::RepThisMonth},
                                            {Period::LastMonth, Msg::RepLastMonth},
                                            {Period::ThisYear, Msg::RepThisYear},
                                            {Period::LastYear, Msg::RepLastYear},
                                            {Period::All, Msg::RepAllTime},
                                            {Period::Custom, Msg::RepCustom}};
  for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++)
    PeriodChip(app, presets[i].first, presets[i].second, i == 0);

  std::vector<std::string> offices = {T(Msg::AnyOffice)}, organisations = {T(Msg::RepAnyOrganisation)};
  int office = 0, organisation = 0;
  for (size_t i = 0; i < s.offices.size(); i++) {
    offices.push_back(s.offices[i].second);
    if (s.offices[i].first == s.filter.office_id) office = (int)i + 1;
  }
  for (size_t i = 0; i < s.organisations.size(); i++) {
    organisations.push_back(s.organisations[i].second);
    if (s.organisations[i].first == s.filter.organisation_id) organisation = (int)i + 1;
  }
  auto pick_office = [&](float w) {
    int c = ui::Picker(T(Msg::RepOffice), office, offices, w);
    if (c >= 0) s.filter.office_id = c == 0 ? "" : s.offices[(size_t)c - 1].first;
  };
  auto pick_organisation = [&](float w) {
    int c = ui::Picker(T(Msg::RepOrganisation), organisation, organisations, w);
    if (c >= 0) s.filter.organisation_id = c == 0 ? "" : s.organisations[(size_t)c - 1].first;
  };
  if (compact) {
    DateField(Msg::RepFrom, &s.from_text, &s.filter.from);
    DateField(Msg::RepTo, &s.to_text, &s.filter.to);
    if (!s.date_error.empty()) ui::StatusText(s.date_error.c_str(), theme::ColDanger());
    pick_office(-FLT_MIN);
    pick_organisation(-FLT_MIN);
  } else if (ImGui::BeginTable("##filters", 2, ImGuiTableFlags_SizingStretchSame)) {
    // Each cell's label on the same line as its neighbour's: a table row
    // otherwise lowers text that follows a field to the field's text line.
    auto cell = [] {
      ImGui::TableNextColumn();
      ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset = 0;
    };
    cell();
    DateField(Msg::RepFrom, &s.from_text, &s.filter.from);
    cell();
    DateField(Msg::RepTo, &s.to_text, &s.filter.to);
    cell();
    pick_office(ImGui::GetContentRegionAvail().x);
    cell();
    pick_organisation(ImGui::GetContentRegionAvail().x);
    ImGui::EndTable();
    if (!s.date_error.empty()) ui::StatusText(s.date_error.c_str(), theme::ColDanger());
  }
  if (!s.filter.from.empty() && !s.filter.to.empty() && s.filter.from > s.filter.to)
    ui::StatusText(T(Msg::RepFromAfterTo), theme::ColDanger());
}

// The period in words, and where the figures come from.
void DrawScope() {
  const reports::Filter& f = g_rep.report.filter;
  std::string period;
  if (f.from.empty() && f.to.empty()) {
    period = T(Msg::RepPeriodAll);
  } else {
    char buf[160];
    std::snprintf(buf, sizeof buf, T(Msg::RepPeriodRange), f.from.empty() ? "…" : ShortDate(f.from).c_str(),
                  f.to.empty() ? "…" : ShortDate(f.to).c_str());
    period = buf;
  }
  ui::Muted((period + ". " + T(Msg::RepScope)).c_str());
}

void DrawKeyFigures(AppState& app) {
  const reports::Report& r = g_rep.report;
  const std::pair<Msg, double> keys[] = {
      {Msg::RepKeyCompanies, r.totals.companies}, {Msg::RepKeyInteractions, r.totals.interactions},
      {Msg::RepKeyServices, r.totals.services},   {Msg::RepKeyRegistrations, r.university_total.registrations},
      {Msg::RepKeyDiagnoses, r.diagnoses},        {Msg::RepKeyReferrals, r.referrals.total},
  };
  const int cols = app.device.Compact() ? 2 : 3;
  if (!ImGui::BeginTable("##keys", cols, ImGuiTableFlags_SizingStretchSame)) return;
  for (const auto& k : keys) {
    ImGui::TableNextColumn();
    const std::string value = Number(k.second);
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(0, 2));
    ImGui::Indent(10);
    ImGui::PushFont(theme::GetFonts().title);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::ColPrimary()));
    ImGui::TextUnformatted(value.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    mirror::AddText(Colon(T(k.first), value));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::ColMuted()));
    ImGui::TextWrapped("%s", T(k.first));
    ImGui::PopStyleColor();
    ImGui::Unindent(10);
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + 3, ImGui::GetItemRectMax().y), theme::ColPrimary(), 1);
  }
  ImGui::EndTable();
}

void DrawTabs(AppState& app) {
  ReportsState& s = g_rep;
  const Msg tabs[] = {Msg::RepTabActivity, Msg::RepTabUniversity, Msg::RepTabDiagnosis, Msg::RepTabReferrals};
  const int per_row = app.device.Compact() ? 2 : 4;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float w = (ImGui::GetContentRegionAvail().x - spacing * (float)(per_row - 1)) / (float)per_row;
  // A segmented choice, mirrored as radios: the app's navigation already has
  // tabs named "Université" and "Orientations".
  for (int i = 0; i < 4; i++) {
    if (i % per_row) ImGui::SameLine();
    const bool on = s.tab == i;
    mirror::SetNextRole(mirror::Role::Radio);
    mirror::SetNextChecked(on);
    mirror::SetNextName(T(tabs[i]));
    const std::string id = std::string(T(tabs[i])) + "##part";
    if (on ? ui::PrimaryButton(id.c_str(), w) : ui::Button(id.c_str(), w)) s.tab = i;
  }
}

void ExportButton(const ReportSection& sec) {
  ReportsState& s = g_rep;
  if (sec.table.rows.empty()) return;
  const std::string name = Colon(T(Msg::RepExportCsv), sec.table.title);
  ImGui::PushID(sec.slug.c_str());
  mirror::SetNextName(name.c_str());
  if (ui::Button(T(Msg::RepExportCsv))) {
    s.exported_slug = sec.slug;
    s.exported_name = CsvFileName(sec, s.report.filter);
    platform::DownloadFile(s.exported_name, reports::kCsvMimeType, reports::ToCsv(sec.table));
  }
  ImGui::PopID();
  if (s.exported_slug == sec.slug)
    ui::StatusText(LabelValue(Msg::RepExported, s.exported_name).c_str(), theme::ColSuccess());
}

// A section: its title, a chart (drawn by the caller), the table, the export.
void Section(AppState& app, const ReportSection& sec, const std::vector<ui::ChartBar>& bars, double max_value,
             const std::vector<unsigned>& colours, const char* chart_note = nullptr) {
  ImGui::Dummy(ImVec2(0, 8));
  ui::SectionTitle(sec.table.title.c_str());
  mirror::AddText(sec.table.title);
  if (!bars.empty()) {
    if (chart_note) ui::Muted(chart_note);
    ui::BarChart(sec.slug.c_str(), bars, max_value, colours);
    ImGui::Dummy(ImVec2(0, 4));
  }
  ui::ReportTableView(sec, app.device.Compact());
  ExportButton(sec);
}

std::vector<ui::ChartBar> ActivityBars(const ReportSection& sec, size_t value_col, size_t limit = 1000) {
  std::vector<ui::ChartBar> bars;
  const Lang lang = CurrentLang();
  for (size_t r = 0; r < sec.table.rows.size() && bars.size() < limit; r++) {
    if (sec.total[r]) continue;
    const reports::Cell& c = sec.table.rows[r][value_col];
    bars.push_back({reports::CellDisplay(sec.table.rows[r][0], lang), {c.number}, reports::CellDisplay(c, lang)});
  }
  return bars;
}

void DrawActivity(AppState& app) {
  const ReportView& v = g_rep.view;
  const std::vector<unsigned> blue = {theme::ColPrimary()};
  Section(app, v.by_month, ActivityBars(v.by_month, 4), 0, blue, T(Msg::RepChartInteractions));
  Section(app, v.by_kind, ActivityBars(v.by_kind, 2), 0, blue, T(Msg::RepChartInteractions));
  Section(app, v.by_service, ActivityBars(v.by_service, 1), 0, blue);
  Section(app, v.by_office, ActivityBars(v.by_office, 2), 0, blue, T(Msg::RepChartInteractions));
  Section(app, v.by_organisation, ActivityBars(v.by_organisation, 2, 10), 0, blue,
          v.by_organisation.table.rows.size() > 11 ? T(Msg::RepChartTop) : T(Msg::RepChartInteractions));
}

void DrawUniversityPart(AppState& app) {
  const reports::Report& r = g_rep.report;
  const ReportSection& sec = g_rep.view.university;
  std::vector<ui::ChartBar> bars;
  for (const reports::UniversityRow& u : r.university)
    bars.push_back({u.theme.empty() ? T(Msg::RepUntitled) : u.theme,
                    {(double)u.registrations, (double)u.present},
                    Number(u.registrations) + " / " + Number(u.present)});
  ImGui::Dummy(ImVec2(0, 8));
  ui::SectionTitle(sec.table.title.c_str());
  mirror::AddText(sec.table.title);
  if (!bars.empty()) {
    ui::ChartLegend(
        {{theme::ColPrimary(), T(Msg::RepLegendRegistrations)}, {theme::ColSuccess(), T(Msg::RepLegendPresent)}});
    ui::BarChart(sec.slug.c_str(), bars, 0, {theme::ColPrimary(), theme::ColSuccess()});
    ImGui::Dummy(ImVec2(0, 4));
  }
  if (app.device.Compact()) {
    ui::ReportTableView(sec, true);
  } else {
    // Ten columns do not fit a desktop's reading width: registrations, then attendance.
    const std::vector<size_t> seats = {0, 1, 2, 3, 4, 5, 6}, attendance = {0, 7, 8, 9};
    ui::ReportTableView(sec, false, &seats);
    ImGui::Dummy(ImVec2(0, 4));
    ui::ReportTableView(sec, false, &attendance, false);
  }
  ExportButton(sec);
}

void DrawDiagnosisPart(AppState& app) {
  const reports::Report& r = g_rep.report;
  const ReportSection& sec = g_rep.view.diagnosis;
  ImGui::Dummy(ImVec2(0, 8));
  if (r.overall_assessed > 0)
    ui::StatusText(Colon(T(Msg::RepOverallScore), Number(r.overall_average, 1) + " / 100").c_str(),
                   ImGui::GetColorU32(ImGuiCol_Text));
  std::vector<ui::ChartBar> bars;
  for (size_t i = 0; i < r.diagnosis_themes.size(); i++) {
    const reports::ThemeAverage& a = r.diagnosis_themes[i];
    if (a.assessed == 0) continue;
    bars.push_back(
        {reports::CellDisplay(sec.table.rows[i][0], CurrentLang()), {a.average}, Number(a.average, 1) + " / 100"});
  }
  Section(app, sec, bars, 100, {theme::ColPrimary()});
}

void DrawReferralsPart(AppState& app) {
  const reports::ReferralOutcomes& o = g_rep.report.referrals;
  const ReportSection& sec = g_rep.view.referrals;
  ImGui::Dummy(ImVec2(0, 8));
  if (o.total > 0) {
    ui::StatusText(Colon(T(Msg::RepToChase), Number(o.to_chase)).c_str(),
                   o.to_chase ? theme::ColDanger() : ImGui::GetColorU32(ImGuiCol_Text));
    if (o.answered > 0)
      ui::StatusText(Colon(T(Msg::RepAnswerDelay), Number(o.average_answer_days, 1) + " " + T(Msg::RepDays)).c_str(),
                     ImGui::GetColorU32(ImGuiCol_Text));
  }
  Section(app, sec, ActivityBars(sec, 1), 0, {theme::ColPrimary()});
}

}  // namespace

void DrawReports(AppState& app) {
  if (app.session.role != "office_staff" && app.session.role != "admin") {
    ui::Muted(T(Msg::RepStaffOnly));
    return;
  }
  Refresh(app);
  DrawFilters(app);
  Refresh(app);  // a filter changed above: the figures below follow in this frame
  if (!g_rep.error.empty()) ui::StatusText(g_rep.error.c_str(), theme::ColDanger());
  DrawScope();
  DrawKeyFigures(app);
  ImGui::Dummy(ImVec2(0, 4));
  DrawTabs(app);
  switch (g_rep.tab) {
    case 0:
      DrawActivity(app);
      break;
    case 1:
      DrawUniversityPart(app);
      break;
    case 2:
      DrawDiagnosisPart(app);
      break;
    default:
      DrawReferralsPart(app);
      break;
  }
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
