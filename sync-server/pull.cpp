// pull.cpp — SyncService::Pull: the rows changed since the cursor that the
// user may see, removals for those they may no longer see, and their
// conflicts. Read-only: a pull can be retried any number of times.
#include <algorithm>
#include <map>
#include <variant>

#include "access.h"
#include "sync_service.h"

using relais::sync::Format;
using relais::sync::PullRequest;
using relais::sync::PullResponse;
using relais::sync::RowState;

namespace {

RowState ToState(const RowRecord& row) {
  RowState s;
  s.serial = row.serial;
  s.created_hlc = row.created_hlc;
  s.updated_hlc = row.UpdatedHlc();
  s.deleted_hlc = row.deleted_hlc;
  s.author_id = row.LastWriter();
  s.table = row.table;
  s.row_id = row.row_id;
  s.fields.reserve(row.fields.size());
  for (const auto& kv : row.fields) s.fields.push_back({kv.first, kv.second.value, kv.second.hlc});
  return s;
}

// Rows read from the log at a time while a page is assembled.
constexpr int kScanChunk = 1000;

// About what a row costs in the answer (JSON, the larger format): the page's
// byte bound only needs the order of magnitude.
size_t EstimatedBytes(const RowState& s) {
  size_t n = 160 + s.table.size() + s.row_id.size() + s.author_id.size();
  for (const relais::sync::VersionedField& f : s.fields) {
    n += 40 + f.name.size();
    if (const std::string* t = std::get_if<std::string>(&f.value)) n += t->size() + t->size() / 8;
  }
  return n;
}

// The row as this reader gets it, in the binary archive. Encoded once for
// every reader that sees it unredacted (nearly all: only hotline questions are
// redacted, for some readers), then only copied into each page.
// `hit`: what the cache held for the row's serial (looked up a chunk at once).
std::shared_ptr<const PulledRow> Pulled(PulledRows& cache, std::shared_ptr<const PulledRow> hit, const Actor& a,
                                        const RowRecord& row) {
  const bool shared = !RedactsForReader(a, row);
  if (shared && hit) return hit;
  RowState s = ToState(row);
  RedactForReader(a, row, s);
  auto p = std::make_shared<const PulledRow>(PulledRow{relais::sync::EncodeRow(s), EstimatedBytes(s)});
  if (shared) cache.Add(row.serial, p, 64 + p->binary.size());
  return p;
}

// The notes the follow-up actions among `rows` belong to, read in one go
// (CanRead needs each action's note).
std::map<std::string, RowPtr> ParentNotes(SyncTxn& tx, const Actor& a, const std::vector<RowPtr>& rows) {
  std::map<std::string, RowPtr> notes;
  if (a.trainee()) return notes;  // trainees see no action at all
  std::vector<std::string> ids;
  for (const RowPtr& row : rows)
    if (row->table == "follow_up_actions") ids.push_back(row->Text("interaction_id"));
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.empty()) return notes;
  for (RowPtr& r : tx.GetRows("interactions", ids)) {
    std::string id = r->row_id;
    notes.emplace(std::move(id), std::move(r));
  }
  return notes;
}

// The rows of these conflicts as they are now, by "table/row_id", read
// set-wise: a device in many conflicts (two advisors editing the same
// companies) would otherwise cost two statements per conflict and pull.
std::map<std::string, RowPtr> ConflictRows(SyncTxn& tx, const std::vector<ConflictRecord>& conflicts) {
  std::map<std::string, std::vector<std::string>> ids;  // by table
  for (const ConflictRecord& k : conflicts) ids[k.conflict.table].push_back(k.conflict.row_id);
  std::map<std::string, RowPtr> rows;
  for (auto& [table, list] : ids) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    for (RowPtr& r : tx.GetRows(table, list)) {
      std::string key = table + '/' + r->row_id;
      rows.emplace(std::move(key), std::move(r));
    }
  }
  return rows;
}

}  // namespace

