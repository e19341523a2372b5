// sqlite_store.cpp — see sqlite_store.h.
#include "sqlite_store.h"

#include <signal.h>
#include <sqlite3.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/db/db.h"
#include "core/db/migrations.h"
#include "serial_cache.h"

using relais::Db;
using relais::DbError;
using relais::Stmt;
using relais::Value;

namespace {

// Server schema, as forward-only steps (PRAGMA user_version), like the client.
// fields.value and the conflict values have no declared type: SQLite keeps
// each value's own type (integer, real, text, null), as the client sent it.
const char* const kServerV1 =
    "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL) WITHOUT ROWID;\n"
    "CREATE TABLE users (\n"
    "  id TEXT PRIMARY KEY NOT NULL,\n"
    "  login TEXT NOT NULL UNIQUE,\n"
    "  password_hash TEXT NOT NULL,\n"
    "  role TEXT NOT NULL CHECK (role IN ('advisor', 'trainee', 'office_staff', 'admin')),\n"
    "  member_id TEXT NOT NULL DEFAULT '',\n"
    "  display_name TEXT NOT NULL DEFAULT '',\n"
    "  disabled INTEGER NOT NULL DEFAULT 0,\n"
    "  created_ms INTEGER NOT NULL\n"
    ");\n"
    "CREATE TABLE tokens (\n"
    "  hash TEXT PRIMARY KEY NOT NULL,\n"
    "  kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),\n"
    "  session_id TEXT NOT NULL,\n"
    "  user_id TEXT NOT NULL REFERENCES users(id),\n"
    "  created_ms INTEGER NOT NULL,\n"
    "  expires_ms INTEGER NOT NULL,\n"
    "  revoked INTEGER NOT NULL DEFAULT 0\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX tokens_session ON tokens(session_id);\n"
    "CREATE TABLE login_throttle (\n"
    "  key TEXT PRIMARY KEY NOT NULL,\n"
    "  failures INTEGER NOT NULL,\n"
    "  last_failure_ms INTEGER NOT NULL,\n"
    "  blocked_until_ms INTEGER NOT NULL\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE change_log (\n"
    "  serial INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "  tbl TEXT NOT NULL,\n"
    "  row_id TEXT NOT NULL,\n"
    "  op TEXT NOT NULL,\n"
    "  fields TEXT NOT NULL,\n"
    "  hlc INTEGER NOT NULL,\n"
    "  user_id TEXT NOT NULL,\n"
    "  device_id TEXT NOT NULL,\n"
    "  device_seq INTEGER NOT NULL,\n"
    "  at_ms INTEGER NOT NULL\n"
    ");\n"
    "CREATE TABLE rows (\n"
    "  tbl TEXT NOT NULL,\n"
    "  row_id TEXT NOT NULL,\n"
    "  serial INTEGER NOT NULL,\n"
    "  created_hlc INTEGER NOT NULL,\n"
    "  created_by TEXT NOT NULL,\n"
    "  deleted_hlc INTEGER NOT NULL DEFAULT 0,\n"
    "  deleted_user TEXT NOT NULL DEFAULT '',\n"
    "  deleted_device TEXT NOT NULL DEFAULT '',\n"
    "  PRIMARY KEY (tbl, row_id)\n"
    ") WITHOUT ROWID;\n"
    "CREATE UNIQUE INDEX rows_serial ON rows(serial);\n"
    "CREATE TABLE fields (\n"
    "  tbl TEXT NOT NULL,\n"
    "  row_id TEXT NOT NULL,\n"
    "  name TEXT NOT NULL,\n"
    "  value,\n"
    "  hlc INTEGER NOT NULL,\n"
    "  user_id TEXT NOT NULL,\n"
    "  device_id TEXT NOT NULL,\n"
    "  serial INTEGER NOT NULL,\n"
    "  PRIMARY KEY (tbl, row_id, name)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX fields_value ON fields(tbl, name, value);\n"
    "CREATE TABLE applied (\n"
    "  user_id TEXT NOT NULL,\n"
    "  device_id TEXT NOT NULL,\n"
    "  device_seq INTEGER NOT NULL,\n"
    "  serial INTEGER NOT NULL,\n"
    "  PRIMARY KEY (user_id, device_id, device_seq)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE conflicts (\n"
    "  id TEXT PRIMARY KEY NOT NULL,\n"
    "  serial INTEGER NOT NULL,\n"
    "  tbl TEXT NOT NULL,\n"
    "  row_id TEXT NOT NULL,\n"
    "  field TEXT NOT NULL,\n"
    "  winner_value,\n"
    "  winner_hlc INTEGER NOT NULL,\n"
    "  winner_user TEXT NOT NULL,\n"
    "  loser_value,\n"
    "  loser_hlc INTEGER NOT NULL,\n"
    "  loser_user TEXT NOT NULL,\n"
    "  created_ms INTEGER NOT NULL,\n"
    "  resolved INTEGER NOT NULL DEFAULT 0\n"
    ");\n"
    "CREATE INDEX conflicts_serial ON conflicts(serial);\n";

// v2: when each account last signed in (the accounts screen shows it), and
// tokens by user (disabling an account revokes all of them at once).
const char* const kServerV2 =
    "ALTER TABLE users ADD COLUMN last_login_ms INTEGER NOT NULL DEFAULT 0;\n"
    "CREATE INDEX tokens_user ON tokens(user_id);\n";

const std::vector<relais::Migration>& ServerMigrations() {
  static const std::vector<relais::Migration> kSteps = {{1, kServerV1, nullptr}, {2, kServerV2, nullptr}};
  return kSteps;
}

Value ColumnValue(const Stmt& s, int col) {
  switch (sqlite3_column_type(s.handle(), col)) {
    case SQLITE_INTEGER:
      return s.Int(col);
    case SQLITE_FLOAT:
      return s.Double(col);
    case SQLITE_NULL:
      return std::monostate{};
    default:
      return s.Text(col);
  }
}

Db OpenConnection(const std::string& path) {
  relais::DbOptions opts;
  opts.journal_mode = "WAL";
  opts.busy_timeout_ms = 10000;  // a CLI --add-user may hold the write lock briefly
  Db db(path, opts);
  if (db.journal_mode() != "wal") throw DbError(SQLITE_ERROR, "'" + path + "': WAL journal mode unavailable");
  // FULL: the WAL is synced at every commit, so an answered push is on disk
  // (SqliteStore::Write commits concurrent pushes together to share that cost).
  db.ExecScript("PRAGMA synchronous=FULL");
  // Each push runs in a savepoint (SqliteStore::Write): its statement
  // journal stays in memory instead of a temporary file.
  db.ExecScript("PRAGMA temp_store=MEMORY");
  return db;
}

// tbl, row_id, serial, created_hlc, created_by, deleted_hlc, deleted_user,
// deleted_device from column `at` on.
RowRecord ReadRowColumns(const Stmt& s, int at) {
  RowRecord r;
  r.table = s.Text(at);
  r.row_id = s.Text(at + 1);
  r.exists = true;
  r.serial = s.Int(at + 2);
  r.created_hlc = s.Int(at + 3);
  r.created_by = s.Text(at + 4);
  r.deleted_hlc = s.Int(at + 5);
  r.deleted_user = s.Text(at + 6);
  r.deleted_device = s.Text(at + 7);
  return r;
}

// name, value, hlc, user_id, device_id, serial from column `at` on. Fields
// come in name order (the primary key), so the hint makes each insert O(1).
void ReadField(const Stmt& f, int at, RowRecord* r) {
  auto it = r->fields.emplace_hint(r->fields.end(), f.Text(at), FieldState{});
  FieldState& st = it->second;
  st.value = ColumnValue(f, at + 1);
  st.hlc = f.Int(at + 2);
  st.user_id = f.Text(at + 3);
  st.device_id = f.Text(at + 4);
  st.serial = f.Int(at + 5);
}

// Rows as pulled, by serial (serial_cache.h): SQLite reads each new row once,
// however many devices pull it.
size_t RowBytes(const RowRecord& r) {
  size_t n = 200 + r.table.size() + r.row_id.size() + r.created_by.size();
  for (const auto& kv : r.fields) {
    n += 160 + kv.first.size() + kv.second.user_id.size() + kv.second.device_id.size();
    if (const std::string* t = std::get_if<std::string>(&kv.second.value)) n += t->size();
  }
  return n;
}
using RowCache = SerialCache<RowPtr>;
constexpr size_t kRowCacheBytes = size_t(64) << 20;

class SqliteTxn : public SyncTxn {
 public:
  // `cache`: the store's row cache, for read transactions only (a write
  // transaction sees its own uncommitted rows, which must not be shared).
  SqliteTxn(Db& db, bool writable, RowCache* cache = nullptr) : db_(db), writable_(writable), cache_(cache) {}

