// The client sync engine (core/sync/engine.h) with real local Stores against
// the real server: concurrent offline edits converge with a visible
// conflict, dropped requests and answers apply nothing twice, refused changes
// are set aside. The randomized simulation with faults is in
// test_sync_simulation.cpp.
#include <catch2/catch.hpp>
#include <functional>
#include <memory>
#include <thread>

#include "core/model/company.h"
#include "core/model/repo.h"
#include "core/model/university.h"
#include "core/model/store.h"
#include "core/sync/engine.h"
#include "test_sync_support.h"

using namespace synctest;

namespace {

enum class Fault { None, DropRequest, DropResponse };

struct EngineDevice {
  int port = 0;
  Session session;
  std::unique_ptr<Store> st;
  std::unique_ptr<SyncEngine> eng;
  int64_t vnow = 0;  // virtual time for backoffs: never sleeps
  int requests = 0;

  bool prefetch = false;

  EngineDevice(Network& net, const std::string& login, uint64_t seed = 1, int pull_limit = 0, bool prefetch_ = false)
      : port(net.port()), prefetch(prefetch_) {
    Login(port, login, kPassword, &session);
    st = std::make_unique<Store>(OpenStore(":memory:"));
    st->author_id = session.user.id;
    SyncEngineOptions o;
    o.auto_sync_interval_ms = 0;
    o.backoff.seed = seed * 2 + 1;
    o.pull_limit = pull_limit;
    o.prefetch_pages = prefetch;
    eng = std::make_unique<SyncEngine>(*st, o);
    eng->SetTokens(Tokens{session.access, 0, session.refresh, 0});
  }

  int64_t Now() { return vnow = std::max(vnow, NowMs()); }

  // One request/answer exchange, faults decided by `fault`. false when the
  // engine has nothing to send (idle, signed out, update required).
  bool Step(const std::function<Fault(const OutgoingRequest&)>& fault = {}) {
    std::optional<OutgoingRequest> req = eng->Next(Now());
    if (!req) {
      if (eng->Status().state != SyncState::BackingOff) return false;
      vnow = std::max(vnow, eng->Status().retry_at_ms);  // skip the wait
      req = eng->Next(vnow);
      if (!req) return false;
    }
    requests++;
    if (prefetch) eng->ApplyKept(Now());  // as the web client: while the request runs
    Fault f = fault ? fault(*req) : Fault::None;
    if (f == Fault::DropRequest) {
      eng->OnNetworkError(Now());
      return true;
    }
    HttpReply r = Post(port, req->path, req->body, req->content_type, req->needs_auth ? eng->AccessToken() : "");
    if (f == Fault::DropResponse || r.status == 0)
      eng->OnNetworkError(Now());
    else
      eng->OnResponse(r.status, r.body, Now());
    return true;
  }

  // A full cycle (RequestSync, then steps until idle). false if it did not end.
  bool Sync(const std::function<Fault(const OutgoingRequest&)>& fault = {}, int max_steps = 500) {
    eng->RequestSync();
    for (int i = 0; i < max_steps; i++)
      if (!Step(fault)) return eng->Status().state == SyncState::Idle;
    return false;
  }
};

}  // namespace

namespace {

Company MakeCompany(Store& st, const std::string& name) {
  Company c;
  c.name = name;
  Insert(st, c);
  return c;
}

// Everything a device shows of the companies: (id, name, phone, website, deleted).
std::vector<std::string> Companies(Store& st) {
  std::vector<std::string> out;
  Stmt s = st.db.Prepare(
      "SELECT id, name, phone, website, deleted_hlc IS NOT NULL FROM companies ORDER BY id");
  while (s.Step())
    out.push_back(s.Text(0) + "|" + s.Text(1) + "|" + s.Text(2) + "|" + s.Text(3) + "|" + std::to_string(s.Int(4)));
  return out;
}

}  // namespace

