// Referrals on the server: the recipient receives the referrals addressed to
// them in their pull, only the recipient answers (accept, decline, done),
// only the sender changes what it is about, and a third party changes nothing.
#include <catch2/catch.hpp>

#include "test_sync_support.h"

using namespace synctest;

namespace {

struct Referrals {
  Network net;
  Device staff, claire, nina, marc;
  std::string company = NewRowId(), referral = NewRowId();

  Referrals() {
    staff = net.SeedNetwork();
    REQUIRE(net.last_seed_status == 200);
    claire = net.NewDevice("claire");
    nina = net.NewDevice("nina");
    marc = net.NewDevice("marc");
    Device::PushReply r = claire.Push({
        claire.Upsert("companies", company, {{"name", std::string("Fonderie Lambert")}}),
        claire.Upsert("referrals", referral,
                      {{"company_id", company},
                       {"from_member_id", kMemberClaire},
                       {"to_member_id", kMemberMarc},
                       {"message", std::string("Projet de levée de fonds")},
                       {"status", std::string("sent")},
                       {"reason", std::string()},
                       {"sent_at", NowMs()}}),
    });
    INFO(r.http.body);
    REQUIRE(r.http.status == 200);
  }
};

}  // namespace

TEST_CASE("referrals: the recipient pulls them and answers; a third party may not", "[server][sync][referrals]") {
  Referrals t;
  Replica m;
  PullAll(t.marc, &m);
  REQUIRE(m.last_status == 200);
  CHECK(m.Text("referrals", t.referral, "status") == "sent");  // in the recipient's scope
  CHECK(m.Find("companies", t.company));                           // with its company

  struct Case {
    const char* what;
    Device* device;
    Change change;
  };
  std::vector<Case> refused = {
      {"a third party accepts it", &t.nina,
       t.nina.Upsert("referrals", t.referral, {{"status", std::string("accepted")}})},
      {"a third party rewrites the message", &t.nina,
       t.nina.Upsert("referrals", t.referral, {{"message", std::string("autre chose")}})},
      {"the sender accepts it for the recipient", &t.claire,
       t.claire.Upsert("referrals", t.referral, {{"status", std::string("accepted")}})},
      {"the recipient rewrites the message", &t.marc,
       t.marc.Upsert("referrals", t.referral, {{"message", std::string("réécrit")}})},
      {"the recipient hands it to someone else", &t.marc,
       t.marc.Upsert("referrals", t.referral, {{"to_member_id", kMemberNina}})},
      {"a referral sent already accepted", &t.claire,
       t.claire.Upsert("referrals", NewRowId(),
                       {{"company_id", t.company},
                        {"from_member_id", kMemberClaire},
                        {"to_member_id", kMemberMarc},
                        {"message", std::string("x")},
                        {"status", std::string("accepted")},
                        {"sent_at", NowMs()}})},
      {"a referral sent in someone else's name", &t.nina,
       t.nina.Upsert("referrals", NewRowId(),
                     {{"company_id", t.company},
                      {"from_member_id", kMemberClaire},
                      {"to_member_id", kMemberMarc},
                      {"message", std::string("x")},
                      {"sent_at", NowMs()}})},
  };
  for (Case& c : refused) {
    INFO(c.what);
    Device::PushReply r = c.device->Push({c.change});
    INFO(r.http.body);
    CHECK(r.http.status == 403);
    CHECK(r.error.error == "forbidden");
    CHECK_FALSE(r.error.message.empty());
  }
  Replica after;
  PullAll(t.staff, &after);
  CHECK(after.Text("referrals", t.referral, "status") == "sent");  // nothing stored
  CHECK(after.Text("referrals", t.referral, "message") == "Projet de levée de fonds");

  // The recipient accepts, then closes it with its outcome; the sender sees it.
  Device::PushReply ok = t.marc.Push(
      {t.marc.Upsert("referrals", t.referral, {{"status", std::string("accepted")}, {"accepted_at", NowMs()}})});
  INFO(ok.http.body);
  REQUIRE(ok.http.status == 200);
  ok = t.marc.Push({t.marc.Upsert("referrals", t.referral,
                                  {{"status", std::string("done")},
                                   {"reason", std::string("Prêt d'honneur obtenu")},
                                   {"done_at", NowMs()}})});
  REQUIRE(ok.http.status == 200);
  Replica c;
  PullAll(t.claire, &c);
  CHECK(c.Text("referrals", t.referral, "status") == "done");
  CHECK(c.Text("referrals", t.referral, "reason") == "Prêt d'honneur obtenu");
  // The sender may still correct the message.
  ok = t.claire.Push({t.claire.Upsert("referrals", t.referral, {{"message", std::string("Levée de fonds (amorçage)")}})});
  CHECK(ok.http.status == 200);
}
