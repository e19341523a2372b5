// The client sync engine against canned server answers: push batches and
// acks, rejected changes, token refresh, 426/429/5xx/network errors with
// backoff, and pulled pages applied with per-field last-writer-wins.
#include <catch2/catch.hpp>
#include <cstdio>
#include <memory>

#include "core/model/company.h"
#include "core/model/repo.h"
#include "core/sync/engine.h"

using namespace relais;
using namespace relais::sync;

namespace {

const int64_t kT = 1767000000000;  // 2025-12-29

struct Fixture {
  std::shared_ptr<int64_t> now = std::make_shared<int64_t>(kT);
  Store st;
  SyncEngine eng;

  static Store Open(std::shared_ptr<int64_t> now) {
    StoreOptions o;
    o.now_ms = [now] { return *now; };
    uint64_t x = 42;
    o.random = [x]() mutable { return x = x * 6364136223846793005ULL + 1442695040888963407ULL; };
    return OpenStore(":memory:", o);
  }
  static SyncEngineOptions Opts() {
    SyncEngineOptions o;
    o.auto_sync_interval_ms = 0;
    o.backoff.seed = 7;
    return o;
  }
  Fixture() : st(Open(now)), eng(st, Opts()) { eng.SetTokens(Tokens{"access-1", kT + 3600000, "refresh-1", 0}); }

  Company NewCompany(const std::string& name) {
    Company c;
    c.name = name;
    Insert(st, c);
    return c;
  }
  int64_t Outbox(const char* state = "pending") {
    return st.db.QueryInt("SELECT count(*) FROM outbox WHERE state = ?", state).value_or(-1);
  }
  PushRequest DecodePush(const OutgoingRequest& r) {
    PushRequest p;
    DecodeError err;
    REQUIRE(r.path == "/api/push");
    REQUIRE(Decode(r.body, Format::Json, &p, &err));
    return p;
  }
  std::string Ack(const PushRequest& p) {
    PushResponse r;
    r.acked_seq = p.changes.back().device_seq;
    for (const Change& c : p.changes) r.results.push_back(ChangeResult{c.device_seq, ResultKind::Applied, {}});
    r.server_time_ms = *now;
    return Encode(r, Format::Json);
  }
  static std::string Page(const PullResponse& p) { return Encode(p, Format::Json); }
  static std::string Error(const std::string& code, int64_t seq = 0, int64_t server_time = 0, int64_t retry = 0) {
    ApiError e;
    e.error = code;
    e.message = "Message « " + code + " »";
    e.device_seq = seq;
    e.server_time_ms = server_time;
    e.retry_after_s = retry;
    return EncodeError(e);
  }
  // Answers an empty final pull page.
  void EmptyPull(const std::string& cursor = "1.0000000000000000.n") {
    auto req = eng.Next(*now);
    REQUIRE(req);
    REQUIRE(req->path == "/api/pull");
    PullResponse p;
    p.cursor = cursor;
    eng.OnResponse(200, Page(p), *now);
  }
};

RowState CompanyState(const std::string& id, int64_t hlc, const std::string& name, const std::string& phone) {
  RowState r;
  r.table = "companies";
  r.row_id = id;
  r.serial = 1;
  r.created_hlc = hlc;
  r.updated_hlc = hlc;
  r.author_id = "user-marc";
  r.fields = {{"name", Value(name), hlc}, {"phone", Value(phone), hlc}};
  return r;
}

}  // namespace

TEST_CASE("engine: a cycle pushes the outbox in order, drops acked rows, then pulls", "[sync]") {
  Fixture f;
  f.NewCompany("Atelier Dupont");
  f.NewCompany("Boulangerie Martin");
  CHECK(f.eng.Status().pending == 2);
  CHECK_FALSE(f.eng.Next(*f.now));  // nothing requested, no periodic sync
  f.eng.RequestSync();
  auto req = f.eng.Next(*f.now);
  REQUIRE(req);
  CHECK(req->needs_auth);
  CHECK(req->content_type == std::string(kJsonContentType));
  PushRequest p = f.DecodePush(*req);
  CHECK(p.device_id == f.st.device_id);
  CHECK(p.cursor.empty());
  REQUIRE(p.changes.size() == 2);
  CHECK(p.changes[0].device_seq < p.changes[1].device_seq);
  CHECK(p.changes[0].table == "companies");
  CHECK_FALSE(f.eng.Next(*f.now));  // one request at a time
  f.eng.OnResponse(200, f.Ack(p), *f.now);
  CHECK(f.Outbox() == 0);
  CHECK(f.eng.Status().state == SyncState::Syncing);
  f.EmptyPull("5.0000000000000000.n");
  SyncStatus s = f.eng.Status();
  CHECK(s.state == SyncState::Idle);
  CHECK(s.last_sync_ms == kT);
  CHECK(s.last_error.empty());
  // A write now remembers the cursor it was made after.
  f.NewCompany("Garage Leroy");
  f.eng.RequestSync();
  PushRequest p2 = f.DecodePush(*f.eng.Next(*f.now));
  CHECK(p2.cursor == "5.0000000000000000.n");
}

