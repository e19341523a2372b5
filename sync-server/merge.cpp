// merge.cpp — see merge.h.
#include "merge.h"

#include <vector>

#include "credentials.h"

using relais::ChangeOp;
using relais::Value;
using relais::sync::Change;
using relais::sync::Conflict;

namespace {

struct Side {
  Value value;
  int64_t hlc;
  std::string user;
};

struct Merge {
  WriteCtx& w;
  const Writer& who;
  const Change& c;
  RowRecord& row;
  int64_t serial;
  std::vector<Conflict> conflicts;
  relais::Fields merged_notes;

  void AddConflict(const std::string& field, const Side& winner, const Side& loser) {
    Conflict k;
    k.id = NewRandomId();
    k.table = row.table;
    k.row_id = row.row_id;
    k.field = field;
    k.winner_value = winner.value;
    k.winner_hlc = winner.hlc;
    k.winner_user = winner.user;
    k.loser_value = loser.value;
    k.loser_hlc = loser.hlc;
    k.loser_user = loser.user;
    k.created_ms = w.now_ms;
    conflicts.push_back(std::move(k));
  }

  std::string NameOf(const std::string& user_id) {
    if (user_id == who.user_id) return who.name;
    if (user_id == kServerUser) return "le serveur";
    std::optional<UserRecord> u = w.tx.UserById(user_id);
    if (!u) return "un autre utilisateur";
    return u->display_name.empty() ? u->login : u->display_name;
  }

  // The losing side is recorded; a note column also keeps its text in the row.
  void Lost(const std::string& field, const Side& winner, const Side& loser) {
    const std::string* wt = std::get_if<std::string>(&winner.value);
    const std::string* lt = std::get_if<std::string>(&loser.value);
    if (w.catalog.IsNoteColumn(row.table, field) && wt && lt) {
      if (lt->empty() || wt->find(*lt) != std::string::npos) return;  // nothing of it would be lost
      merged_notes.push_back({field, *wt + "\n\n— Texte écrit en parallèle par " + NameOf(loser.user) +
                                         ", conservé par la synchronisation —\n" + *lt});
    }
    AddConflict(field, winner, loser);
  }

  void Upsert() {
    if (row.deleted_hlc != 0) {
      Side edit{std::string("upsert"), c.hlc, who.user_id};
      Side del{std::string("delete"), row.deleted_hlc, row.deleted_user};
      if (row.table != "registrations" && Newer(c.hlc, who.device_id, row.deleted_hlc, row.deleted_device)) {
        row.deleted_hlc = 0;
        row.deleted_user.clear();
        row.deleted_device.clear();
        AddConflict("_deleted", edit, del);
      } else {
        AddConflict("_deleted", del, edit);
      }
    }
    for (const relais::Field& f : c.fields) {
      FieldState incoming{f.value, c.hlc, who.user_id, who.device_id, serial};
      auto it = row.fields.find(f.name);
      if (it == row.fields.end()) {
        row.fields.emplace(f.name, incoming);
        continue;
      }
      FieldState& cur = it->second;
      bool wins = Newer(c.hlc, who.device_id, cur.hlc, cur.device_id);
      if (cur.value == f.value) {
        if (wins) cur = incoming;  // same value, newer stamp: nothing lost either way
        continue;
      }
      Side in{f.value, c.hlc, who.user_id}, stored{cur.value, cur.hlc, cur.user_id};
      if (wins) {
        bool unseen = cur.serial > who.seen_serial && cur.device_id != who.device_id;
        if (unseen) Lost(f.name, in, stored);
        cur = incoming;
      } else {
        Lost(f.name, stored, in);
      }
    }
  }

  void Delete() {
    if (row.deleted_hlc != 0) return;  // already a tombstone: the first delete stands
    const FieldState* newest = nullptr;
    for (const auto& kv : row.fields)
      if (!newest || Newer(kv.second.hlc, kv.second.device_id, newest->hlc, newest->device_id)) newest = &kv.second;
    if (newest && newest->device_id != who.device_id && Newer(newest->hlc, newest->device_id, c.hlc, who.device_id)) {
      AddConflict("_deleted", Side{std::string("upsert"), newest->hlc, newest->user_id},
                  Side{std::string("delete"), c.hlc, who.user_id});
      return;
    }
    row.deleted_hlc = c.hlc;
    row.deleted_user = who.user_id;
    row.deleted_device = who.device_id;
  }
};

}  // namespace

RowRecord ApplyChange(WriteCtx& w, const Writer& who, const Change& c, RowRecord row) {
  LogEntry e;
  e.table = c.table;
  e.row_id = c.row_id;
  e.op = relais::sync::OpName(c.op);
  e.fields = c.fields;
  e.hlc = c.hlc;
  e.user_id = who.user_id;
  e.device_id = who.device_id;
  e.device_seq = c.device_seq;
  e.at_ms = w.now_ms;
  int64_t serial = w.tx.AppendLog(e);

  if (!row.exists) {
    row.exists = true;
    row.created_hlc = c.hlc;
    row.created_by = who.user_id;
  }
  Merge m{w, who, c, row, serial, {}, {}};
  if (c.op == ChangeOp::Delete)
    m.Delete();
  else
    m.Upsert();
  row.serial = serial;
  w.tx.PutRow(row);
  if (!m.merged_notes.empty()) ServerWrite(w, row, m.merged_notes, "merge");
  for (const Conflict& k : m.conflicts) w.tx.PutConflict(ConflictRecord{k, row.serial});
  return row;
}
