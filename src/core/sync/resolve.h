// resolve.h — what the user can do about sync results on the device, beyond
// the engine: keep a conflict's losing value, and wipe the device's data at
// sign-out. Both are ordinary local writes, so they sync like any other.
#pragma once
#include <cstdint>
#include <string>

#include "core/model/store.h"

namespace relais::sync {

// Keeps the value that lost conflict `conflict_id`: writes it to its row as a
// new local change (outbox and field version, so it syncs and wins by being
// newer) and marks the conflict resolved, in one transaction. false, and
// nothing changed, when the conflict is not open, is about a delete
// ("_deleted"), names an unknown column, or its row is gone.
bool KeepLoserValue(Store& st, const std::string& conflict_id);

// Local changes not yet accepted by the server (pending or rejected): what a
// wipe would lose.
int64_t UnsyncedCount(Store& st);

// Deletes everything the device holds for its user: synced rows, outbox,
// field versions, conflicts, sync cursor and profile. Keeps the device id and
// the clock (a new user's writes must still be ordered after the old ones).
void WipeLocalData(Store& st);

}  // namespace relais::sync