TEST_CASE("engine: batches respect the change bound", "[sync]") {
  Fixture f;
  SyncEngineOptions o = Fixture::Opts();
  o.max_batch_changes = 3;
  SyncEngine eng(f.st, o);
  eng.SetTokens(Tokens{"a", 0, "r", 0});
  for (int i = 0; i < 7; i++) f.NewCompany("Société " + std::to_string(i));
  eng.RequestSync();
  std::vector<size_t> sizes;
  for (;;) {
    auto req = eng.Next(*f.now);
    REQUIRE(req);
    if (req->path != "/api/push") break;
    PushRequest p = f.DecodePush(*req);
    sizes.push_back(p.changes.size());
    eng.OnResponse(200, f.Ack(p), *f.now);
  }
  CHECK(sizes == std::vector<size_t>{3, 3, 1});
}

TEST_CASE("engine: a refused change is set aside and the rest still syncs", "[sync]") {
  Fixture f;
  Company a = f.NewCompany("Première");
  Company b = f.NewCompany("Deuxième");
  a.phone = "02 38 00 00 00";
  Update(f.st, a);
  f.eng.RequestSync();
  PushRequest p = f.DecodePush(*f.eng.Next(*f.now));
  REQUIRE(p.changes.size() == 3);
  f.eng.OnResponse(422, Fixture::Error("invalid_row", p.changes[1].device_seq), *f.now);
  CHECK(f.Outbox("rejected") == 1);
  PushRequest p2 = f.DecodePush(*f.eng.Next(*f.now));
  REQUIRE(p2.changes.size() == 2);
  CHECK(p2.changes[0].device_seq == p.changes[0].device_seq);
  CHECK(p2.changes[1].device_seq == p.changes[2].device_seq);
  f.eng.OnResponse(200, f.Ack(p2), *f.now);
  // The refused row is re-pulled from the start.
  auto pull = f.eng.Next(*f.now);
  REQUIRE(pull);
  PullRequest pr;
  DecodeError err;
  REQUIRE(Decode(pull->body, Format::Json, &pr, &err));
  CHECK(pr.cursor.empty());
  PullResponse page;
  page.cursor = "9.0000000000000000.n";
  f.eng.OnResponse(200, Fixture::Page(page), *f.now);
  SyncStatus s = f.eng.Status();
  CHECK(s.pending == 0);
  CHECK(s.rejected == 1);
  std::vector<RejectedChange> r = f.eng.Rejected();
  REQUIRE(r.size() == 1);
  CHECK(r[0].row_id == b.id);
  CHECK(r[0].error == "Message « invalid_row »");
  CHECK_FALSE(f.st.db.QueryInt("SELECT value FROM sync_state WHERE key = 'repull'"));
  f.eng.DismissRejected(r[0].seq);
  CHECK(f.eng.Status().rejected == 0);
}

TEST_CASE("engine: an expired access token is refreshed, then the request retried", "[sync]") {
  Fixture f;
  f.NewCompany("Atelier");
  f.eng.RequestSync();
  auto first = f.eng.Next(*f.now);
  REQUIRE(first);
  f.eng.OnResponse(401, Fixture::Error("token_expired"), *f.now);
  auto refresh = f.eng.Next(*f.now);
  REQUIRE(refresh);
  CHECK(refresh->path == "/api/refresh");
  CHECK_FALSE(refresh->needs_auth);
  RefreshRequest rr;
  DecodeError err;
  REQUIRE(Decode(refresh->body, Format::Json, &rr, &err));
  CHECK(rr.refresh_token == "refresh-1");
  TokenResponse t;
  t.access_token = "access-2";
  t.refresh_token = "refresh-1";
  f.eng.OnResponse(200, Encode(t, Format::Json), *f.now);
  CHECK(f.eng.AccessToken() == "access-2");
  CHECK(f.eng.TakeTokensChanged());
  auto again = f.eng.Next(*f.now);
  REQUIRE(again);
  CHECK(again->body == first->body);

  SECTION("another 401 signs out, keeping the outbox") {
    f.eng.OnResponse(401, Fixture::Error("unauthorized"), *f.now);
    CHECK(f.eng.Status().state == SyncState::SignedOut);
    CHECK(f.eng.Status().pending == 1);
    CHECK_FALSE(f.eng.Next(*f.now));
    f.eng.SetTokens(Tokens{"access-3", 0, "refresh-3", 0});
    CHECK(f.eng.Next(*f.now));
  }
}

