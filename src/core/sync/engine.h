// engine.h — the client side of sync (see protocol.h): a state machine with no
// threads, sockets or timers, so the browser drives it with async fetch and
// native tests with a blocking HTTP client:
//
//   SyncEngine eng(store);
//   eng.SetTokens(...);  eng.RequestSync();
//   while (auto req = eng.Next(now)) {          // or when NextWakeMs() comes
//     send req (POST path, body, content_type, Bearer AccessToken() if needs_auth)
//     eng.OnResponse(status, body, now)   or   eng.OnNetworkError(now)
//   }
//
// One request is in flight at a time. A cycle pushes the outbox (seq order,
// batches of <= kMaxBatchChanges / kMaxBatchBytes, rows with the same
// base_cursor), then pulls until more == false, each page applied with its
// cursor in one local transaction. Everything durable (outbox states, cursor,
// conflicts, last sync time) lives in the Store, so an engine rebuilt after a
// restart resumes where the last one stopped.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/model/store.h"
#include "core/sync/backoff.h"
#include "core/sync/protocol.h"

namespace relais::sync {

struct OutgoingRequest {
  std::string path;  // "/api/push", "/api/pull", "/api/refresh"
  std::string content_type;
  std::string body;
  bool needs_auth = false;  // send "Authorization: Bearer " + AccessToken()
};

enum class SyncState {
  Idle,            // nothing to do until RequestSync() or the next periodic sync
  Syncing,         // a cycle is running
  BackingOff,      // waiting before a retry (network, 5xx, 429)
  SignedOut,       // no valid session: sign in again (the outbox is kept)
  UpdateRequired,  // 426: this app is too old (or too new) for the server
};
const char* SyncStateName(SyncState s);

struct SyncStatus {
  SyncState state = SyncState::Idle;
  int64_t pending = 0;    // outbox rows waiting to be sent
  int64_t rejected = 0;   // outbox rows the server refused (kept, shown)
  int64_t conflicts = 0;  // unresolved conflicts
  int64_t last_sync_ms = 0;  // end of the last complete cycle (0: never)
  std::string last_error;    // French, "" after a successful cycle
  int64_t retry_at_ms = 0;   // BackingOff: when the next attempt happens
};

struct Tokens {
  std::string access;
  int64_t access_expires_ms = 0;
  std::string refresh;
  int64_t refresh_expires_ms = 0;
};

struct SyncEngineOptions {
  Format format = Format::Json;
  int pull_limit = 0;                  // 0: the server's default
  int64_t auto_sync_interval_ms = 60000;  // <= 0: only on RequestSync()
  Backoff backoff;                     // set .random/.seed for reproducible jitter
  size_t max_batch_changes = kMaxBatchChanges;
  size_t max_batch_bytes = kMaxBatchBytes;
  // Ask for the next page of a pull before writing this one: the driver calls
  // ApplyKept() once the request is sent, so the device writes a page while
  // the server reads the next (an initial sync is ~60 % local writes).
  bool prefetch_pages = false;
};

// A rejected outbox row, for the user to see.
struct RejectedChange {
  int64_t seq = 0;
  std::string table;
  std::string row_id;
  std::string op;
  std::string fields_json;
  std::string error;  // the server's French message
};

class SyncEngine {
 public:
  explicit SyncEngine(Store& store, SyncEngineOptions opts = SyncEngineOptions());

  void SetTokens(const Tokens& t);  // after sign-in: leaves SignedOut
  void SetTokens(const TokenResponse& t);
  const Tokens& tokens() const { return tokens_; }
  const std::string& AccessToken() const { return tokens_.access; }
  // True once after the engine refreshed the tokens (the app persists them).
  bool TakeTokensChanged();

  void RequestSync();  // on demand, on coming online, after a local write

