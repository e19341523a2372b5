// Tests of the migration runner, and of the Relais schema's own migrations.
#include <sqlite3.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <stdexcept>

#include "core/db/migrations.h"
#include "core/model/company.h"
#include "core/model/schema.h"

using namespace relais;

namespace {

std::vector<Migration> Steps() {
  return {
      {1, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);", nullptr},
      {2, "ALTER TABLE notes ADD COLUMN words INTEGER NOT NULL DEFAULT 0;",
       [](Db& db) { db.ExecScript("UPDATE notes SET words = length(body) - length(replace(body, ' ', '')) + 1"); }},
      {3, "CREATE INDEX notes_words ON notes(words);", nullptr},
  };
}

// The schema as SQLite stores it: what a fresh and an upgraded database must share.
std::vector<std::string> SchemaDump(Db& db) {
  std::vector<std::string> out;
  Stmt s = db.Prepare("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name");
  while (s.Step()) out.push_back(s.Text(0));
  return out;
}

}  // namespace

TEST_CASE("Migrate builds a fresh database to the latest version") {
  Db db(":memory:");
  CHECK(SchemaVersion(db) == 0);
  CHECK(Migrate(db, Steps()) == 3);
  CHECK(SchemaVersion(db) == 3);
  CHECK(Migrate(db, Steps()) == 3);  // nothing left to do
}

TEST_CASE("A new database is built in one commit; an existing one one step at a time") {
  auto count_commit = [](void* n) {
    ++*static_cast<int*>(n);
    return 0;
  };
  int commits = 0;
  Db fresh(":memory:");
  sqlite3_commit_hook(fresh.handle(), count_commit, &commits);
  CHECK(Migrate(fresh, Steps()) == 3);
  CHECK(commits == 1);  // one write to the browser's storage on a device's first start

  Db old(":memory:");
  Migrate(old, Steps(), 1);
  commits = 0;
  sqlite3_commit_hook(old.handle(), count_commit, &commits);
  CHECK(Migrate(old, Steps()) == 3);
  CHECK(commits == 2);  // each version durable on its own
}

TEST_CASE("A failing step on a new database leaves it empty") {
  Db db(":memory:");
  std::vector<Migration> steps = Steps();
  steps.push_back({4, "INSERT INTO nowhere VALUES (1);", nullptr});
  CHECK_THROWS_AS(Migrate(db, steps), DbError);
  CHECK(SchemaVersion(db) == 0);
  CHECK(db.QueryInt("SELECT count(*) FROM sqlite_schema") == 0);
}

TEST_CASE("Migrate upgrades step by step, running C++ steps on existing data") {
  Db db(":memory:");
  CHECK(Migrate(db, Steps(), 1) == 1);
  db.Exec("INSERT INTO notes (body) VALUES ('visite chez Dupont SARL')");
  CHECK(Migrate(db, Steps()) == 3);
  CHECK(db.QueryInt("SELECT words FROM notes") == 4);
  CHECK(db.QueryText("SELECT body FROM notes") == "visite chez Dupont SARL");
}

TEST_CASE("A failing step leaves the database at the previous version, untouched") {
  Db db(":memory:");
  Migrate(db, Steps());  // an existing database, at version 3
  std::vector<Migration> steps = Steps();
  steps.push_back({4, "CREATE TABLE extra (x); INSERT INTO nowhere VALUES (1);", nullptr});
  try {
    Migrate(db, steps);
    FAIL("no throw");
  } catch (const DbError& e) {
    CHECK_THAT(e.what(), Catch::Contains("schema version 4"));
    CHECK_THAT(e.what(), Catch::Contains("no such table: nowhere"));
  }
  CHECK(SchemaVersion(db) == 3);
  CHECK(db.QueryInt("SELECT count(*) FROM sqlite_schema WHERE name = 'extra'") == 0);

  // A C++ step that throws is reported the same way.
  steps.back() = {4, "CREATE TABLE extra (x);", [](Db&) { throw std::runtime_error("backfill broke"); }};
  try {
    Migrate(db, steps);
    FAIL("no throw");
  } catch (const DbError& e) {
    CHECK_THAT(e.what(), Catch::Contains("backfill broke"));
  }
  CHECK(SchemaVersion(db) == 3);
}