TEST_CASE("engine: 426 stops syncing; 429 waits Retry-After", "[sync]") {
  Fixture f;
  f.NewCompany("Atelier");
  f.eng.RequestSync();
  REQUIRE(f.eng.Next(*f.now));
  SECTION("426") {
    f.eng.OnResponse(426, Fixture::Error("update_required"), *f.now);
    CHECK(f.eng.Status().state == SyncState::UpdateRequired);
    CHECK(f.eng.Status().last_error == "Message « update_required »");
    f.eng.RequestSync();
    CHECK_FALSE(f.eng.Next(*f.now + 3600000));
  }
  SECTION("429") {
    f.eng.OnResponse(429, Fixture::Error("too_many_requests", 0, 0, 30), *f.now);
    CHECK(f.eng.Status().state == SyncState::BackingOff);
    CHECK(f.eng.Status().retry_at_ms == kT + 30000);
    f.eng.RequestSync();  // does not skip the server's wait
    CHECK_FALSE(f.eng.Next(kT + 29999));
    auto req = f.eng.Next(kT + 30000);
    REQUIRE(req);
    CHECK(req->path == "/api/push");
  }
}

TEST_CASE("engine: network errors and 5xx back off exponentially and resend the same batch", "[sync]") {
  Fixture f;
  f.NewCompany("Atelier");
  f.eng.RequestSync();
  auto first = f.eng.Next(*f.now);
  REQUIRE(first);
  int64_t t = kT;
  int64_t prev_max = 0;
  for (int i = 0; i < 12; i++) {
    if (i % 2)
      f.eng.OnResponse(503, "", t);
    else
      f.eng.OnNetworkError(t);
    SyncStatus s = f.eng.Status();
    REQUIRE(s.state == SyncState::BackingOff);
    const int64_t delay = s.retry_at_ms - t;
    const int64_t full = std::min<int64_t>(int64_t(1000) << i, 300000);
    CHECK(delay >= full / 2);
    CHECK(delay <= full);
    prev_max = std::max(prev_max, delay);
    CHECK_FALSE(f.eng.Next(s.retry_at_ms - 1));
    t = s.retry_at_ms;
    auto again = f.eng.Next(t);
    REQUIRE(again);
    CHECK(again->body == first->body);
  }
  CHECK(prev_max <= 300000);
  PushRequest p = f.DecodePush(*first);
  f.eng.OnResponse(200, f.Ack(p), t);
  f.EmptyPull();
  CHECK(f.eng.Status().state == SyncState::Idle);
}

TEST_CASE("engine: backoff jitter is reproducible from its seed", "[sync]") {
  Backoff a, b, c;
  a.seed = b.seed = 99;
  c.seed = 100;
  std::vector<int64_t> da, db, dc;
  for (int i = 0; i < 10; i++) {
    da.push_back(a.NextDelayMs());
    db.push_back(b.NextDelayMs());
    dc.push_back(c.NextDelayMs());
  }
  CHECK(da == db);
  CHECK(da != dc);
  a.Reset();
  CHECK(a.NextDelayMs() <= 1000);
}