TEST_CASE("engine: two devices edit the same company offline, converge, and both see the conflict",
          "[server][sync][engine]") {
  Network net;
  net.SeedNetwork();
  REQUIRE(net.last_seed_status == 200);
  EngineDevice claire(net, "claire", 1), marc(net, "marc", 2);
  Company c = MakeCompany(*claire.st, "Atelier Dupont");
  REQUIRE(claire.Sync());
  REQUIRE(marc.Sync());
  REQUIRE(Get<Company>(*marc.st, c.id));
  CHECK(Get<Company>(*marc.st, c.id)->name == "Atelier Dupont");
  // The directory came along (pages in serial order, applied with FKs off).
  CHECK(marc.st->db.QueryInt("SELECT count(*) FROM members") == 5);

  // Offline, both edit the name; marc also the phone, claire the website.
  Company a = *Get<Company>(*claire.st, c.id);
  a.name = "Atelier Dupont SARL";
  a.website = "https://dupont.example";
  Update(*claire.st, a);
  std::this_thread::sleep_for(std::chrono::milliseconds(3));
  Company b = *Get<Company>(*marc.st, c.id);
  b.name = "Dupont Atelier";
  b.phone = "02 38 00 00 00";
  Update(*marc.st, b);

  REQUIRE(claire.Sync());
  REQUIRE(marc.Sync());
  REQUIRE(claire.Sync());
  for (EngineDevice* d : {&claire, &marc}) {
    std::optional<Company> got = Get<Company>(*d->st, c.id);
    REQUIRE(got);
    CHECK(got->name == "Dupont Atelier");  // the later write wins
    // The duplicate-detection key follows the winning name on both devices.
    CHECK(d->st->db.QueryText("SELECT name_key FROM companies WHERE id = ?", c.id) == CompanyNameKey("Dupont Atelier"));
    CHECK(got->phone == "02 38 00 00 00");
    CHECK(got->website == "https://dupont.example");
    SyncStatus s = d->eng->Status();
    CHECK(s.pending == 0);
    CHECK(s.rejected == 0);
    CHECK(s.conflicts == 1);
    CHECK(s.last_error.empty());
    std::vector<Conflict> k = OpenConflicts(*d->st);
    REQUIRE(k.size() == 1);
    CHECK(k[0].field == "name");
    CHECK(k[0].loser_value == Value(std::string("Atelier Dupont SARL")));
    CHECK(k[0].winner_user == marc.session.user.id);
  }
  CHECK(Companies(*claire.st) == Companies(*marc.st));

  // Resolved on one device: gone on both after a sync.
  REQUIRE(ResolveConflict(*claire.st, OpenConflicts(*claire.st)[0].id));
  REQUIRE(claire.Sync());
  REQUIRE(marc.Sync());
  CHECK(claire.eng->Status().conflicts == 0);
  CHECK(marc.eng->Status().conflicts == 0);
}

TEST_CASE("engine: a sync retried after dropped requests and answers applies nothing twice", "[server][sync][engine]") {
  Network net;
  net.SeedNetwork();
  EngineDevice claire(net, "claire", 3), marc(net, "marc", 4);
  Company c = MakeCompany(*claire.st, "Atelier Dupont");
  for (int i = 0; i < 5; i++) MakeCompany(*claire.st, "Société " + std::to_string(i));
  // Every first attempt of each request loses its answer, every second loses
  // the request itself: the third gets through.
  std::map<std::string, int> attempts;
  auto faults = [&](const OutgoingRequest& r) {
    int n = attempts[r.path + r.body]++;
    return n == 0 ? Fault::DropResponse : n == 1 ? Fault::DropRequest : Fault::None;
  };
  REQUIRE(claire.Sync(faults));
  CHECK(claire.eng->Status().pending == 0);
  // The company was written once on the server: no conflict with itself, one row.
  Company e = *Get<Company>(*claire.st, c.id);
  e.phone = "02 38 00 00 00";
  Update(*claire.st, e);
  REQUIRE(claire.Sync(faults));
  REQUIRE(marc.Sync(faults));
  CHECK(marc.st->db.QueryInt("SELECT count(*) FROM companies") == 6);
  CHECK(Get<Company>(*marc.st, c.id)->phone == "02 38 00 00 00");
  CHECK(claire.eng->Status().conflicts == 0);
  CHECK(marc.eng->Status().conflicts == 0);
  CHECK(Companies(*claire.st) == Companies(*marc.st));
  // A raw reader sees each row once, with no conflict.
  Device reader = net.NewDevice("nina");
  Replica r;
  PullAll(reader, &r);
  CHECK(r.CountTable("companies") == 6);
  CHECK(r.conflicts.empty());
}

