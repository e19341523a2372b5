// store.h — what the sync server keeps, behind a narrow interface: plain
// records and the few operations the sync logic needs, no business rule.
// sqlite_store.cpp implements it on an embedded SQLite file (WAL,
// synchronous=FULL, group commit); another backend only has to provide these
// functions.
//
// The synced data is generic: a row is (table, row_id) with per-field values,
// each with the HLC, user and device that wrote it, so field-level
// last-writer-wins needs no per-table code. Every change to a row appends to
// the change log, whose serial becomes the row's serial: a pull cursor is
// "every row whose serial is above N".
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/model/fields.h"
#include "core/sync/protocol.h"

struct UserRecord {
  std::string id;             // 32 hex digits
  std::string login;          // lowercase
  std::string password_hash;  // crypto_pwhash_str (Argon2id) output
  std::string role;           // advisor | trainee | office_staff | admin
  std::string member_id;      // "" when not a directory member
  std::string display_name;
  bool disabled = false;
  int64_t created_ms = 0;
  int64_t last_login_ms = 0;  // the last successful sign-in; 0: none recorded
};

struct TokenRecord {
  std::string hash;        // of the token: the token itself is never stored
  std::string kind;        // access | refresh
  std::string session_id;  // one login: logout revokes all its tokens
  std::string user_id;
  int64_t created_ms = 0;
  int64_t expires_ms = 0;
  bool revoked = false;
};

struct ThrottleRecord {
  std::string key;  // "login:<login>" or "addr:<address>"
  int failures = 0;
  int64_t last_failure_ms = 0;
  int64_t blocked_until_ms = 0;
};

struct FieldState {
  relais::Value value;
  int64_t hlc = 0;
  std::string user_id;
  std::string device_id;
  int64_t serial = 0;  // change log serial of the write that set it
};

struct RowRecord {
  std::string table;
  std::string row_id;
  bool exists = false;  // false: never written (the other members are empty)
  int64_t serial = 0;
  int64_t created_hlc = 0;
  std::string created_by;   // user id of the first writer: ownership rules use it
  int64_t deleted_hlc = 0;  // 0: live
  std::string deleted_user;
  std::string deleted_device;
  std::map<std::string, FieldState> fields;

  bool live() const { return exists && deleted_hlc == 0; }
  const relais::Value* Get(const std::string& name) const;
  // "" when absent, null or not text. A reference into the row: no copy for
  // the access checks a pull makes on every row, for every reader.
  const std::string& Text(const std::string& name) const;
  std::optional<int64_t> Int(const std::string& name) const;
  int64_t UpdatedHlc() const;      // the greatest field HLC, or the delete's
  std::string LastWriter() const;  // user id behind UpdatedHlc()
};

struct LogEntry {
  std::string table;
  std::string row_id;
  std::string op;  // upsert | delete | decide | merge | touch | resolve | seed
  relais::Fields fields;
  int64_t hlc = 0;
  std::string user_id;
  std::string device_id;
  int64_t device_seq = 0;
  int64_t at_ms = 0;
};

struct ConflictRecord {
  relais::sync::Conflict conflict;
  int64_t serial = 0;  // pulled once the cursor passes it
};

using RowPtr = std::shared_ptr<const RowRecord>;

// One transaction. From ServerStore::Read, the write functions throw.
class SyncTxn {
 public:
  virtual ~SyncTxn() = default;

  virtual RowRecord GetRow(const std::string& table, const std::string& row_id) = 0;
  // Ids of rows (live or not) whose field `field` currently equals v.
  virtual std::vector<std::string> FindRows(const std::string& table, const std::string& field,
                                            const relais::Value& v) = 0;
  // Rows whose serial is above `after`, in serial order, at most `limit`.
  // Read set-wise (a pull page is thousands of rows): not one GetRow each.
  // Shared and read-only: a row's state at a given serial never changes, so
  // a backend may hand the same record to every reader (the 50 devices that
  // pull the same new notes).
  virtual std::vector<RowPtr> RowsSince(int64_t after, int limit) = 0;
  // The rows of one table with these ids, in the order given (exists ==
  // false for an unknown id). A backend may read them in one go, and hand
  // out records it already shares (RowsSince's); this default reads them one
  // by one.
  virtual std::vector<RowPtr> GetRows(const std::string& table, const std::vector<std::string>& ids) {
    std::vector<RowPtr> out;
    out.reserve(ids.size());
    for (const std::string& id : ids) out.push_back(std::make_shared<const RowRecord>(GetRow(table, id)));
    return out;
  }
  virtual int64_t MaxSerial() = 0;
  // Live rows of one table, by row id (the portal and calendar read small
  // tables whole: offices, organisations, service offers, registrations).
  virtual std::vector<RowRecord> TableRows(const std::string& table) = 0;