  RowRecord GetRow(const std::string& table, const std::string& row_id) override {
    RowRecord r;
    r.table = table;
    r.row_id = row_id;
    Stmt s = db_.Prepare(
        "SELECT serial, created_hlc, created_by, deleted_hlc, deleted_user, deleted_device "
        "FROM rows WHERE tbl = ? AND row_id = ?");
    s.BindAll(table, row_id);
    if (!s.Step()) return r;
    r.exists = true;
    r.serial = s.Int(0);
    r.created_hlc = s.Int(1);
    r.created_by = s.Text(2);
    r.deleted_hlc = s.Int(3);
    r.deleted_user = s.Text(4);
    r.deleted_device = s.Text(5);
    Stmt f =
        db_.Prepare("SELECT name, value, hlc, user_id, device_id, serial FROM fields WHERE tbl = ? AND row_id = ?");
    f.BindAll(table, row_id);
    while (f.Step()) {
      FieldState& st = r.fields[f.Text(0)];
      st.value = ColumnValue(f, 1);
      st.hlc = f.Int(2);
      st.user_id = f.Text(3);
      st.device_id = f.Text(4);
      st.serial = f.Int(5);
    }
    return r;
  }

  std::vector<std::string> FindRows(const std::string& table, const std::string& field, const Value& v) override {
    Stmt s = db_.Prepare("SELECT row_id FROM fields WHERE tbl = ? AND name = ? AND value = ? ORDER BY row_id");
    s.BindAll(table, field);
    relais::BindValue(s, 3, v);
    std::vector<std::string> ids;
    while (s.Step()) ids.push_back(s.Text(0));
    return ids;
  }

