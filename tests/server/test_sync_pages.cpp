// What makes sync fast without changing what it means: pull pages bounded by
// bytes (read set-wise on the server, follow-up actions judged by their note),
// binary answers gzipped when the client accepts it, and concurrent pushes
// committed together (each still all-or-nothing, each answered only once
// stored).

#include <atomic>
#include <catch2/catch.hpp>
#include <set>
#include <thread>

#include "core/db/db.h"
#include "decompress.h"
#include "test_sync_support.h"

using namespace synctest;

namespace {

// A raw pull, so the test sees the headers and the body as sent.
httplib::Result RawPull(int port, const std::string& token, Format f, const std::string& cursor, int limit,
                        const char* accept_encoding) {
  httplib::Client cli("127.0.0.1", port);
  cli.set_decompress(false);
  cli.set_read_timeout(30);
  httplib::Headers h{{"Authorization", "Bearer " + token}};
  if (accept_encoding) h.emplace("Accept-Encoding", accept_encoding);
  PullRequest req;
  req.cursor = cursor;
  req.limit = limit;
  return cli.Post("/api/pull", h, Encode(req, f), ContentType(f));
}

}  // namespace

TEST_CASE("sync: pull pages are bounded by bytes and judge follow-up actions by their note", "[server][sync]") {
  Network net;
  net.SeedNetwork();
  REQUIRE(net.last_seed_status == 200);
  Device claire = net.NewDevice("claire", Format::Binary);
  const std::string company = NewRowId();
  REQUIRE(claire.Push({claire.Upsert("companies", company, {{"name", std::string("Forge de Loire")}})}).http.status ==
          200);

  // 600 network notes of 6 KB (about 3.6 MB), then 10 notes private to
  // claire's organisation, each with a follow-up action.
  std::set<std::string> network_notes, org_notes, org_actions;
  const std::string text(6000, 'x');
  for (int batch = 0; batch < 6; batch++) {
    std::vector<Change> changes;
    for (int i = 0; i < 100; i++) {
      std::string id = NewRowId();
      network_notes.insert(id);
      changes.push_back(claire.Upsert("interactions", id,
                                      InteractionFields(company, kMemberClaire, kOrgA, "network",
                                                        "Note " + std::to_string(batch * 100 + i) + " " + text)));
    }
    REQUIRE(claire.Push(changes).http.status == 200);
  }
  std::vector<Change> private_changes;
  for (int i = 0; i < 10; i++) {
    std::string note = NewRowId(), action = NewRowId();
    org_notes.insert(note);
    org_actions.insert(action);
    private_changes.push_back(claire.Upsert(
        "interactions", note, InteractionFields(company, kMemberClaire, kOrgA, "organisation", "Entre nous")));
    private_changes.push_back(claire.Upsert(
        "follow_up_actions", action,
        {{"interaction_id", note}, {"title", std::string("Rappeler le dirigeant")}, {"due_on", std::string("2026-01-15")}}));
  }
  REQUIRE(claire.Push(private_changes).http.status == 200);

  // The largest page a client may ask for stops at about kPullPageBytes.
  Device marc = net.NewDevice("marc", Format::Json);
  Device::PullReply first = marc.PullPage(kMaxPullLimit);
  REQUIRE(first.http.status == 200);
  CHECK(first.response.more);
  CHECK(first.response.changes.size() > 100);
  CHECK(first.response.changes.size() < 600);
  CHECK(first.http.body.size() > kPullPageBytes / 2);
  CHECK(first.http.body.size() < kPullPageBytes + 64 * 1024);
  // Every row once, in serial order, over a few pages.
  Replica seen;
  marc.cursor = "";
  PullAll(marc, &seen, kMaxPullLimit);
  REQUIRE(seen.last_status == 200);
  CHECK(seen.pages >= 2);
  CHECK(seen.pages <= 3);
  for (const std::string& id : network_notes) CHECK(seen.Find("interactions", id));
  // Marc (the other organisation) sees neither the private notes nor their
  // actions; nina (claire's organisation) sees both.
  for (const std::string& id : org_notes) CHECK_FALSE(seen.Find("interactions", id));
  for (const std::string& id : org_actions) CHECK_FALSE(seen.Find("follow_up_actions", id));
  Device nina = net.NewDevice("nina", Format::Binary);
  Replica nina_seen;
  PullAll(nina, &nina_seen, kMaxPullLimit);
  REQUIRE(nina_seen.last_status == 200);
  for (const std::string& id : org_actions) CHECK(nina_seen.Find("follow_up_actions", id));
  CHECK(nina_seen.CountTable("interactions") == network_notes.size() + org_notes.size());

  // A client of before (limit 0) still gets at most kDefaultPullLimit rows.
  Device old = net.NewDevice("marc", Format::Json);
  Device::PullReply small = old.PullPage(0);
  REQUIRE(small.http.status == 200);
  CHECK(small.response.changes.size() <= static_cast<size_t>(kDefaultPullLimit));
}

