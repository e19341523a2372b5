// store.h — the local data store of one device: the database plus what every
// write needs (the clock, the id generator, who is writing).
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "core/db/db.h"
#include "core/sync/hlc.h"
#include "core/sync/ids.h"

namespace relais {

struct StoreOptions {
  DbOptions db;
  std::function<int64_t()> now_ms;  // wall clock, ms since the epoch; the system clock when empty
  RandomSource random;              // for ids; SystemRandom() when empty
};

struct Store {
  Db db;
  HlcClock clock;
  IdGenerator ids;
  std::string device_id;  // made at the first open, kept in sync_state
  std::string author_id;  // the signed-in user (local_profile.user_id); "" before sign-in
  std::function<int64_t()> now_ms;
};

// Opens (creating if needed) and migrates to the latest schema, then restores
// the clock and the device id. Throws SchemaTooNewError for a database from a
// newer app, DbError for anything else.
Store OpenStore(const std::string& path, StoreOptions opts = StoreOptions());

// A fresh timestamp for a local write. Persisted by RecordChange, so the clock
// never goes back across restarts.
Hlc NextHlc(Store& st);
std::string NewId(Store& st);

}  // namespace relais
