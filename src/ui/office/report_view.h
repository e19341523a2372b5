// report_view.h — a computed report (core/reports) as the tables the reports
// screen shows and exports, in the UI's language: one Table per figure, with
// what the screen leaves out (the CSV has every column), the total rows, the
// CSV's file name, and each row in words for the accessibility mirror.
// Plain functions, no drawing: the UI tests check them directly.
#pragma once
#include <string>
#include <vector>

#include "core/locale.h"
#include "core/reports/csv.h"
#include "core/reports/report.h"

namespace relais {

struct ReportSection {
  std::string slug;                    // the CSV's name: "activite-par-mois"
  reports::Table table;                // title, headers, rows (exported whole)
  std::vector<bool> shown;             // per column: on screen too
  std::vector<bool> total;             // per row: a total row (bold on screen)
  std::vector<std::string> row_texts;  // per row: "Antenne du Loiret — Entreprises : 2 · Interactions : 4"
};

struct ReportView {
  ReportSection by_month, by_kind, by_service, by_office, by_organisation;
  ReportSection university, diagnosis, referrals;
};

// theme_label: the label of a diagnosis theme (template id, theme id); the
// screen looks it up in the built-in questionnaires.
ReportView BuildReportView(const reports::Report& r, Lang lang,
                           std::string (*theme_label)(const std::string& template_id, const std::string& theme_id));

// "janvier 2026" / "January 2026" from "2026-01".
std::string MonthLabel(const std::string& month, Lang lang);
// The file name of a section's CSV for the report's period:
// "relais-activite-par-mois_2025-11-01_2026-10-31.csv", "..._tout.csv" without dates.
std::string CsvFileName(const ReportSection& s, const reports::Filter& f);

}  // namespace relais