TEST_CASE("sync: binary answers are compressed when the client accepts it: zstd, else gzip", "[server][sync]") {
  Network net;
  net.SeedNetwork();
  Device claire = net.NewDevice("claire", Format::Binary);
  std::vector<Change> changes;
  for (int i = 0; i < 200; i++)
    changes.push_back(claire.Upsert("companies", NewRowId(), {{"name", "Entreprise " + std::to_string(i)}}));
  REQUIRE(claire.Push(changes).http.status == 200);
  const std::string& token = claire.session.access;

  httplib::Result plain = RawPull(net.port(), token, Format::Binary, "", kMaxPullLimit, nullptr);
  REQUIRE(plain);
  REQUIRE(plain->status == 200);
  CHECK_FALSE(plain->has_header("Content-Encoding"));
  httplib::Result gz = RawPull(net.port(), token, Format::Binary, "", kMaxPullLimit, "gzip, deflate, br");
  REQUIRE(gz);
  REQUIRE(gz->status == 200);
  CHECK(gz->get_header_value("Content-Encoding") == "gzip");
  CHECK(gz->get_header_value("Content-Type") == kBinaryContentType);
  CHECK(gz->body.size() * 3 < plain->body.size());
  // Same rows once decompressed (cursors and server times may differ).
  PullResponse a, b;
  DecodeError err;
  REQUIRE(Decode(plain->body, Format::Binary, &a, &err));
  REQUIRE(Decode(Gunzip(gz->body), Format::Binary, &b, &err));
  REQUIRE(a.changes.size() == b.changes.size());
  CHECK(a.changes.size() >= 200);
  for (size_t i = 0; i < a.changes.size(); i++) CHECK(a.changes[i].row_id == b.changes[i].row_id);
  // zstd when accepted (Chromium asks for it): the same rows, smaller than gzip or close.
  httplib::Result zs = RawPull(net.port(), token, Format::Binary, "", kMaxPullLimit, "gzip, deflate, br, zstd");
  REQUIRE(zs);
  REQUIRE(zs->status == 200);
  CHECK(zs->get_header_value("Content-Encoding") == "zstd");
  CHECK(zs->get_header_value("Vary") == "Accept-Encoding");
  CHECK(zs->body.size() * 3 < plain->body.size());
  PullResponse c;
  REQUIRE(Decode(Unzstd(zs->body), Format::Binary, &c, &err));
  REQUIRE(c.changes.size() == a.changes.size());
  for (size_t i = 0; i < a.changes.size(); i++) CHECK(a.changes[i].row_id == c.changes[i].row_id);
  // zstd refused: gzip.
  httplib::Result no_zstd = RawPull(net.port(), token, Format::Binary, "", kMaxPullLimit, "zstd;q=0, gzip");
  REQUIRE(no_zstd);
  CHECK(no_zstd->get_header_value("Content-Encoding") == "gzip");
  // gzip refused (q=0): the archive as it is.
  httplib::Result no = RawPull(net.port(), token, Format::Binary, "", kMaxPullLimit, "gzip;q=0, identity");
  REQUIRE(no);
  CHECK_FALSE(no->has_header("Content-Encoding"));
  CHECK(no->body.size() == plain->body.size());
}

// n new companies of device d, their ids in *ids: one push's batch.
static std::vector<Change> NewCompanies(Device& d, int n, std::vector<std::string>* ids) {
  std::vector<Change> batch;
  for (int i = 0; i < n; i++) {
    ids->push_back(NewRowId());
    batch.push_back(d.Upsert("companies", ids->back(), {{"name", "Entreprise " + ids->back()}}));
  }
  return batch;
}

