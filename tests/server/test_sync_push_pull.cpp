// Push and pull over real HTTP: round trips in JSON and binary, idempotent
// retries, atomic batches, paging.
#include <catch2/catch.hpp>

#include "test_sync_support.h"

using namespace synctest;

TEST_CASE("sync: push then pull round trip, JSON and binary", "[server][sync]") {
  Network net;
  REQUIRE(net.server.running());
  net.SeedNetwork();
  REQUIRE(net.last_seed_status == 200);

  Format f = GENERATE(Format::Json, Format::Binary);
  Device claire = net.NewDevice("claire", f);
  std::string company = NewRowId(), note = NewRowId();
  Change c1 = claire.Upsert("companies", company,
                            {{"name", std::string("Boulangerie « Les Blés d'Or »")},
                             {"siren", std::string("732829320")},
                             {"size_band", std::string("1-9")},
                             {"naf", Value()}});
  Change c2 = claire.Upsert("interactions", note,
                            InteractionFields(company, kMemberClaire, kOrgA, "network",
                                              "Visite : besoin de financement, prêt d'honneur évoqué. Œuvre ç é à"));
  Device::PushReply r = claire.Push({c1, c2});
  INFO(r.http.body);
  REQUIRE(r.http.status == 200);
  CHECK(r.http.content_type == ContentType(f));
  CHECK(r.response.acked_seq == c2.device_seq);
  REQUIRE(r.response.results.size() == 2);
  CHECK(r.response.results[0].result == ResultKind::Applied);
  CHECK(r.response.results[0].device_seq == c1.device_seq);
  CHECK(r.response.server_time_ms > 0);

  // Another advisor's device gets exactly what was written, with the HLCs.
  Device marc = net.NewDevice("marc", f);
  Replica seen;
  PullAll(marc, &seen);
  REQUIRE(seen.last_status == 200);
  const RowState* row = seen.Find("companies", company);
  REQUIRE(row);
  CHECK(row->created_hlc == c1.hlc);
  CHECK(row->updated_hlc == c1.hlc);
  CHECK(row->deleted_hlc == 0);
  CHECK(row->author_id == claire.session.user.id);
  CHECK(seen.Text("companies", company, "name") == "Boulangerie « Les Blés d'Or »");
  REQUIRE(seen.Get("companies", company, "naf"));
  CHECK(*seen.Get("companies", company, "naf") == Value());
  for (const VersionedField& fv : row->fields) CHECK(fv.hlc == c1.hlc);
  CHECK(seen.Text("interactions", note, "note").find("Œuvre ç é à") != std::string::npos);
  CHECK(seen.Find("members", kMemberClaire));
  CHECK(seen.Find("course_sessions", kSession));

  // Pulling again from the new cursor: nothing new.
  Device::PullReply again = marc.PullPage();
  REQUIRE(again.http.status == 200);
  CHECK(again.response.changes.empty());
  CHECK(again.response.removals.empty());
  CHECK_FALSE(again.response.more);
  CHECK(again.response.cursor == marc.cursor);
}

TEST_CASE("sync: a retried push applies nothing twice", "[server][sync]") {
  Network net;
  net.SeedNetwork();
  Device claire = net.NewDevice("claire");
  std::string company = NewRowId();
  std::vector<Change> batch = {
      claire.Upsert("companies", company, {{"name", std::string("Menuiserie Leroy")}}),
      claire.Upsert("contacts", NewRowId(), {{"company_id", company}, {"last_name", std::string("Leroy")}}),
  };
  Device::PushReply first = claire.Push(batch);
  REQUIRE(first.http.status == 200);
  // The answer was "lost": the same batch again, then once more in binary.
  Device::PushReply second = claire.Push(batch);
  REQUIRE(second.http.status == 200);
  CHECK(second.response.acked_seq == batch.back().device_seq);
  for (const ChangeResult& r : second.response.results) CHECK(r.result == ResultKind::Duplicate);
  claire.format = Format::Binary;
  CHECK(claire.Push(batch).response.results.at(0).result == ResultKind::Duplicate);

  // A batch mixing old and new changes: only the new one is applied.
  std::vector<Change> mixed = {batch[1], claire.Upsert("companies", company, {{"name", std::string("Leroy & fils")}})};
  Device::PushReply third = claire.Push(mixed);
  REQUIRE(third.http.status == 200);
  CHECK(third.response.results[0].result == ResultKind::Duplicate);
  CHECK(third.response.results[1].result == ResultKind::Applied);

  Device marc = net.NewDevice("marc");
  Replica seen;
  PullAll(marc, &seen);
  CHECK(seen.CountTable("contacts") == 1);
  CHECK(seen.Text("companies", company, "name") == "Leroy & fils");

  // The same seqs from another device are that device's own: applied.
  Device other = net.NewDevice("claire");
  other.seq = 0;
  Change c = other.Upsert("companies", NewRowId(), {{"name", std::string("Autre appareil")}});
  CHECK(c.device_seq == batch[0].device_seq);
  CHECK(other.Push({c}).response.results.at(0).result == ResultKind::Applied);
}

