// engine.cpp — see engine.h.
#include "core/sync/engine.h"

#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/model/change_log.h"
#include "core/model/company.h"
#include "core/model/schema.h"
#include "core/search/search.h"

namespace relais::sync {

namespace {

bool IsSyncColumn(const std::string& c) {
  return c == "id" || c == "created_hlc" || c == "updated_hlc" || c == "author_id" || c == "deleted_hlc";
}

// Columns of a synced table (without the sync columns); empty for a table
// this build does not know.
const std::set<std::string>& LocalColumns(Db& db, const std::string& table) {
  static thread_local std::map<std::string, std::set<std::string>> cache;
  auto it = cache.find(table);
  if (it != cache.end() && !it->second.empty()) return it->second;
  std::set<std::string> cols;
  bool synced = false;
  for (const char* t : SyncedTables()) synced = synced || table == t;
  if (synced) {
    Stmt s = db.Prepare("SELECT name FROM pragma_table_info(?)");
    s.BindText(1, table);
    while (s.Step())
      if (!IsSyncColumn(s.Text(0))) cols.insert(s.Text(0));
  }
  return cache[table] = std::move(cols);
}

// The outbox's {"column": value} JSON back to Fields (SQLite's JSON reader).
Fields ParseFieldsJson(Db& db, const std::string& json) {
  Fields out;
  Stmt s = db.Prepare("SELECT key, type, value FROM json_each(?)");
  s.BindText(1, json);
  while (s.Step()) {
    Field f;
    f.name = s.Text(0);
    const std::string type = s.Text(1);
    if (type == "integer")
      f.value = s.Int(2);
    else if (type == "real")
      f.value = s.Double(2);
    else if (type == "text")
      f.value = s.Text(2);
    else if (type == "true")
      f.value = int64_t(1);
    else if (type == "false")
      f.value = int64_t(0);
    else if (type == "null")
      f.value = Value();
    else
      f.value = s.Text(2);  // arrays/objects: their JSON text
    out.push_back(std::move(f));
  }
  return out;
}

void PutState(Db& db, const char* key, const std::string& v) {
  db.Exec("INSERT INTO sync_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key,
          v);
}
void PutState(Db& db, const char* key, int64_t v) {
  db.Exec("INSERT INTO sync_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key,
          v);
}

void ReceiveHlc(Store& st, int64_t h, int64_t now_ms) {
  if (h <= 0) return;
  try {
    st.clock.Receive(Hlc{h}, now_ms);
  } catch (const HlcDriftError&) {
    // A timestamp too far ahead: applied as data, but not followed.
  }
}

// Field versions written per INSERT statement when a pulled row is applied.
constexpr size_t kVersionsPerInsert = 32;

std::string FormatSeconds(int64_t ms) { return std::to_string((ms + 999) / 1000) + " s"; }

}  // namespace

const char* SyncStateName(SyncState s) {
  switch (s) {
    case SyncState::Idle: return "idle";
    case SyncState::Syncing: return "syncing";
    case SyncState::BackingOff: return "backing_off";
    case SyncState::SignedOut: return "signed_out";
    case SyncState::UpdateRequired: return "update_required";
  }
  return "?";
}

SyncEngine::SyncEngine(Store& store, SyncEngineOptions opts)
    : st_(store), opts_(std::move(opts)), batch_limit_(std::max<size_t>(1, opts_.max_batch_changes)) {
  opts_.max_batch_changes = batch_limit_;
}

void SyncEngine::SetTokens(const Tokens& t) {
  tokens_ = t;
  refreshes_in_row_ = 0;
  if (state_ == SyncState::SignedOut) {
    state_ = SyncState::Idle;
    last_error_.clear();
    requested_ = true;
  }
}

void SyncEngine::SetTokens(const TokenResponse& t) {
  SetTokens(Tokens{t.access_token, t.access_expires_ms, t.refresh_token, t.refresh_expires_ms});
}

bool SyncEngine::TakeTokensChanged() {
  bool c = tokens_changed_;
  tokens_changed_ = false;
  return c;
}

void SyncEngine::RequestSync() {
  requested_ = true;
  // "Sync now" (or back online) does not wait out a network backoff; a
  // server's Retry-After is respected.
  if (state_ == SyncState::BackingOff && !rate_limited_) retry_at_ms_ = 0;
}

std::string SyncEngine::Cursor() const {
  return st_.db.QueryText("SELECT value FROM sync_state WHERE key = 'cursor'").value_or("");
}

int64_t SyncEngine::NextWakeMs(int64_t now_ms) const {
  if (in_flight_ != Kind::None) return -1;
  switch (state_) {
    case SyncState::SignedOut:
    case SyncState::UpdateRequired: return -1;
    case SyncState::BackingOff: return std::max(retry_at_ms_, now_ms);
    case SyncState::Syncing: return now_ms;
    case SyncState::Idle:
      if (requested_) return now_ms;
      if (opts_.auto_sync_interval_ms > 0) return std::max(now_ms, last_cycle_end_ms_ + opts_.auto_sync_interval_ms);
      return -1;
  }
  return -1;
}

std::optional<OutgoingRequest> SyncEngine::Next(int64_t now_ms) {
  if (in_flight_ != Kind::None) return std::nullopt;
  if (state_ == SyncState::SignedOut || state_ == SyncState::UpdateRequired) return std::nullopt;
  if (state_ == SyncState::BackingOff) {
    if (now_ms < retry_at_ms_) return std::nullopt;
    state_ = SyncState::Syncing;
    rate_limited_ = false;
  }
  if (state_ == SyncState::Idle) {
    const bool periodic = opts_.auto_sync_interval_ms > 0 && now_ms >= last_cycle_end_ms_ + opts_.auto_sync_interval_ms;
    if (!requested_ && !periodic) return std::nullopt;
    requested_ = false;
    pushing_done_ = false;
    restamps_in_row_ = 0;
    rejected_in_cycle_ = 0;
    unapplied_ = 0;
    state_ = SyncState::Syncing;
  }
  if (tokens_.access.empty() && after_refresh_ == Kind::None) {
    state_ = SyncState::SignedOut;
    last_error_ = "Connectez-vous pour synchroniser.";
    return std::nullopt;
  }
  if (after_refresh_ != Kind::None) {
    RefreshRequest req;
    req.refresh_token = tokens_.refresh;
    in_flight_ = Kind::Refresh;
    return OutgoingRequest{"/api/refresh", ContentType(opts_.format), Encode(req, opts_.format), false};
  }
  if (!pushing_done_) {
    if (std::optional<OutgoingRequest> p = BuildPush()) {
      in_flight_ = Kind::Push;
      return p;
    }
    pushing_done_ = true;
  }
  in_flight_ = Kind::Pull;
  return BuildPull();
}

std::optional<OutgoingRequest> SyncEngine::BuildPush() {
  PushRequest req;
  req.device_id = st_.device_id;
  batch_.clear();
  size_t bytes = 256;
  {
    Stmt s = st_.db.Prepare(
        "SELECT seq, tbl, row_id, op, fields, hlc, base_cursor FROM outbox WHERE state = 'pending' ORDER BY seq "
        "LIMIT ?");
    s.BindInt(1, static_cast<int64_t>(batch_limit_));
    while (s.Step()) {
      const std::string base = s.Text(6);
      if (req.changes.empty())
        req.cursor = base;
      else if (base != req.cursor)
        break;  // the next rows were written after another pull: their own batch
      const std::string fields = s.Text(4);
      const size_t est = fields.size() * 2 + 256;
      if (!req.changes.empty() && bytes + est > opts_.max_batch_bytes) break;
      bytes += est;
      Change c;
      c.device_seq = s.Int(0);
      c.table = s.Text(1);
      c.row_id = s.Text(2);
      c.op = s.Text(3) == "delete" ? ChangeOp::Delete : ChangeOp::Upsert;
      c.fields = ParseFieldsJson(st_.db, fields);
      c.hlc = s.Int(5);
      batch_.push_back({c.device_seq, c.table, c.row_id});
      req.changes.push_back(std::move(c));
    }
  }
  if (req.changes.empty()) return std::nullopt;
  std::string body = Encode(req, opts_.format);
  while (body.size() > opts_.max_batch_bytes && req.changes.size() > 1) {
    req.changes.resize(req.changes.size() / 2);
    batch_.resize(req.changes.size());
    body = Encode(req, opts_.format);
  }
  return OutgoingRequest{"/api/push", ContentType(opts_.format), std::move(body), true};
}

OutgoingRequest SyncEngine::BuildPull() {
  PullRequest req;
  if (kept_) {
    req.cursor = kept_->cursor;  // the page after the one not yet written
  } else {
    const bool repull = st_.db.QueryInt("SELECT value FROM sync_state WHERE key = 'repull'").value_or(0) != 0;
    req.cursor = repull ? std::string() : Cursor();
    pull_from_scratch_ = repull;
  }
  // The largest page the server allows: it bounds the page by bytes itself.
  req.limit = opts_.pull_limit > 0 ? opts_.pull_limit : kMaxPullLimit;
  return OutgoingRequest{"/api/pull", ContentType(opts_.format), Encode(req, opts_.format), true};
}

// Before any answer (or its absence) is looked at: the kept page goes in
// first, since it comes before. false when the answer must be ignored (the
// kept page could not be written, so the answer would skip its rows).
bool SyncEngine::TakeAnswer(int64_t now_ms) {
  if (in_flight_ == Kind::None) return false;
  if (ApplyKept(now_ms) && !drop_answer_) return true;
  in_flight_ = Kind::None;
  drop_answer_ = false;
  return false;
}

void SyncEngine::OnNetworkError(int64_t now_ms) {
  if (!TakeAnswer(now_ms)) return;
  Kind k = in_flight_;
  in_flight_ = Kind::None;
  if (k == Kind::Refresh) {
    // after_refresh_ stays: the refresh is retried (the token is not rotated).
  }
  Retry(now_ms, opts_.backoff.NextDelayMs(), "Pas de connexion au serveur");
}

void SyncEngine::OnResponse(int http_status, const std::string& body, int64_t now_ms) {
  if (!TakeAnswer(now_ms)) return;
  const Kind k = in_flight_;
  in_flight_ = Kind::None;
  if (http_status == 0) {
    Retry(now_ms, opts_.backoff.NextDelayMs(), "Pas de connexion au serveur");
    return;
  }
  if (http_status >= 200 && http_status < 300) {
    try {
      if (k == Kind::Push)
        OnPushOk(body, now_ms);
      else if (k == Kind::Pull)
        OnPullOk(body, now_ms);
      else
        OnRefreshOk(body, now_ms);
    } catch (const BadAnswer&) {
      Retry(now_ms, opts_.backoff.NextDelayMs(), "Réponse illisible du serveur");
    } catch (const DbError& e) {
      Retry(now_ms, opts_.backoff.NextDelayMs(), std::string("Erreur de la base locale : ") + e.what());
    }
    return;
  }
  ApiError e;
  if (!DecodeApiError(body, &e)) e = ApiError{};
  OnError(k, http_status, e, now_ms);
}

void SyncEngine::Retry(int64_t now_ms, int64_t delay_ms, const std::string& message) {
  state_ = SyncState::BackingOff;
  retry_at_ms_ = now_ms + std::max<int64_t>(0, delay_ms);
  last_error_ = message + " : nouvel essai dans " + FormatSeconds(delay_ms) + ".";
}

void SyncEngine::OnError(Kind k, int status, const ApiError& e, int64_t now_ms) {
  const std::string msg = e.message.empty() ? "Erreur du serveur (HTTP " + std::to_string(status) + ")" : e.message;
  if (status == 426) {
    state_ = SyncState::UpdateRequired;
    last_error_ = e.message.empty() ? "Une mise à jour de l'application est nécessaire pour synchroniser." : e.message;
    return;
  }
  if (status == 401) {
    if (k != Kind::Refresh && e.error == "token_expired" && !tokens_.refresh.empty() && refreshes_in_row_ < 2) {
      refreshes_in_row_++;
      after_refresh_ = k;
      return;  // Next() sends /api/refresh, then the same request again
    }
    after_refresh_ = Kind::None;
    tokens_.access.clear();
    state_ = SyncState::SignedOut;
    last_error_ = "Session expirée : reconnectez-vous pour synchroniser (vos modifications sont gardées).";
    return;
  }
  if (status == 429) {
    int64_t delay = e.retry_after_s > 0 ? e.retry_after_s * 1000 : opts_.backoff.NextDelayMs();
    rate_limited_ = true;
    Retry(now_ms, delay, "Serveur occupé");
    return;
  }
  if (status >= 500) {
    Retry(now_ms, opts_.backoff.NextDelayMs(), "Serveur indisponible (HTTP " + std::to_string(status) + ")");
    return;
  }
  if (e.error == "bad_cursor") {
    // The server no longer reads our cursor: start over (pulls are idempotent,
    // and an empty push cursor only makes the server more careful).
    Tx tx(st_.db);
    st_.db.Exec("DELETE FROM sync_state WHERE key IN ('cursor', 'seen')");
    st_.db.Exec("UPDATE outbox SET base_cursor = ''");
    tx.Commit();
    if (++restamps_in_row_ > 3) Retry(now_ms, opts_.backoff.NextDelayMs(), msg);
    return;
  }
  if (k == Kind::Push) {
    const bool in_batch = std::any_of(batch_.begin(), batch_.end(), [&](const BatchEntry& b) { return b.seq == e.device_seq; });
    if (e.device_seq > 0 && in_batch && (status == 400 || status == 403 || status == 422)) {
      if (e.error == "clock_ahead" && e.server_time_ms > 0 && restamps_in_row_ < 3) {
        restamps_in_row_++;
        Restamp(e.server_time_ms, now_ms);
        last_error_ = msg;
        return;
      }
      Reject(e.device_seq, msg);
      return;
    }
    if (status == 413) {
      if (batch_.size() > 1) {
        batch_limit_ = std::max<size_t>(1, batch_.size() / 2);
      } else if (batch_.size() == 1) {
        Reject(batch_[0].seq, msg);
      }
      return;
    }
  }
  Retry(now_ms, opts_.backoff.NextDelayMs(), msg);
}

void SyncEngine::Reject(int64_t seq, const std::string& message) {
  Tx tx(st_.db);
  Stmt s = st_.db.Prepare("SELECT tbl, row_id, fields, op FROM outbox WHERE seq = ?");
  s.BindInt(1, seq);
  if (s.Step()) {
    const std::string tbl = s.Text(0), row = s.Text(1), op = s.Text(3);
    Fields f = ParseFieldsJson(st_.db, s.Text(2));
    s.Reset();
    st_.db.Exec("UPDATE outbox SET state = 'rejected', error = ? WHERE seq = ?", message, seq);
    // The refused values lose to whatever the server holds: forget their HLCs
    // (unless a later pending write covers the column) and pull everything
    // again, so the row shows the server's values.
    for (const Field& x : f)
      st_.db.Exec(
          "DELETE FROM field_versions WHERE tbl = ?1 AND row_id = ?2 AND field = ?3 AND NOT EXISTS ("
          "SELECT 1 FROM outbox AS o, json_each(o.fields) AS j WHERE o.state = 'pending' AND o.tbl = ?1 "
          "AND o.row_id = ?2 AND j.key = ?3)",
          tbl, row, x.name);
    PutState(st_.db, "repull", int64_t(1));
    // A refused upsert may have been the row's creation (a second registration
    // of a member for a session): the server has no such row, so the re-pull
    // would leave this copy behind, looking saved and pending forever. Drop
    // it unless other writes to it still wait; its values stay in the
    // rejected outbox row, and if the server does hold the row, the re-pull
    // brings the server's version back. A row others refer to is kept.
    const bool other_pending =
        st_.db.QueryInt("SELECT 1 FROM outbox WHERE state = 'pending' AND tbl = ? AND row_id = ? LIMIT 1", tbl, row)
            .has_value();
    if (op == "upsert" && !other_pending && !LocalColumns(st_.db, tbl).empty()) {
      try {
        st_.db.Exec("DELETE FROM " + tbl + " WHERE id = ?", row);
        st_.db.Exec("DELETE FROM field_versions WHERE tbl = ? AND row_id = ?", tbl, row);
      } catch (const DbError& e) {
        if (!e.is_constraint()) throw;
      }
    }
  }
  tx.Commit();
  rejected_in_cycle_++;
  last_reject_message_ = message;
  last_error_ = "Modification refusée par le serveur : " + message;
}

void SyncEngine::Restamp(int64_t server_time_ms, int64_t now_ms) {
  (void)now_ms;
  std::vector<std::tuple<int64_t, std::string, std::string, std::string, int64_t>> rows;
  {
    Stmt s = st_.db.Prepare("SELECT seq, tbl, row_id, op, hlc FROM outbox WHERE state = 'pending' ORDER BY seq");
    while (s.Step()) rows.emplace_back(s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4));
  }
  Tx tx(st_.db);
  st_.clock.last = Hlc::Make(std::max<int64_t>(0, server_time_ms), 0);
  for (const auto& [seq, tbl, row, op, old] : rows) {
    const int64_t nh = st_.clock.Now(server_time_ms).packed;
    st_.db.Exec("UPDATE outbox SET hlc = ?1, fields = CASE WHEN op = 'delete' AND json_type(fields, '$.deleted_hlc') "
                "IS NOT NULL THEN json_set(fields, '$.deleted_hlc', ?1) ELSE fields END WHERE seq = ?2",
                nh, seq);
    st_.db.Exec("UPDATE field_versions SET hlc = ? WHERE tbl = ? AND row_id = ? AND hlc = ?", nh, tbl, row, old);
    if (!LocalColumns(st_.db, tbl).empty()) {
      for (const char* col : {"created_hlc", "updated_hlc", "deleted_hlc"})
        st_.db.Exec("UPDATE " + tbl + " SET " + col + " = ? WHERE id = ? AND " + col + " = ?", nh, row, old);
    }
  }
  st_.db.Exec("INSERT INTO sync_state(key, value) VALUES ('hlc', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
              st_.clock.last.packed);
  tx.Commit();
}

