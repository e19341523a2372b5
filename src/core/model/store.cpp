// store.cpp — see store.h.
#include "core/model/store.h"

#include <chrono>

#include "core/db/migrations.h"
#include "core/model/schema.h"

namespace relais {

namespace {

int64_t SystemNowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

Store OpenStore(const std::string& path, StoreOptions opts) {
  Store st;
  st.db = Db(path, opts.db);
  st.now_ms = opts.now_ms ? std::move(opts.now_ms) : SystemNowMs;
  st.ids.random = opts.random ? std::move(opts.random) : SystemRandom();
  Migrate(st.db, RelaisMigrations());

  // The clock resumes from the last timestamp written, so it never goes back
  // across restarts, even with a wall clock set back meanwhile.
  st.clock.last = Hlc{st.db.QueryInt("SELECT value FROM sync_state WHERE key = 'hlc'").value_or(0)};
  std::optional<std::string> device = st.db.QueryText("SELECT value FROM sync_state WHERE key = 'device_id'");
  if (!device) {
    device = st.ids.Next(st.now_ms());
    st.db.Exec("INSERT INTO sync_state(key, value) VALUES ('device_id', ?)", *device);
  }
  st.device_id = *device;
  st.author_id = st.db.QueryText("SELECT user_id FROM local_profile WHERE slot = 1").value_or("");
  return st;
}

Hlc NextHlc(Store& st) { return st.clock.Now(st.now_ms()); }

std::string NewId(Store& st) { return st.ids.Next(st.now_ms()); }

}  // namespace relais
