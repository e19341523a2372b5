// push.cpp — SyncService construction, the cursor format, and Push.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "access.h"
#include "core/sync/ids.h"
#include "merge.h"
#include "seats.h"
#include "sync_service.h"

using relais::ChangeOp;
using relais::Value;
using relais::sync::ApiError;
using relais::sync::Change;
using relais::sync::ChangeResult;
using relais::sync::PushRequest;
using relais::sync::PushResponse;
using relais::sync::ResultKind;

namespace {

int64_t SystemNowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

SyncError Error(int status, const char* code, const std::string& message, int64_t device_seq = 0) {
  SyncError e;
  e.status = status;
  e.error.error = code;
  e.error.message = message;
  e.error.device_seq = device_seq;
  return e;
}

// Thrown inside the write transaction to roll the whole push back.
struct RefusedPush {
  SyncError error;
};

bool FieldChanged(const RowRecord& a, const RowRecord& b, const char* name) {
  const Value* x = a.Get(name);
  const Value* y = b.Get(name);
  return (x == nullptr) != (y == nullptr) || (x && *x != *y);
}

}  // namespace

static bool ParseDigits(const std::string& s, int64_t* out) {
  if (s.empty() || s.size() > 18) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  *out = std::strtoll(s.c_str(), nullptr, 10);
  return true;
}

bool ParseCursor(const std::string& s, Cursor* out) {
  *out = Cursor{};
  if (s.empty()) return true;
  size_t a = s.find('.'), b = a == std::string::npos ? a : s.find('.', a + 1);
  if (b == std::string::npos || b + 1 >= s.size()) return false;
  std::string scope = s.substr(a + 1, b - a - 1), tail = s.substr(b + 2);
  char mode = s[b + 1];
  if (!ParseDigits(s.substr(0, a), &out->serial) || scope.size() != 16) return false;
  for (char c : scope)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  if (mode == 'f') {
    if (!ParseDigits(tail, &out->since)) return false;
  } else if ((mode != 'n' && mode != 'r') || !tail.empty()) {
    return false;
  }
  out->scope = scope;
  out->mode = mode;
  return true;
}

std::string FormatCursor(const Cursor& c) {
  return std::to_string(c.serial) + "." + c.scope + "." + c.mode + (c.mode == 'f' ? std::to_string(c.since) : "");
}

SyncService::SyncService(ServerStore& store, Catalog& catalog, SyncOptions opts)
    : store_(store),
      catalog_(catalog),
      max_ahead_ms_(opts.max_clock_ahead_ms),
      now_ms_(opts.now_ms ? std::move(opts.now_ms) : SystemNowMs) {
  // Receive() is only given HLCs Validate() accepted; its own bound is a backstop.
  clock_.max_drift_ms = max_ahead_ms_ + 60 * 1000;
}

SyncError SyncService::Validate(const PushRequest& req, int64_t now) const {
  if (!relais::IsValidId(req.device_id))
    return Error(400, "bad_device_id", "device_id doit faire 32 chiffres hexadécimaux minuscules.");
  Cursor cur;
  if (!ParseCursor(req.cursor, &cur))
    return Error(400, "bad_cursor", "Curseur de synchronisation illisible : renvoyez celui de la dernière réception.");
  int64_t prev = 0;
  for (const Change& c : req.changes) {
    const int64_t seq = c.device_seq;
    if (seq <= prev)
      return Error(400, "bad_sequence", "Les numéros device_seq d'un envoi doivent être positifs et croissants.", seq);
    prev = seq;
    if (!relais::IsValidId(c.row_id))
      return Error(400, "bad_row_id", "row_id « " + c.row_id + " » : 32 chiffres hexadécimaux attendus.", seq);
    if (c.hlc <= 0) return Error(400, "bad_hlc", "hlc doit être un horodatage positif.", seq);
    if (relais::Hlc{c.hlc}.millis() > now + max_ahead_ms_) {
      SyncError e = Error(422, "clock_ahead",
                          "L'horloge de cet appareil est en avance de " +
                              std::to_string((relais::Hlc{c.hlc}.millis() - now) / 60000) +
                              " minutes sur le serveur : corrigez la date et l'heure de l'appareil, puis "
                              "resynchronisez.",
                          seq);
      e.error.server_time_ms = now;
      return e;
    }
    if (c.table == "conflicts") {
      bool ok = c.op == ChangeOp::Upsert && c.fields.size() == 1 && c.fields[0].name == "resolved" &&
                c.fields[0].value == Value(int64_t(1));
      if (!ok) return Error(400, "bad_change", "Un conflit se résout par {\"resolved\": 1}, rien d'autre.", seq);
      continue;
    }
    const TableInfo* t = catalog_.Find(c.table);
    if (!t) return Error(400, "unknown_table", "Table « " + c.table + " » inconnue.", seq);
    for (const relais::Field& f : c.fields) {
      if (c.op == ChangeOp::Delete) {
        if (f.name != "deleted_hlc")
          return Error(400, "bad_change", "Une suppression ne porte aucune colonne (« " + f.name + " »).", seq);
        continue;
      }
      if (Catalog::IsSyncColumn(f.name))
        return Error(400, "unknown_column",
                     "La colonne « " + f.name + " » est tenue par la synchronisation, pas par l'appareil.", seq);
      const ColumnInfo* col = t->Find(f.name);
      if (!col) return Error(400, "unknown_column", "Colonne « " + f.name + " » inconnue dans " + c.table + ".", seq);
      if (!ValueFitsColumn(f.value, col->kind))
        return Error(400, "bad_value", c.table + "." + f.name + " : " + ColumnKindName(col->kind) + " ou null attendu.",
                     seq);
    }
  }
  return {};
}