void SyncEngine::OnPushOk(const std::string& body, int64_t now_ms) {
  PushResponse r;
  DecodeError err;
  if (!Decode(body, opts_.format, &r, &err)) throw BadAnswer{};
  Tx tx(st_.db);
  st_.db.Exec("DELETE FROM outbox WHERE state = 'pending' AND seq <= ?", r.acked_seq);
  for (const ChangeResult& cr : r.results) {
    if (cr.result != ResultKind::Decided || cr.decided.empty()) continue;
    auto it = std::find_if(batch_.begin(), batch_.end(), [&](const BatchEntry& b) { return b.seq == cr.device_seq; });
    if (it == batch_.end()) continue;
    const std::set<std::string>& cols = LocalColumns(st_.db, it->table);
    for (const Field& f : cr.decided) {
      if (!cols.count(f.name)) continue;
      const bool pending = st_.db.QueryInt(
                               "SELECT 1 FROM outbox AS o, json_each(o.fields) AS j WHERE o.state = 'pending' AND "
                               "o.tbl = ? AND o.row_id = ? AND j.key = ?",
                               it->table, it->row_id, f.name)
                               .has_value();
      if (pending) continue;
      Stmt u = st_.db.Prepare("UPDATE " + it->table + " SET " + f.name + " = ? WHERE id = ?");
      BindValue(u, 1, f.value);
      u.BindText(2, it->row_id);
      u.Exec();
    }
  }
  tx.Commit();
  (void)now_ms;
  batch_.clear();
  restamps_in_row_ = 0;
  refreshes_in_row_ = 0;
  opts_.backoff.Reset();
}