  // A few statements for the whole page, whatever its size: the serials
  // (from the serial index alone), then, for the rows not in the cache, their
  // columns and their fields, each in one pass over their serial range (a
  // pull page used to cost two statements per row). Once 50 devices pull the
  // same new rows, all but the first only read the index.
  std::vector<RowPtr> RowsSince(int64_t after, int limit) override {
    std::vector<RowPtr> out;
    std::vector<int64_t> missing;    // serials, ascending
    std::vector<size_t> missing_at;  // where each goes in `out`
    {
      std::vector<int64_t> serials;
      Stmt s = db_.Prepare("SELECT serial FROM rows WHERE serial > ? ORDER BY serial LIMIT ?");
      s.BindAll(after, limit);
      while (s.Step()) serials.push_back(s.Int(0));
      out = cache_ ? cache_->Find(serials) : std::vector<RowPtr>(serials.size());
      for (size_t i = 0; i < out.size(); i++) {
        if (out[i]) continue;
        missing.push_back(serials[i]);
        missing_at.push_back(i);
      }
    }
    if (missing.empty()) return out;
    std::vector<RowRecord> rows;  // the missing ones, in serial order
    rows.reserve(missing.size());
    {
      Stmt s = db_.Prepare(
          "SELECT tbl, row_id, serial, created_hlc, created_by, deleted_hlc, deleted_user, deleted_device "
          "FROM rows WHERE serial >= ? AND serial <= ? ORDER BY serial");
      s.BindAll(missing.front(), missing.back());
      size_t at = 0;
      while (at < missing.size() && s.Step()) {
        if (s.Int(2) != missing[at]) continue;  // a cached row in the range
        rows.push_back(ReadRowColumns(s, 0));
        at++;
      }
      // The snapshot is the same for both statements: every serial is found.
      if (rows.size() != missing.size()) throw DbError(SQLITE_CORRUPT, "rows: serial index and table disagree");
    }
    Stmt f = db_.Prepare(
        "SELECT r.serial, f.name, f.value, f.hlc, f.user_id, f.device_id, f.serial FROM rows AS r "
        "JOIN fields AS f ON f.tbl = r.tbl AND f.row_id = r.row_id WHERE r.serial >= ? AND r.serial <= ?");
    f.BindAll(missing.front(), missing.back());
    size_t at = 0;  // rows are in serial order, and so (nearly always) are the fields
    while (f.Step()) {
      const int64_t serial = f.Int(0);
      if (rows[at].serial != serial) {
        auto it = std::lower_bound(rows.begin(), rows.end(), serial,
                                   [](const RowRecord& r, int64_t v) { return r.serial < v; });
        if (it == rows.end() || it->serial != serial) continue;  // a cached row in the range
        at = static_cast<size_t>(it - rows.begin());
      }
      ReadField(f, 1, &rows[at]);
    }
    for (size_t i = 0; i < rows.size(); i++) {
      RowPtr p = std::make_shared<const RowRecord>(std::move(rows[i]));
      if (cache_ && !writable_) cache_->Add(p->serial, p, RowBytes(*p));
      out[missing_at[i]] = std::move(p);
    }
    return out;
  }