SyncError SyncService::Pull(const UserRecord& user, const PullRequest& req, Format f, std::string* body) {
  SyncError err;
  const int limit = req.limit == 0 ? relais::sync::kDefaultPullLimit : req.limit;
  if (limit < 1 || limit > relais::sync::kMaxPullLimit) {
    err.status = 400;
    err.error.error = "bad_limit";
    err.error.message = "limit doit être compris entre 1 et " + std::to_string(relais::sync::kMaxPullLimit) + ".";
    return err;
  }
  Cursor cur;
  if (!ParseCursor(req.cursor, &cur)) {
    err.status = 400;
    err.error.error = "bad_cursor";
    err.error.message = "Curseur de synchronisation illisible : recommencez avec un curseur vide.";
    return err;
  }

  PullResponse out;
  std::vector<std::shared_ptr<const PulledRow>> encoded;  // binary: the changes, in order
  store_.Read([&](SyncTxn& tx) {
    Actor a = LoadActor(tx, user);
    const std::string scope = ScopeKey(a);
    const int64_t max = tx.MaxSerial();
    // Rights changed since this cursor (or the server went back to an older
    // backup): start over, and remove whatever is no longer readable.
    if (req.cursor.empty()) {
      cur.since = max;
    } else if (cur.scope != scope || cur.serial > max) {
      cur.serial = 0;
      cur.mode = 'r';
    }
    // The log is read in chunks, set-wise, until `limit` rows were looked at,
    // the answer holds about kPullPageBytes, or the log ends.
    int64_t last = cur.serial;  // the last row looked at
    int seen = 0;
    size_t bytes = 0;
    bool more = false;
    for (;;) {
      const int want = std::min(kScanChunk, limit - seen);
      std::vector<RowPtr> rows = tx.RowsSince(last, want + 1);  // one more: is there a next page?
      const bool full = rows.size() > static_cast<size_t>(want);
      if (full) rows.resize(static_cast<size_t>(want));
      const std::map<std::string, RowPtr> notes = ParentNotes(tx, a, rows);
      std::vector<std::shared_ptr<const PulledRow>> hits;
      if (f == Format::Binary) {
        std::vector<int64_t> serials;
        serials.reserve(rows.size());
        for (const RowPtr& p : rows) serials.push_back(p->serial);
        hits = pulled_.Find(serials);
      }
      bool stopped = false;
      for (size_t i = 0; i < rows.size(); i++) {
        const RowRecord& row = *rows[i];
        if (bytes >= relais::sync::kPullPageBytes) {
          stopped = true;
          break;
        }
        last = row.serial;
        seen++;
        if (CanRead(tx, a, row, notes)) {
          if (f == Format::Binary) {
            encoded.push_back(Pulled(pulled_, hits[i], a, row));
            bytes += encoded.back()->estimate;
          } else {
            out.changes.push_back(ToState(row));
            RedactForReader(a, row, out.changes.back());
            bytes += EstimatedBytes(out.changes.back());
          }
        } else if (cur.mode == 'r' || (RowScoped(a, row.table) && (cur.mode == 'n' || row.serial > cur.since))) {
          out.removals.push_back({row.table, row.row_id});
          bytes += 80;
        }
      }
      if (stopped || (full && seen >= limit)) {
        more = true;
        break;
      }
      if (!full) break;  // the end of the log
    }
    const int64_t upto = more ? last : max;
    // Each conflict names its two writers, looked up once per pull.
    std::map<std::string, std::string> names;
    auto name_of = [&](const std::string& user_id) -> const std::string& {
      auto it = names.find(user_id);
      if (it == names.end()) {
        std::optional<UserRecord> u = tx.UserById(user_id);
        it = names.emplace(user_id, u ? (u->display_name.empty() ? u->login : u->display_name) : std::string()).first;
      }
      return it->second;
    };
    const std::vector<ConflictRecord> conflicts = tx.ConflictsFor(a.user_id, cur.serial, upto);
    const std::map<std::string, RowPtr> conflicted = ConflictRows(tx, conflicts);
    for (const ConflictRecord& k : conflicts) {
      if (!CanRead(tx, a, *conflicted.at(k.conflict.table + '/' + k.conflict.row_id))) continue;
      out.conflicts.push_back(k.conflict);
      out.conflicts.back().winner_name = name_of(k.conflict.winner_user);
      out.conflicts.back().loser_name = name_of(k.conflict.loser_user);
    }
    out.more = more;
    out.cursor = FormatCursor(Cursor{upto, scope, more ? cur.mode : 'n', cur.since});
  });
  out.server_time_ms = now_ms_();
  if (f == Format::Binary) {
    std::vector<std::string_view> rows;
    rows.reserve(encoded.size());
    for (const auto& p : encoded) rows.push_back(p->binary);
    *body = relais::sync::EncodePull(out, rows);
  } else {
    *body = relais::sync::Encode(out, f);
  }
  return {};
}