void SyncEngine::OnRefreshOk(const std::string& body, int64_t now_ms) {
  (void)now_ms;
  TokenResponse t;
  DecodeError err;
  if (!Decode(body, opts_.format, &t, &err)) throw BadAnswer{};
  tokens_.access = t.access_token;
  tokens_.access_expires_ms = t.access_expires_ms;
  if (!t.refresh_token.empty()) {
    tokens_.refresh = t.refresh_token;
    tokens_.refresh_expires_ms = t.refresh_expires_ms;
  }
  tokens_changed_ = true;
  after_refresh_ = Kind::None;
}

void SyncEngine::ApplyRow(const RowState& row, int64_t now_ms) {
  Db& db = st_.db;
  const std::set<std::string>& cols = LocalColumns(db, row.table);
  if (cols.empty() || !IsValidId(row.row_id)) return;  // a table this build does not know

  std::set<std::string> pending;
  bool pending_delete = false;
  int64_t pending_hlc = 0;
  {
    Stmt s = db.Prepare("SELECT op, fields, hlc FROM outbox WHERE state = 'pending' AND tbl = ? AND row_id = ?");
    s.BindAll(row.table, row.row_id);
    while (s.Step()) {
      pending_hlc = std::max(pending_hlc, s.Int(2));
      if (s.Text(0) == "delete") {
        pending_delete = true;
      } else {
        for (const Field& f : ParseFieldsJson(db, s.Text(1))) pending.insert(f.name);
      }
    }
  }

  ReceiveHlc(st_, row.created_hlc, now_ms);
  ReceiveHlc(st_, row.updated_hlc, now_ms);
  ReceiveHlc(st_, row.deleted_hlc, now_ms);
  Fields take;
  std::vector<const VersionedField*> versions;
  for (const VersionedField& f : row.fields) {
    ReceiveHlc(st_, f.hlc, now_ms);
    if (!cols.count(f.name) || pending.count(f.name)) continue;
    take.push_back(Field{f.name, f.value});
    versions.push_back(&f);
  }
  // The row's field versions in one statement (one per count of fields, so
  // the statement cache keeps a handful), not one per field.
  for (size_t start = 0; start < versions.size(); start += kVersionsPerInsert) {
    const size_t n = std::min(kVersionsPerInsert, versions.size() - start);
    std::string sql = "INSERT INTO field_versions(tbl, row_id, field, hlc) VALUES ";
    for (size_t i = 0; i < n; i++) {
      const std::string a = std::to_string(3 + 2 * i), b = std::to_string(4 + 2 * i);
      sql += (i ? ", (?1, ?2, ?" : "(?1, ?2, ?") + a + ", ?" + b + ")";
    }
    sql += " ON CONFLICT(tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc";
    Stmt s = db.Prepare(sql);
    s.BindText(1, row.table).BindText(2, row.row_id);
    for (size_t i = 0; i < n; i++) {
      s.BindText(static_cast<int>(3 + 2 * i), versions[start + i]->name);
      s.BindInt(static_cast<int>(4 + 2 * i), versions[start + i]->hlc);
    }
    s.Exec();
  }

  auto bind_deleted = [&](Stmt& st, int idx) {  // 0 on the wire is NULL here: live
    if (row.deleted_hlc != 0)
      st.BindInt(idx, row.deleted_hlc);
    else
      st.BindNull(idx);
  };
  const std::optional<std::string> author =
      row.author_id.empty() ? std::nullopt : std::optional<std::string>(row.author_id);
  // (An INSERT ... ON CONFLICT DO NOTHING cannot replace this query: NOT NULL
  // is checked before the conflict, and an update may leave such columns out.)
  const bool exists = db.QueryInt("SELECT 1 FROM " + row.table + " WHERE id = ?", row.row_id).has_value();
  if (!exists) {
    std::string sql = "INSERT INTO " + row.table + " (id, created_hlc, updated_hlc, author_id, deleted_hlc";
    std::string marks = "?, ?, ?, ?, ?";
    for (const Field& f : take) {
      sql += ", " + f.name;
      marks += ", ?";
    }
    sql += ") VALUES (" + marks + ")";
    Stmt s = db.Prepare(sql);
    s.BindText(1, row.row_id).BindInt(2, row.created_hlc).BindInt(3, row.updated_hlc).Bind(4, author);
    bind_deleted(s, 5);
    int idx = 6;
    for (const Field& f : take) BindValue(s, idx++, f.value);
    s.Exec();
  } else {
    UpdateRow(row, take, pending, pending_delete, pending_hlc, author);
  }
  // Derived columns are the device's own: the duplicate-detection key follows
  // whatever name won, whoever wrote it (the wire may carry none, or a stale one).
  if (row.table == "companies") {
    if (std::optional<std::string> name = db.QueryText("SELECT name FROM companies WHERE id = ?", row.row_id))
      db.Exec("UPDATE companies SET name_key = ? WHERE id = ? AND name_key IS NOT ?", CompanyNameKey(*name),
              row.row_id, CompanyNameKey(*name));
  }
}