TEST_CASE("A database newer than the code is refused") {
  Db db(":memory:");
  Migrate(db, Steps());
  db.ExecScript("PRAGMA user_version = 7");
  try {
    Migrate(db, Steps());
    FAIL("no throw");
  } catch (const SchemaTooNewError& e) {
    CHECK(e.db_version == 7);
    CHECK(e.known_version == 3);
    CHECK_THAT(e.what(), Catch::Contains("update the application"));
  }
}

TEST_CASE("A broken migration list is refused before touching the database") {
  Db db(":memory:");
  std::vector<Migration> gap = {{1, "CREATE TABLE a (x);", nullptr}, {3, "CREATE TABLE b (x);", nullptr}};
  CHECK_THROWS_AS(Migrate(db, gap), DbError);
  CHECK(SchemaVersion(db) == 0);
  CHECK_THROWS_AS(Migrate(db, Steps(), 9), DbError);
}

TEST_CASE("Relais schema: fresh database at the latest version, foreign keys consistent") {
  Db db(":memory:");
  CHECK(Migrate(db, RelaisMigrations()) == LatestSchemaVersion());
  CHECK(LatestSchemaVersion() >= 2);
  for (const char* t : SyncedTables()) {
    INFO(t);
    // Every synced table has the sync columns.
    for (const char* col : {"id", "created_hlc", "updated_hlc", "author_id", "deleted_hlc"})
      CHECK(db.QueryInt("SELECT count(*) FROM pragma_table_info(?) WHERE name = ?", t, col) == 1);
    CHECK(db.QueryInt("SELECT pk FROM pragma_table_info(?) WHERE name = 'id'", t) == 1);
  }
  for (const char* t : {"outbox", "field_versions", "sync_state", "local_profile"})
    CHECK(db.QueryInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", t) == 1);
  CHECK_FALSE(db.QueryText("PRAGMA foreign_key_check").has_value());
}

// The questions asked many times a frame or per pulled row must not scan the
// outbox: a device can hold 200,000 pending writes after weeks offline.
TEST_CASE("Relais schema: a row's pending writes are found through an index") {
  Db db(":memory:");
  Migrate(db, RelaisMigrations());
  auto plan = [&](const char* sql) {
    std::string all;
    Stmt s = db.Prepare(std::string("EXPLAIN QUERY PLAN ") + sql);
    while (s.Step()) all += s.Text(3) + "\n";
    return all;
  };
  for (const char* sql : {
           "SELECT 1 FROM outbox WHERE state = 'pending' AND tbl = 'companies' AND row_id = 'c1' LIMIT 1",
           "SELECT op, fields, hlc FROM outbox WHERE state = 'pending' AND tbl = 'companies' AND row_id = 'c1'",
           "SELECT count(*) FROM outbox WHERE state IN ('pending', 'rejected') AND tbl = 'interactions' AND "
           "row_id = 'i1'",
           // ui/companies/advisor_data.cpp GroupSaveState: a note and its actions
           "SELECT count(*) FROM outbox WHERE state IN ('pending', 'rejected') AND ((tbl = ?1 AND row_id = ?2) OR "
           "(tbl = ?3 AND row_id IN (SELECT id FROM follow_up_actions WHERE interaction_id = ?2)))"}) {
    INFO(sql);
    std::string p = plan(sql);
    INFO(p);
    CHECK(p.find("outbox_row") != std::string::npos);
    CHECK(p.find("SCAN") == std::string::npos);
  }
}

TEST_CASE("Relais schema: SyncedTables lists parents before children") {
  Db db(":memory:");
  Migrate(db, RelaisMigrations());
  const auto& tables = SyncedTables();
  CHECK(db.QueryInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                    "AND name NOT LIKE 'search_%' "  // the local search index (v3), derived, never synced
                    "AND name NOT IN ('outbox', 'field_versions', 'sync_state', 'local_profile', 'sync_conflicts')") ==
        static_cast<int64_t>(tables.size()));
  for (size_t i = 0; i < tables.size(); i++) {
    Stmt s = db.Prepare("SELECT \"table\" FROM pragma_foreign_key_list(?)");
    s.Bind(1, tables[i]);
    while (s.Step()) {
      std::string parent = s.Text(0);
      INFO(tables[i] << " references " << parent);
      auto it = std::find(tables.begin(), tables.end(), parent);
      REQUIRE(it != tables.end());
      CHECK(static_cast<size_t>(it - tables.begin()) < i);
    }
  }
}

