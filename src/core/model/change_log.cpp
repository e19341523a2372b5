// change_log.cpp — see change_log.h.
#include "core/model/change_log.h"

#include <sqlite3.h>

#include <string>

namespace relais {

bool IsDerivedColumn(std::string_view table, std::string_view column) {
  return table == "companies" && column == "name_key";
}

void RecordChange(Db& db, std::string_view table, std::string_view row_id, ChangeOp op, const Fields& changed,
                  Hlc hlc) {
  if (!db.InTransaction())
    throw DbError(SQLITE_MISUSE, "RecordChange for " + std::string(table) + " " + std::string(row_id) +
                                     " outside a transaction: the row and its outbox entry must commit together");
  // Sent along, a derived column raised a second conflict, on a column no
  // user knows, for each concurrent renaming.
  Fields sent;
  for (const Field& f : changed)
    if (!IsDerivedColumn(table, f.name)) sent.push_back(f);
  db.Exec("INSERT INTO outbox(tbl, row_id, op, fields, hlc) VALUES (?, ?, ?, ?, ?)", table, row_id,
          op == ChangeOp::Upsert ? "upsert" : "delete", FieldsToJson(sent), hlc.packed);
  // The guard keeps the greater timestamp if a remote write newer than this
  // one was already applied (the sync engine also writes here).
  for (const Field& f : sent)
    db.Exec(
        "INSERT INTO field_versions(tbl, row_id, field, hlc) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc "
        "WHERE excluded.hlc > field_versions.hlc",
        table, row_id, f.name, hlc.packed);
  db.Exec(
      "INSERT INTO sync_state(key, value) VALUES ('hlc', ?) "
      "ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE excluded.value > sync_state.value",
      hlc.packed);
}

}  // namespace relais