void SyncEngine::UpdateRow(const RowState& row, const Fields& take, const std::set<std::string>& pending,
                           bool pending_delete, int64_t pending_hlc, const std::optional<std::string>& author) {
  Db& db = st_.db;
  auto bind_deleted = [&](Stmt& st, int idx) {  // 0 on the wire is NULL here: live
    if (row.deleted_hlc != 0)
      st.BindInt(idx, row.deleted_hlc);
    else
      st.BindNull(idx);
  };
  std::string sql = "UPDATE " + row.table + " SET ";
  for (const Field& f : take) sql += f.name + " = ?, ";
  const bool mine = !pending.empty() || pending_delete;
  sql += "created_hlc = ?, updated_hlc = max(?, ?)";
  if (!mine) sql += ", author_id = ?";
  if (!pending_delete) sql += ", deleted_hlc = ?";
  sql += " WHERE id = ?";
  Stmt s = db.Prepare(sql);
  int idx = 1;
  for (const Field& f : take) BindValue(s, idx++, f.value);
  s.BindInt(idx++, row.created_hlc);
  s.BindInt(idx++, row.updated_hlc);
  s.BindInt(idx++, pending_hlc);
  if (!mine) s.Bind(idx++, author);
  if (!pending_delete) bind_deleted(s, idx++);
  s.BindText(idx, row.row_id);
  s.Exec();
}

