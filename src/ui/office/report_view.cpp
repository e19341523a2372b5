// report_view.cpp — see report_view.h.
#include "ui/office/report_view.h"

#include <functional>

#include "ui/i18n.h"

namespace relais {

namespace {

using reports::Cell;

std::string Colon(const std::string& label, const std::string& value) {
  return label + (CurrentLang() == Lang::Fr ? "\xC2\xA0: " : ": ") + value;
}

// Fills shown/total/row_texts once the table's rows are in.
void Finish(ReportSection& s, Lang lang, size_t total_rows_at_end) {
  const reports::Table& t = s.table;
  if (s.shown.empty()) s.shown.assign(t.columns.size(), true);
  s.total.assign(t.rows.size(), false);
  for (size_t i = 0; i < total_rows_at_end && i < t.rows.size(); i++) s.total[t.rows.size() - 1 - i] = true;
  for (const std::vector<Cell>& row : t.rows) {
    std::string text = reports::CellDisplay(row[0], lang), details;
    for (size_t c = 1; c < row.size(); c++) {
      if (!s.shown[c]) continue;
      if (!details.empty()) details += " \xC2\xB7 ";
      details += Colon(t.columns[c], reports::CellDisplay(row[c], lang));
    }
    if (!details.empty()) text += " \xE2\x80\x94 " + details;  // em dash
    s.row_texts.push_back(std::move(text));
  }
}

std::vector<Cell> ActivityCells(Cell first, const reports::Activity& a) {
  return {std::move(first), Cell::Int(a.companies), Cell::Int(a.interactions), Cell::Int(a.services)};
}

ReportSection ActivitySection(const char* slug, Msg title, Msg first_column,
                              const std::vector<reports::ActivityRow>& rows,
                              const std::function<std::string(const reports::ActivityRow&)>& label,
                              const reports::Activity* total, Lang lang) {
  ReportSection s;
  s.slug = slug;
  s.table.title = T(title);
  s.table.columns = {T(first_column), T(Msg::RepColCompanies), T(Msg::RepColInteractions), T(Msg::RepColServices)};
  for (const reports::ActivityRow& r : rows) s.table.rows.push_back(ActivityCells(Cell::Txt(label(r)), r.activity));
  if (total && !rows.empty()) s.table.rows.push_back(ActivityCells(Cell::Txt(T(Msg::RepTotal)), *total));
  Finish(s, lang, total && !rows.empty() ? 1 : 0);
  return s;
}

Msg KindMsg(const std::string& kind) {
  if (kind == "call") return Msg::KindCall;
  if (kind == "email") return Msg::KindEmail;
  if (kind == "event") return Msg::KindEvent;
  return Msg::KindVisit;
}

}  // namespace

std::string MonthLabel(const std::string& month, Lang lang) {
  if (month.size() < 7) return month;
  // FormatDate's "1er janvier 2026" / "1 January 2026" without its day.
  std::string d = FormatDate(std::stoi(month.substr(0, 4)), std::stoi(month.substr(5, 2)), 1, lang);
  size_t space = d.find(' ');
  return space == std::string::npos ? d : d.substr(space + 1);
}

std::string CsvFileName(const ReportSection& s, const reports::Filter& f) {
  std::string period = f.from.empty() && f.to.empty()
                           ? "tout"
                           : (f.from.empty() ? "debut" : f.from) + "_" + (f.to.empty() ? "fin" : f.to);
  return "relais-" + s.slug + "_" + period + ".csv";
}

ReportView BuildReportView(const reports::Report& r, Lang lang,
                           std::string (*theme_label)(const std::string& template_id, const std::string& theme_id)) {
  ReportView v;
  const reports::Filter& f = r.filter;

  // By month, with the days each line covers (the period cuts the first and
  // last months): a French spreadsheet reads them as dates.
  {
    ReportSection& s = v.by_month;
    s.slug = "activite-par-mois";
    s.table.title = T(Msg::RepByMonth);
    s.table.columns = {T(Msg::RepColMonth),     T(Msg::RepColFrom),         T(Msg::RepColTo),
                       T(Msg::RepColCompanies), T(Msg::RepColInteractions), T(Msg::RepColServices)};
    s.shown = {true, false, false, true, true, true};
    for (const reports::ActivityRow& m : r.by_month) {
      std::string first = reports::MonthFirstDay(m.key), last = reports::MonthLastDay(m.key);
      if (!f.from.empty() && f.from > first) first = f.from;
      if (!f.to.empty() && f.to < last) last = f.to;
      s.table.rows.push_back({Cell::Txt(MonthLabel(m.key, lang)), Cell::Date(first), Cell::Date(last),
                              Cell::Int(m.activity.companies), Cell::Int(m.activity.interactions),
                              Cell::Int(m.activity.services)});
    }
    if (!r.by_month.empty())
      s.table.rows.push_back({Cell::Txt(T(Msg::RepTotal)), Cell::Date(f.from.empty() ? "" : f.from),
                              Cell::Date(f.to.empty() ? "" : f.to), Cell::Int(r.totals.companies),
                              Cell::Int(r.totals.interactions), Cell::Int(r.totals.services)});
    for (std::vector<Cell>& row : s.table.rows)  // an open side of the period: no date
      for (size_t c : {1, 2})
        if (row[c].text.empty()) row[c] = Cell::Blank();
    Finish(s, lang, r.by_month.empty() ? 0 : 1);
  }
  v.by_kind = ActivitySection(
      "interactions-par-type", Msg::RepByKind, Msg::RepColKind, r.by_kind,
      [](const reports::ActivityRow& a) { return std::string(T(KindMsg(a.key))); }, &r.totals, lang);
  {
    ReportSection& s = v.by_service;
    s.slug = "services-rendus";
    s.table.title = T(Msg::RepByService);
    s.table.columns = {T(Msg::RepColService), T(Msg::RepColTimes), T(Msg::RepColCompanies)};
    for (const reports::ActivityRow& a : r.by_service)
      s.table.rows.push_back({Cell::Txt(a.key), Cell::Int(a.activity.services), Cell::Int(a.activity.companies)});
    Finish(s, lang, 0);
  }
  v.by_office = ActivitySection(
      "activite-par-antenne", Msg::RepByOffice, Msg::RepColOffice, r.by_office,
      [](const reports::ActivityRow& a) { return a.key.empty() ? std::string(T(Msg::RepOutsideOffices)) : a.label; },
      &r.totals, lang);
  v.by_organisation = ActivitySection(
      "activite-par-organisation", Msg::RepByOrganisation, Msg::RepColOrganisation, r.by_organisation,
      [](const reports::ActivityRow& a) {
        return a.label.empty() ? std::string(T(Msg::RepUnknownOrganisation)) : a.label;
      },
      &r.totals, lang);

  {
    ReportSection& s = v.university;
    s.slug = "universite-par-theme";
    s.table.title = T(Msg::RepUniversityByTheme);
    s.table.columns = {T(Msg::RepColTheme),         T(Msg::RepColSessions),   T(Msg::RepColRegistrations),
                       T(Msg::RepColConfirmed),     T(Msg::RepColWaitlisted), T(Msg::RepColRequested),
                       T(Msg::RepColCancelled),     T(Msg::RepColPresent),    T(Msg::RepColAbsent),
                       T(Msg::RepColAttendanceRate)};
    auto row = [](const std::string& theme, const reports::UniversityRow& u) {
      return std::vector<Cell>{
          Cell::Txt(theme),           Cell::Int(u.sessions),
          Cell::Int(u.registrations), Cell::Int(u.confirmed),
          Cell::Int(u.waitlisted),    Cell::Int(u.requested),
          Cell::Int(u.cancelled),     Cell::Int(u.present),
          Cell::Int(u.absent),        u.has_attendance() ? Cell::Dec(u.attendance_rate(), 1) : Cell::Blank()};
    };
    for (const reports::UniversityRow& u : r.university)
      s.table.rows.push_back(row(u.theme.empty() ? T(Msg::RepUntitled) : u.theme, u));
    if (!r.university.empty()) s.table.rows.push_back(row(T(Msg::RepTotal), r.university_total));
    Finish(s, lang, r.university.empty() ? 0 : 1);
  }
  {
    ReportSection& s = v.diagnosis;
    s.slug = "diagnostics-par-theme";
    s.table.title = T(Msg::RepDiagnosisThemes);
    s.table.columns = {T(Msg::RepColTheme), T(Msg::RepColAssessed), T(Msg::RepColAverage)};
    for (const reports::ThemeAverage& a : r.diagnosis_themes) {
      std::string label = theme_label ? theme_label(a.template_id, a.theme_id) : a.theme_id;
      s.table.rows.push_back({Cell::Txt(label.empty() ? a.theme_id : label), Cell::Int(a.assessed),
                              a.assessed ? Cell::Dec(a.average, 1) : Cell::Blank()});
    }
    if (r.diagnoses > 0)
      s.table.rows.push_back({Cell::Txt(T(Msg::RepOverallScore)), Cell::Int(r.overall_assessed),
                              r.overall_assessed ? Cell::Dec(r.overall_average, 1) : Cell::Blank()});
    Finish(s, lang, r.diagnoses > 0 ? 1 : 0);
  }
  {
    ReportSection& s = v.referrals;
    s.slug = "orientations";
    s.table.title = T(Msg::RepReferralOutcomes);
    s.table.columns = {T(Msg::RepColStatus), T(Msg::RepColReferrals), T(Msg::RepColShare)};
    const reports::ReferralOutcomes& o = r.referrals;
    auto share = [&](int n) { return o.total ? Cell::Dec(100.0 * n / o.total, 1) : Cell::Blank(); };
    if (o.total > 0) {
      const std::pair<Msg, int> lines[] = {{Msg::RepRefNoAnswer, o.sent},
                                           {Msg::RefStatusAccepted, o.accepted},
                                           {Msg::RefStatusDeclined, o.declined},
                                           {Msg::RefStatusDone, o.done}};
      for (const auto& l : lines) s.table.rows.push_back({Cell::Txt(T(l.first)), Cell::Int(l.second), share(l.second)});
      s.table.rows.push_back({Cell::Txt(T(Msg::RepTotal)), Cell::Int(o.total), share(o.total)});
    }
    Finish(s, lang, o.total > 0 ? 1 : 0);
  }
  return v;
}

}  // namespace relais
