// csv.h — report tables and their CSV export for French spreadsheets.
//
// A Table is what a report screen shows and what it exports: a title, column
// headers and rows of typed cells. The cells keep their type (text, whole
// number, decimal, date) so the screen formats them for reading (thousands
// separators, the UI's language) and the CSV for a spreadsheet to parse.
//
// The CSV is the format Excel and LibreOffice open correctly in French with a
// double click, no import dialog:
//   - UTF-8 with a byte order mark (without it Excel reads the bytes as
//     Windows-1252 and "Créé" shows as "CrÃ©Ã©");
//   - ';' between fields (',' is the French decimal separator);
//   - CRLF line ends, the last line included (RFC 4180);
//   - a field containing ';', '"', CR or LF is quoted, its quotes doubled;
//   - whole numbers without thousands separators ("12345"), decimals with a
//     comma ("54,3"), dates as dd/mm/yyyy ("05/03/2026"): all read as numbers
//     and dates by a French spreadsheet, so they sum and sort.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/locale.h"

namespace relais::reports {

struct Cell {
  enum class Kind { Empty, Text, Integer, Decimal, Date };
  Kind kind = Kind::Empty;
  std::string text;   // Text; Date: YYYY-MM-DD
  double number = 0;  // Integer, Decimal
  int decimals = 0;   // Decimal

  static Cell Blank() { return Cell(); }
  static Cell Txt(std::string s);
  static Cell Int(int64_t v);
  static Cell Dec(double v, int decimals);
  static Cell Date(std::string iso);  // YYYY-MM-DD; anything else exports as text
};

struct Table {
  std::string title;                    // shown above the table; not exported
  std::vector<std::string> columns;     // the CSV's header line
  std::vector<std::vector<Cell>> rows;  // each as wide as columns
};

// One field as CSV writes it: quoted (quotes doubled) when it holds ';', '"',
// CR or LF, as is otherwise.
std::string CsvField(std::string_view text);
// A cell's CSV text before quoting: "12345", "54,3", "05/03/2026".
std::string CsvCellText(const Cell& c);
// The whole file: BOM, header line, one line per row, each ended by CRLF.
std::string ToCsv(const Table& t);

// A cell for the screen: "12 345" / "12,345", "54,3", "05/03/2026" /
// "2026-03-05" (locale.h's formats); "–" for an empty cell.
std::string CellDisplay(const Cell& c, Lang lang);

constexpr const char* kCsvMimeType = "text/csv;charset=utf-8";

}  // namespace relais::reports
