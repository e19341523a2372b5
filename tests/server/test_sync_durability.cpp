// kill -9 of the server in the middle of a stream of pushes loses no
// acknowledged change, applies none twice, and never half a batch.
#include <sys/stat.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "core/db/db.h"
#include "test_sync_support.h"

using namespace synctest;

TEST_CASE("durability: kill -9 mid-stream loses no acknowledged change", "[server][sync][durability]") {
  Network net;
  net.SeedNetwork();
  REQUIRE(net.last_seed_status == 200);
  Device claire = net.NewDevice("claire", Format::Binary);
  const int kPerBatch = 4;
  std::vector<std::vector<Change>> acked, unanswered;

  for (int round = 0; round < 3; round++) {
    INFO("round " << round);
    std::atomic<bool> stop{false};
    std::thread pusher([&] {
      while (!stop) {
        std::vector<Change> batch;
        for (int i = 0; i < kPerBatch; i++)
          batch.push_back(
              claire.Upsert("companies", NewRowId(), {{"name", "Entreprise " + std::to_string(claire.seq)}}));
        Device::PushReply r = claire.Push(batch);
        if (r.http.status == 200) {
          acked.push_back(batch);
        } else {
          unanswered.push_back(batch);  // may or may not have been applied
          return;
        }
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(150 + 120 * round));
    net.server.kill_hard();  // SIGKILL: no chance to flush anything
    stop = true;
    pusher.join();
    REQUIRE(net.server.exit_code == 128 + SIGKILL);
    REQUIRE(net.Start());  // same data folder; sessions survive too
    claire.port = net.port();
  }
  REQUIRE(acked.size() > 10);

  // Every acknowledged change is there; resending anything applies nothing twice.
  Device marc = net.NewDevice("marc");
  Replica seen;
  PullAll(marc, &seen);
  REQUIRE(seen.last_status == 200);
  for (const auto& batch : acked)
    for (const Change& c : batch) CHECK(seen.Find("companies", c.row_id));
  for (const auto& batch : unanswered) {
    // A batch cut by the crash: all of it or none of it.
    size_t present = 0;
    for (const Change& c : batch) present += seen.Find("companies", c.row_id) != nullptr;
    CHECK((present == 0 || present == batch.size()));
  }
  for (const auto& batch : acked) {
    Device::PushReply again = claire.Push(batch);
    REQUIRE(again.http.status == 200);
    for (const ChangeResult& r : again.response.results) CHECK(r.result == ResultKind::Duplicate);
  }
  for (const auto& batch : unanswered) REQUIRE(claire.Push(batch).http.status == 200);  // the device's retry

  REQUIRE(net.server.stop() == 0);
  Db db(net.data.path + "/relais.db");
  CHECK(db.QueryText("PRAGMA integrity_check").value_or("") == "ok");
  CHECK_FALSE(
      db.QueryInt("SELECT 1 FROM change_log WHERE device_id = ? GROUP BY device_seq HAVING COUNT(*) > 1", claire.id)
          .has_value());
  size_t total = (acked.size() + unanswered.size()) * kPerBatch;
  CHECK(db.QueryInt("SELECT COUNT(*) FROM applied WHERE device_id = ?", claire.id).value_or(0) ==
        static_cast<int64_t>(total));
  CHECK(db.QueryInt("SELECT COUNT(*) FROM rows WHERE tbl = 'companies'").value_or(0) == static_cast<int64_t>(total));
}

// The server checkpoints on a thread of its own (Checkpointer in
// sqlite_store.cpp), not in the commit that takes the WAL past 1,000 pages.
// It must still happen: the pages of acknowledged pushes reach the database
// file while the server runs, and the WAL is reused instead of growing with
// every push (without the thread, the database file stays empty here;
// without the writer's own copy past 8,000 pages, the WAL reaches 70 MB).
TEST_CASE("durability: the WAL is checkpointed while the server runs", "[server][sync][durability]") {
  Network net;
  net.SeedNetwork();
  REQUIRE(net.last_seed_status == 200);
  Device claire = net.NewDevice("claire", Format::Binary);
  auto size_of = [](const std::string& path) {
    struct stat st {};
    return stat(path.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size) : int64_t(-1);
  };
  const std::string db_path = net.data.path + "/relais.db", wal_path = db_path + "-wal";
  const int64_t db_before = size_of(db_path);
  const std::string address(1500, 'x');  // far too long: more pages per push
  int64_t pushed_bytes = 0;
  for (int batch = 0; batch < 100; batch++) {
    std::vector<Change> changes;
    for (int i = 0; i < 50; i++) {
      changes.push_back(claire.Upsert("companies", NewRowId(), {{"name", "Entreprise " + std::to_string(claire.seq)},
                                                                {"address", address}}));
      pushed_bytes += static_cast<int64_t>(address.size());
    }
    REQUIRE(claire.Push(changes).http.status == 200);
  }
  // The last checkpoint may still be running.
  for (int i = 0; i < 100 && size_of(db_path) < db_before + pushed_bytes; i++)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  INFO("database " << db_before << " -> " << size_of(db_path) << " bytes, WAL " << size_of(wal_path)
                   << " bytes, " << pushed_bytes << " bytes of addresses pushed");
  CHECK(size_of(db_path) >= db_before + pushed_bytes);
  // The thread is asked to copy from 1,000 pages of 4 KB on, and past
  // 8,000 the writer copies too (kMaxPages): the WAL stays under that and
  // one push's pages. These pushes write over 60 MB to it.
  CHECK(size_of(wal_path) < 10000 * 4096);
  CHECK(net.server.stop() == 0);
}