TEST_CASE("Relais schema: upgrades a database from every earlier version with data in it") {
  // Data as version 1 wrote it (raw SQL: today's repositories write the latest schema).
  auto fill_v1 = [](Db& db) {
    db.ExecScript(
        "INSERT INTO offices (id, created_hlc, updated_hlc, name, departments) "
        "  VALUES ('o1', 1, 1, 'Antenne du Loiret', '[\"45\"]');"
        "INSERT INTO organisations (id, created_hlc, updated_hlc, name, kind) "
        "  VALUES ('g1', 2, 2, 'CCI Centre', 'cci');"
        "INSERT INTO members (id, created_hlc, updated_hlc, first_name, last_name, organisation_id, office_id,"
        "  expertise) VALUES ('m1', 3, 3, 'Claire', 'Martin', 'g1', 'o1', '[\"export\"]');"
        "INSERT INTO companies (id, created_hlc, updated_hlc, name, siren, siret, commune_insee)"
        "  VALUES ('c1', 4, 4, 'SARL Boulangerie Dupont & Fils', '732829320', '73282932000074', '45234');"
        "INSERT INTO companies (id, created_hlc, updated_hlc, author_id, deleted_hlc, name)"
        "  VALUES ('c2', 5, 6, 'u1', 6, 'Élan Numérique SAS');"
        "INSERT INTO interactions (id, created_hlc, updated_hlc, company_id, kind, occurred_on,"
        "  author_member_id, organisation_id, note) VALUES ('i1', 7, 7, 'c1', 'visit', '2024-03-05', 'm1', 'g1',"
        "  'Projet export vers l''Allemagne');"
        "INSERT INTO outbox (tbl, row_id, op, fields, hlc) VALUES ('companies', 'c1', 'upsert', '{}', 4);"
        "INSERT INTO field_versions (tbl, row_id, field, hlc) VALUES ('companies', 'c1', 'name', 4);"
        "INSERT INTO sync_state (key, value) VALUES ('hlc', 7);");
  };
  const int latest = LatestSchemaVersion();

  Db fresh(":memory:");
  Migrate(fresh, RelaisMigrations());

  for (int from = 1; from < latest; from++) {
    INFO("upgrading from version " << from);
    Db db(":memory:");
    REQUIRE(Migrate(db, RelaisMigrations(), from) == from);
    fill_v1(db);  // every version so far accepts version-1 rows
    CHECK(Migrate(db, RelaisMigrations()) == latest);

    // Same schema as a fresh database...
    CHECK(SchemaDump(db) == SchemaDump(fresh));
    // ...and the data is all there.
    CHECK(db.QueryText("SELECT name FROM offices WHERE id = 'o1'") == "Antenne du Loiret");
    CHECK(db.QueryText("SELECT expertise FROM members WHERE id = 'm1'") == "[\"export\"]");
    CHECK(db.QueryText("SELECT siret FROM companies WHERE id = 'c1'") == "73282932000074");
    CHECK(db.QueryInt("SELECT deleted_hlc FROM companies WHERE id = 'c2'") == 6);
    CHECK(db.QueryText("SELECT note FROM interactions WHERE id = 'i1'") == "Projet export vers l'Allemagne");
    CHECK(db.QueryInt("SELECT count(*) FROM outbox") == 1);
    CHECK(db.QueryInt("SELECT value FROM sync_state WHERE key = 'hlc'") == 7);
    // v2 backfilled the duplicate-detection key of the companies v1 wrote
    // (rows written at v2 or later carry the key their writer computed).
    if (from < 2) {
      CHECK(db.QueryText("SELECT name_key FROM companies WHERE id = 'c1'") == "boulangerie dupont fils");
      CHECK(db.QueryText("SELECT name_key FROM companies WHERE id = 'c2'") == "elan numerique");
    }
    // v3 indexed the rows already there for search (live rows only).
    if (from < 3) {
      CHECK(db.QueryInt("SELECT count(*) FROM search_docs WHERE kind = 'company'") == 1);
      CHECK(db.QueryInt("SELECT count(*) FROM search_docs WHERE kind = 'note' AND ref_id = 'i1'") == 1);
    }
    // v9: what existed before deactivation is active.
    CHECK(db.QueryInt("SELECT active FROM members WHERE id = 'm1'") == 1);
    CHECK(db.QueryInt("SELECT active FROM offices WHERE id = 'o1'") == 1);
    CHECK_FALSE(db.QueryText("PRAGMA foreign_key_check").has_value());
    CHECK(db.QueryText("PRAGMA integrity_check") == "ok");
  }
}
