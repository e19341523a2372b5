// Tests of the SQLite layer: Db, Stmt, Tx, the statement cache, errors.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstring>
#include <string>

#include "core/db/db.h"

using namespace relais;

namespace {

Db MemDb() {
  Db db(":memory:");
  db.ExecScript(
      "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
      "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id),"
      "  n INTEGER, x REAL, t TEXT, b BLOB);");
  return db;
}

int64_t Count(Db& db, const char* table) {
  return db.QueryInt(std::string("SELECT count(*) FROM ") + table).value_or(-1);
}

// Removes a database file and its journals.
void RemoveDbFiles(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((path + suffix).c_str());
}

}  // namespace

TEST_CASE("Db opens in memory with foreign keys on") {
  Db db(":memory:");
  CHECK(db.is_open());
  CHECK(db.QueryInt("PRAGMA foreign_keys") == 1);
  // WAL is impossible for :memory:; SQLite keeps "memory" and we report it.
  CHECK(db.journal_mode() == "memory");
  CHECK_FALSE(db.InTransaction());
}

TEST_CASE("SQLite's buffers grow with room to spare, and keep their block when shrinking a little") {
  SetUpSqlite();
  void* p = sqlite3_malloc(100);
  REQUIRE(p);
  // Grown by one step, the block has room for the next steps: SQLite's
  // realloc returns at once while the new size fits.
  void* q = sqlite3_realloc(p, 132);
  REQUIRE(q);
  const int room = static_cast<int>(sqlite3_msize(q));
  CHECK(room >= 132 + 132 / 2);
  const int fit = room & ~7;  // SQLite asks its allocator for multiples of 8
  CHECK(sqlite3_realloc(q, fit) == q);
  CHECK(sqlite3_realloc(q, (room / 2 + 8) & ~7) == q);  // a shrink to more than half keeps the block
  CHECK(static_cast<int>(sqlite3_msize(q)) == room);
  // Beyond the room, or down to less than half, it moves as usual.
  void* r = sqlite3_realloc(q, room + 1);
  REQUIRE(r);
  CHECK(static_cast<int>(sqlite3_msize(r)) >= room + 1);
  r = sqlite3_realloc(r, 16);
  REQUIRE(r);
  CHECK(static_cast<int>(sqlite3_msize(r)) < room);
  std::memset(r, 0x5A, 16);
  sqlite3_free(r);
}