TEST_CASE("engine: pulled rows apply per field, pending local values kept", "[sync]") {
  Fixture f;
  Company mine = f.NewCompany("Atelier Dupont");
  f.eng.RequestSync();
  PushRequest p = f.DecodePush(*f.eng.Next(*f.now));
  f.eng.OnResponse(200, f.Ack(p), *f.now);
  f.EmptyPull();

  // Offline: a local edit of the name, not yet pushed.
  mine.name = "Atelier Dupont SARL";
  Update(f.st, mine);
  const int64_t remote = Hlc::Make(kT + 5000, 3).packed;  // ahead of the local clock
  const std::string other = "0190000000007000800000000000abcd";
  PullResponse page;
  page.changes.push_back(CompanyState(mine.id, remote, "Dupont Atelier", "02 38 11 11 11"));
  page.changes.push_back(CompanyState(other, remote, "Menuiserie Roy", ""));
  Conflict k;
  k.id = "0190000000007000800000000000c001";
  k.table = "companies";
  k.row_id = mine.id;
  k.field = "name";
  k.winner_value = std::string("Dupont Atelier");
  k.winner_hlc = remote;
  k.winner_user = "user-marc";
  k.loser_value = std::string("Atelier Dupont");
  k.loser_hlc = remote - 10;
  k.loser_user = "user-claire";
  page.conflicts.push_back(k);
  page.cursor = "7.0000000000000000.n";
  page.more = true;

  // The pending edit is kept out of the push phase (state 'held'), and made
  // pending again before the page arrives: the page meets a pending value.
  SyncEngineOptions o = Fixture::Opts();
  f.st.db.Exec("UPDATE outbox SET state = 'held' WHERE state = 'pending'");
  SyncEngine e3(f.st, o);
  e3.SetTokens(Tokens{"a", 0, "r", 0});
  e3.RequestSync();
  auto pull = e3.Next(*f.now);
  REQUIRE(pull);
  REQUIRE(pull->path == "/api/pull");
  f.st.db.Exec("UPDATE outbox SET state = 'pending' WHERE state = 'held'");
  e3.OnResponse(200, Fixture::Page(page), *f.now);
  CHECK(e3.Status().state == SyncState::Syncing);  // more == true

  std::optional<Company> c = Get<Company>(f.st, mine.id);
  REQUIRE(c);
  CHECK(c->name == "Atelier Dupont SARL");   // pending local edit kept
  CHECK(c->phone == "02 38 11 11 11");       // the server's value taken
  CHECK(f.st.db.QueryInt("SELECT hlc FROM field_versions WHERE tbl = 'companies' AND row_id = ? AND field = 'phone'",
                         mine.id) == remote);
  std::optional<Company> o2 = Get<Company>(f.st, other);
  REQUIRE(o2);
  CHECK(o2->name == "Menuiserie Roy");
  CHECK(o2->author_id == "user-marc");
  CHECK(f.st.clock.last > Hlc{remote});  // every pulled HLC was received
  CHECK(f.st.db.QueryText("SELECT value FROM sync_state WHERE key = 'cursor'") == "7.0000000000000000.n");
  CHECK(e3.Status().conflicts == 1);
  std::vector<Conflict> open = OpenConflicts(f.st);
  REQUIRE(open.size() == 1);
  CHECK(open[0].winner_value == Value(std::string("Dupont Atelier")));
  CHECK(open[0].loser_user == "user-claire");

  // Next page: a tombstone for the other row and a removal of ours.
  auto pull2 = e3.Next(*f.now);
  REQUIRE(pull2);
  PullRequest req2;
  DecodeError err;
  REQUIRE(Decode(pull2->body, Format::Json, &req2, &err));
  CHECK(req2.cursor == "7.0000000000000000.n");
  PullResponse page2;
  RowState dead = CompanyState(other, remote + 1, "Menuiserie Roy", "");
  dead.deleted_hlc = remote + 1;
  page2.changes.push_back(dead);
  page2.removals.push_back(RowRef{"companies", mine.id});
  page2.cursor = "8.0000000000000000.n";
  e3.OnResponse(200, Fixture::Page(page2), *f.now);
  CHECK(e3.Status().state == SyncState::Idle);
  CHECK(Get<Company>(f.st, other)->deleted());
  CHECK_FALSE(Get<Company>(f.st, mine.id));  // hard-deleted
  CHECK(f.st.db.QueryInt("SELECT count(*) FROM outbox WHERE op = 'delete'") == 0);

  // Resolving a conflict queues it for the server.
  CHECK(ResolveConflict(f.st, k.id));
  CHECK_FALSE(ResolveConflict(f.st, k.id));
  CHECK(e3.Status().conflicts == 0);
  CHECK(f.st.db.QueryInt("SELECT count(*) FROM outbox WHERE tbl = 'conflicts' AND state = 'pending'") == 1);
}

TEST_CASE("engine: clock_ahead resets the clock and re-stamps the pending rows", "[sync]") {
  auto now = std::make_shared<int64_t>(kT + 3 * 24 * 3600000LL);  // the device is 3 days ahead
  Fixture f;
  *f.now = *now;
  Company c = f.NewCompany("Atelier");
  f.eng.RequestSync();
  PushRequest p = f.DecodePush(*f.eng.Next(*f.now));
  REQUIRE(Hlc{p.changes[0].hlc}.millis() == *f.now);
  f.eng.OnResponse(422, Fixture::Error("clock_ahead", p.changes[0].device_seq, kT), *f.now);
  CHECK(f.eng.Status().rejected == 0);
  PushRequest p2 = f.DecodePush(*f.eng.Next(*f.now));
  REQUIRE(p2.changes.size() == 1);
  CHECK(Hlc{p2.changes[0].hlc}.millis() == kT);
  std::optional<Company> row = Get<Company>(f.st, c.id);
  CHECK(row->created_hlc == p2.changes[0].hlc);
  CHECK(f.st.db.QueryInt("SELECT max(hlc) FROM field_versions WHERE row_id = ?", c.id) == p2.changes[0].hlc);
}

