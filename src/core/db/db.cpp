// db.cpp — see db.h.
#include "core/db/db.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace relais {

struct DbState {
  sqlite3* db = nullptr;
  std::string path;
  std::string journal_mode;
  size_t cache_size = 0;
  std::unordered_map<std::string, sqlite3_stmt*> cache;  // idle statements by SQL text
  DbStats stats;
  int savepoint_seq = 0;
  int tx_depth = 0;  // open Tx objects

  ~DbState() {
    for (auto& kv : cache) sqlite3_finalize(kv.second);
    // close_v2: never fails for "busy"; the connection is freed when the last
    // statement is finalized (there are none left at this point).
    if (db) sqlite3_close_v2(db);
  }
};

namespace {

// Long scripts (migrations) would drown the message: keep the start.
std::string Excerpt(std::string_view sql) {
  const size_t kMax = 300;
  if (sql.size() <= kMax) return std::string(sql);
  return std::string(sql.substr(0, kMax)) + "...";
}

[[noreturn]] void Throw(sqlite3* db, int rc, const std::string& what, std::string_view sql) {
  std::string msg = what + ": ";
  msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  msg += " (";
  msg += sqlite3_errstr(rc);
  msg += ", code " + std::to_string(rc) + ")";
  if (!sql.empty()) msg += " in SQL: " + Excerpt(sql);
  throw DbError(rc, msg);
}

bool OnlySeparators(const char* p) {
  for (; *p; p++)
    if (!std::isspace(static_cast<unsigned char>(*p)) && *p != ';') return false;
  return true;
}

}  // namespace

// --- DbError ---------------------------------------------------------------

bool DbError::is_constraint() const { return primary_code() == SQLITE_CONSTRAINT; }
bool DbError::is_busy() const { return primary_code() == SQLITE_BUSY || primary_code() == SQLITE_LOCKED; }

// --- Stmt ------------------------------------------------------------------

Stmt::Stmt(std::shared_ptr<DbState> state, sqlite3_stmt* stmt, std::string sql)
    : state_(std::move(state)), stmt_(stmt), sql_(std::move(sql)) {}

Stmt::Stmt(Stmt&& o) noexcept : state_(std::move(o.state_)), stmt_(o.stmt_), sql_(std::move(o.sql_)) {
  o.stmt_ = nullptr;
}

Stmt& Stmt::operator=(Stmt&& o) noexcept {
  if (this != &o) {
    Release();
    state_ = std::move(o.state_);
    stmt_ = o.stmt_;
    sql_ = std::move(o.sql_);
    o.stmt_ = nullptr;
  }
  return *this;
}

Stmt::~Stmt() { Release(); }

void Stmt::Release() {
  if (!stmt_) return;
  // Hand the statement back to the cache, ready for its next user. A statement
  // for the same SQL may already be idle there (two were live at once): keep one.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  DbState& st = *state_;
  if (st.db && st.cache.size() < st.cache_size && st.cache.find(sql_) == st.cache.end()) {
    st.cache.emplace(std::move(sql_), stmt_);
  } else {
    sqlite3_finalize(stmt_);
  }
  stmt_ = nullptr;
}

void Stmt::Fail(int rc, const char* what) const { Throw(state_ ? state_->db : nullptr, rc, what, sql_); }

void Stmt::CheckBind(int rc, int idx) {
  if (rc != SQLITE_OK) {
    std::string what = "bind parameter " + std::to_string(idx);
    Fail(rc, what.c_str());
  }
}

Stmt& Stmt::BindNull(int idx) {
  CheckBind(sqlite3_bind_null(stmt_, idx), idx);
  return *this;
}
Stmt& Stmt::BindInt(int idx, int64_t v) {
  CheckBind(sqlite3_bind_int64(stmt_, idx, v), idx);
  return *this;
}
Stmt& Stmt::BindDouble(int idx, double v) {
  CheckBind(sqlite3_bind_double(stmt_, idx, v), idx);
  return *this;
}
Stmt& Stmt::BindText(int idx, std::string_view v) {
  // A null data pointer would bind NULL: an empty string must stay a string.
  CheckBind(sqlite3_bind_text64(stmt_, idx, v.data() ? v.data() : "", v.size(), SQLITE_TRANSIENT, SQLITE_UTF8), idx);
  return *this;
}
Stmt& Stmt::BindBlob(int idx, BlobView v) {
  // sqlite3_bind_blob with a null pointer binds NULL; zeroblob keeps it a blob.
  int rc = v.size == 0 ? sqlite3_bind_zeroblob(stmt_, idx, 0)
                       : sqlite3_bind_blob64(stmt_, idx, v.data, v.size, SQLITE_TRANSIENT);
  CheckBind(rc, idx);
  return *this;
}

