// After a University session: attendance is written by office staff (and
// admins), never by the trainee; the trainee's own feedback (rating and
// comment, schema v6) is accepted from them. Real binary over loopback.
#include <catch2/catch.hpp>

#include "test_sync_support.h"

using namespace synctest;

TEST_CASE("university: staff mark attendance, trainees may not; trainees give feedback", "[server][sync][university]") {
  Network net;
  Device staff = net.SeedNetwork(3);
  REQUIRE(net.last_seed_status == 200);
  Device lea = net.NewDevice("lea"), admin = net.NewDevice("admin"), claire = net.NewDevice("claire");
  const std::string reg = NewRowId();
  Device::PushReply r = lea.Push({lea.Upsert(
      "registrations", reg, {{"session_id", kSession}, {"member_id", kMemberLea}, {"requested_at", NowMs()}})});
  INFO(r.http.body);
  REQUIRE(r.http.status == 200);

  // The trainee cannot mark herself present.
  Device::PushReply self = lea.Push({lea.Upsert("registrations", reg, {{"attendance", std::string("present")}})});
  CHECK(self.http.status == 403);
  CHECK(self.error.error == "forbidden");
  // Nor can another advisor.
  CHECK(claire.Push({claire.Upsert("registrations", reg, {{"attendance", std::string("present")}})}).http.status ==
        403);

  // Not even on a new registration.
  CHECK(lea.Push({lea.Upsert("registrations", NewRowId(),
                             {{"session_id", kSession},
                              {"member_id", kMemberLea},
                              {"requested_at", NowMs()},
                              {"attendance", std::string("present")}})})
            .http.status == 403);

  // Office staff and admins can, both ways.
  Device::PushReply marked = staff.Push({staff.Upsert("registrations", reg, {{"attendance", std::string("absent")}})});
  INFO(marked.http.body);
  CHECK(marked.http.status == 200);
  // The admin has seen "absent" (pulled, so their clock is past it): "present"
  // wins whatever the milliseconds (two devices' writes in the same one tie
  // on the clock, and the device ids decide).
  Replica seen;
  PullAll(admin, &seen);
  CHECK(admin.Push({admin.Upsert("registrations", reg, {{"attendance", std::string("present")}})}).http.status == 200);
  // A value outside the schema's list is refused, for everyone.
  CHECK(staff.Push({staff.Upsert("registrations", reg, {{"attendance", std::string("late")}})}).http.status != 200);
  // Even when it would lose to the newer "present" (an older HLC): a losing
  // value is kept in a conflict, where it could be chosen later.
  Change old = staff.Upsert("registrations", reg, {{"attendance", std::string("late")}});
  old.hlc = 1;
  Device::PushReply stale = staff.Push({old});
  INFO(stale.http.body);
  CHECK(stale.http.status == 422);
  CHECK(stale.error.error == "invalid_row");

  // The trainee's feedback on her own registration.
  Device::PushReply fb = lea.Push({lea.Upsert(
      "registrations", reg, {{"feedback_rating", int64_t(5)}, {"feedback_comment", std::string("Très utile !")}})});
  INFO(fb.http.body);
  CHECK(fb.http.status == 200);
  CHECK(lea.Push({lea.Upsert("registrations", reg, {{"feedback_rating", int64_t(9)}})}).http.status != 200);

  Replica mine;
  PullAll(lea, &mine);
  CHECK(mine.Text("registrations", reg, "attendance") == "present");
  CHECK(mine.Text("registrations", reg, "feedback_comment") == "Très utile !");
  CHECK(*mine.Get("registrations", reg, "feedback_rating") == Value(int64_t(5)));
}