  // In chunks of a fixed number of ids (the last one padded by repeating an
  // id), so the statement cache holds one statement, not one per count. A row
  // whose current serial is in the cache is not read again: only the rows
  // table's own b-tree is (the conflicts of a pull name rows just pulled).
  std::vector<RowPtr> GetRows(const std::string& table, const std::vector<std::string>& ids) override {
    constexpr size_t kChunk = 64;
    static const std::string marks = [] {
      std::string m;
      for (size_t i = 0; i < kChunk; i++) m += i ? ", ?" : "?";
      return m;
    }();
    auto each_chunk = [&](const std::vector<std::string>& list, const std::string& sql, auto&& fn) {
      for (size_t start = 0; start < list.size(); start += kChunk) {
        Stmt s = db_.Prepare(sql);
        s.BindText(1, table);
        for (size_t i = 0; i < kChunk; i++)
          s.BindText(static_cast<int>(i + 2), list[std::min(start + i, list.size() - 1)]);
        while (s.Step()) fn(s);
      }
    };
    std::map<std::string, RowPtr> shared;     // cached: handed out as they are, not copied
    std::map<std::string, RowRecord> read;    // not cached: their fields are read next
    each_chunk(ids,
               "SELECT tbl, row_id, serial, created_hlc, created_by, deleted_hlc, deleted_user, deleted_device "
               "FROM rows WHERE tbl = ? AND row_id IN (" + marks + ")",
               [&](Stmt& s) {
                 RowRecord r = ReadRowColumns(s, 0);
                 if (shared.count(r.row_id) || read.count(r.row_id)) return;  // an id given twice
                 if (RowPtr hit = cache_ ? cache_->Find(r.serial) : nullptr) {
                   shared.emplace(r.row_id, std::move(hit));
                 } else {
                   std::string id = r.row_id;
                   read.emplace(std::move(id), std::move(r));
                 }
               });
    std::vector<std::string> uncached;
    uncached.reserve(read.size());
    for (const auto& kv : read) uncached.push_back(kv.first);
    each_chunk(uncached,
               "SELECT row_id, name, value, hlc, user_id, device_id, serial FROM fields WHERE tbl = ? AND row_id IN (" +
                   marks + ")",
               [&](Stmt& f) {
                 ReadField(f, 1, &read.at(f.Text(0)));
               });
    for (auto& kv : read) shared.emplace(kv.first, std::make_shared<const RowRecord>(std::move(kv.second)));
    std::vector<RowPtr> out;
    out.reserve(ids.size());
    for (const std::string& id : ids) {
      auto it = shared.find(id);
      if (it != shared.end()) {
        out.push_back(it->second);  // shared: an id given twice costs nothing
      } else {
        auto absent = std::make_shared<RowRecord>();
        absent->table = table;
        absent->row_id = id;
        out.push_back(std::move(absent));
      }
    }
    return out;
  }

  std::vector<RowRecord> TableRows(const std::string& table) override {
    std::vector<std::string> ids;
    {
      Stmt s = db_.Prepare("SELECT row_id FROM rows WHERE tbl = ? AND deleted_hlc = 0 ORDER BY row_id");
      s.BindAll(table);
      while (s.Step()) ids.push_back(s.Text(0));
    }
    std::vector<RowRecord> rows;
    rows.reserve(ids.size());
    for (const std::string& id : ids) rows.push_back(GetRow(table, id));
    return rows;
  }

  int64_t MaxSerial() override { return db_.QueryInt("SELECT MAX(serial) FROM change_log").value_or(0); }