TEST_CASE("sync: one refused change refuses the whole batch", "[server][sync]") {
  Network net;
  net.SeedNetwork();
  Device claire = net.NewDevice("claire");
  Device marc = net.NewDevice("marc");
  Replica before;
  PullAll(marc, &before);

  std::string company = NewRowId();
  std::vector<Change> batch = {
      claire.Upsert("companies", company, {{"name", std::string("Garage Central")}}),
      claire.Upsert("contacts", NewRowId(), {{"company_id", company}, {"last_name", std::string("Morel")}}),
      // size_band outside the client schema's CHECK list
      claire.Upsert("companies", NewRowId(),
                    {{"name", std::string("Taille inconnue")}, {"size_band", std::string("énorme")}}),
      claire.Upsert("companies", NewRowId(), {{"name", std::string("Jamais stockée")}}),
  };
  Device::PushReply r = claire.Push(batch);
  INFO(r.http.body);
  REQUIRE(r.http.status == 422);
  CHECK(r.http.content_type == "application/json");
  CHECK(r.error.error == "invalid_row");
  CHECK(r.error.device_seq == batch[2].device_seq);
  CHECK_THAT(r.error.message, Catch::Contains("CHECK"));

  Device::PullReply after = marc.PullPage();
  REQUIRE(after.http.status == 200);
  CHECK(after.response.changes.empty());  // nothing of the batch was stored

  // The device sets the refused change aside and pushes the rest: accepted,
  // and its acked_seq covers the seq it dropped.
  std::vector<Change> rest = {batch[0], batch[1], batch[3]};
  Device::PushReply ok = claire.Push(rest);
  REQUIRE(ok.http.status == 200);
  CHECK(ok.response.acked_seq == batch[3].device_seq);
  Replica now;
  PullAll(marc, &now);
  CHECK(now.CountTable("companies") == 2);
}

TEST_CASE("sync: pull pages follow the cursor and never skip a row", "[server][sync]") {
  Network net;
  net.SeedNetwork();
  Device claire = net.NewDevice("claire", Format::Binary);
  std::set<std::string> ids;
  for (int batch = 0; batch < 3; batch++) {
    std::vector<Change> changes;
    for (int i = 0; i < 40; i++) {
      std::string id = NewRowId();
      ids.insert(id);
      changes.push_back(claire.Upsert("companies", id, {{"name", "Entreprise " + std::to_string(batch * 40 + i)}}));
    }
    REQUIRE(claire.Push(changes).http.status == 200);
  }
  // Edits of already-paged rows move them to the end: still seen once more.
  Device marc = net.NewDevice("marc", Format::Json);
  Replica seen;
  Device::PullReply first = marc.PullPage(7);
  REQUIRE(first.http.status == 200);
  CHECK(first.response.changes.size() == 7);
  CHECK(first.response.more);
  marc.cursor = first.response.cursor;
  for (const RowState& r : first.response.changes) seen.rows[{r.table, r.row_id}] = r;
  std::string edited = *ids.begin();
  REQUIRE(claire.Push({claire.Upsert("companies", edited, {{"name", std::string("Renommée")}})}).http.status == 200);
  PullAll(marc, &seen, 7);
  CHECK(seen.pages > 10);
  CHECK(seen.CountTable("companies") == ids.size());
  CHECK(seen.Text("companies", edited, "name") == "Renommée");
  int64_t prev = 0;
  Device fresh = net.NewDevice("nina");
  for (bool more = true; more;) {
    Device::PullReply p = fresh.PullPage(25);
    REQUIRE(p.http.status == 200);
    for (const RowState& r : p.response.changes) {
      CHECK(r.serial > prev);  // server serial order
      prev = r.serial;
    }
    fresh.cursor = p.response.cursor;
    more = p.response.more;
  }
}

// Hidden (run with "[.bench]"): rough timings for the report, not a test.
TEST_CASE("sync: push and pull timings", "[.bench]") {
  Network net;
  net.SeedNetwork();
  Device claire = net.NewDevice("claire", Format::Binary);
  auto t0 = std::chrono::steady_clock::now();
  const int kSingles = 200;
  for (int i = 0; i < kSingles; i++)
    REQUIRE(claire.Push({claire.Upsert("companies", NewRowId(), {{"name", "E" + std::to_string(i)}})}).http.status ==
            200);
  long long singles_ms = elapsed_ms_since(t0);
  t0 = std::chrono::steady_clock::now();
  for (int b = 0; b < 10; b++) {
    std::vector<Change> batch;
    for (size_t i = 0; i < kMaxBatchChanges; i++)
      batch.push_back(claire.Upsert("interactions", NewRowId(),
                                    InteractionFields(NewRowId(), kMemberClaire, kOrgA, "network",
                                                      "Compte rendu de visite, " + std::to_string(i))));
    REQUIRE(claire.Push(batch).http.status == 200);
  }
  long long batches_ms = elapsed_ms_since(t0);
  for (Format f : {Format::Json, Format::Binary}) {
    Device marc = net.NewDevice("marc", f);
    t0 = std::chrono::steady_clock::now();
    Replica r;
    PullAll(marc, &r, 1000);
    WARN((f == Format::Json ? "JSON" : "binary")
         << " pull of " << r.rows.size() << " rows in " << r.pages << " pages: " << elapsed_ms_since(t0) << " ms");
  }
  WARN(kSingles << " one-change pushes: " << singles_ms << " ms; 10 x " << kMaxBatchChanges
                << "-change batches: " << batches_ms << " ms");
}
