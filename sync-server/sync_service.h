// sync_service.h — push and pull, the two halves of a sync, on top of the
// store: validation, authorisation, dedupe, merge, seats, scope filtering.
// Errors come back as (HTTP status, ApiError); nothing of a refused push is
// stored (one write transaction per push).
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "catalog.h"
#include "serial_cache.h"
#include "core/sync/hlc.h"
#include "core/sync/protocol.h"
#include "store.h"

struct SyncOptions {
  // Changes stamped further ahead of the server clock are refused
  // (clock_ahead): a device set to 2099 must not order everything after it.
  int64_t max_clock_ahead_ms = 5 * 60 * 1000;
  std::function<int64_t()> now_ms;  // the system clock when empty
};

// The pull cursor, opaque to devices: "<serial>.<scope key>.<mode>".
//   serial  every row with a greater serial is still to be sent
//   scope   ScopeKey() when the cursor was made; another scope restarts from
//           0 in rescan mode
//   mode    f<N>: first sync, begun when the log ended at serial N: the
//                 device holds nothing older, so only rows changed since N
//                 (possibly sent earlier in this sync) may need a removal
//           n: incremental (removals for row-scoped tables only)
//           r: rescan after a change of rights (every unreadable row is a removal)
struct Cursor {
  int64_t serial = 0;
  std::string scope;
  char mode = 'f';
  int64_t since = 0;  // mode f: N
};
bool ParseCursor(const std::string& s, Cursor* out);  // "" -> {0, "", 'f'}
std::string FormatCursor(const Cursor& c);

// One row the server writes on its own (a seed, an import).
struct SeedRowData {
  std::string table;
  std::string row_id;
  relais::Fields fields;
};

struct SyncError {
  int status = 0;  // 0: none
  relais::sync::ApiError error;
};

// A row as pulled, in the binary archive; `estimate` is what it counts
// towards a page's byte bound (the same in either format).
struct PulledRow {
  std::string binary;
  size_t estimate = 0;
};
using PulledRows = SerialCache<std::shared_ptr<const PulledRow>>;

class SyncService {
 public:
  SyncService(ServerStore& store, Catalog& catalog, SyncOptions opts);

  SyncError Push(const UserRecord& user, const relais::sync::PushRequest& req, relais::sync::PushResponse* out);
  // The answer comes encoded in format f: most rows go to many devices, and
  // are encoded once for all (PulledRow).
  SyncError Pull(const UserRecord& user, const relais::sync::PullRequest& req, relais::sync::Format f,
                 std::string* body);

  // Writes a row as the server (demo data, imports). Throws on a row the
  // client schema refuses.
  void SeedRow(const std::string& table, const std::string& row_id, const relais::Fields& fields);
  // Writes many rows as the server in one transaction (a log entry, a fresh
  // server HLC and a serial each, in the given order: parents first), then
  // sets the meta key `once_key`. Does nothing and returns false when that key
  // is already set, so a second run never writes twice. Every row is checked
  // against the client schema before anything is written: one bad row throws
  // and nothing is stored.
  bool SeedRows(const std::vector<SeedRowData>& rows, const std::string& once_key);

  int64_t Now() const { return now_ms_(); }

 private:
  SyncError Validate(const relais::sync::PushRequest& req, int64_t now) const;
  void LoadClock(SyncTxn& tx);  // inside a write transaction

  ServerStore& store_;
  Catalog& catalog_;
  int64_t max_ahead_ms_;
  std::function<int64_t()> now_ms_;
  relais::HlcClock clock_;  // only touched inside store_.Write (which serialises)
  PulledRows pulled_{size_t(32) << 20};
};