  int64_t AppendLog(const LogEntry& e) override {
    CheckWritable();
    db_.Exec(
        "INSERT INTO change_log(tbl, row_id, op, fields, hlc, user_id, device_id, device_seq, at_ms) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        e.table, e.row_id, e.op, relais::FieldsToJson(e.fields), e.hlc, e.user_id, e.device_id, e.device_seq, e.at_ms);
    return db_.LastInsertRowid();
  }

  void PutRow(const RowRecord& r) override {
    CheckWritable();
    db_.Exec(
        "INSERT INTO rows(tbl, row_id, serial, created_hlc, created_by, deleted_hlc, deleted_user, deleted_device) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(tbl, row_id) DO UPDATE SET serial = excluded.serial, "
        "created_hlc = excluded.created_hlc, created_by = excluded.created_by, deleted_hlc = excluded.deleted_hlc, "
        "deleted_user = excluded.deleted_user, deleted_device = excluded.deleted_device",
        r.table, r.row_id, r.serial, r.created_hlc, r.created_by, r.deleted_hlc, r.deleted_user, r.deleted_device);
    // A change touches a few fields of a row that has twenty: only those
    // carry this write's serial (store.h), and only those are written. The
    // WHERE leaves a field's pages (and the value index) untouched when it
    // was stamped again with the same value.
    for (const auto& kv : r.fields) {
      if (kv.second.serial != r.serial) continue;
      Stmt s = db_.Prepare(
          "INSERT INTO fields(tbl, row_id, name, value, hlc, user_id, device_id, serial) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(tbl, row_id, name) DO UPDATE SET value = excluded.value, "
          "hlc = excluded.hlc, user_id = excluded.user_id, device_id = excluded.device_id, serial = excluded.serial "
          "WHERE value IS NOT excluded.value OR hlc IS NOT excluded.hlc OR user_id IS NOT excluded.user_id "
          "OR device_id IS NOT excluded.device_id OR serial IS NOT excluded.serial");
      s.BindAll(r.table, r.row_id, kv.first);
      relais::BindValue(s, 4, kv.second.value);
      s.BindInt(5, kv.second.hlc).BindText(6, kv.second.user_id).BindText(7, kv.second.device_id);
      s.BindInt(8, kv.second.serial);
      s.Exec();
    }
  }

  // A refused change is a row of `applied` whose serial is minus its HLC
  // (real serials are >= 0): the same key, so a seq is applied or refused,
  // never both, and no schema change.
  bool IsApplied(const std::string& user_id, const std::string& device_id, int64_t seq) override {
    return db_
        .QueryInt("SELECT 1 FROM applied WHERE user_id = ? AND device_id = ? AND device_seq = ? AND serial >= 0",
                  user_id, device_id, seq)
        .has_value();
  }

  void MarkApplied(const std::string& user_id, const std::string& device_id, int64_t seq, int64_t serial) override {
    CheckWritable();
    db_.Exec("INSERT INTO applied(user_id, device_id, device_seq, serial) VALUES (?, ?, ?, ?)", user_id, device_id, seq,
             serial);
  }

  int64_t MaxAppliedSeq(const std::string& user_id, const std::string& device_id) override {
    return db_
        .QueryInt("SELECT MAX(device_seq) FROM applied WHERE user_id = ? AND device_id = ? AND serial >= 0", user_id,
                  device_id)
        .value_or(0);
  }

  bool IsRefused(const std::string& user_id, const std::string& device_id, int64_t seq, int64_t hlc) override {
    return db_
        .QueryInt("SELECT 1 FROM applied WHERE user_id = ? AND device_id = ? AND device_seq = ? AND serial = ?",
                  user_id, device_id, seq, -hlc)
        .has_value();
  }

  void MarkRefused(const std::string& user_id, const std::string& device_id, int64_t seq, int64_t hlc) override {
    CheckWritable();
    db_.Exec("INSERT OR IGNORE INTO applied(user_id, device_id, device_seq, serial) VALUES (?, ?, ?, ?)", user_id,
             device_id, seq, -hlc);
  }

  void PutConflict(const ConflictRecord& r) override {
    CheckWritable();
    const relais::sync::Conflict& c = r.conflict;
    Stmt s = db_.Prepare(
        "INSERT INTO conflicts(id, serial, tbl, row_id, field, winner_value, winner_hlc, winner_user, loser_value, "
        "loser_hlc, loser_user, created_ms, resolved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET serial = excluded.serial, resolved = excluded.resolved");
    s.BindAll(c.id, r.serial, c.table, c.row_id, c.field);
    relais::BindValue(s, 6, c.winner_value);
    s.BindInt(7, c.winner_hlc).BindText(8, c.winner_user);
    relais::BindValue(s, 9, c.loser_value);
    s.BindInt(10, c.loser_hlc).BindText(11, c.loser_user).BindInt(12, c.created_ms).BindInt(13, c.resolved ? 1 : 0);
    s.Exec();
  }

  std::optional<ConflictRecord> GetConflict(const std::string& id) override {
    std::vector<ConflictRecord> v = QueryConflicts("WHERE id = ?", [&](Stmt& s) { s.BindText(1, id); });
    if (v.empty()) return std::nullopt;
    return v[0];
  }

  std::vector<ConflictRecord> ConflictsFor(const std::string& user_id, int64_t after, int64_t upto) override {
    return QueryConflicts("WHERE serial > ? AND serial <= ? AND (winner_user = ? OR loser_user = ?) ORDER BY serial",
                          [&](Stmt& s) { s.BindAll(after, upto, user_id, user_id); });
  }

  std::optional<UserRecord> UserById(const std::string& id) override { return QueryUser(db_, "id", id); }

  std::optional<int64_t> GetMeta(const std::string& key) override {
    return db_.QueryInt("SELECT value FROM meta WHERE key = ?", key);
  }

  void PutMeta(const std::string& key, int64_t value) override {
    CheckWritable();
    db_.Exec("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key,
             value);
  }

  static std::optional<UserRecord> QueryUser(Db& db, const char* column, const std::string& value) {
    Stmt s = db.Prepare(std::string(kUserColumns) + " WHERE " + column + " = ?");
    s.BindText(1, value);
    if (!s.Step()) return std::nullopt;
    return ReadUser(s);
  }

  static constexpr const char* kUserColumns =
      "SELECT id, login, password_hash, role, member_id, display_name, disabled, created_ms, last_login_ms FROM users";

  static UserRecord ReadUser(const Stmt& s) {
    UserRecord u;
    u.id = s.Text(0);
    u.login = s.Text(1);
    u.password_hash = s.Text(2);
    u.role = s.Text(3);
    u.member_id = s.Text(4);
    u.display_name = s.Text(5);
    u.disabled = s.Int(6) != 0;
    u.created_ms = s.Int(7);
    u.last_login_ms = s.Int(8);
    return u;
  }

 private:
  void CheckWritable() const {
    if (!writable_) throw std::logic_error("write in a read transaction");
  }

  template <class B>
  std::vector<ConflictRecord> QueryConflicts(const std::string& where, B&& bind) {
    Stmt s = db_.Prepare(
        "SELECT id, serial, tbl, row_id, field, winner_value, winner_hlc, winner_user, loser_value, loser_hlc, "
        "loser_user, created_ms, resolved FROM conflicts " +
        where);
    bind(s);
    std::vector<ConflictRecord> out;
    while (s.Step()) {
      ConflictRecord r;
      relais::sync::Conflict& c = r.conflict;
      c.id = s.Text(0);
      r.serial = s.Int(1);
      c.table = s.Text(2);
      c.row_id = s.Text(3);
      c.field = s.Text(4);
      c.winner_value = ColumnValue(s, 5);
      c.winner_hlc = s.Int(6);
      c.winner_user = s.Text(7);
      c.loser_value = ColumnValue(s, 8);
      c.loser_hlc = s.Int(9);
      c.loser_user = s.Text(10);
      c.created_ms = s.Int(11);
      c.resolved = s.Int(12) != 0;
      out.push_back(std::move(r));
    }
    return out;
  }

  Db& db_;
  bool writable_;
  RowCache* cache_;
};

// Checkpoints run on a thread of their own. SQLite's automatic checkpoint
// runs inside the commit that takes the WAL past 1,000 pages: that commit
// then also copies the pages into the database file and syncs it (about
// 10 ms here against 1.3 ms for a plain commit; with pushes of 50 changes,
// one commit in five), and every push queued behind it waits. Here the
// writer's WAL hook only wakes this thread, which checkpoints on its own
// connection. PASSIVE: it never waits for the writer or the readers, and
// what it cannot copy yet is copied next time.
//
// The WAL starts over only when a commit finds every frame copied. Under a
// steady stream of commits the thread may keep missing that moment and the
// WAL grows (to 14,000 pages in sync_bench): past kMaxPages the committing
// writer waits for the thread's copy and copies the rest itself, as SQLite
// would have, before any other commit can land.
class Checkpointer {
 public:
  static constexpr int kPages = 1000;  // SQLite's own threshold
  static constexpr int kMaxPages = 8000;

