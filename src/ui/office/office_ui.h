// office_ui.h — widgets of the office staff screens: a horizontal bar chart
// with the exact value of each bar, and a report table (columns on wide
// screens, one card per row on phones), all mirrored. (The choice list,
// ui::Picker, is in ui/widgets.h.)
#pragma once
#include <string>
#include <vector>

#include "ui/office/report_view.h"
#include "ui/widgets.h"

namespace relais::ui {

struct ChartBar {
  std::string label;
  std::vector<double> values;  // one per series (at most 2), drawn as stacked thin bars
  std::string value_text;      // the exact figure, written at the bar's end
};
// Bars from 0 to max_value (0: the largest value), one colour per series.
// Each bar's "label : value" is mirrored as text.
void BarChart(const char* id, const std::vector<ChartBar>& bars, double max_value,
              const std::vector<unsigned>& colours);
// A small coloured square and its name per series, on one line.
void ChartLegend(const std::vector<std::pair<unsigned, std::string>>& series);

// A section's table: on screen the shown columns (numbers right-aligned,
// headers wrapped between words), or one card per row when compact. Each
// row's words (ReportSection::row_texts) go to the mirror. columns: draw only
// these of the shown columns (a wide table drawn as two); mirror_rows: false
// for the second part (its rows are already said).
void ReportTableView(const ReportSection& s, bool compact, const std::vector<size_t>* columns = nullptr,
                     bool mirror_rows = true);

}  // namespace relais::ui
