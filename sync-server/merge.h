// merge.h — applying one pushed change to the stored row.
//
// Fields: last-writer-wins per field on (hlc, device id). A value that loses
// to a write its author had not seen is kept in a conflict record (winner and
// loser, pulled by both users). "Not seen": the incoming change is older, or
// the stored value was written after the pusher's cursor by another device.
// Note columns (Catalog::IsNoteColumn) lose no text: the winner's text is
// followed by a marker line and the loser's text, written by the server
// (fresh HLC, so every device converges on it), plus one conflict record.
//
// Deletes are tombstones (fields kept). Liveness is itself last-writer-wins:
//   - a delete newer than every field write makes the tombstone;
//   - a delete older than a field write it had not seen loses: the row stays,
//     with a conflict record on field "_deleted";
//   - an upsert on a tombstone always stores its fields (nothing is lost); it
//     revives the row when newer than the delete (the editor had not seen the
//     delete), else the row stays deleted; both ways a "_deleted" conflict
//     tells the two users. Registrations never revive: their seats are taken
//     and given back by the server only.
#pragma once
#include <string>

#include "core/sync/protocol.h"
#include "sync_write.h"

struct Writer {
  std::string user_id;
  std::string name;  // shown in the marker line of a merged note
  std::string device_id;
  int64_t seen_serial = 0;  // from the push cursor
};

// row: as stored before (exists == false for a creation). Returns it after.
RowRecord ApplyChange(WriteCtx& w, const Writer& who, const relais::sync::Change& c, RowRecord row);