  Checkpointer(const std::string& path, Db& writer) : writer_(writer), db_(OpenConnection(path)) {
    sqlite3_wal_hook(writer_.handle(), &Checkpointer::OnCommit, this);  // replaces the automatic checkpoint
    // The thread takes no signal (it inherits the mask it is started with):
    // the server waits for its stop signals on the main thread (sigwait in
    // main.cpp), and SIGTERM delivered here would end the process at once.
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    thread_ = std::thread([this] { Run(); });
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
  }
  ~Checkpointer() {
    sqlite3_wal_hook(writer_.handle(), nullptr, nullptr);
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

 private:
  // Called by SQLite after each commit of the writer, with the WAL's length.
  static int OnCommit(void* self, sqlite3* writer, const char*, int pages) {
    auto* c = static_cast<Checkpointer*>(self);
    if (pages >= kMaxPages) {
      std::lock_guard<std::mutex> lock(c->copying_);
      c->Checkpoint(writer);
    } else if (pages >= kPages) {
      {
        std::lock_guard<std::mutex> lock(c->mu_);
        c->wanted_ = true;
      }
      c->cv_.notify_one();
    }
    return SQLITE_OK;
  }

  void Run() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      cv_.wait(lock, [this] { return stop_ || wanted_; });
      if (stop_) return;
      wanted_ = false;
      lock.unlock();
      {
        std::lock_guard<std::mutex> copying(copying_);
        Checkpoint(db_.handle());
      }
      lock.lock();
    }
  }

  static void Checkpoint(sqlite3* db) {
    const int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    // BUSY: another checkpoint is under way (the CLI's, say). Anything else
    // is worth a line in the log; the WAL keeps every commit anyway.
    if (rc != SQLITE_OK && rc != SQLITE_BUSY)
      std::fprintf(stderr, "relais-server: checkpoint: %s\n", sqlite3_errmsg(db));
  }

  Db& writer_;
  Db db_;
  std::mutex mu_;  // wanted_, stop_
  std::condition_variable cv_;
  bool wanted_ = false, stop_ = false;
  std::mutex copying_;  // a checkpoint under way
  std::thread thread_;
};

class SqliteStore : public ServerStore {
 public:
  explicit SqliteStore(std::string path) : path_(std::move(path)), writer_(OpenConnection(path_)) {
    relais::Migrate(writer_, ServerMigrations());
  }