void SyncEngine::OnPullOk(const std::string& body, int64_t now_ms) {
  PullResponse r;
  DecodeError err;
  if (!Decode(body, opts_.format, &r, &err)) throw BadAnswer{};
  if (opts_.prefetch_pages && r.more) {
    kept_ = std::move(r);  // Next() asks for the next page first; ApplyKept() writes this one
    return;
  }
  ApplyPage(r, now_ms);
}

bool SyncEngine::ApplyKept(int64_t now_ms) {
  if (!kept_) return true;
  PullResponse r = std::move(*kept_);
  kept_.reset();
  try {
    ApplyPage(r, now_ms);
    return true;
  } catch (const DbError& e) {
    // The request in flight continues from this page's cursor: its answer
    // would skip these rows. It is dropped, and the pull starts again from
    // the stored cursor.
    drop_answer_ = in_flight_ != Kind::None;
    Retry(now_ms, opts_.backoff.NextDelayMs(), std::string("Erreur de la base locale : ") + e.what());
    return false;
  }
}

void SyncEngine::ApplyPage(const PullResponse& r, int64_t now_ms) {
  Db& db = st_.db;
  // Pages follow server serials, not references: a note may come before its
  // company. Foreign keys are off while a page is applied (only possible
  // outside a transaction), and back on right after.
  db.ExecScript("PRAGMA foreign_keys=OFF");
  int failed = 0;
  // First the whole page in one transaction with no savepoint per row (most
  // pages: a savepoint per row cost more than the rows). Only if a row breaks
  // a local constraint is the page rolled back and applied again row by row,
  // each in its own savepoint, so the good rows still land.
  bool careful = false;
  try {
    for (;;) {
      struct RowFailed {};
      try {
        Tx tx(db);
        if (!careful) {
          for (const RowState& row : r.changes) {
            try {
              ApplyRow(row, now_ms);
            } catch (const DbError& e) {
              if (!e.is_constraint()) throw;
              throw RowFailed{};
            }
          }
        } else {
          failed = ApplyRowsOneByOne(r.changes, now_ms);
        }
        ApplyPageRest(r, now_ms);
        tx.Commit();
        break;
      } catch (const RowFailed&) {
        careful = true;  // the Tx above was rolled back: nothing of the page is kept
      }
    }
  } catch (...) {
    db.ExecScript("PRAGMA foreign_keys=ON");
    throw;
  }
  db.ExecScript("PRAGMA foreign_keys=ON");
  // The search index catches up page by page, in its own commit. Left to the
  // first search, it made the first keystroke after a first sync wait for
  // every note pulled. A failure here loses nothing: the rows stay queued and
  // the next search indexes them.
  try {
    search::UpdateSearchIndex(db);
  } catch (const DbError&) {
  }
  pull_from_scratch_ = false;
  unapplied_ += failed;
  opts_.backoff.Reset();
  refreshes_in_row_ = 0;
  if (!r.more) FinishCycle(now_ms);
}