static Refusal ResolveConflict(WriteCtx& w, const Actor& a, const Change& c) {
  std::optional<ConflictRecord> k = w.tx.GetConflict(c.row_id);
  if (!k) return Refusal{422, "not_found", "Ce conflit n'existe pas sur le serveur."};
  if (k->conflict.winner_user != a.user_id && k->conflict.loser_user != a.user_id && a.role != "admin")
    return Refusal{403, "forbidden", "Seuls les deux auteurs d'un conflit peuvent le marquer comme résolu."};
  if (k->conflict.resolved) return {};
  LogEntry e;
  e.table = "conflicts";
  e.row_id = c.row_id;
  e.op = "resolve";
  e.fields = c.fields;
  e.hlc = c.hlc;
  e.user_id = a.user_id;
  e.at_ms = w.now_ms;
  k->conflict.resolved = true;
  k->serial = w.tx.AppendLog(e);  // both authors pull the resolution
  w.tx.PutConflict(*k);
  return {};
}

static Refusal ApplyOne(WriteCtx& w, const Actor& a, const Writer& who, const Change& c, ChangeResult* r) {
  RowRecord before = w.tx.GetRow(c.table, c.row_id);
  if (c.op == ChangeOp::Delete && !before.exists)
    return Refusal{422, "not_found", "Cette ligne n'existe pas sur le serveur : rien à supprimer."};
  if (Refusal ref = CheckWrite(w.tx, a, c, before)) return ref;
  RowRecord after = ApplyChange(w, who, c, before);

  if (after.live()) {
    relais::Fields current;
    for (const auto& kv : after.fields) current.push_back({kv.first, kv.second.value});
    std::string why = w.catalog.CheckRow(c.table, c.row_id, current);
    // A value that lost to a newer one (by HLC) is not stored in the row but
    // kept as a conflict's losing value, which either user may choose later:
    // it must pass the schema too, in the row as it is.
    const bool lost = std::any_of(c.fields.begin(), c.fields.end(), [&](const relais::Field& f) {
      const relais::Value* kept = after.Get(f.name);
      return kept && !(*kept == f.value);
    });
    if (why.empty() && lost) {
      relais::Fields sent = current;  // in name order, as after.fields
      for (relais::Field& s : sent)
        for (const relais::Field& f : c.fields)
          if (s.name == f.name) s.value = f.value;
      why = w.catalog.CheckRow(c.table, c.row_id, sent);
    }
    if (!why.empty()) return Refusal{422, "invalid_row", "Ligne refusée (" + c.table + ") : " + why};
  }
  if (c.table == "registrations") {
    relais::Fields decided;
    if (Refusal ref = AfterRegistrationWrite(w, c, before, after, &decided)) return ref;
    if (!decided.empty()) {
      r->result = ResultKind::Decided;
      r->decided = decided;
    }
  } else if (c.table == "course_sessions") {
    if (Refusal ref = AfterSessionWrite(w, before, after)) return ref;
  } else if (c.table == "interactions" && before.exists &&
             (before.live() != after.live() || FieldChanged(before, after, "visibility") ||
              FieldChanged(before, after, "organisation_id") || FieldChanged(before, after, "author_member_id"))) {
    // Who may see the note changed: so did who may see its follow-up actions.
    for (const std::string& id : w.tx.FindRows("follow_up_actions", "interaction_id", Value(c.row_id))) {
      RowRecord child = w.tx.GetRow("follow_up_actions", id);
      TouchRow(w, child);
    }
  } else if (c.table == "legal_answers" &&
             (!before.exists || before.live() != after.live() || FieldChanged(before, after, "published"))) {
    // A question is seen by all once one of its answers is published: that
    // changed, so the question goes to (or leaves) everyone's devices again.
    RowRecord q = w.tx.GetRow("legal_questions", after.Text("question_id"));
    if (q.exists) TouchRow(w, q);
  }
  return {};
}

