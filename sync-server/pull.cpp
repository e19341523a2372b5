// pull.cpp — SyncService::Pull: the rows changed since the cursor that the
// user may see, removals for those they may no longer see, and their
// conflicts. Read-only: a pull can be retried any number of times.
#include "access.h"
#include "sync_service.h"

using relais::sync::PullRequest;
using relais::sync::PullResponse;
using relais::sync::RowState;

namespace {

RowState ToState(const RowRecord& row) {
  RowState s;
  s.table = row.table;
  s.row_id = row.row_id;
  s.serial = row.serial;
  s.created_hlc = row.created_hlc;
  s.updated_hlc = row.UpdatedHlc();
  s.deleted_hlc = row.deleted_hlc;
  s.author_id = row.LastWriter();
  for (const auto& kv : row.fields) s.fields.push_back({kv.first, kv.second.value, kv.second.hlc});
  return s;
}

}  // namespace

SyncError SyncService::Pull(const UserRecord& user, const PullRequest& req, PullResponse* out) {
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

  *out = PullResponse{};
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
    std::vector<RowRecord> rows = tx.RowsSince(cur.serial, limit + 1);
    const bool more = rows.size() > static_cast<size_t>(limit);
    if (more) rows.resize(static_cast<size_t>(limit));
    for (const RowRecord& row : rows) {
      if (CanRead(tx, a, row))
        out->changes.push_back(ToState(row));
      else if (cur.mode == 'r' || (RowScoped(a, row.table) && (cur.mode == 'n' || row.serial > cur.since)))
        out->removals.push_back({row.table, row.row_id});
    }
    const int64_t upto = more ? rows.back().serial : max;
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
    for (const ConflictRecord& k : tx.ConflictsFor(a.user_id, cur.serial, upto)) {
      if (!CanRead(tx, a, tx.GetRow(k.conflict.table, k.conflict.row_id))) continue;
      out->conflicts.push_back(k.conflict);
      out->conflicts.back().winner_name = name_of(k.conflict.winner_user);
      out->conflicts.back().loser_name = name_of(k.conflict.loser_user);
    }
    out->more = more;
    out->cursor = FormatCursor(Cursor{upto, scope, more ? cur.mode : 'n', cur.since});
  });
  out->server_time_ms = now_ms_();
  return {};
}