TEST_CASE("engine: pulls ask for the largest page; a row that breaks a local rule leaves the rest of its page applied",
          "[sync]") {
  Fixture f;
  f.eng.RequestSync();
  auto req = f.eng.Next(*f.now);
  REQUIRE(req);
  REQUIRE(req->path == "/api/pull");
  PullRequest pr;
  DecodeError err;
  REQUIRE(Decode(req->body, Format::Json, &pr, &err));
  CHECK(pr.limit == kMaxPullLimit);  // the server bounds the page by bytes itself

  // A page is applied in one transaction with no savepoint per row; a row the
  // device's schema refuses (a company without a name) sends the page down
  // the careful path: rolled back, then applied row by row.
  const int64_t hlc = Hlc::Make(kT, 1).packed;
  PullResponse page;
  for (int i = 0; i < 50; i++) {
    char id[33];
    std::snprintf(id, sizeof id, "01900000000070008000%012d", i);
    page.changes.push_back(CompanyState(id, hlc, "Entreprise " + std::to_string(i), "02 38 00 00 " + std::to_string(i)));
  }
  page.changes[20].fields[0].value = Value();  // name: NULL
  page.cursor = "60.0000000000000000.n";
  f.eng.OnResponse(200, Fixture::Page(page), *f.now);
  CHECK(f.eng.Status().state == SyncState::Idle);
  CHECK(f.st.db.QueryInt("SELECT count(*) FROM companies") == 49);
  CHECK(f.st.db.QueryInt("SELECT count(*) FROM field_versions WHERE tbl = 'companies'") == 98);
  CHECK_FALSE(Get<Company>(f.st, page.changes[20].row_id));
  CHECK(f.st.db.QueryText("SELECT value FROM sync_state WHERE key = 'cursor'") == "60.0000000000000000.n");
  CHECK(f.eng.Status().last_error.find("1 ligne(s) reçue(s)") != std::string::npos);
  // Indexed with the page, not at the first search after it.
  CHECK(f.st.db.QueryInt("SELECT count(*) FROM search_queue") == 0);
  CHECK(f.st.db.QueryInt("SELECT count(*) FROM search_docs WHERE kind = 'company'") == 49);

  // A clean page goes the fast way and lands whole, field versions included.
  PullResponse next;
  next.changes.push_back(CompanyState(page.changes[20].row_id, hlc + 1, "Entreprise 20", "02 38 00 00 20"));
  next.changes.push_back(CompanyState(page.changes[3].row_id, hlc + 2, "Entreprise trois", "02 38 00 00 03"));
  next.cursor = "62.0000000000000000.n";
  f.eng.RequestSync();
  REQUIRE(f.eng.Next(*f.now));
  f.eng.OnResponse(200, Fixture::Page(next), *f.now);
  CHECK(f.eng.Status().last_error.empty());
  CHECK(f.st.db.QueryInt("SELECT count(*) FROM companies") == 50);
  CHECK(Get<Company>(f.st, page.changes[3].row_id)->name == "Entreprise trois");
  CHECK(f.st.db.QueryInt("SELECT hlc FROM field_versions WHERE tbl = 'companies' AND row_id = ? AND field = 'name'",
                         page.changes[3].row_id) == hlc + 2);
}

// The status area asks every frame; the counts are cached, and must follow
// every change of the database, by the engine or not.
TEST_CASE("engine: Status follows writes made outside the engine", "[sync]") {
  Fixture f;
  CHECK(f.eng.Status().pending == 0);
  f.NewCompany("Atelier Dupont");
  CHECK(f.eng.Status().pending == 1);
  CHECK(f.eng.Status().pending == 1);  // asked again, nothing changed
  f.st.db.Exec("UPDATE outbox SET state = 'rejected'");
  SyncStatus s = f.eng.Status();
  CHECK(s.pending == 0);
  CHECK(s.rejected == 1);
  f.st.db.Exec("DELETE FROM outbox");
  CHECK(f.eng.Status().rejected == 0);
  f.st.db.Exec("INSERT INTO sync_conflicts (id, tbl, row_id, field, winner_value, winner_hlc, loser_value, loser_hlc) "
               "VALUES ('k1', 'companies', 'c1', 'name', 'A', 2, 'B', 1)");
  CHECK(f.eng.Status().conflicts == 1);
}
