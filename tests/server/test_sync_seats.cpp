// Registrations decided by the server: seats in arrival order, waiting list,
// promotion on cancellation, never an over-booked session, even under
// concurrent requests from many devices.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "test_sync_support.h"

using namespace synctest;

namespace {

Fields Request(const std::string& member) {
  return {{"session_id", kSession}, {"member_id", member}, {"requested_at", NowMs()}};
}

std::string StatusOf(const ChangeResult& r) {
  for (const Field& f : r.decided)
    if (f.name == "status")
      if (auto* s = std::get_if<std::string>(&f.value)) return *s;
  return "";
}

struct SessionView {
  int confirmed = 0;
  std::vector<int64_t> positions;  // of the waitlisted, sorted
  std::map<std::string, std::string> status_by_row;
};

SessionView ViewOf(const Replica& r) {
  SessionView v;
  for (const auto& kv : r.rows) {
    if (kv.first.first != "registrations" || kv.second.deleted_hlc) continue;
    std::string st = r.Text("registrations", kv.first.second, "status");
    v.status_by_row[kv.first.second] = st;
    if (st == "confirmed") v.confirmed++;
    if (st == "waitlisted") {
      const Value* p = r.Get("registrations", kv.first.second, "waitlist_position");
      v.positions.push_back(p && std::holds_alternative<int64_t>(*p) ? std::get<int64_t>(*p) : -1);
    }
  }
  std::sort(v.positions.begin(), v.positions.end());
  return v;
}

std::vector<int64_t> OneTo(size_t n) {
  std::vector<int64_t> v;
  for (size_t i = 1; i <= n; i++) v.push_back(static_cast<int64_t>(i));
  return v;
}

}  // namespace

TEST_CASE("seats: confirmed in arrival order, then a waiting list; a cancellation promotes", "[server][sync][seats]") {
  Network net;
  Device staff = net.SeedNetwork(3);
  Device lea = net.NewDevice("lea"), claire = net.NewDevice("claire"), nina = net.NewDevice("nina"),
         marc = net.NewDevice("marc");
  std::map<std::string, std::string> row_of;
  std::vector<std::pair<Device*, std::string>> order = {
      {&lea, kMemberLea}, {&claire, kMemberClaire}, {&nina, kMemberNina}, {&marc, kMemberMarc}};
  std::vector<std::string> expected = {"confirmed", "confirmed", "confirmed", "waitlisted"};
  for (size_t i = 0; i < order.size(); i++) {
    std::string id = NewRowId();
    row_of[order[i].second] = id;
    Device::PushReply r = order[i].first->Push({order[i].first->Upsert("registrations", id, Request(order[i].second))});
    INFO(r.http.body);
    REQUIRE(r.http.status == 200);
    REQUIRE(r.response.results.size() == 1);
    CHECK(r.response.results[0].result == ResultKind::Decided);
    CHECK(StatusOf(r.response.results[0]) == expected[i]);
  }
  // The registrant pulls the decision (the device showed "pending" until then).
  Replica m;
  PullAll(marc, &m);
  CHECK(m.Text("registrations", row_of[kMemberMarc], "status") == "waitlisted");
  CHECK(*m.Get("registrations", row_of[kMemberMarc], "waitlist_position") == Value(int64_t(1)));

  // A second request for the same session by the same member is refused.
  Device::PushReply dup = lea.Push({lea.Upsert("registrations", NewRowId(), Request(kMemberLea))});
  CHECK(dup.http.status == 422);
  CHECK(dup.error.error == "already_registered");

  // Lea cancels: marc gets her seat.
  REQUIRE(
      lea.Push({lea.Upsert("registrations", row_of[kMemberLea], {{"status", std::string("cancelled")}})}).http.status ==
      200);
  PullAll(marc, &m);
  CHECK(m.Text("registrations", row_of[kMemberMarc], "status") == "confirmed");
  CHECK(*m.Get("registrations", row_of[kMemberMarc], "waitlist_position") == Value());
  Replica s;
  PullAll(staff, &s);
  SessionView v = ViewOf(s);
  CHECK(v.confirmed == 3);
  CHECK(v.positions.empty());
  CHECK(v.status_by_row[row_of[kMemberLea]] == "cancelled");

  // A trainee cannot delete a registration, only cancel it.
  Device::PushReply del = claire.Push({claire.Delete("registrations", row_of[kMemberClaire])});
  CHECK(del.http.status == 403);
}