TEST_CASE("Db opens a file with the journal mode asked for") {
  std::string path = "relais_test_db_open.sqlite";
  RemoveDbFiles(path);
  {
    DbOptions opts;
    opts.journal_mode = "delete";
    Db db(path, opts);
    CHECK(db.journal_mode() == "delete");
    db.ExecScript("CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  }
  {
    Db db(path);  // default: WAL natively, DELETE under Emscripten
#ifdef __EMSCRIPTEN__
    CHECK(db.journal_mode() == "delete");
#else
    CHECK(db.journal_mode() == "wal");
#endif
    CHECK(db.QueryInt("SELECT x FROM t") == 1);
  }
  RemoveDbFiles(path);
}

TEST_CASE("Db refuses an unknown journal mode and a file that is not a database") {
  DbOptions opts;
  opts.journal_mode = "wal; DROP TABLE x";
  CHECK_THROWS_AS(Db(":memory:", opts), DbError);

  std::string path = "relais_test_not_a_db.sqlite";
  RemoveDbFiles(path);
  if (FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fputs("this is not an SQLite database, just some text that is long enough to have a header", f);
    std::fclose(f);
  }
  try {
    Db db(path);
    FAIL("opened a non-database");
  } catch (const DbError& e) {
    CHECK(e.primary_code() == SQLITE_NOTADB);
    CHECK_THAT(e.what(), Catch::Contains(path));
  }
  RemoveDbFiles(path);

  // A folder that does not exist.
  CHECK_THROWS_AS(Db("/nonexistent-folder-relais/x.db"), DbError);
}

TEST_CASE("Stmt binds and reads every type") {
  Db db = MemDb();
  db.Exec("INSERT INTO parent (id, name) VALUES (?, ?)", 1, "Orléans");
  std::vector<uint8_t> blob = {0, 1, 2, 255};
  std::optional<int64_t> none;
  std::optional<std::string> some_text = std::string("é");
  db.Exec("INSERT INTO child (id, parent_id, n, x, t, b) VALUES (?, ?, ?, ?, ?, ?)", 10, 1, none, 2.5, some_text, blob);
  db.Exec("INSERT INTO child (id, parent_id, n, x, t, b) VALUES (?, ?, ?, ?, ?, ?)", 11, int64_t(1), int64_t(1) << 40,
          nullptr, std::string(), BlobView{nullptr, 0});

  Stmt s = db.Prepare("SELECT n, x, t, b FROM child ORDER BY id");
  REQUIRE(s.Step());
  CHECK(s.ColumnCount() == 4);
  CHECK(s.IsNull(0));
  CHECK(s.OptInt(0) == std::nullopt);
  CHECK(s.Double(1) == 2.5);
  CHECK(s.Text(2) == "é");
  CHECK(s.Blob(3) == blob);
  REQUIRE(s.Step());
  CHECK(s.Int(0) == (int64_t(1) << 40));
  CHECK(s.OptDouble(1) == std::nullopt);
  CHECK(s.OptText(2) == std::string());  // an empty string stays a string, not NULL
  CHECK_FALSE(s.IsNull(3));              // an empty blob stays a blob
  CHECK(s.Blob(3).empty());
  CHECK_FALSE(s.Step());

  // Reset makes the statement runnable again with new bindings.
  Stmt q = db.Prepare("SELECT count(*) FROM child WHERE id > ?");
  q.Bind(1, 10);
  REQUIRE(q.Step());
  CHECK(q.Int(0) == 1);
  q.Reset();
  q.Bind(1, 0);
  REQUIRE(q.Step());
  CHECK(q.Int(0) == 2);
}

TEST_CASE("Exec returns the number of changed rows") {
  Db db = MemDb();
  db.Exec("INSERT INTO parent (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
  CHECK(db.Exec("UPDATE parent SET name = name || '!' WHERE id >= ?", 2) == 2);
  CHECK(db.Changes() == 2);
  CHECK(db.Exec("DELETE FROM parent WHERE id = ?", 99) == 0);
  db.Exec("INSERT INTO parent (name) VALUES ('d')");
  CHECK(db.LastInsertRowid() == 4);
  CHECK(db.QueryText("SELECT name FROM parent WHERE id = ?", 4) == "d");
  CHECK(db.QueryText("SELECT name FROM parent WHERE id = ?", 5) == std::nullopt);
}

TEST_CASE("Errors carry the SQLite code, the message and the SQL") {
  Db db = MemDb();
  SECTION("bad SQL") {
    try {
      db.Prepare("SELEC name FROM parent");
      FAIL("no throw");
    } catch (const DbError& e) {
      CHECK(e.code() == SQLITE_ERROR);
      CHECK_THAT(e.what(), Catch::Contains("SELEC name FROM parent"));
      CHECK_THAT(e.what(), Catch::Contains("syntax error"));
      CHECK_FALSE(e.is_constraint());
    }
  }
  SECTION("unknown table, in a script") {
    try {
      db.ExecScript("SELECT 1; SELECT * FROM nowhere;");
      FAIL("no throw");
    } catch (const DbError& e) {
      CHECK_THAT(e.what(), Catch::Contains("no such table: nowhere"));
      CHECK_THAT(e.what(), Catch::Contains("SELECT * FROM nowhere"));
    }
  }
  SECTION("foreign key violation is a constraint error") {
    try {
      db.Exec("INSERT INTO child (id, parent_id) VALUES (1, 42)");
      FAIL("no throw");
    } catch (const DbError& e) {
      CHECK(e.is_constraint());
      CHECK(e.code() == SQLITE_CONSTRAINT_FOREIGNKEY);
      CHECK_THAT(e.what(), Catch::Contains("FOREIGN KEY constraint failed"));
      CHECK_THAT(e.what(), Catch::Contains("INSERT INTO child"));
    }
  }
  SECTION("unique and not-null violations too") {
    db.Exec("INSERT INTO parent (id, name) VALUES (1, 'a')");
    try {
      db.Exec("INSERT INTO parent (id, name) VALUES (2, 'a')");
      FAIL("no throw");
    } catch (const DbError& e) {
      CHECK(e.code() == SQLITE_CONSTRAINT_UNIQUE);
      CHECK(e.is_constraint());
    }
    try {
      db.Exec("INSERT INTO parent (id, name) VALUES (3, ?)", nullptr);
      FAIL("no throw");
    } catch (const DbError& e) {
      CHECK(e.code() == SQLITE_CONSTRAINT_NOTNULL);
    }
  }
  SECTION("binding a parameter that does not exist") {
    Stmt s = db.Prepare("SELECT ?");
    try {
      s.Bind(2, 1);
      FAIL("no throw");
    } catch (const DbError& e) {
      CHECK(e.code() == SQLITE_RANGE);
      CHECK_THAT(e.what(), Catch::Contains("bind parameter 2"));
    }
  }
  SECTION("two statements where one is expected") {
    CHECK_THROWS_AS(db.Prepare("SELECT 1; SELECT 2"), DbError);
    CHECK_NOTHROW(db.Prepare("SELECT 1;  "));
    CHECK_THROWS_AS(db.Prepare("   "), DbError);
  }
  SECTION("a statement that fails keeps working after the error") {
    Stmt s = db.Prepare("INSERT INTO parent (name) VALUES (?)");
    s.Bind(1, "x");
    s.Exec();
    s.Reset();
    s.Bind(1, "x");
    CHECK_THROWS_AS(s.Exec(), DbError);
    s.Reset();
    s.Bind(1, "y");
    CHECK(s.Exec() == 1);
  }
}

TEST_CASE("The statement cache hands back the same prepared statement") {
  Db db = MemDb();
  const char* sql = "SELECT name FROM parent WHERE id = ?";
  sqlite3_stmt* first;
  {
    Stmt s = db.Prepare(sql);
    first = s.handle();
  }
  int64_t prepared = db.stats().prepared;
  int64_t hits = db.stats().cache_hits;
  for (int i = 0; i < 5; i++) {
    Stmt s = db.Prepare(sql);
    CHECK(s.handle() == first);
    s.Bind(1, i);  // bindings from the previous use were cleared
    CHECK_FALSE(s.Step());
  }
  CHECK(db.stats().prepared == prepared);
  CHECK(db.stats().cache_hits == hits + 5);

  // Two live at once (a nested query): the second is a fresh one, and both
  // work independently.
  db.Exec("INSERT INTO parent (id, name) VALUES (1, 'a'), (2, 'b')");
  Stmt outer = db.Prepare("SELECT id FROM parent ORDER BY id");
  int rows = 0;
  while (outer.Step()) {
    Stmt inner = db.Prepare("SELECT id FROM parent ORDER BY id");
    CHECK(inner.handle() != outer.handle());
    REQUIRE(inner.Step());
    CHECK(inner.Int(0) == 1);
    rows++;
  }
  CHECK(rows == 2);
}

TEST_CASE("The statement cache stays within its size") {
  DbOptions opts;
  opts.statement_cache_size = 2;
  Db db(":memory:", opts);
  for (int i = 0; i < 5; i++) db.QueryInt("SELECT " + std::to_string(i));
  int64_t prepared = db.stats().prepared;
  db.QueryInt("SELECT 0");  // still cached (first two)
  CHECK(db.stats().prepared == prepared);
  db.QueryInt("SELECT 4");  // was not kept
  CHECK(db.stats().prepared == prepared + 1);
}

TEST_CASE("A Stmt keeps working when its Db is moved, and Close refuses while it lives") {
  Db db = MemDb();
  db.Exec("INSERT INTO parent (id, name) VALUES (1, 'a')");
  Stmt s = db.Prepare("SELECT name FROM parent");
  Db moved = std::move(db);
  CHECK_FALSE(db.is_open());
  REQUIRE(s.Step());
  CHECK(s.Text(0) == "a");
  CHECK_THROWS_AS(moved.Close(), DbError);
  s = Stmt();
  CHECK_NOTHROW(moved.Close());
  CHECK_FALSE(moved.is_open());
  CHECK_THROWS_AS(moved.Prepare("SELECT 1"), DbError);
}

TEST_CASE("Tx commits, or rolls back when not committed") {
  Db db = MemDb();
  {
    Tx tx(db);
    CHECK(db.InTransaction());
    CHECK_FALSE(tx.nested());
    db.Exec("INSERT INTO parent (id, name) VALUES (1, 'kept')");
    tx.Commit();
  }
  CHECK_FALSE(db.InTransaction());
  {
    Tx tx(db);
    db.Exec("INSERT INTO parent (id, name) VALUES (2, 'dropped')");
  }
  CHECK(Count(db, "parent") == 1);

  // An exception thrown half-way undoes the first half.
  try {
    Tx tx(db);
    db.Exec("INSERT INTO parent (id, name) VALUES (3, 'half')");
    db.Exec("INSERT INTO child (id, parent_id) VALUES (1, 99)");  // FK violation
    tx.Commit();
  } catch (const DbError& e) {
    CHECK(e.is_constraint());
  }
  CHECK(Count(db, "parent") == 1);
  CHECK_FALSE(db.InTransaction());

  Tx tx(db);
  tx.Commit();
  CHECK_THROWS_AS(tx.Commit(), DbError);
}

TEST_CASE("Nested Tx are savepoints") {
  Db db = MemDb();
  Tx outer(db);
  db.Exec("INSERT INTO parent (id, name) VALUES (1, 'outer')");
  {
    Tx inner(db);
    CHECK(inner.nested());
    db.Exec("INSERT INTO parent (id, name) VALUES (2, 'inner, rolled back')");
  }
  CHECK(Count(db, "parent") == 1);
  CHECK(db.InTransaction());  // the inner rollback left the outer open
  {
    Tx inner(db);
    db.Exec("INSERT INTO parent (id, name) VALUES (3, 'inner, released')");
    {
      Tx innermost(db);
      db.Exec("INSERT INTO parent (id, name) VALUES (4, 'innermost')");
      // Committing the middle one while the innermost is open is a bug.
      CHECK_THROWS_AS(inner.Commit(), DbError);
      innermost.Commit();
    }
    inner.Commit();
  }
  CHECK(Count(db, "parent") == 3);
  outer.Commit();
  CHECK(Count(db, "parent") == 3);
  CHECK_FALSE(db.InTransaction());

  // An inner commit is undone by an outer rollback.
  {
    Tx o(db);
    {
      Tx i(db);
      db.Exec("INSERT INTO parent (id, name) VALUES (5, 'gone with the outer')");
      i.Commit();
    }
  }
  CHECK(Count(db, "parent") == 3);
}

TEST_CASE("Tx nests into a transaction opened by hand") {
  Db db = MemDb();
  db.ExecScript("BEGIN");
  {
    Tx tx(db);
    CHECK(tx.nested());
    db.Exec("INSERT INTO parent (id, name) VALUES (1, 'x')");
  }
  CHECK(db.InTransaction());
  db.ExecScript("COMMIT");
  CHECK(Count(db, "parent") == 0);
}

// Emscripten's file systems have no locks (one tab, one connection): native only.
#ifndef __EMSCRIPTEN__
TEST_CASE("BEGIN IMMEDIATE takes the write lock: a second writer gets SQLITE_BUSY") {
  std::string path = "relais_test_db_busy.sqlite";
  RemoveDbFiles(path);
  {
    DbOptions opts;
    opts.busy_timeout_ms = 0;  // fail at once instead of waiting
    Db a(path, opts);
    Db b(path, opts);
    a.ExecScript("CREATE TABLE t (x)");
    Tx ta(a);
    try {
      Tx tb(b);
      FAIL("second writer got the lock");
    } catch (const DbError& e) {
      CHECK(e.is_busy());
    }
    ta.Commit();
    Tx tb(b);  // free now
    tb.Commit();
  }
  RemoveDbFiles(path);
}
#endif
