// db.h — a thin, strict layer over SQLite: Db (connection + statement cache),
// Stmt (prepared statement), Tx (transaction / savepoint) and DbError.
//
// Every failure throws a DbError that carries the SQLite result code and a
// message naming what failed (the SQL text and sqlite3_errmsg): no call here
// returns a silent false.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace relais {

struct DbState;  // the connection and its statement cache, shared with live Stmts

struct DbError : std::runtime_error {
  DbError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  // Extended result code (SQLITE_CONSTRAINT_FOREIGNKEY, SQLITE_BUSY_SNAPSHOT, ...).
  int code() const { return code_; }
  int primary_code() const { return code_ & 0xff; }
  bool is_constraint() const;  // any constraint: FOREIGN KEY, UNIQUE, CHECK, NOT NULL, trigger RAISE
  bool is_busy() const;        // SQLITE_BUSY or SQLITE_LOCKED: another connection holds the lock

 private:
  int code_;
};

struct DbOptions {
  // Journal mode asked for. WAL natively (readers never block the writer); the
  // Emscripten file systems have no shared memory, so the default there is a
  // rollback journal. SQLite silently keeps "memory" for ":memory:" databases:
  // Db::journal_mode() tells what was actually obtained.
#ifdef __EMSCRIPTEN__
  std::string journal_mode = "DELETE";
#else
  std::string journal_mode = "WAL";
#endif
  int busy_timeout_ms = 5000;
  bool read_only = false;
  size_t statement_cache_size = 128;  // idle prepared statements kept, by SQL text
};

class Db;

// Configures and initializes SQLite once for the whole program (Db does it
// on first use; call it first when using SQLite without a Db). Throws on
// failure.
void SetUpSqlite();

// A blob to bind: points at caller memory that must outlive the bind+step.
struct BlobView {
  const void* data;
  size_t size;
};

// A prepared statement. Obtained from Db::Prepare(); on destruction it is reset
// and handed back to its Db's cache, so preparing the same SQL again is free.
// A Stmt shares ownership of the connection, so it stays valid even if the Db
// object is moved or destroyed first.
class Stmt {
 public:
  Stmt() = default;
  Stmt(Stmt&& o) noexcept;
  Stmt& operator=(Stmt&& o) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  // Parameters are numbered from 1, like sqlite3_bind_*.
  Stmt& BindNull(int idx);
  Stmt& BindInt(int idx, int64_t v);
  Stmt& BindDouble(int idx, double v);
  Stmt& BindText(int idx, std::string_view v);  // copied by SQLite (SQLITE_TRANSIENT)
  Stmt& BindBlob(int idx, BlobView v);          // copied by SQLite (SQLITE_TRANSIENT)

  // Bind(idx, value) picks the right one of the above from the C++ type.
  template <class T>
  Stmt& Bind(int idx, const T& v) {
    if constexpr (std::is_same_v<T, std::nullptr_t>)
      return BindNull(idx);
    else if constexpr (std::is_same_v<T, bool>)
      return BindInt(idx, v ? 1 : 0);
    else if constexpr (std::is_integral_v<T> || std::is_enum_v<T>)
      return BindInt(idx, static_cast<int64_t>(v));
    else if constexpr (std::is_floating_point_v<T>)
      return BindDouble(idx, v);
    else if constexpr (std::is_same_v<T, BlobView>)
      return BindBlob(idx, v);
    else if constexpr (std::is_same_v<T, std::vector<uint8_t>>)
      return BindBlob(idx, BlobView{v.data(), v.size()});
    else if constexpr (IsOptional<T>::value)
      return v ? Bind(idx, *v) : BindNull(idx);
    else
      return BindText(idx, std::string_view(v));
  }
  // Binds args to parameters 1..n.
  template <class... A>
  Stmt& BindAll(const A&... args) {
    int idx = 0;
    (Bind(++idx, args), ...);
    (void)idx;  // unused when there are no args
    return *this;
  }