int SyncEngine::ApplyRowsOneByOne(const std::vector<RowState>& rows, int64_t now_ms) {
  int failed = 0;
  std::vector<const RowState*> retry;
  for (const RowState& row : rows) {
    try {
      Tx one(st_.db);
      ApplyRow(row, now_ms);
      one.Commit();
    } catch (const DbError& e) {
      if (!e.is_constraint()) throw;
      retry.push_back(&row);  // e.g. a trigger on a row that comes later in the page
    }
  }
  for (const RowState* row : retry) {
    try {
      Tx one(st_.db);
      ApplyRow(*row, now_ms);
      one.Commit();
    } catch (const DbError& e) {
      if (!e.is_constraint()) throw;
      failed++;
    }
  }
  return failed;
}

// Removals, conflicts and the page's cursor: the rest of a page, in its
// transaction.
void SyncEngine::ApplyPageRest(const PullResponse& r, int64_t now_ms) {
  Db& db = st_.db;
  for (const RowRef& ref : r.removals) {
    if (LocalColumns(db, ref.table).empty()) continue;
    db.Exec("DELETE FROM " + ref.table + " WHERE id = ?", ref.row_id);
    db.Exec("DELETE FROM field_versions WHERE tbl = ? AND row_id = ?", ref.table, ref.row_id);
  }
  for (const Conflict& c : r.conflicts) {
    ReceiveHlc(st_, c.winner_hlc, now_ms);
    ReceiveHlc(st_, c.loser_hlc, now_ms);
    Stmt s = db.Prepare(
        "INSERT INTO sync_conflicts(id, tbl, row_id, field, winner_value, winner_hlc, winner_user, loser_value, "
        "loser_hlc, loser_user, created_ms, resolved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET resolved = max(resolved, excluded.resolved)");
    s.BindText(1, c.id).BindText(2, c.table).BindText(3, c.row_id).BindText(4, c.field);
    BindValue(s, 5, c.winner_value);
    s.BindInt(6, c.winner_hlc).BindText(7, c.winner_user);
    BindValue(s, 8, c.loser_value);
    s.BindInt(9, c.loser_hlc).BindText(10, c.loser_user).BindInt(11, c.created_ms).BindInt(12, c.resolved ? 1 : 0);
    s.Exec();
    // Who the writers are, for the conflict screen (UserDisplayName).
    for (const std::pair<const std::string*, const std::string*>& u :
         {std::make_pair(&c.winner_user, &c.winner_name), std::make_pair(&c.loser_user, &c.loser_name)})
      if (!u.first->empty() && !u.second->empty())
        db.Exec("INSERT INTO sync_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                "user_name:" + *u.first, *u.second);
  }
  PutState(db, "cursor", r.cursor);
  // Only the last page's cursor says "every change up to here is on this
  // device": what pending writes carry to the server (schema v10).
  if (!r.more) PutState(db, "seen", r.cursor);
  if (pull_from_scratch_) db.Exec("DELETE FROM sync_state WHERE key = 'repull'");
  db.Exec("INSERT INTO sync_state(key, value) VALUES ('hlc', ?) "
          "ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE excluded.value > sync_state.value",
          st_.clock.last.packed);
  if (!r.more) PutState(db, "last_sync_ms", now_ms);
}

void SyncEngine::FinishCycle(int64_t now_ms) {
  state_ = SyncState::Idle;
  last_cycle_end_ms_ = now_ms;
  last_error_.clear();
  if (rejected_in_cycle_ == 1)
    last_error_ = "Une modification a été refusée par le serveur : " + last_reject_message_;
  else if (rejected_in_cycle_ > 1)
    last_error_ = std::to_string(rejected_in_cycle_) + " modifications ont été refusées par le serveur (dernière : " +
                  last_reject_message_ + ")";
  rejected_in_cycle_ = 0;
  if (unapplied_ > 0)
    last_error_ += (last_error_.empty() ? "" : " ") + std::to_string(unapplied_) + " ligne(s) reçue(s) n'ont pas pu être enregistrées sur cet appareil.";
  unapplied_ = 0;
  // Written during the pull: another cycle right away.
  if (st_.db.QueryInt("SELECT count(*) FROM outbox WHERE state = 'pending'").value_or(0) > 0) requested_ = true;
}

SyncStatus SyncEngine::Status() const {
  // Writes through this connection move total_changes(); commits through any
  // other connection to the same file move data_version.
  const int64_t version[2] = {st_.db.QueryInt("SELECT total_changes()").value_or(0),
                              st_.db.QueryInt("PRAGMA data_version").value_or(0)};
  if (version[0] != counted_version_[0] || version[1] != counted_version_[1]) {
    counted_.pending = st_.db.QueryInt("SELECT count(*) FROM outbox WHERE state = 'pending'").value_or(0);
    counted_.rejected = st_.db.QueryInt("SELECT count(*) FROM outbox WHERE state = 'rejected'").value_or(0);
    counted_.conflicts = st_.db.QueryInt("SELECT count(*) FROM sync_conflicts WHERE resolved = 0").value_or(0);
    counted_.last_sync_ms = st_.db.QueryInt("SELECT value FROM sync_state WHERE key = 'last_sync_ms'").value_or(0);
    counted_version_[0] = version[0];
    counted_version_[1] = version[1];
  }
  SyncStatus s = counted_;
  s.state = state_;
  s.last_error = last_error_;
  s.retry_at_ms = state_ == SyncState::BackingOff ? retry_at_ms_ : 0;
  return s;
}

std::vector<RejectedChange> SyncEngine::Rejected() const {
  std::vector<RejectedChange> out;
  Stmt s = st_.db.Prepare(
      "SELECT seq, tbl, row_id, op, fields, coalesce(error, '') FROM outbox WHERE state = 'rejected' ORDER BY seq");
  while (s.Step()) out.push_back(RejectedChange{s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5)});
  return out;
}

