// fields.cpp — see fields.h.
#include "core/model/fields.h"

#include <sqlite3.h>

#include <cmath>
#include <cstdio>

#include "core/model/json.h"

namespace relais {

std::string FieldsToJson(const Fields& fields) {
  std::string out = "{";
  for (size_t i = 0; i < fields.size(); i++) {
    if (i) out += ',';
    AppendJsonString(out, fields[i].name);
    out += ':';
    const Value& v = fields[i].value;
    if (auto* n = std::get_if<int64_t>(&v)) {
      out += std::to_string(*n);
    } else if (auto* d = std::get_if<double>(&v)) {
      if (std::isfinite(*d)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", *d);  // round-trips exactly
        out += buf;
      } else {
        out += "null";  // JSON has no NaN/Infinity (and SQLite stores NaN as NULL)
      }
    } else if (auto* s = std::get_if<std::string>(&v)) {
      AppendJsonString(out, *s);
    } else {
      out += "null";
    }
  }
  out += '}';
  return out;
}

void BindValue(Stmt& stmt, int idx, const Value& v) {
  if (auto* n = std::get_if<int64_t>(&v))
    stmt.BindInt(idx, *n);
  else if (auto* d = std::get_if<double>(&v))
    stmt.BindDouble(idx, *d);
  else if (auto* s = std::get_if<std::string>(&v))
    stmt.BindText(idx, *s);
  else
    stmt.BindNull(idx);
}

Value ToValue(const std::vector<std::string>& v) { return JsonStringArray(v); }

void ReadColumn(const Stmt& s, int col, const char*, std::string* out) { *out = s.Text(col); }
void ReadColumn(const Stmt& s, int col, const char*, bool* out) { *out = s.Int(col) != 0; }
void ReadColumn(const Stmt& s, int col, const char*, int* out) { *out = static_cast<int>(s.Int(col)); }
void ReadColumn(const Stmt& s, int col, const char*, int64_t* out) { *out = s.Int(col); }
void ReadColumn(const Stmt& s, int col, const char*, double* out) { *out = s.Double(col); }

void ReadColumn(const Stmt& s, int col, const char* name, std::vector<std::string>* out) {
  if (s.IsNull(col)) {
    out->clear();
    return;
  }
  if (!ParseJsonStringArray(s.Text(col), out))
    throw DbError(SQLITE_MISMATCH, std::string("column ") + name + " is not a JSON array of strings: " + s.Text(col) +
                                       " in SQL: " + s.sql());
}

}  // namespace relais