  // true: a row is available; false: done. Errors throw.
  bool Step();
  // Runs to completion, ignoring rows; returns sqlite3_changes() of this statement.
  int Exec();
  // Resets for another execution and clears the bindings.
  void Reset();

  int ColumnCount() const;
  bool IsNull(int col) const;  // columns are numbered from 0, like sqlite3_column_*
  int64_t Int(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;
  std::vector<uint8_t> Blob(int col) const;
  std::optional<int64_t> OptInt(int col) const;
  std::optional<double> OptDouble(int col) const;
  std::optional<std::string> OptText(int col) const;

  const char* sql() const;
  sqlite3_stmt* handle() const { return stmt_; }

 private:
  friend class Db;
  template <class T>
  struct IsOptional : std::false_type {};
  template <class T>
  struct IsOptional<std::optional<T>> : std::true_type {};

  Stmt(std::shared_ptr<DbState> state, sqlite3_stmt* stmt, std::string sql);
  [[noreturn]] void Fail(int rc, const char* what) const;
  void Release();  // back to the cache
  void CheckBind(int rc, int idx);

  std::shared_ptr<DbState> state_;  // keeps the connection alive while this Stmt lives
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;  // the cache key (exactly as passed to Prepare)
};

struct DbStats {
  int64_t prepared = 0;    // sqlite3_prepare_v2 calls
  int64_t cache_hits = 0;  // Prepare() calls served from the cache
};

// A connection. Movable, not copyable.
class Db {
 public:
  Db() = default;
  explicit Db(const std::string& path, const DbOptions& opts = DbOptions());
  Db(Db&&) noexcept;
  Db& operator=(Db&&) noexcept;
  ~Db();

  bool is_open() const { return state_ != nullptr; }
  void Close();  // closes now; throws if Stmts from this Db are still alive

  // A statement for sql, from the cache when an idle one exists. sql must be
  // a single statement; trailing text (other than spaces/semicolons) throws.
  Stmt Prepare(std::string_view sql);
  // Prepare + bind + run to completion. Returns the number of rows changed.
  template <class... A>
  int Exec(std::string_view sql, const A&... args) {
    Stmt s = Prepare(sql);
    s.BindAll(args...);
    return s.Exec();
  }
  // Runs a script of several statements (schema, migrations). Not cached.
  void ExecScript(std::string_view sql);

  // First column of the first row, or nullopt when there is no row / it is NULL.
  template <class... A>
  std::optional<int64_t> QueryInt(std::string_view sql, const A&... args) {
    Stmt s = Prepare(sql);
    s.BindAll(args...);
    return s.Step() ? s.OptInt(0) : std::nullopt;
  }
  template <class... A>
  std::optional<std::string> QueryText(std::string_view sql, const A&... args) {
    Stmt s = Prepare(sql);
    s.BindAll(args...);
    return s.Step() ? s.OptText(0) : std::nullopt;
  }

  int64_t LastInsertRowid() const;
  int Changes() const;
  bool InTransaction() const;  // false in autocommit mode
  const std::string& path() const;
  const std::string& journal_mode() const;
  const DbStats& stats() const;
  sqlite3* handle() const;

 private:
  friend class Tx;
  DbState& state() const;
  std::shared_ptr<DbState> state_;
};

// A transaction: BEGIN IMMEDIATE at the outermost level (takes the write lock
// up front, so a write never fails half-way with SQLITE_BUSY on upgrade), a
// SAVEPOINT when one is already open. Rolled back on destruction unless
// Commit() succeeded, so an exception anywhere undoes everything.
class Tx {
 public:
  explicit Tx(Db& db);
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;
  ~Tx();
  void Commit();
  bool nested() const { return !savepoint_.empty(); }

 private:
  Db& db_;
  std::string savepoint_;  // empty for the outermost transaction
  int level_ = 0;          // 1 for the outermost
  bool done_ = false;
};

}  // namespace relais
