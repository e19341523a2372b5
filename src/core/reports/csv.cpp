// csv.cpp — see csv.h.
#include "core/reports/csv.h"

#include <cmath>

namespace relais::reports {

namespace {

bool IsIsoDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

std::string ShortDate(const std::string& iso, Lang lang) {
  return FormatDateShort(std::stoi(iso.substr(0, 4)), std::stoi(iso.substr(5, 2)), std::stoi(iso.substr(8, 2)), lang);
}

// FormatNumber in French without its thousands separators (U+202F): a
// spreadsheet reads "12 345,5" with that space as text, "12345,5" as a number.
std::string PlainFrenchNumber(double v, int decimals) {
  std::string s = FormatNumber(v, decimals, Lang::Fr);
  static const std::string kNarrowNbsp = "\xE2\x80\xAF";
  for (size_t at; (at = s.find(kNarrowNbsp)) != std::string::npos;) s.erase(at, kNarrowNbsp.size());
  return s;
}

}  // namespace

Cell Cell::Txt(std::string s) {
  Cell c;
  c.kind = Kind::Text;
  c.text = std::move(s);
  return c;
}

Cell Cell::Int(int64_t v) {
  Cell c;
  c.kind = Kind::Integer;
  c.number = static_cast<double>(v);
  return c;
}

Cell Cell::Dec(double v, int decimals) {
  if (!std::isfinite(v)) return Blank();
  Cell c;
  c.kind = Kind::Decimal;
  c.number = v;
  c.decimals = decimals;
  return c;
}

Cell Cell::Date(std::string iso) {
  Cell c;
  c.kind = IsIsoDate(iso) ? Kind::Date : Kind::Text;
  c.text = std::move(iso);
  return c;
}

std::string CsvField(std::string_view text) {
  if (text.find_first_of(";\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char ch : text) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

std::string CsvCellText(const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::Empty:
      return "";
    case Cell::Kind::Text:
      return c.text;
    case Cell::Kind::Integer:
      return PlainFrenchNumber(c.number, 0);
    case Cell::Kind::Decimal:
      return PlainFrenchNumber(c.number, c.decimals);
    case Cell::Kind::Date:
      return ShortDate(c.text, Lang::Fr);
  }
  return "";
}

std::string ToCsv(const Table& t) {
  std::string out = "\xEF\xBB\xBF";  // UTF-8 byte order mark
  auto line = [&out](const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); i++) {
      if (i) out += ';';
      out += CsvField(fields[i]);
    }
    out += "\r\n";
  };
  line(t.columns);
  for (const std::vector<Cell>& row : t.rows) {
    std::vector<std::string> fields;
    fields.reserve(row.size());
    for (const Cell& c : row) fields.push_back(CsvCellText(c));
    line(fields);
  }
  return out;
}

std::string CellDisplay(const Cell& c, Lang lang) {
  switch (c.kind) {
    case Cell::Kind::Empty:
      return "\xE2\x80\x93";  // en dash
    case Cell::Kind::Text:
      return c.text;
    case Cell::Kind::Integer:
      return FormatNumber(c.number, 0, lang);
    case Cell::Kind::Decimal:
      return FormatNumber(c.number, c.decimals, lang);
    case Cell::Kind::Date:
      return ShortDate(c.text, lang);
  }
  return "";
}

}  // namespace relais::reports