bool Stmt::Step() {
  if (!stmt_) throw DbError(SQLITE_MISUSE, "Step on an empty Stmt");
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Fail(rc, "step");
}

int Stmt::Exec() {
  while (Step()) {
  }
  int n = sqlite3_changes(state_->db);
  sqlite3_reset(stmt_);
  return n;
}

void Stmt::Reset() {
  // sqlite3_reset repeats the last step's error code: that error was already
  // thrown by Step(), so it is not an error of the reset.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int Stmt::ColumnCount() const { return sqlite3_column_count(stmt_); }

bool Stmt::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Stmt::Double(int col) const { return sqlite3_column_double(stmt_, col); }

std::string Stmt::Text(int col) const {
  // text() before bytes(): the documented safe order.
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
}

std::vector<uint8_t> Stmt::Blob(int col) const {
  const uint8_t* p = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, col));
  int n = sqlite3_column_bytes(stmt_, col);
  return p ? std::vector<uint8_t>(p, p + n) : std::vector<uint8_t>();
}

std::optional<int64_t> Stmt::OptInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}
std::optional<double> Stmt::OptDouble(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Double(col);
}
std::optional<std::string> Stmt::OptText(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Text(col);
}

const char* Stmt::sql() const { return sql_.c_str(); }

// --- SQLite set-up -----------------------------------------------------------

namespace {

sqlite3_mem_methods g_malloc;  // SQLite's own allocator, which ours wraps

// SQLite grows its buffers by small steps through sqlite3_realloc: FTS5 adds
// room for 8 rowids at a time to each doclist page it reads backwards, and
// a prefix query opens one such reader per matching term. Each step was a
// call to the C library's realloc, 5 % of search time natively and 7 % in
// wasm (dlmalloc). Growing by half again instead makes most steps find room
// already there; a shrink keeps the block while it is at least half used.
void* Realloc(void* p, int n) {
  const int have = g_malloc.xSize(p);
  if (n <= have && n >= have / 2) return p;
  if (n > have && n < (1 << 29)) n += n / 2;
  return g_malloc.xRealloc(p, n);
}

}  // namespace

void SetUpSqlite() {
  static const int rc = [] {
    // Only before SQLite initializes; a program that used it first keeps
    // SQLite's allocator as it is (MISUSE, ignored: nothing to undo).
    sqlite3_mem_methods m;
    if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &g_malloc) == SQLITE_OK) {
      m = g_malloc;
      m.xRealloc = Realloc;
      sqlite3_config(SQLITE_CONFIG_MALLOC, &m);
    }
    return sqlite3_initialize();
  }();
  if (rc != SQLITE_OK) throw DbError(rc, "cannot initialize SQLite");
}

// --- Db --------------------------------------------------------------------

Db::Db(const std::string& path, const DbOptions& opts) {
  SetUpSqlite();
  auto st = std::make_shared<DbState>();
  st->path = path;
  st->cache_size = opts.statement_cache_size;
  int flags = opts.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &st->db, flags, nullptr);
  if (rc != SQLITE_OK) Throw(st->db, rc, "cannot open database '" + path + "'", {});
  sqlite3_extended_result_codes(st->db, 1);
  sqlite3_busy_timeout(st->db, opts.busy_timeout_ms);
  state_ = std::move(st);

  std::string mode = opts.journal_mode;
  std::transform(mode.begin(), mode.end(), mode.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const char* const kModes[] = {"delete", "truncate", "persist", "memory", "wal", "off"};
  if (std::find_if(std::begin(kModes), std::end(kModes), [&](const char* m) { return mode == m; }) == std::end(kModes))
    throw DbError(SQLITE_MISUSE, "unknown journal mode '" + opts.journal_mode + "' for '" + path + "'");

  try {
    ExecScript("PRAGMA foreign_keys=ON");
    // The pragma is a no-op (no error) in builds without foreign keys: check.
    if (QueryInt("PRAGMA foreign_keys").value_or(0) != 1)
      throw DbError(SQLITE_ERROR, "foreign keys could not be enabled");
    // The first statement that reads the file: a non-database file fails here.
    state_->journal_mode = opts.read_only ? QueryText("PRAGMA journal_mode").value_or("")
                                          : QueryText("PRAGMA journal_mode=" + mode).value_or("");
    // Run once: not worth a place in the cache.
    for (auto& kv : state_->cache) sqlite3_finalize(kv.second);
    state_->cache.clear();
  } catch (const DbError& e) {
    state_.reset();
    throw DbError(e.code(), "opening '" + path + "': " + e.what());
  }
}