  // Group commit. synchronous=FULL makes every commit wait for the disk
  // (fsync of the WAL): one commit per push would cap the server at one push
  // per fsync. Instead, callers queue; whoever finds no commit under way
  // becomes the leader, takes every queued call (itself included), runs each
  // in its own savepoint of one transaction (a call that throws is rolled
  // back alone), commits once, then wakes them all. Nobody returns before
  // the commit that holds its data is on disk, so an answered push still
  // survives kill -9; a call that arrives during a commit waits for the next
  // one, which carries everything that queued meanwhile. A group takes at
  // most kMaxGroup calls: a leader whose own call was further back in the
  // queue leads again until its call is done (returning earlier would leave
  // it queued, unrun, with a pointer to a dead stack frame).
  void Write(const std::function<void(SyncTxn&)>& fn) override {
    WriteJob job{&fn};
    std::unique_lock<std::mutex> lk(queue_mu_);
    queue_.push_back(&job);
    while (!job.done) {
      queue_cv_.wait(lk, [&] { return job.done || !leading_; });
      if (job.done) break;
      leading_ = true;
      const size_t n = std::min(queue_.size(), kMaxGroup);
      std::vector<WriteJob*> group(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
      lk.unlock();
      RunGroup(group);
      lk.lock();
      for (WriteJob* j : group) j->done = true;
      leading_ = false;
      queue_cv_.notify_all();
    }
    if (job.error) std::rethrow_exception(job.error);
  }

  void Read(const std::function<void(SyncTxn&)>& fn) override {
    WithReader([&](Db& db) {
      // A deferred transaction: its first read fixes the snapshot.
      db.ExecScript("BEGIN");
      try {
        SqliteTxn t(db, false, &cache_);
        fn(t);
      } catch (...) {
        db.ExecScript("ROLLBACK");
        throw;
      }
      db.ExecScript("COMMIT");
    });
  }

  std::optional<UserRecord> UserByLogin(const std::string& login) override {
    std::optional<UserRecord> u;
    WithReader([&](Db& db) { u = SqliteTxn::QueryUser(db, "login", login); });
    return u;
  }

  std::optional<UserRecord> UserById(const std::string& id) override {
    std::optional<UserRecord> u;
    WithReader([&](Db& db) { u = SqliteTxn::QueryUser(db, "id", id); });
    return u;
  }

  void PutUser(const UserRecord& u) override {
    std::lock_guard<std::mutex> lock(write_mu_);
    WriteUser(u);
  }

  // The caller holds write_mu_.
  void WriteUser(const UserRecord& u) {
    writer_.Exec(
        "INSERT INTO users(id, login, password_hash, role, member_id, display_name, disabled, created_ms) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET login = excluded.login, "
        "password_hash = excluded.password_hash, role = excluded.role, member_id = excluded.member_id, "
        "display_name = excluded.display_name, disabled = excluded.disabled",
        u.id, u.login, u.password_hash, u.role, u.member_id, u.display_name, u.disabled, u.created_ms);
  }

  std::vector<UserRecord> ListUsers() override {
    std::vector<UserRecord> out;
    WithReader([&](Db& db) {
      Stmt s = db.Prepare(std::string(SqliteTxn::kUserColumns) + " ORDER BY login");
      while (s.Step()) out.push_back(SqliteTxn::ReadUser(s));
    });
    return out;
  }

  void PutUserRevokingTokens(const UserRecord& u) override {
    std::lock_guard<std::mutex> lock(write_mu_);
    relais::Tx tx(writer_);
    WriteUser(u);
    writer_.Exec("UPDATE tokens SET revoked = 1 WHERE user_id = ? AND revoked = 0", u.id);
    tx.Commit();
  }

  void RecordLogin(const std::string& user_id, int64_t at_ms) override {
    std::lock_guard<std::mutex> lock(write_mu_);
    writer_.Exec("UPDATE users SET last_login_ms = ? WHERE id = ?", at_ms, user_id);
  }

  void PutToken(const TokenRecord& t) override {
    std::lock_guard<std::mutex> lock(write_mu_);
    writer_.Exec(
        "INSERT INTO tokens(hash, kind, session_id, user_id, created_ms, expires_ms, revoked) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        t.hash, t.kind, t.session_id, t.user_id, t.created_ms, t.expires_ms, t.revoked);
  }

  std::optional<TokenRecord> TokenByHash(const std::string& hash) override {
    std::optional<TokenRecord> out;
    WithReader([&](Db& db) {
      Stmt s =
          db.Prepare("SELECT kind, session_id, user_id, created_ms, expires_ms, revoked FROM tokens WHERE hash = ?");
      s.BindText(1, hash);
      if (!s.Step()) return;
      TokenRecord t;
      t.hash = hash;
      t.kind = s.Text(0);
      t.session_id = s.Text(1);
      t.user_id = s.Text(2);
      t.created_ms = s.Int(3);
      t.expires_ms = s.Int(4);
      t.revoked = s.Int(5) != 0;
      out = t;
    });
    return out;
  }

  void RevokeSession(const std::string& session_id) override {
    std::lock_guard<std::mutex> lock(write_mu_);
    writer_.Exec("UPDATE tokens SET revoked = 1 WHERE session_id = ?", session_id);
  }

  ThrottleRecord GetThrottle(const std::string& key) override {
    ThrottleRecord t;
    t.key = key;
    WithReader([&](Db& db) {
      Stmt s = db.Prepare("SELECT failures, last_failure_ms, blocked_until_ms FROM login_throttle WHERE key = ?");
      s.BindText(1, key);
      if (!s.Step()) return;
      t.failures = static_cast<int>(s.Int(0));
      t.last_failure_ms = s.Int(1);
      t.blocked_until_ms = s.Int(2);
    });
    return t;
  }

  void PutThrottle(const ThrottleRecord& t) override {
    std::lock_guard<std::mutex> lock(write_mu_);
    writer_.Exec(
        "INSERT INTO login_throttle(key, failures, last_failure_ms, blocked_until_ms) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, last_failure_ms = excluded.last_failure_ms, "
        "blocked_until_ms = excluded.blocked_until_ms",
        t.key, t.failures, t.last_failure_ms, t.blocked_until_ms);
  }

  void PurgeExpired(int64_t now_ms) override {
    const int64_t day = 24 * 3600 * 1000;
    std::lock_guard<std::mutex> lock(write_mu_);
    relais::Tx tx(writer_);
    writer_.Exec("DELETE FROM tokens WHERE expires_ms < ?", now_ms - day);
    writer_.Exec("DELETE FROM login_throttle WHERE last_failure_ms < ? AND blocked_until_ms < ?", now_ms - day, now_ms);
    tx.Commit();
  }

 private:
  // Readers come from a small pool: a connection is not thread-safe, and
  // opening one per request would cost a schema parse each time.
  template <class F>
  void WithReader(F&& fn) {
    Db db;
    {
      std::lock_guard<std::mutex> lock(pool_mu_);
      if (!readers_.empty()) {
        db = std::move(readers_.back());
        readers_.pop_back();
      }
    }
    if (!db.is_open()) db = OpenConnection(path_);
    fn(db);  // on an exception the connection is dropped, not pooled
    std::lock_guard<std::mutex> lock(pool_mu_);
    readers_.push_back(std::move(db));
  }

  struct WriteJob {
    const std::function<void(SyncTxn&)>* fn;
    std::exception_ptr error;
    bool done = false;
  };
  // Bounds how long the first call of a group waits for the last one.
  static constexpr size_t kMaxGroup = 32;

  // Runs the calls of one group, in order, and commits them together. When
  // SQLite rolls the whole transaction back by itself (disk full, I/O error),
  // the calls already run in it fail too (nothing of theirs is kept) and the
  // rest go on in a new transaction.
  void RunGroup(const std::vector<WriteJob*>& group) {
    std::lock_guard<std::mutex> lock(write_mu_);
    size_t next = 0;
    while (next < group.size()) {
      std::vector<WriteJob*> in_tx;
      try {
        relais::Tx tx(writer_);  // BEGIN IMMEDIATE: the write lock up front
        bool aborted = false;
        while (next < group.size() && !aborted) {
          WriteJob* j = group[next++];
          try {
            relais::Tx one(writer_);  // a savepoint
            SqliteTxn t(writer_, true);
            (*j->fn)(t);
            one.Commit();
            in_tx.push_back(j);
          } catch (...) {
            j->error = std::current_exception();
            aborted = !writer_.InTransaction();
          }
        }
        if (aborted) throw std::runtime_error("the write transaction was rolled back by SQLite");
        tx.Commit();  // one fsync for the whole group
      } catch (...) {
        for (WriteJob* j : in_tx) j->error = std::current_exception();
      }
    }
  }

  std::string path_;
  std::mutex write_mu_;  // the writer connection: a group, or one account write
  Db writer_;
  Checkpointer checkpointer_{path_, writer_};  // after writer_: it hooks into it
  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::vector<WriteJob*> queue_;
  bool leading_ = false;  // a group is being run and committed
  std::mutex pool_mu_;
  std::vector<Db> readers_;
  RowCache cache_{kRowCacheBytes};
};

}  // namespace

std::string SqliteStorePath(const std::string& data_dir) { return data_dir + "/relais.db"; }

std::unique_ptr<ServerStore> OpenSqliteStore(const std::string& data_dir) {
  return std::make_unique<SqliteStore>(SqliteStorePath(data_dir));
}
