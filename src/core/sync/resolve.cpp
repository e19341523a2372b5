// resolve.cpp — see resolve.h.
#include "core/sync/resolve.h"

#include <vector>

#include <sqlite3.h>

#include "core/db/db.h"
#include "core/model/change_log.h"
#include "core/model/fields.h"

namespace relais::sync {

// True when `table` is a table of the database with a column `column`: names
// come from the server, so they are checked before being spliced into SQL.
static bool HasColumn(Db& db, const std::string& table, const std::string& column) {
  return db.QueryInt("SELECT count(*) FROM sqlite_master m, pragma_table_info(m.name) c "
                     "WHERE m.type = 'table' AND m.name = ? AND c.name = ?",
                     table, column)
             .value_or(0) > 0;
}

bool KeepLoserValue(Store& st, const std::string& conflict_id) {
  Tx tx(st.db);
  Stmt s = st.db.Prepare("SELECT tbl, row_id, field, loser_value FROM sync_conflicts WHERE id = ? AND resolved = 0");
  s.BindText(1, conflict_id);
  if (!s.Step()) return false;
  const std::string table = s.Text(0), row_id = s.Text(1), field = s.Text(2);
  Value v;
  if (!s.IsNull(3)) {
    switch (sqlite3_column_type(s.handle(), 3)) {
      case SQLITE_INTEGER: v = s.Int(3); break;
      case SQLITE_FLOAT: v = s.Double(3); break;
      default: v = s.Text(3);
    }
  }
  s.Reset();
  if (field == "_deleted" || !HasColumn(st.db, table, field) || !HasColumn(st.db, table, "deleted_hlc")) return false;
  const Hlc h = NextHlc(st);
  Stmt u = st.db.Prepare("UPDATE " + table + " SET " + field +
                         " = ?, updated_hlc = ?, author_id = ? WHERE id = ? AND deleted_hlc IS NULL");
  BindValue(u, 1, v);
  u.BindInt(2, h.packed);
  if (st.author_id.empty()) u.BindNull(3);
  else u.BindText(3, st.author_id);
  u.BindText(4, row_id);
  if (u.Exec() == 0) return false;
  RecordChange(st.db, table, row_id, ChangeOp::Upsert, Fields{Field{field, v}}, h);
  st.db.Exec("UPDATE sync_conflicts SET resolved = 1 WHERE id = ?", conflict_id);
  RecordChange(st.db, "conflicts", conflict_id, ChangeOp::Upsert, Fields{Field{"resolved", int64_t(1)}}, NextHlc(st));
  tx.Commit();
  return true;
}

int64_t UnsyncedCount(Store& st) {
  return st.db.QueryInt("SELECT count(*) FROM outbox WHERE state IN ('pending', 'rejected')").value_or(0);
}

void WipeLocalData(Store& st) {
  Tx tx(st.db);
  // Synced tables are the ones with the sync columns; the schema grows, so
  // they are found rather than listed.
  std::vector<std::string> tables;
  Stmt s = st.db.Prepare(
      "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' "
      "AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'deleted_hlc')");
  while (s.Step()) tables.push_back(s.Text(0));
  s.Reset();
  st.db.Exec("PRAGMA defer_foreign_keys = ON");
  for (const std::string& t : tables) st.db.Exec("DELETE FROM \"" + t + "\"");
  st.db.Exec("DELETE FROM outbox");
  st.db.Exec("DELETE FROM field_versions");
  st.db.Exec("DELETE FROM sync_conflicts");
  st.db.Exec("DELETE FROM local_profile");
  st.db.Exec("DELETE FROM sync_state WHERE key NOT IN ('device_id', 'hlc')");
  tx.Commit();
  st.author_id.clear();
}

}  // namespace relais::sync