Db::Db(Db&&) noexcept = default;
Db& Db::operator=(Db&&) noexcept = default;
Db::~Db() = default;

void Db::Close() {
  if (!state_) return;
  if (state_.use_count() > 1) throw DbError(SQLITE_BUSY, "closing '" + state_->path + "': statements are still in use");
  state_.reset();
}

DbState& Db::state() const {
  if (!state_) throw DbError(SQLITE_MISUSE, "database is not open");
  return *state_;
}

Stmt Db::Prepare(std::string_view sql) {
  DbState& st = state();
  std::string key(sql);
  auto it = st.cache.find(key);
  if (it != st.cache.end()) {
    sqlite3_stmt* s = it->second;
    st.cache.erase(it);
    st.stats.cache_hits++;
    return Stmt(state_, s, std::move(key));
  }
  sqlite3_stmt* s = nullptr;
  const char* tail = nullptr;
  int rc =
      sqlite3_prepare_v3(st.db, key.c_str(), static_cast<int>(key.size() + 1), SQLITE_PREPARE_PERSISTENT, &s, &tail);
  if (rc != SQLITE_OK) Throw(st.db, rc, "prepare", key);
  if (!s) throw DbError(SQLITE_MISUSE, "prepare: no statement in SQL: '" + key + "'");
  if (tail && !OnlySeparators(tail)) {
    sqlite3_finalize(s);
    throw DbError(SQLITE_MISUSE, "prepare: more than one statement (use ExecScript) in SQL: " + Excerpt(key));
  }
  st.stats.prepared++;
  return Stmt(state_, s, std::move(key));
}

void Db::ExecScript(std::string_view sql) {
  DbState& st = state();
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(st.db, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = std::string("exec: ") + (err ? err : sqlite3_errstr(rc)) + " (" + sqlite3_errstr(rc) + ", code " +
                      std::to_string(sqlite3_extended_errcode(st.db)) + ") in SQL: " + Excerpt(text);
    int code = sqlite3_extended_errcode(st.db);
    sqlite3_free(err);
    throw DbError(code ? code : rc, msg);
  }
}

int64_t Db::LastInsertRowid() const { return sqlite3_last_insert_rowid(state().db); }
int Db::Changes() const { return sqlite3_changes(state().db); }
bool Db::InTransaction() const { return sqlite3_get_autocommit(state().db) == 0; }
const std::string& Db::path() const { return state().path; }
const std::string& Db::journal_mode() const { return state().journal_mode; }
const DbStats& Db::stats() const { return state().stats; }
sqlite3* Db::handle() const { return state().db; }

// --- Tx --------------------------------------------------------------------

Tx::Tx(Db& db) : db_(db) {
  DbState& st = db.state();
  // Autocommit mode, not our depth counter, decides: a transaction opened by
  // hand with BEGIN is nested into, not clobbered.
  if (sqlite3_get_autocommit(st.db)) {
    db.ExecScript("BEGIN IMMEDIATE");
  } else {
    savepoint_ = "relais_sp" + std::to_string(++st.savepoint_seq);
    db.ExecScript("SAVEPOINT " + savepoint_);
  }
  level_ = ++st.tx_depth;
}

void Tx::Commit() {
  if (done_) throw DbError(SQLITE_MISUSE, "transaction already committed");
  DbState& st = db_.state();
  // Committing an outer Tx while an inner one is open would commit the inner
  // one's work behind its back.
  if (level_ != st.tx_depth) throw DbError(SQLITE_MISUSE, "commit of a transaction while a nested one is open");
  db_.ExecScript(savepoint_.empty() ? std::string("COMMIT") : "RELEASE " + savepoint_);
  done_ = true;
  st.tx_depth--;
}

Tx::~Tx() {
  if (done_ || !db_.is_open()) return;
  db_.state_->tx_depth--;
  // Destructors must not throw. The only expected failure is SQLite having
  // already rolled back by itself (after SQLITE_FULL, SQLITE_IOERR, ...).
  try {
    if (savepoint_.empty()) {
      if (db_.InTransaction()) db_.ExecScript("ROLLBACK");
    } else {
      db_.ExecScript("ROLLBACK TO " + savepoint_ + "; RELEASE " + savepoint_);
    }
  } catch (const DbError&) {
  }
}

}  // namespace relais
