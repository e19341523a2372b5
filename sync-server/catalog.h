// catalog.h — the synced tables and their columns, as the server knows them.
//
// Read from the client's own schema (the core's migrations, run on an
// in-memory database at start), so a column added by a client migration is
// known to the server without a second list to keep in step. The same
// database checks a merged row against the client's CHECK and NOT NULL
// constraints before the server stores it: a row the server accepts is a row
// every device can insert.
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/db/db.h"
#include "core/model/fields.h"

enum class ColumnKind { Text, Integer, Real, Any };

struct ColumnInfo {
  std::string name;
  ColumnKind kind = ColumnKind::Any;
  bool note = false;  // long free text: concurrent edits keep both texts
};

struct TableInfo {
  std::string name;
  std::vector<ColumnInfo> columns;  // without the sync columns
  const ColumnInfo* Find(const std::string& column) const;
};

class Catalog {
 public:
  // Builds from the core's migrations. Throws relais::DbError.
  Catalog();

  const TableInfo* Find(const std::string& table) const;
  const std::vector<TableInfo>& tables() const { return tables_; }

  // Empty when the row (id + these fields, defaults for the rest) satisfies
  // the client schema's constraints; else SQLite's reason.
  std::string CheckRow(const std::string& table, const std::string& row_id, const relais::Fields& fields);

  static bool IsSyncColumn(const std::string& column);
  // "note" columns (see ColumnInfo::note).
  static bool IsNoteColumn(const std::string& table, const std::string& column);

 private:
  std::vector<TableInfo> tables_;
  std::mutex probe_mu_;
  relais::Db probe_;  // the client schema, foreign keys and triggers off
};

// Whether v may be stored in a column of this kind (null always may: NOT
// NULL is CheckRow's business).
bool ValueFitsColumn(const relais::Value& v, ColumnKind kind);
const char* ColumnKindName(ColumnKind kind);  // French, for messages
