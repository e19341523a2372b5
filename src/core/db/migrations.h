// migrations.h — versioned, forward-only schema migrations.
//
// The schema version lives in the database header (PRAGMA user_version).
// Each step runs in its own transaction together with the version bump, so a
// failed step leaves the database at the previous version, untouched.
// Steps are never edited once shipped: a change is always a new step.
#pragma once
#include <functional>
#include <vector>

#include "core/db/db.h"

namespace relais {

struct Migration {
  int version;                    // 1, 2, 3, ... with no gaps
  const char* sql;                // a script (several statements allowed); may be empty
  std::function<void(Db&)> step;  // optional C++ work after sql (backfills), same transaction
};

// The database was written by a newer version of the app: opening it with
// this one could lose data, so it is refused.
struct SchemaTooNewError : DbError {
  SchemaTooNewError(int db_version, int known_version);
  int db_version, known_version;
};

int SchemaVersion(Db& db);

// Applies every migration above the database's version, up to target
// (-1: the last one). Returns the version reached. Throws SchemaTooNewError
// when the database is past the last migration, DbError when a step fails
// (its message names the version).
int Migrate(Db& db, const std::vector<Migration>& migrations, int target = -1);

}  // namespace relais