void SyncEngine::DismissRejected(int64_t seq) {
  st_.db.Exec("DELETE FROM outbox WHERE seq = ? AND state = 'rejected'", seq);
}

bool ResolveConflict(Store& st, const std::string& conflict_id) {
  Tx tx(st.db);
  if (st.db.Exec("UPDATE sync_conflicts SET resolved = 1 WHERE id = ? AND resolved = 0", conflict_id) == 0) return false;
  RecordChange(st.db, "conflicts", conflict_id, ChangeOp::Upsert, Fields{Field{"resolved", int64_t(1)}}, NextHlc(st));
  tx.Commit();
  return true;
}

std::vector<Conflict> OpenConflicts(Store& st) {
  std::vector<Conflict> out;
  Stmt s = st.db.Prepare(
      "SELECT id, tbl, row_id, field, winner_value, winner_hlc, winner_user, loser_value, loser_hlc, loser_user, "
      "created_ms, coalesce((SELECT value FROM sync_state WHERE key = 'user_name:' || winner_user), ''), "
      "coalesce((SELECT value FROM sync_state WHERE key = 'user_name:' || loser_user), '') "
      "FROM sync_conflicts WHERE resolved = 0 ORDER BY created_ms DESC, id");
  auto read = [&](int col) -> Value {
    if (s.IsNull(col)) return Value();
    switch (sqlite3_column_type(s.handle(), col)) {
      case 1: return s.Int(col);     // SQLITE_INTEGER
      case 2: return s.Double(col);  // SQLITE_FLOAT
      default: return s.Text(col);
    }
  };
  while (s.Step()) {
    Conflict c;
    c.id = s.Text(0);
    c.table = s.Text(1);
    c.row_id = s.Text(2);
    c.field = s.Text(3);
    c.winner_value = read(4);
    c.winner_hlc = s.Int(5);
    c.winner_user = s.Text(6);
    c.loser_value = read(7);
    c.loser_hlc = s.Int(8);
    c.loser_user = s.Text(9);
    c.created_ms = s.Int(10);
    c.winner_name = s.Text(11);
    c.loser_name = s.Text(12);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace relais::sync