TEST_CASE("engine: a refused change is set aside and the next ones still sync", "[server][sync][engine]") {
  Network net;
  net.SeedNetwork();
  EngineDevice claire(net, "claire", 5), marc(net, "marc", 6);
  Company keep = MakeCompany(*claire.st, "Atelier Dupont");
  REQUIRE(claire.Sync());
  // A deletion of a row the server never had (as after a lost local state).
  const std::string ghost = NewRowId();
  {
    Tx tx(claire.st->db);
    RecordChange(claire.st->db, "companies", ghost, ChangeOp::Delete, Fields{}, NextHlc(*claire.st));
    tx.Commit();
  }
  Company after = MakeCompany(*claire.st, "Boulangerie Martin");
  Company k2 = *Get<Company>(*claire.st, keep.id);
  k2.phone = "02 38 99 99 99";
  Update(*claire.st, k2);
  REQUIRE(claire.Sync());
  SyncStatus s = claire.eng->Status();
  CHECK(s.pending == 0);
  CHECK(s.rejected == 1);
  CHECK_FALSE(s.last_error.empty());
  std::vector<RejectedChange> rej = claire.eng->Rejected();
  REQUIRE(rej.size() == 1);
  CHECK(rej[0].row_id == ghost);
  CHECK_FALSE(rej[0].error.empty());
  REQUIRE(marc.Sync());
  CHECK(Get<Company>(*marc.st, after.id));
  CHECK(Get<Company>(*marc.st, keep.id)->phone == "02 38 99 99 99");
  // A later cycle does not try it again.
  REQUIRE(claire.Sync());
  CHECK(claire.eng->Status().rejected == 1);
  CHECK(claire.eng->Status().last_error.empty());
}

TEST_CASE("engine: a seat decided by the server shows on the device without a new outbox entry",
          "[server][sync][engine]") {
  Network net;
  net.SeedNetwork(1);
  REQUIRE(net.last_seed_status == 200);
  EngineDevice claire(net, "claire", 7), marc(net, "marc", 8);
  REQUIRE(claire.Sync());
  REQUIRE(marc.Sync());
  auto reg = [](EngineDevice& d, const std::string& member) {
    Registration r;
    r.session_id = kSession;
    r.member_id = member;
    r.requested_at = NowMs();
    // The repository queues every column, waitlist_position (null) included:
    // the server takes a null on a new row as "not set", not as a decision.
    Insert(*d.st, r);
    return r.id;
  };
  std::string rc = reg(claire, kMemberClaire);
  claire.eng->RequestSync();
  REQUIRE(claire.Step());  // the push alone
  INFO(claire.eng->Status().last_error);
  CHECK(claire.eng->Status().rejected == 0);
  CHECK(Get<Registration>(*claire.st, rc)->status == "confirmed");
  CHECK(claire.eng->Status().pending == 0);
  REQUIRE(claire.Sync());
  std::string rm = reg(marc, kMemberMarc);
  CHECK(Get<Registration>(*marc.st, rm)->status == "requested");  // pending until the server decides
  marc.eng->RequestSync();
  REQUIRE(marc.Step());
  std::optional<Registration> got = Get<Registration>(*marc.st, rm);
  CHECK(got->status == "waitlisted");
  CHECK(got->waitlist_position == std::optional<int64_t>(1));
  CHECK(marc.eng->Status().pending == 0);
  REQUIRE(marc.Sync());
  CHECK(Get<Registration>(*marc.st, rm)->status == "waitlisted");
}

TEST_CASE("engine: a refused creation does not stay on the device looking saved", "[server][sync][engine]") {
  // Found by the simulation: claire registers on her phone and her tablet for
  // the same session; the server refuses the second ("already registered").
  // The tablet must end with the server's registration only, the refused one
  // kept in its rejected list.
  Network net;
  net.SeedNetwork(3);
  REQUIRE(net.last_seed_status == 200);
  EngineDevice phone(net, "claire", 9), tablet(net, "claire", 10);
  REQUIRE(phone.Sync());
  REQUIRE(tablet.Sync());
  auto reg = [](EngineDevice& d) {
    Registration r;
    r.session_id = kSession;
    r.member_id = kMemberClaire;
    r.requested_at = NowMs();
    Insert(*d.st, r);
    return r.id;
  };
  std::string kept = reg(phone), refused = reg(tablet);
  REQUIRE(phone.Sync());
  REQUIRE(tablet.Sync());
  CHECK(tablet.eng->Status().rejected == 1);
  CHECK(tablet.eng->Status().pending == 0);
  std::vector<RejectedChange> rej = tablet.eng->Rejected();
  REQUIRE(rej.size() == 1);
  CHECK(rej[0].row_id == refused);
  CHECK_FALSE(Get<Registration>(*tablet.st, refused));
  std::optional<Registration> got = Get<Registration>(*tablet.st, kept);
  REQUIRE(got);
  CHECK(got->status == "confirmed");
  CHECK(tablet.st->db.QueryInt("SELECT count(*) FROM registrations") == 1);
}

