// protocol.h — the sync protocol between a device and relais-server: the
// request and response types, shared by the client engine and the server, and
// their two encodings (cereal JSON, the default, and cereal portable binary).
//
// Endpoints (all POST, body in the request's Content-Type, answer in the same
// format; every non-2xx answer is JSON {"error": code, "message": French text}
// plus the extra members named below, whatever the request format):
//
//   /api/login    LoginRequest   -> TokenResponse   (no Authorization)
//   /api/refresh  RefreshRequest -> TokenResponse   (no Authorization)
//   /api/logout   LogoutRequest  -> 204             (Bearer access token)
//   /api/push     PushRequest    -> PushResponse    (Bearer access token)
//   /api/pull     PullRequest    -> PullResponse    (Bearer access token)
//   GET /api/health              -> {"status":"ok","version":"x.y.z"}
//
// Push and pull are separate so a device can retry either alone after a
// dropped connection: a push is idempotent (dedupe on device and device_seq),
// a pull only reads. A sync cycle is: push the outbox in batches until it is
// empty (or blocked by a rejected change), then pull until more == false.
//
// What a device must do (the server relies on it):
//   - push outbox rows in seq order: device_seq = outbox.seq, hlc =
//     outbox.hlc; on 200 drop every row with seq <= acked_seq;
//   - on 400/403/422 with device_seq: set that outbox row aside (show its
//     message, re-pull the row) and push the rest; clock_ahead: reset the
//     HLC clock to server_time_ms and re-stamp the pending rows first;
//   - on a dropped connection or 5xx: resend the same batch (idempotent);
//   - 401 token_expired: /api/refresh, then retry; other 401s: sign in again
//     (keep the outbox); 426: stop syncing, ask for an update; 429: wait
//     Retry-After;
//   - pull: apply each page and store its cursor in one local transaction;
//     per field, keep a value with a pending outbox entry, else take the
//     server's and its HLC; feed every pulled HLC to HlcClock::Receive;
//     RowState.deleted_hlc == 0 means live (even if deleted here, unless a
//     local delete is still pending); removals: delete the row locally, no
//     outbox entry. Pages follow server serials, not table order: apply
//     with foreign keys off or deferred.
//
// Every request carries `protocol`. A version outside
// [kOldestProtocolVersion, kProtocolVersion] is answered 426
// {"error":"update_required"} before anything else of the body is read, so a
// client too old or too new never has its data misread.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/change_log.h"
#include "core/model/fields.h"