void SyncService::LoadClock(SyncTxn& tx) {
  // Another process (relais-server --seed-demo-users) may have written since.
  clock_.last = std::max(clock_.last, relais::Hlc{tx.GetMeta("hlc").value_or(0)});
}

SyncError SyncService::Push(const UserRecord& user, const PushRequest& req, PushResponse* out) {
  const int64_t now = now_ms_();
  if (SyncError e = Validate(req, now); e.status) return e;
  Cursor cur;
  ParseCursor(req.cursor, &cur);

  *out = PushResponse{};
  try {
    store_.Write([&](SyncTxn& tx) {
      LoadClock(tx);
      WriteCtx w{tx, catalog_, clock_, now};
      Actor a = LoadActor(tx, user);
      Writer who{user.id, a.display_name, req.device_id, cur.serial};
      out->results.clear();
      for (const Change& c : req.changes) {
        ChangeResult r;
        r.device_seq = c.device_seq;
        if (tx.IsApplied(user.id, req.device_id, c.device_seq)) {
          r.result = ResultKind::Duplicate;
          out->results.push_back(r);
          continue;
        }
        if (tx.IsRefused(user.id, req.device_id, c.device_seq, c.hlc))
          throw RefusedPush{Error(422, "already_refused",
                                  "Cette modification a déjà été refusée par le serveur : elle n'est pas appliquée.",
                                  c.device_seq)};
        clock_.Receive(relais::Hlc{c.hlc}, now);
        Refusal ref = c.table == "conflicts" ? ResolveConflict(w, a, c) : ApplyOne(w, a, who, c, &r);
        if (ref) throw RefusedPush{Error(ref.status, ref.code.c_str(), ref.message, c.device_seq)};
        tx.MarkApplied(user.id, req.device_id, c.device_seq, tx.MaxSerial());
        out->results.push_back(r);
      }
      tx.PutMeta("hlc", clock_.last.packed);
      out->acked_seq = tx.MaxAppliedSeq(user.id, req.device_id);
    });
  } catch (const RefusedPush& r) {
    // Remembered, so a late or repeated delivery of this change gets the same
    // answer instead of being applied after the device set it aside.
    for (const Change& c : req.changes)
      if (c.device_seq == r.error.error.device_seq && c.hlc > 0)
        store_.Write([&](SyncTxn& tx) { tx.MarkRefused(user.id, req.device_id, c.device_seq, c.hlc); });
    return r.error;
  }
  out->server_time_ms = now;
  return {};
}

void SyncService::SeedRow(const std::string& table, const std::string& row_id, const relais::Fields& fields) {
  std::string why = catalog_.CheckRow(table, row_id, fields);
  if (!why.empty()) throw std::runtime_error("seed " + table + " " + row_id + ": " + why);
  store_.Write([&](SyncTxn& tx) {
    LoadClock(tx);
    WriteCtx w{tx, catalog_, clock_, now_ms_()};
    RowRecord row = tx.GetRow(table, row_id);
    if (!row.exists) {
      row.exists = true;
      row.created_hlc = clock_.Now(w.now_ms).packed;
      row.created_by = kServerUser;
    }
    ServerWrite(w, row, fields, "seed");
    tx.PutMeta("hlc", clock_.last.packed);
  });
}

bool SyncService::SeedRows(const std::vector<SeedRowData>& rows, const std::string& once_key) {
  for (const SeedRowData& r : rows) {
    std::string why = catalog_.CheckRow(r.table, r.row_id, r.fields);
    if (!why.empty()) throw std::runtime_error("seed " + r.table + " " + r.row_id + ": " + why);
  }
  bool written = false;
  store_.Write([&](SyncTxn& tx) {
    if (tx.GetMeta(once_key)) return;
    LoadClock(tx);
    WriteCtx w{tx, catalog_, clock_, now_ms_()};
    for (const SeedRowData& r : rows) {
      RowRecord row = tx.GetRow(r.table, r.row_id);
      if (!row.exists) {
        row.exists = true;
        row.created_hlc = clock_.Now(w.now_ms).packed;
        row.created_by = kServerUser;
      }
      ServerWrite(w, row, r.fields, "seed");
    }
    tx.PutMeta("hlc", clock_.last.packed);
    tx.PutMeta(once_key, 1);
    written = true;
  });
  return written;
}
