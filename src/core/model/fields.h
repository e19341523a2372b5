// fields.h — column values as the change log sees them, and the conversions
// between entity members, SQLite columns and those values.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/db/db.h"

namespace relais {

// A column value: NULL, INTEGER, REAL or TEXT (no synced column is a BLOB).
using Value = std::variant<std::monostate, int64_t, double, std::string>;

struct Field {
  std::string name;
  Value value;
};
using Fields = std::vector<Field>;

// {"name":"Dupont SARL","siren":"732829320","size_band":null}
std::string FieldsToJson(const Fields& fields);
void BindValue(Stmt& stmt, int idx, const Value& v);

// Entity member -> Value. Lists of strings are stored as a JSON array in one
// TEXT column: they are edited and synced as one value.
inline Value ToValue(const std::string& v) { return v; }
inline Value ToValue(bool v) { return int64_t(v ? 1 : 0); }
inline Value ToValue(int v) { return int64_t(v); }
inline Value ToValue(int64_t v) { return v; }
inline Value ToValue(double v) { return v; }
Value ToValue(const std::vector<std::string>& v);
template <class T>
Value ToValue(const std::optional<T>& v) {
  return v ? ToValue(*v) : Value();
}

// Column -> entity member. name is only for error messages.
void ReadColumn(const Stmt& s, int col, const char* name, std::string* out);
void ReadColumn(const Stmt& s, int col, const char* name, bool* out);
void ReadColumn(const Stmt& s, int col, const char* name, int* out);
void ReadColumn(const Stmt& s, int col, const char* name, int64_t* out);
void ReadColumn(const Stmt& s, int col, const char* name, double* out);
void ReadColumn(const Stmt& s, int col, const char* name, std::vector<std::string>* out);
template <class T>
void ReadColumn(const Stmt& s, int col, const char* name, std::optional<T>* out) {
  if (s.IsNull(col)) {
    out->reset();
  } else {
    T v{};
    ReadColumn(s, col, name, &v);
    *out = std::move(v);
  }
}

}  // namespace relais