  // Appends to the change log; returns the new serial.
  virtual int64_t AppendLog(const LogEntry& e) = 0;
  // Writes the row as given (row.serial included), and those of its fields
  // stamped with row.serial: the ones this write set. Every write stamps
  // what it sets with the serial AppendLog gave it; the other fields are as
  // they were read, so a backend may leave them be.
  virtual void PutRow(const RowRecord& row) = 0;

  // Dedupe of pushed changes, per user and device.
  virtual bool IsApplied(const std::string& user_id, const std::string& device_id, int64_t device_seq) = 0;
  virtual void MarkApplied(const std::string& user_id, const std::string& device_id, int64_t device_seq,
                           int64_t serial) = 0;
  virtual int64_t MaxAppliedSeq(const std::string& user_id, const std::string& device_id) = 0;
  // Refused changes are remembered too (in their own transaction, after the
  // push was rolled back): a late or duplicated delivery of a change the
  // device was told is refused must be refused again, never applied. The
  // change is known by its seq and HLC: another change under a reused seq is
  // judged on its own.
  virtual bool IsRefused(const std::string& user_id, const std::string& device_id, int64_t device_seq,
                         int64_t hlc) = 0;
  virtual void MarkRefused(const std::string& user_id, const std::string& device_id, int64_t device_seq,
                           int64_t hlc) = 0;

  virtual void PutConflict(const ConflictRecord& c) = 0;
  virtual std::optional<ConflictRecord> GetConflict(const std::string& id) = 0;
  // Conflicts with after < serial <= upto where the user won or lost.
  virtual std::vector<ConflictRecord> ConflictsFor(const std::string& user_id, int64_t after, int64_t upto) = 0;

  virtual std::optional<UserRecord> UserById(const std::string& id) = 0;
  virtual std::optional<int64_t> GetMeta(const std::string& key) = 0;
  virtual void PutMeta(const std::string& key, int64_t value) = 0;
};

class ServerStore {
 public:
  virtual ~ServerStore() = default;

  // fn runs in one write transaction, serialised with every other write.
  // When Write returns, the transaction is committed and durable; if fn
  // throws, nothing of it is kept and the exception propagates. A backend
  // may commit several concurrent calls together (group commit: one sync to
  // disk for all), as long as each fn stays all-or-nothing and no call
  // returns before its data is durable.
  virtual void Write(const std::function<void(SyncTxn&)>& fn) = 0;
  // fn sees one consistent snapshot; concurrent with writes.
  virtual void Read(const std::function<void(SyncTxn&)>& fn) = 0;

  // Accounts and sessions: each call is its own transaction.
  virtual std::optional<UserRecord> UserByLogin(const std::string& login) = 0;
  virtual std::optional<UserRecord> UserById(const std::string& id) = 0;
  virtual void PutUser(const UserRecord& u) = 0;  // insert, or replace by id
  // Every account, by login (the accounts screen; a network has hundreds).
  virtual std::vector<UserRecord> ListUsers() = 0;
  // PutUser and the revocation of every token of that user, in one
  // transaction: a disabled account or a reset password leaves no session
  // that still works, even for a moment.
  virtual void PutUserRevokingTokens(const UserRecord& u) = 0;
  virtual void RecordLogin(const std::string& user_id, int64_t at_ms) = 0;
  virtual void PutToken(const TokenRecord& t) = 0;
  virtual std::optional<TokenRecord> TokenByHash(const std::string& hash) = 0;
  virtual void RevokeSession(const std::string& session_id) = 0;
  virtual ThrottleRecord GetThrottle(const std::string& key) = 0;
  virtual void PutThrottle(const ThrottleRecord& t) = 0;
  // Forgets tokens expired and failure counters idle for a day (kept that
  // long so a late client still gets "expired" rather than "unknown").
  virtual void PurgeExpired(int64_t now_ms) = 0;
};
