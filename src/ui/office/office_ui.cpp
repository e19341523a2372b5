// office_ui.cpp — see office_ui.h.
#include "ui/office/office_ui.h"

#include <algorithm>

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais::ui {

namespace {

std::string Colon(const std::string& label, const std::string& value) {
  return label + (CurrentLang() == Lang::Fr ? "\xC2\xA0: " : ": ") + value;
}

// Text right-aligned in what is left of the line (a table cell).
void RightAligned(const std::string& text) {
  float w = ImGui::CalcTextSize(text.c_str()).x;
  float avail = ImGui::GetContentRegionAvail().x;
  if (avail > w) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - w);
  ImGui::TextUnformatted(text.c_str());
}

}  // namespace

void BarChart(const char* id, const std::vector<ChartBar>& bars, double max_value,
              const std::vector<unsigned>& colours) {
  if (bars.empty()) return;
  if (max_value <= 0)
    for (const ChartBar& b : bars)
      for (double v : b.values) max_value = std::max(max_value, v);
  if (max_value <= 0) max_value = 1;
  ImGui::PushID(id);
  const float w = ImGui::GetContentRegionAvail().x;
  const float line = ImGui::GetTextLineHeight();
  float value_w = 0;
  for (const ChartBar& b : bars) value_w = std::max(value_w, ImGui::CalcTextSize(b.value_text.c_str()).x);
  const float label_w = std::min(w * 0.38f, 240.0f);
  const float bar_x0 = label_w + 10, bar_x1 = w - value_w - 10;
  const size_t series = std::max<size_t>(1, bars[0].values.size());
  const float row_h = std::max(line + 6, 8.0f * (float)series + 10);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (size_t i = 0; i < bars.size(); i++) {
    const ChartBar& b = bars[i];
    const ImVec2 p = ImGui::GetCursorScreenPos();
    // The label, cut with "…"; the track and the bars; the exact value.
    RowLine(ImVec2(p.x, p.y + (row_h - line) * 0.5f), label_w, ImGui::GetColorU32(ImGuiCol_Text), b.label.c_str());
    const float track_w = std::max(bar_x1 - bar_x0, 10.0f);
    const float bh = series == 1 ? std::min(line * 0.75f, row_h - 6) : 8.0f;
    float y = p.y + (row_h - bh * (float)series - 2 * (float)(series - 1)) * 0.5f;
    for (size_t k = 0; k < series; k++) {
      const double v = k < b.values.size() ? b.values[k] : 0;
      dl->AddRectFilled(ImVec2(p.x + bar_x0, y), ImVec2(p.x + bar_x0 + track_w, y + bh),
                        IM_COL32(0xe8, 0xeb, 0xf0, 255), 2);
      if (v > 0) {
        float len = std::max(2.0f, track_w * (float)std::min(v / max_value, 1.0));
        dl->AddRectFilled(ImVec2(p.x + bar_x0, y), ImVec2(p.x + bar_x0 + len, y + bh),
                          colours.empty() ? theme::ColPrimary() : colours[std::min(k, colours.size() - 1)], 2);
      }
      y += bh + 2;
    }
    dl->AddText(ImVec2(p.x + w - ImGui::CalcTextSize(b.value_text.c_str()).x, p.y + (row_h - line) * 0.5f),
                ImGui::GetColorU32(ImGuiCol_Text), b.value_text.c_str());
    ImGui::PushID((int)i);
    ImGui::Dummy(ImVec2(w, row_h));
    ImGui::PopID();
    mirror::AddText(Colon(b.label, b.value_text));
  }
  ImGui::PopID();
}

void ChartLegend(const std::vector<std::pair<unsigned, std::string>>& series) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (size_t i = 0; i < series.size(); i++) {
    if (i) ImGui::SameLine(0, 20);
    ImVec2 p = ImGui::GetCursorScreenPos();
    float h = ImGui::GetTextLineHeight();
    dl->AddRectFilled(ImVec2(p.x, p.y + h * 0.25f), ImVec2(p.x + h * 0.5f, p.y + h * 0.75f), series[i].first, 2);
    ImGui::SetCursorScreenPos(ImVec2(p.x + h * 0.5f + 6, p.y));
    ImGui::TextUnformatted(series[i].second.c_str());
    mirror::AddText(series[i].second);
  }
}