  // The request to send now, or nullopt (nothing to do, waiting, or one in flight).
  std::optional<OutgoingRequest> Next(int64_t now_ms);
  // The answer to the request Next() gave. body is the raw answer body.
  void OnResponse(int http_status, const std::string& body, int64_t now_ms);
  // No answer at all (connection refused, reset, timeout): retried later.
  void OnNetworkError(int64_t now_ms);
  // With prefetch_pages: writes the page kept back while the next one is
  // fetched. Call it after sending Next()'s request; OnResponse() and
  // OnNetworkError() call it too, so a driver that never does stays correct.
  // false when writing failed (the answer in flight will then be ignored).
  bool ApplyKept(int64_t now_ms);
  // When Next() may have something to send (0: now; -1: only after an event).
  int64_t NextWakeMs(int64_t now_ms) const;

  SyncStatus Status() const;
  std::vector<RejectedChange> Rejected() const;
  // Deletes a rejected outbox row once the user has seen it.
  void DismissRejected(int64_t seq);
  bool InFlight() const { return in_flight_ != Kind::None; }

 private:
  enum class Kind { None, Push, Pull, Refresh };

  struct BatchEntry {
    int64_t seq = 0;
    std::string table;
    std::string row_id;
  };
  struct BadAnswer {};  // a 2xx body that does not decode

  std::optional<OutgoingRequest> BuildPush();
  OutgoingRequest BuildPull();
  void OnPushOk(const std::string& body, int64_t now_ms);
  void OnPullOk(const std::string& body, int64_t now_ms);
  void OnRefreshOk(const std::string& body, int64_t now_ms);
  bool TakeAnswer(int64_t now_ms);
  void ApplyPage(const PullResponse& r, int64_t now_ms);
  void ApplyRow(const RowState& row, int64_t now_ms);
  int ApplyRowsOneByOne(const std::vector<RowState>& rows, int64_t now_ms);  // returns the rows left out
  void ApplyPageRest(const PullResponse& r, int64_t now_ms);
  void UpdateRow(const RowState& row, const Fields& take, const std::set<std::string>& pending, bool pending_delete,
                 int64_t pending_hlc, const std::optional<std::string>& author);
  void OnError(Kind k, int status, const ApiError& e, int64_t now_ms);
  void Retry(int64_t now_ms, int64_t delay_ms, const std::string& message);
  void Reject(int64_t seq, const std::string& message);
  void Restamp(int64_t server_time_ms, int64_t now_ms);
  void FinishCycle(int64_t now_ms);
  std::string Cursor() const;

  Store& st_;
  SyncEngineOptions opts_;
  Tokens tokens_;
  bool tokens_changed_ = false;
  SyncState state_ = SyncState::Idle;
  bool requested_ = false;
  bool pushing_done_ = false;  // in this cycle: the outbox is empty (or only rejected rows)
  bool rate_limited_ = false;  // the backoff is the server's Retry-After
  bool pull_from_scratch_ = false;
  Kind in_flight_ = Kind::None;
  Kind after_refresh_ = Kind::None;
  std::optional<PullResponse> kept_;  // prefetch_pages: a page received, not yet written
  bool drop_answer_ = false;          // the answer in flight follows a page that failed to write
  std::vector<BatchEntry> batch_;  // the push in flight
  size_t batch_limit_;             // halved on 413
  int64_t retry_at_ms_ = 0;
  int64_t last_cycle_end_ms_ = 0;
  std::string last_error_;
  int refreshes_in_row_ = 0;
  int restamps_in_row_ = 0;
  int unapplied_ = 0;
  int rejected_in_cycle_ = 0;
  std::string last_reject_message_;  // pulled rows this cycle that broke a local constraint
  // Status() runs every frame: its counts are kept until the database changes
  // (a count of 200,000 pending writes is an index walk of ~10 ms in wasm).
  mutable int64_t counted_version_[2] = {-1, -1};
  mutable SyncStatus counted_;
};

// Marks a pulled conflict resolved, locally and (through the outbox) on the
// server. false when there is no such unresolved conflict.
bool ResolveConflict(Store& st, const std::string& conflict_id);

// The unresolved conflicts, newest first (for the UI), with the writers'
// names the server sent (empty when it sent none).
std::vector<Conflict> OpenConflicts(Store& st);

}  // namespace relais::sync