namespace relais::sync {

constexpr int kProtocolVersion = 1;        // what this build speaks
constexpr int kOldestProtocolVersion = 1;  // the oldest the server still accepts

// A push batch is applied atomically, so it must stay small enough for one
// transaction and one mobile round trip. Beyond either bound: 413.
constexpr size_t kMaxBatchChanges = 500;
constexpr size_t kMaxBatchBytes = size_t(1) << 20;
// Pull pages: at most `limit` rows of the log are looked at (0: the default,
// what earlier clients send; they decode at most 1000 rows a page, and the
// server never sends more rows than asked), and the server stops early once
// the rows it answers add up to about kPullPageBytes, whatever the limit. A
// page is then big enough that round trips no longer dominate an initial
// sync, and small enough for one local transaction on a phone. The engine
// asks for kMaxPullLimit.
constexpr int kDefaultPullLimit = 500;
constexpr int kMaxPullLimit = 10000;
constexpr size_t kPullPageBytes = size_t(2) << 20;

enum class Format { Json, Binary };
constexpr const char* kJsonContentType = "application/json";
constexpr const char* kBinaryContentType = "application/x-relais-binary";
const char* ContentType(Format f);
// "application/json; charset=utf-8" -> Json. false for any other type.
bool FormatForContentType(std::string_view content_type, Format* out);

// --- push --------------------------------------------------------------------

// One outbox entry. hlc is a packed Hlc (core/sync/hlc.h), positive.
// upsert: fields are the written columns (never the sync columns id,
// created_hlc, updated_hlc, author_id, deleted_hlc). delete: fields are
// ignored (the client's {"deleted_hlc": hlc} is accepted).
struct Change {
  std::string table;
  std::string row_id;  // 32 lowercase hex digits
  ChangeOp op = ChangeOp::Upsert;
  Fields fields;
  int64_t hlc = 0;
  int64_t device_seq = 0;  // the outbox seq: > 0, strictly increasing in a batch
};

struct PushRequest {
  int protocol = kProtocolVersion;
  std::string device_id;  // sync_state.device_id: 32 hex digits
  // The cursor of the last complete pull (its last page, more == false)
  // before the oldest change of the batch was written ("" = none yet): every
  // change up to it is on the device. Tells the server which server values
  // the writer had seen, so it can tell an overwrite from a concurrent edit.
  // (A page's own cursor would not do: a row changed again later comes on a
  // later page, so a device between pages has not seen all before it.)
  std::string cursor;
  std::vector<Change> changes;  // 1..kMaxBatchChanges, applied all or nothing
};

enum class ResultKind {
  Applied,    // stored as sent (field values may still lose to newer ones: see conflicts)
  Duplicate,  // this (device, device_seq) was applied before: nothing done again
  Decided,    // stored, and the server decided some fields itself (see decided)
};

struct ChangeResult {
  int64_t device_seq = 0;
  ResultKind result = ResultKind::Applied;
  Fields decided;  // Decided only: e.g. {"status":"waitlisted","waitlist_position":3}
};

// 200: the whole batch is stored (durably: it survives a server crash).
// A batch with one refused change stores nothing and is answered 400/403/422
// with {"error","message","device_seq"} naming the first refused change; see
// ApiError. The client then sets that change aside and pushes the rest.
struct PushResponse {
  int protocol = kProtocolVersion;
  int64_t acked_seq = 0;              // every device_seq <= this is stored for this device
  std::vector<ChangeResult> results;  // one per change, in request order
  int64_t server_time_ms = 0;
};

// --- pull --------------------------------------------------------------------

struct PullRequest {
  int protocol = kProtocolVersion;
  std::string cursor;  // opaque, from the last PullResponse; "" = from the start
  int limit = 0;       // rows per page, 1..kMaxPullLimit; 0 = kDefaultPullLimit
};

struct VersionedField {
  std::string name;
  Value value;
  int64_t hlc = 0;  // packed Hlc of the write that set this value
};

// The current server state of one row the user may see: every known column
// with the HLC that set it (field-level last-writer-wins on the device too).
struct RowState {
  std::string table;
  std::string row_id;
  int64_t serial = 0;  // server change serial of the row's last change
  int64_t created_hlc = 0;
  int64_t updated_hlc = 0;  // greatest field HLC (or the delete's)
  int64_t deleted_hlc = 0;  // 0: live; else a tombstone since this HLC
  std::string author_id;    // user id of the last writer ("server" for decisions)
  std::vector<VersionedField> fields;
};

struct RowRef {
  std::string table;
  std::string row_id;
};

// A value that lost a field-level conflict, kept so both writers see it.
// Sent to the winner and the loser; resolved once either pushes
// {"table":"conflicts","row_id":id,"op":"upsert","fields":{"resolved":1}}.
struct Conflict {
  std::string id;
  std::string table;
  std::string row_id;
  std::string field;  // a column, or "_deleted" for an edit that met a delete
  Value winner_value;
  int64_t winner_hlc = 0;
  std::string winner_user;  // user ids
  Value loser_value;
  int64_t loser_hlc = 0;
  std::string loser_user;
  int64_t created_ms = 0;
  bool resolved = false;
  // The writers' display names, filled in by the server on pull (a device has
  // no table of users): "par Marc Petit" rather than "par un autre utilisateur".
  std::string winner_name;
  std::string loser_name;
};

struct PullResponse {
  int protocol = kProtocolVersion;
  std::vector<RowState> changes;  // in server serial order
  std::vector<RowRef> removals;   // rows the user may no longer see: delete locally
  std::vector<Conflict> conflicts;
  std::string cursor;  // send it back next time
  bool more = false;   // true: pull again right away with the new cursor
  int64_t server_time_ms = 0;
};

// --- authentication ----------------------------------------------------------

struct LoginRequest {
  int protocol = kProtocolVersion;
  std::string login;
  std::string password;
};

struct RefreshRequest {
  int protocol = kProtocolVersion;
  std::string refresh_token;
};

// Logout revokes the session of the Bearer token (access and refresh).
struct LogoutRequest {
  int protocol = kProtocolVersion;
};

struct UserInfo {
  std::string id;  // what the device stores as local_profile.user_id / author_id
  std::string login;
  std::string role;       // advisor | trainee | office_staff | admin
  std::string member_id;  // "" when the account is not a directory member
  std::string display_name;
};

// Tokens are opaque: 64 hex digits. The refresh token is not rotated by
// /api/refresh, so a refresh retried after a dropped answer still works.
struct TokenResponse {
  int protocol = kProtocolVersion;
  std::string access_token;
  int64_t access_expires_ms = 0;  // absolute, ms since the epoch (server clock)
  std::string refresh_token;
  int64_t refresh_expires_ms = 0;
  UserInfo user;
};

// --- errors ------------------------------------------------------------------

// Every non-2xx /api answer, always JSON. Extra members beyond these are
// ignored when decoding, so the server may add detail.
struct ApiError {
  std::string error;           // stable code: update_required, forbidden, ...
  std::string message;         // French, for the user
  int64_t device_seq = 0;      // push: the refused change; 0 when not about one
  int64_t retry_after_s = 0;   // 429: also in the Retry-After header
  int64_t server_time_ms = 0;  // clock_ahead: the server's clock, to re-stamp
};

// --- encoding ----------------------------------------------------------------

struct DecodeError {
  // TooLarge: an array over its bound (a push of more than kMaxBatchChanges).
  enum Kind { Malformed, UnsupportedVersion, TooLarge } kind = Malformed;
  int protocol = 0;     // UnsupportedVersion: the version the body announced
  std::string message;  // French, names the offending member
};

std::string Encode(const PushRequest& v, Format f);
std::string Encode(const PushResponse& v, Format f);
std::string Encode(const PullRequest& v, Format f);
std::string Encode(const PullResponse& v, Format f);
std::string Encode(const LoginRequest& v, Format f);
std::string Encode(const RefreshRequest& v, Format f);
std::string Encode(const LogoutRequest& v, Format f);
std::string Encode(const TokenResponse& v, Format f);
std::string EncodeError(const ApiError& v);  // JSON only

// A pull answer assembled from rows encoded beforehand: a server sending the
// same new row to 50 devices encodes it once (EncodeRow), then copies bytes.
// EncodePull(v, rows) equals Encode(v, Format::Binary) for v with `changes`
// holding those rows (v.changes itself must be empty).
std::string EncodeRow(const RowState& r);  // binary archive
std::string EncodePull(const PullResponse& v, const std::vector<std::string_view>& rows);

// Strict: unknown members, wrong types, duplicate members, invalid UTF-8,
// nesting deeper than the types need, trailing bytes and out-of-range values
// are all errors. The protocol version is checked first. false + *err on
// failure (*out is then unspecified).
bool Decode(std::string_view body, Format f, PushRequest* out, DecodeError* err);
bool Decode(std::string_view body, Format f, PushResponse* out, DecodeError* err);
bool Decode(std::string_view body, Format f, PullRequest* out, DecodeError* err);
bool Decode(std::string_view body, Format f, PullResponse* out, DecodeError* err);
bool Decode(std::string_view body, Format f, LoginRequest* out, DecodeError* err);
bool Decode(std::string_view body, Format f, RefreshRequest* out, DecodeError* err);
bool Decode(std::string_view body, Format f, LogoutRequest* out, DecodeError* err);
bool Decode(std::string_view body, Format f, TokenResponse* out, DecodeError* err);
// Lenient (unknown members ignored): for reading any error answer.
bool DecodeApiError(std::string_view json, ApiError* out);

const char* OpName(ChangeOp op);       // "upsert" | "delete"
const char* ResultName(ResultKind k);  // "applied" | "duplicate" | "decided"

}  // namespace relais::sync