TEST_CASE("engine: a write made between two pages of a pull does not overwrite a change it had not seen",
          "[server][sync][engine]") {
  // A page holds the rows whose latest serial is in it. The target's rename
  // (serial N) comes with the target, whose latest change (N + 7) is two
  // pages later: after the first page, marc's cursor is past N but his copy
  // still has the old name. His write then must not claim to have seen N.
  Network net;
  net.SeedNetwork();
  EngineDevice claire(net, "claire", 11), marc(net, "marc", 12, /*pull_limit=*/3);
  Company target = MakeCompany(*claire.st, "Atelier Dupont");
  std::vector<Company> others;
  for (int i = 0; i < 6; i++) others.push_back(MakeCompany(*claire.st, "Société " + std::to_string(i)));
  REQUIRE(claire.Sync());
  REQUIRE(marc.Sync());

  Company t = *Get<Company>(*claire.st, target.id);
  t.name = "Dupont Renommé";
  Update(*claire.st, t);
  for (const Company& o : others) {
    Company e = *Get<Company>(*claire.st, o.id);
    e.phone = "02 38 00 00 0" + std::to_string(&o - others.data());
    Update(*claire.st, e);
  }
  t = *Get<Company>(*claire.st, target.id);
  t.phone = "02 38 11 11 11";
  Update(*claire.st, t);
  REQUIRE(claire.Sync());

  marc.eng->RequestSync();
  REQUIRE(marc.Step());  // nothing to push: the first page, three other companies
  REQUIRE(marc.eng->Status().state == SyncState::Syncing);
  CHECK(Get<Company>(*marc.st, target.id)->name == "Atelier Dupont");
  std::this_thread::sleep_for(std::chrono::milliseconds(3));
  Company m = *Get<Company>(*marc.st, target.id);
  m.name = "Dupont Atelier";
  Update(*marc.st, m);
  REQUIRE(marc.Sync());
  REQUIRE(claire.Sync());

  for (EngineDevice* d : {&claire, &marc}) {
    std::optional<Company> got = Get<Company>(*d->st, target.id);
    REQUIRE(got);
    CHECK(got->name == "Dupont Atelier");  // marc's is the later write
    CHECK(got->phone == "02 38 11 11 11");
    std::vector<Conflict> k = OpenConflicts(*d->st);
    REQUIRE(k.size() == 1);  // and claire's rename is not lost without a word
    CHECK(k[0].field == "name");
    CHECK(k[0].loser_value == Value(std::string("Dupont Renommé")));
  }
  CHECK(Companies(*claire.st) == Companies(*marc.st));
}

TEST_CASE("engine: pages fetched ahead end with the same rows, answers lost or not", "[server][sync][engine]") {
  Network net;
  net.SeedNetwork();
  EngineDevice claire(net, "claire", 13);
  std::vector<Company> made;
  for (int i = 0; i < 20; i++) made.push_back(MakeCompany(*claire.st, "Société " + std::to_string(i)));
  REQUIRE(claire.Sync());
  // Pages of 3 rows: a device that writes each page before asking for the
  // next, and one that asks first; every third pull of the latter loses its answer.
  EngineDevice plain(net, "marc", 14, 3), ahead(net, "marc", 15, 3, /*prefetch=*/true);
  int pulls = 0;
  auto lossy = [&](const OutgoingRequest& r) {
    return r.path == "/api/pull" && ++pulls % 3 == 0 ? Fault::DropResponse : Fault::None;
  };
  REQUIRE(plain.Sync());
  REQUIRE(ahead.Sync(lossy));
  CHECK(pulls > 10);
  CHECK(ahead.st->db.QueryInt("SELECT count(*) FROM companies") == 20);
  CHECK(Companies(*plain.st) == Companies(*ahead.st));
  CHECK(ahead.eng->Status().last_error.empty());

  // Later changes reach both the same way.
  for (size_t i = 0; i < made.size(); i += 4) {
    Company e = *Get<Company>(*claire.st, made[i].id);
    e.phone = "02 38 00 00 " + std::to_string(10 + i);
    Update(*claire.st, e);
  }
  REQUIRE(claire.Sync());
  REQUIRE(plain.Sync());
  REQUIRE(ahead.Sync(lossy));
  CHECK(Get<Company>(*ahead.st, made[8].id)->phone == "02 38 00 00 18");
  CHECK(Companies(*plain.st) == Companies(*ahead.st));
  CHECK(Companies(*claire.st) == Companies(*ahead.st));
}