TEST_CASE("seats: concurrent requests never over-book a session", "[server][sync][seats]") {
  const int kTrainees = 16, kSeats = 5;
  std::vector<std::string> args;
  for (int i = 0; i < kTrainees; i++) {
    args.push_back("--add-user");
    args.push_back("t" + std::to_string(i) + ":" + kPassword + ":trainee");
  }
  Network net(args);
  Device staff = net.SeedNetwork(kSeats);
  REQUIRE(net.last_seed_status == 200);

  std::vector<Device> devices;
  for (int i = 0; i < kTrainees; i++) devices.push_back(net.NewDevice("t" + std::to_string(i)));
  std::vector<std::string> rows(kTrainees);
  std::vector<std::string> decided(kTrainees);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kTrainees; i++) {
    threads.emplace_back([&, i] {
      Device& d = devices[static_cast<size_t>(i)];
      rows[static_cast<size_t>(i)] = NewRowId();
      Change c = d.Upsert("registrations", rows[static_cast<size_t>(i)],
                          {{"session_id", kSession},
                           {"trainee_name", "Élu n°" + std::to_string(i)},
                           {"trainee_email", "elu" + std::to_string(i) + "@mairie.fr"},
                           {"requested_at", NowMs()}});
      ready++;
      while (ready < kTrainees) std::this_thread::yield();  // all at once
      Device::PushReply r = d.Push({c});
      if (r.http.status == 200 && r.response.results.size() == 1)
        decided[static_cast<size_t>(i)] = StatusOf(r.response.results[0]);
      else
        decided[static_cast<size_t>(i)] = "error " + std::to_string(r.http.status) + " " + r.http.body;
    });
  }
  for (std::thread& t : threads) t.join();
  int confirmed = static_cast<int>(std::count(decided.begin(), decided.end(), "confirmed"));
  int waitlisted = static_cast<int>(std::count(decided.begin(), decided.end(), "waitlisted"));
  std::string all;
  for (const std::string& d : decided) all += d + "\n";
  INFO(all);
  CHECK(confirmed == kSeats);
  CHECK(waitlisted == kTrainees - kSeats);

  Replica s;
  PullAll(staff, &s);
  SessionView v = ViewOf(s);
  CHECK(v.confirmed == kSeats);
  CHECK(v.positions == OneTo(kTrainees - kSeats));

  // Each trainee sees only their own registration, with its decision.
  for (int i = 0; i < 3; i++) {
    Replica mine;
    PullAll(devices[static_cast<size_t>(i)], &mine);
    CHECK(mine.CountTable("registrations") == 1);
    CHECK(mine.Text("registrations", rows[static_cast<size_t>(i)], "status") == decided[static_cast<size_t>(i)]);
  }

  // Concurrent cancellations of three confirmed seats and new requests: the
  // freed seats go to the head of the line, never beyond the seats.
  std::vector<size_t> confirmed_idx;
  for (size_t i = 0; i < decided.size(); i++)
    if (decided[i] == "confirmed") confirmed_idx.push_back(i);
  threads.clear();
  std::atomic<int> errors{0};
  for (size_t k = 0; k < 3; k++) {
    threads.emplace_back([&, k] {
      size_t i = confirmed_idx[k];
      Device& d = devices[i];
      if (d.Push({d.Upsert("registrations", rows[i], {{"status", std::string("cancelled")}})}).http.status != 200)
        errors++;
    });
  }
  threads.emplace_back([&] {
    if (staff.Push({staff.Upsert("course_sessions", kSession, {{"seats", int64_t(kSeats + 2)}})}).http.status != 200)
      errors++;
  });
  for (std::thread& t : threads) t.join();
  CHECK(errors == 0);
  PullAll(staff, &s);
  v = ViewOf(s);
  CHECK(v.confirmed == kSeats + 2);
  CHECK(v.positions == OneTo(kTrainees - 3 - (kSeats + 2)));
}