void ReportTableView(const ReportSection& s, bool compact, const std::vector<size_t>* columns, bool mirror_rows) {
  const reports::Table& t = s.table;
  if (t.rows.empty()) {
    Muted(T(Msg::RepNoData));
    return;
  }
  const Lang lang = CurrentLang();
  if (compact) {
    // One card per row: the first cell in bold, the rest as "header : value".
    for (size_t r = 0; r < t.rows.size(); r++) {
      ImGui::Separator();
      ImGui::PushFont(theme::GetFonts().bold);
      ImGui::TextWrapped("%s", reports::CellDisplay(t.rows[r][0], lang).c_str());
      ImGui::PopFont();
      // "header : value" pairs flow like words, never cut inside one (ImGui
      // would wrap "47,4" after its comma).
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::ColMuted()));
      const float right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x;
      bool first = true;
      for (size_t c = 1; c < t.columns.size(); c++) {
        if (!s.shown[c]) continue;
        std::string pair = Colon(t.columns[c], reports::CellDisplay(t.rows[r][c], lang));
        if (!first) {
          pair = "\xC2\xB7 " + pair;
          ImGui::SameLine(0, ImGui::CalcTextSize(" ").x);
          if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(pair.c_str()).x > right) ImGui::NewLine();
        }
        first = false;
        ImGui::TextWrapped("%s", pair.c_str());
      }
      ImGui::PopStyleColor();
      mirror::AddText(s.row_texts[r]);
    }
    return;
  }
  std::vector<size_t> cols;
  for (size_t c = 0; c < t.columns.size(); c++)
    if (s.shown[c] && (!columns || std::find(columns->begin(), columns->end(), c) != columns->end())) cols.push_back(c);
  if (cols.empty()) return;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuterH |
                                ImGuiTableFlags_PadOuterX | ImGuiTableFlags_SizingFixedFit;
  const std::string id = s.slug + (columns ? "#" + std::to_string(cols.back()) : std::string());
  if (!ImGui::BeginTable(id.c_str(), (int)cols.size(), flags)) return;
  // Numbers take what their longest header word and widest value need (a
  // header wraps between words, never inside one); the first column the rest.
  for (size_t c : cols) {
    if (c == 0) {
      ImGui::TableSetupColumn(t.columns[c].c_str(), ImGuiTableColumnFlags_WidthStretch);
      continue;
    }
    float w = 0;
    ImGui::PushFont(theme::GetFonts().bold);
    size_t start = 0;
    const std::string& h = t.columns[c];
    while (start <= h.size()) {
      size_t end = h.find(' ', start);
      if (end == std::string::npos) end = h.size();
      w = std::max(w, ImGui::CalcTextSize(h.c_str() + start, h.c_str() + end).x);
      start = end + 1;
    }
    for (const std::vector<reports::Cell>& row : t.rows)
      w = std::max(w, ImGui::CalcTextSize(reports::CellDisplay(row[c], lang).c_str()).x);
    ImGui::PopFont();
    ImGui::TableSetupColumn(h.c_str(), ImGuiTableColumnFlags_WidthFixed, w + 4);
  }
  // Headers: bold, wrapped, right-aligned over numbers when they fit.
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  ImGui::PushFont(theme::GetFonts().bold);
  for (size_t c : cols) {
    ImGui::TableNextColumn();
    const std::string& h = t.columns[c];
    if (c > 0 && ImGui::CalcTextSize(h.c_str()).x <= ImGui::GetContentRegionAvail().x)
      RightAligned(h);
    else
      ImGui::TextWrapped("%s", h.c_str());
    mirror::AddText(h);
  }
  ImGui::PopFont();
  for (size_t r = 0; r < t.rows.size(); r++) {
    ImGui::TableNextRow();
    if (s.total[r]) ImGui::PushFont(theme::GetFonts().bold);
    for (size_t c : cols) {
      ImGui::TableNextColumn();
      const reports::Cell& cell = t.rows[r][c];
      const std::string text = reports::CellDisplay(cell, lang);
      if (c == 0) {
        ImGui::TextWrapped("%s", text.c_str());
        if (mirror_rows) mirror::AddText(s.row_texts[r]);
      } else if (cell.kind == reports::Cell::Kind::Text) {
        ImGui::TextWrapped("%s", text.c_str());
      } else {
        RightAligned(text);
      }
    }
    if (s.total[r]) ImGui::PopFont();
  }
  ImGui::EndTable();
}

}  // namespace relais::ui
