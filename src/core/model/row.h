// row.h — what every synced entity has, and the errors of the model layer.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace relais {

// The sync columns, first in every synced table. Filled in by the
// repository functions (repo.h), never by hand.
struct Row {
  std::string id;                      // 32 hex digits, made on the device (sync/ids.h)
  int64_t created_hlc = 0;             // packed Hlc of the insert
  int64_t updated_hlc = 0;             // packed Hlc of the last write
  std::string author_id;               // user who last wrote the row
  std::optional<int64_t> deleted_hlc;  // set: a tombstone (rows are never hard-deleted)

  bool deleted() const { return deleted_hlc.has_value(); }
};

// A value refused before it reaches the database (bad SIRET, empty name...).
struct ValidationError : std::invalid_argument {
  ValidationError(std::string field_name, const std::string& message)
      : std::invalid_argument(field_name + ": " + message), field(std::move(field_name)) {}
  std::string field;
};

inline void Require(bool ok, const char* field, const std::string& message) {
  if (!ok) throw ValidationError(field, message);
}

// Update/SoftDelete of an id that does not exist (or is a tombstone).
struct RowNotFound : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Per-entity hook run by Insert and Update before writing: normalizes values
// (trims, derives) and throws ValidationError. Entities overload it; this one
// catches the rest.
inline void BeforeWrite(Row&) {}

}  // namespace relais