// A commit group takes at most 32 pushes (kMaxGroup in sqlite_store.cpp).
// More pushes than that waiting at once: each must still be applied, and
// answered only once on disk. The leader of a group used to return as soon
// as it had committed one, even when its own push was further back in the
// queue: that push was answered but never applied, and the next leader ran
// it from a dead stack frame (a crash).
TEST_CASE("sync: more pushes at once than one commit group takes are all applied", "[server][sync]") {
  Network net;
  net.SeedNetwork();
  REQUIRE(net.last_seed_status == 200);
  constexpr int kDevices = 90, kRounds = 4, kPerBatch = 3;
  const char* logins[] = {"claire", "nina", "marc", "sophie"};
  std::vector<Device> devices;
  for (int t = 0; t < kDevices; t++) devices.push_back(net.NewDevice(logins[t % 4], Format::Binary));
  std::vector<std::vector<std::string>> acked(kDevices);
  std::atomic<int> errors{0}, ready{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kDevices; t++) {
    threads.emplace_back([&, t] {
      Device& d = devices[static_cast<size_t>(t)];
      for (int round = 0; round < kRounds; round++) {
        std::vector<std::string> ids;
        std::vector<Change> batch = NewCompanies(d, kPerBatch, &ids);
        // All devices push together, round after round.
        ready++;
        while (ready < kDevices * (round + 1)) std::this_thread::yield();
        Device::PushReply r = d.Push(batch);
        if (r.http.status == 200 && r.response.acked_seq == batch.back().device_seq)
          acked[static_cast<size_t>(t)].insert(acked[static_cast<size_t>(t)].end(), ids.begin(), ids.end());
        else
          errors++;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  CHECK(errors == 0);
  size_t n_acked = 0;
  for (const auto& ids : acked) n_acked += ids.size();
  CHECK(n_acked == static_cast<size_t>(kDevices * kRounds * kPerBatch));
  REQUIRE(net.server.stop() == 0);
  relais::Db db(net.data.path + "/relais.db");
  for (const auto& ids : acked)
    for (const std::string& id : ids)
      CHECK(db.QueryInt("SELECT COUNT(*) FROM rows WHERE tbl = 'companies' AND row_id = ?", id)
                .value_or(0) == 1);
}

TEST_CASE("sync: concurrent pushes are committed together, each all or nothing", "[server][sync]") {
  Network net;
  net.SeedNetwork();
  REQUIRE(net.last_seed_status == 200);
  const char* logins[] = {"claire", "nina", "marc", "sophie", "claire", "nina", "marc", "sophie"};
  constexpr int kThreads = 8, kRounds = 12, kPerBatch = 5;
  std::vector<std::vector<std::string>> acked(kThreads), refused(kThreads);
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; t++) {
    threads.emplace_back([&, t] {
      Device d = net.NewDevice(logins[t], Format::Binary);
      for (int round = 0; round < kRounds; round++) {
        std::vector<std::string> ids;
        std::vector<Change> batch = NewCompanies(d, kPerBatch, &ids);
        // Every third batch of the advisors ends with a change the server
        // refuses (an advisor may not edit the catalogue): none of it stays.
        const bool bad = round % 3 == 2 && std::string(logins[t]) != "sophie";
        if (bad)
          batch.push_back(d.Upsert("courses", kCourse, {{"title", std::string("Titre changé")}}));
        Device::PushReply r = d.Push(batch);
        if (bad && r.http.status == 403) {
          refused[t].insert(refused[t].end(), ids.begin(), ids.end());
        } else if (!bad && r.http.status == 200 && r.response.acked_seq == batch.back().device_seq) {
          acked[t].insert(acked[t].end(), ids.begin(), ids.end());
        } else {
          errors++;
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  CHECK(errors == 0);

  Device admin = net.NewDevice("sophie");
  Replica seen;
  PullAll(admin, &seen, kMaxPullLimit);
  REQUIRE(seen.last_status == 200);
  size_t n_acked = 0;
  for (int t = 0; t < kThreads; t++) {
    for (const std::string& id : acked[t]) CHECK(seen.Find("companies", id));
    for (const std::string& id : refused[t]) CHECK_FALSE(seen.Find("companies", id));
    n_acked += acked[t].size();
  }
  CHECK(n_acked > 0);
  CHECK(seen.CountTable("companies") == n_acked);
  CHECK(seen.Text("courses", kCourse, "title") == "Découvrir l'intelligence économique");

  // Across a restart too: what was answered is on disk.
  REQUIRE(net.server.stop() == 0);
  relais::Db db(net.data.path + "/relais.db");
  CHECK(db.QueryInt("SELECT COUNT(*) FROM rows WHERE tbl = 'companies'").value_or(0) == static_cast<int64_t>(n_acked));
  CHECK(db.QueryText("PRAGMA integrity_check").value_or("") == "ok");
}