TEST_CASE("seats: a refused registration delivered again later is refused again, never applied",
          "[server][sync][seats]") {
  // Found by the simulation: a push held up in the network reaches the
  // server after the device was told the change is refused (and set it
  // aside). By then the reason is gone (the other registration was
  // cancelled); the late copy must not create a registration the device
  // shows as refused.
  Network net;
  net.SeedNetwork(3);
  Device phone = net.NewDevice("claire"), tablet = net.NewDevice("claire");
  const std::string first = NewRowId(), second = NewRowId();
  REQUIRE(phone.Push({phone.Upsert("registrations", first, Request(kMemberClaire))}).http.status == 200);
  std::vector<Change> late = {tablet.Upsert("registrations", second, Request(kMemberClaire))};
  Device::PushReply refused = tablet.Push(late);
  REQUIRE(refused.http.status == 422);
  CHECK(refused.error.error == "already_registered");
  CHECK(refused.error.device_seq == late[0].device_seq);

  REQUIRE(phone.Push({phone.Upsert("registrations", first, {{"status", std::string("cancelled")}})}).http.status == 200);
  Device::PushReply again = tablet.Push(late);  // the same bytes, later
  CHECK(again.http.status == 422);
  CHECK(again.error.error == "already_refused");
  CHECK(again.error.device_seq == late[0].device_seq);
  CHECK_FALSE(again.error.message.empty());

  Device staff = net.NewDevice("sophie");
  Replica r;
  PullAll(staff, &r);
  CHECK(r.Find("registrations", second) == nullptr);
  CHECK(r.Text("registrations", first, "status") == "cancelled");
  // The device's next changes still go through.
  const std::string other = NewRowId();
  Device::PushReply next = tablet.Push({tablet.Upsert("companies", other, {{"name", std::string("Atelier Morin")}})});
  CHECK(next.http.status == 200);
  CHECK(next.response.acked_seq == tablet.seq);
}

