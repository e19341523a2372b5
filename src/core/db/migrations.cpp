// migrations.cpp — see migrations.h.
#include "core/db/migrations.h"

#include <sqlite3.h>

#include <optional>
#include <string>

namespace relais {

SchemaTooNewError::SchemaTooNewError(int db, int known)
    : DbError(SQLITE_CANTOPEN, "the database has schema version " + std::to_string(db) +
                                   " but this version of Relais only knows up to " + std::to_string(known) +
                                   ": update the application"),
      db_version(db),
      known_version(known) {}

int SchemaVersion(Db& db) { return static_cast<int>(db.QueryInt("PRAGMA user_version").value_or(0)); }

int Migrate(Db& db, const std::vector<Migration>& migrations, int target) {
  // A broken list is a programming error; catch it before touching the file.
  for (size_t i = 0; i < migrations.size(); i++)
    if (migrations[i].version != static_cast<int>(i) + 1)
      throw DbError(SQLITE_MISUSE, "migration list: step " + std::to_string(i) + " has version " +
                                       std::to_string(migrations[i].version) + ", expected " + std::to_string(i + 1));
  const int latest = static_cast<int>(migrations.size());
  if (target < 0) target = latest;
  if (target > latest)
    throw DbError(SQLITE_MISUSE,
                  "migration target " + std::to_string(target) + " is past the last step " + std::to_string(latest));

  int current = SchemaVersion(db);
  if (current > latest) throw SchemaTooNewError(current, latest);

  // A new database (a device's first start) gets every step in one
  // transaction: one commit to the browser's storage instead of one per
  // version, and the same all-or-nothing outcome.
  std::optional<Tx> whole;
  if (current == 0 && target > 0) whole.emplace(db);
  for (const Migration& m : migrations) {
    if (m.version <= current || m.version > target) continue;
    try {
      std::optional<Tx> tx;
      if (!whole) tx.emplace(db);
      if (m.sql && *m.sql) db.ExecScript(m.sql);
      if (m.step) m.step(db);
      // user_version is part of the database header: written in this
      // transaction, rolled back with it.
      db.ExecScript("PRAGMA user_version = " + std::to_string(m.version));
      if (tx) tx->Commit();
    } catch (const DbError& e) {
      throw DbError(e.code(), "migration to schema version " + std::to_string(m.version) + " failed: " + e.what());
    } catch (const std::exception& e) {  // from a C++ step
      throw DbError(SQLITE_ERROR, "migration to schema version " + std::to_string(m.version) + " failed: " + e.what());
    }
    current = m.version;
  }
  if (whole) whole->Commit();
  return current;
}

}  // namespace relais