TEST_CASE("seats: staff raising the seats promote the waiting list in order; fewer than confirmed is refused",
          "[server][sync][seats]") {
  Network net;
  Device staff = net.SeedNetwork(1);
  REQUIRE(net.last_seed_status == 200);
  Device lea = net.NewDevice("lea"), claire = net.NewDevice("claire"), nina = net.NewDevice("nina");
  std::vector<std::pair<Device*, std::string>> order = {{&lea, kMemberLea}, {&claire, kMemberClaire}, {&nina, kMemberNina}};
  std::vector<std::string> rows;
  for (auto& o : order) {
    rows.push_back(NewRowId());
    REQUIRE(o.first->Push({o.first->Upsert("registrations", rows.back(), Request(o.second))}).http.status == 200);
  }
  Replica s;
  PullAll(staff, &s);
  CHECK(s.Text("registrations", rows[0], "status") == "confirmed");
  CHECK(s.Text("registrations", rows[1], "status") == "waitlisted");
  CHECK(s.Text("registrations", rows[2], "status") == "waitlisted");

  // One more seat: the head of the line (claire) is confirmed, nina moves up to 1.
  Device::PushReply raise = staff.Push({staff.Upsert("course_sessions", kSession, {{"seats", int64_t(2)}})});
  INFO(raise.http.body);
  REQUIRE(raise.http.status == 200);
  PullAll(staff, &s);
  CHECK(s.Text("registrations", rows[1], "status") == "confirmed");
  CHECK(*s.Get("registrations", rows[1], "waitlist_position") == Value());
  CHECK(s.Text("registrations", rows[2], "status") == "waitlisted");
  CHECK(*s.Get("registrations", rows[2], "waitlist_position") == Value(int64_t(1)));
  CHECK(*s.Get("course_sessions", kSession, "seats_taken") == Value(int64_t(2)));
  Replica c;
  PullAll(claire, &c);  // the promoted trainee pulls the decision
  CHECK(c.Text("registrations", rows[1], "status") == "confirmed");

  // Back to one seat with two confirmed: refused with its reason, nothing changes.
  Device::PushReply lower = staff.Push({staff.Upsert("course_sessions", kSession, {{"seats", int64_t(1)}})});
  CHECK(lower.http.status == 422);
  CHECK(lower.error.error == "seats_below_confirmed");
  CHECK(lower.error.message.find("2 personnes ont d\xC3\xA9j\xC3\xA0 une place confirm\xC3\xA9" "e") != std::string::npos);
  PullAll(staff, &s);
  CHECK(*s.Get("course_sessions", kSession, "seats") == Value(int64_t(2)));
  CHECK(s.Text("registrations", rows[0], "status") == "confirmed");
  CHECK(s.Text("registrations", rows[1], "status") == "confirmed");

  // Down to exactly the confirmed count is fine, and after a cancellation
  // lower still: nobody confirmed loses a seat, nina keeps waiting.
  Device staff2 = net.NewDevice("sophie");
  REQUIRE(staff2.Push({staff2.Upsert("course_sessions", kSession, {{"seats", int64_t(2)}})}).http.status == 200);
  REQUIRE(staff2.Push({staff2.Upsert("registrations", rows[0], {{"status", std::string("cancelled")}})}).http.status ==
          200);  // staff cancel on lea's behalf: nina is promoted to the freed seat
  PullAll(staff, &s);
  CHECK(s.Text("registrations", rows[2], "status") == "confirmed");
  Device::PushReply lower2 = staff2.Push({staff2.Upsert("course_sessions", kSession, {{"seats", int64_t(1)}})});
  CHECK(lower2.http.status == 422);
  CHECK(lower2.error.error == "seats_below_confirmed");
}

TEST_CASE("seats: a course withdrawn from the catalogue takes no new registration; those made stay",
          "[server][sync][seats]") {
  Network net;
  Device staff = net.SeedNetwork(3);
  REQUIRE(net.last_seed_status == 200);
  Device claire = net.NewDevice("claire"), nina = net.NewDevice("nina");
  const std::string kept = NewRowId();
  REQUIRE(claire.Push({claire.Upsert("registrations", kept, Request(kMemberClaire))}).http.status == 200);
  REQUIRE(staff.Push({staff.Upsert("courses", kCourse, {{"active", int64_t(0)}})}).http.status == 200);

  // nina's device had not pulled the withdrawal when she registered offline.
  const std::string late = NewRowId();
  Device::PushReply r = nina.Push({nina.Upsert("registrations", late, Request(kMemberNina))});
  CHECK(r.http.status == 422);
  CHECK(r.error.error == "course_withdrawn");
  CHECK(r.error.message.find("retirée du catalogue") != std::string::npos);
  Replica s;
  PullAll(staff, &s);
  CHECK(s.Find("registrations", late) == nullptr);
  CHECK(s.Text("registrations", kept, "status") == "confirmed");  // made before: kept, cancellable
  REQUIRE(claire.Push({claire.Upsert("registrations", kept, {{"status", std::string("cancelled")}})}).http.status == 200);

  // Back in the catalogue: registrations open again.
  REQUIRE(staff.Push({staff.Upsert("courses", kCourse, {{"active", int64_t(1)}})}).http.status == 200);
  Device::PushReply again = nina.Push({nina.Upsert("registrations", NewRowId(), Request(kMemberNina))});
  CHECK(again.http.status == 200);
}
