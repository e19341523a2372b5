// Referrals between members (who may answer, the 7-day reminder, the lists of
// each side) and the directory's skills search with its filters.
#include <catch2/catch.hpp>
#include <memory>

#include "core/model/casework.h"
#include "core/model/company.h"
#include "core/model/directory.h"
#include "core/model/store.h"

using namespace relais;

namespace {

const int64_t kT0 = 1795780800000;  // 2026-11-27 12:00 UTC
const int64_t kDay = 24LL * 3600 * 1000;

struct World {
  std::shared_ptr<int64_t> now = std::make_shared<int64_t>(kT0);
  Store st;
  Office orleans, tours;
  Organisation cci, bpi;
  Member claire, marc, paul;
  Company bakery;

  World() {
    StoreOptions o;
    o.now_ms = [n = now] { return *n; };
    st = OpenStore(":memory:", o);
    orleans.name = "Antenne d'Orléans";
    Insert(st, orleans);
    tours.name = "Antenne de Tours";
    Insert(st, tours);
    cci.name = "CCI Centre-Val de Loire";
    Insert(st, cci);
    bpi.name = "Bpifrance Centre";
    Insert(st, bpi);
    claire = MakeMember("Claire", "Martin", cci, orleans, {"export", "innovation"}, {"fr", "en", "de"},
                        "Accompagne les PME industrielles à l'international");
    marc = MakeMember("Marc", "Petit", bpi, tours, {"financement", "investissement"}, {"fr", "en"},
                      "Prêts d'honneur et levées de fonds");
    paul = MakeMember("Paul", "Bernard", cci, tours, {"création"}, {"fr"}, "Création et reprise d'entreprise");
    bakery.name = "Boulangerie Lefèvre";
    Insert(st, bakery);
  }

  Member MakeMember(const char* first, const char* last, const Organisation& org, const Office& office,
                    std::vector<std::string> tags, std::vector<std::string> langs, const char* summary) {
    Member m;
    m.first_name = first;
    m.last_name = last;
    m.organisation_id = org.id;
    m.office_id = office.id;
    m.expertise = std::move(tags);
    m.languages = std::move(langs);
    m.summary = summary;
    Insert(st, m);
    return m;
  }

  Referral Send(const Member& from, const Member& to, const char* message = "Projet de levée de fonds") {
    Referral r;
    r.company_id = bakery.id;
    r.to_member_id = to.id;
    r.message = message;
    SendReferralFrom(st, r, from.id);
    return r;
  }
};

}  // namespace

TEST_CASE("a referral is sent with a company, a recipient and a message", "[referrals]") {
  World w;
  Referral r = w.Send(w.claire, w.marc);
  CHECK(r.from_member_id == w.claire.id);
  CHECK(r.status == "sent");
  CHECK(r.sent_at == kT0);
  CHECK(ListReferralsFrom(w.st, w.claire.id).size() == 1);
  CHECK(ListReferralsTo(w.st, w.marc.id).size() == 1);
  CHECK(ListReferralsTo(w.st, w.claire.id).empty());

  // Bad input: a clear error and nothing stored.
  Referral bad;
  bad.company_id = w.bakery.id;
  bad.to_member_id = w.marc.id;
  bad.message = "   ";
  CHECK_THROWS_AS(SendReferralFrom(w.st, bad, w.claire.id), ValidationError);
  bad.message = "ok";
  bad.to_member_id.clear();
  CHECK_THROWS_AS(SendReferralFrom(w.st, bad, w.claire.id), ValidationError);
  bad.to_member_id = w.claire.id;  // to oneself
  CHECK_THROWS_AS(SendReferralFrom(w.st, bad, w.claire.id), ValidationError);
  bad.to_member_id = w.marc.id;
  CHECK_THROWS_AS(SendReferralFrom(w.st, bad, ""), ValidationError);  // no member signed in
  CHECK(ListReferralsFrom(w.st, w.claire.id).size() == 1);
  CHECK(bad.id.empty());
}

TEST_CASE("only the recipient answers a referral, along the workflow", "[referrals]") {
  World w;
  Referral r = w.Send(w.claire, w.marc);
  CHECK(CanRespondToReferral(r, w.marc.id));
  CHECK_FALSE(CanRespondToReferral(r, w.claire.id));
  CHECK_FALSE(CanRespondToReferral(r, ""));
  CHECK_THROWS_AS(RespondToReferral(w.st, r, w.claire.id, "accepted"), ValidationError);  // the sender
  CHECK_THROWS_AS(RespondToReferral(w.st, r, w.paul.id, "accepted"), ValidationError);    // a third party
  CHECK(Get<Referral>(w.st, r.id)->status == "sent");
  CHECK_THROWS_AS(RespondToReferral(w.st, r, w.marc.id, "done"), ValidationError);  // not accepted yet
  *w.now += 1000;
  RespondToReferral(w.st, r, w.marc.id, "accepted");
  CHECK(Get<Referral>(w.st, r.id)->status == "accepted");
  CHECK(Get<Referral>(w.st, r.id)->accepted_at == kT0 + 1000);
  RespondToReferral(w.st, r, w.marc.id, "done", "Prêt d'honneur obtenu");
  CHECK(Get<Referral>(w.st, r.id)->status == "done");

  Referral d = w.Send(w.claire, w.paul);
  CHECK_THROWS_AS(RespondToReferral(w.st, d, w.paul.id, "declined", "  "), ValidationError);  // a reason is needed
  CHECK(Get<Referral>(w.st, d.id)->status == "sent");
  RespondToReferral(w.st, d, w.paul.id, "declined", "Hors de mon territoire");
  Referral stored = *Get<Referral>(w.st, d.id);
  CHECK(stored.status == "declined");
  CHECK(stored.reason == "Hors de mon territoire");
  CHECK_THROWS_AS(RespondToReferral(w.st, d, w.paul.id, "accepted"), ValidationError);  // declined is final
}

TEST_CASE("a referral unanswered for 7 days is to be chased up", "[referrals]") {
  World w;
  Referral r = w.Send(w.claire, w.marc);
  CHECK_FALSE(ReferralNeedsReminder(r, kT0));
  CHECK_FALSE(ReferralNeedsReminder(r, kT0 + 7 * kDay - 1));
  CHECK(ReferralNeedsReminder(r, kT0 + 7 * kDay));
  RespondToReferral(w.st, r, w.marc.id, "accepted");
  CHECK_FALSE(ReferralNeedsReminder(r, kT0 + 30 * kDay));  // answered: nothing to chase
}

TEST_CASE("the skills search: free text and filters", "[directory]") {
  World w;
  MemberQuery q;
  CHECK(QueryMemberIds(w.st, q) == std::vector<std::string>{w.paul.id, w.claire.id, w.marc.id});  // by name
  q.expertise = "financement";
  CHECK(QueryMemberIds(w.st, q) == std::vector<std::string>{w.marc.id});
  q = MemberQuery();
  q.office_id = w.tours.id;
  CHECK(QueryMemberIds(w.st, q) == std::vector<std::string>{w.paul.id, w.marc.id});
  q.organisation_id = w.cci.id;
  CHECK(QueryMemberIds(w.st, q) == std::vector<std::string>{w.paul.id});
  q = MemberQuery();
  q.language = "de";
  CHECK(QueryMemberIds(w.st, q) == std::vector<std::string>{w.claire.id});
  q = MemberQuery();
  q.text = "levee";  // accents ignored, prefix as typed
  CHECK(QueryMemberIds(w.st, q) == std::vector<std::string>{w.marc.id});
  q.text = "international";
  CHECK(QueryMemberIds(w.st, q) == std::vector<std::string>{w.claire.id});
  q.text = "export";
  q.office_id = w.tours.id;  // text and filter together
  CHECK(QueryMemberIds(w.st, q).empty());
  q.text = "zzzz";
  q.office_id.clear();
  CHECK(QueryMemberIds(w.st, q).empty());
  // A deleted member is not found.
  SoftDelete<Member>(w.st, w.marc.id);
  q = MemberQuery();
  q.expertise = "financement";
  CHECK(QueryMemberIds(w.st, q).empty());
}

TEST_CASE("the filters offer the tags and languages members have", "[directory]") {
  World w;
  CHECK(ListExpertiseTags(w.st) ==
        std::vector<std::string>{"création", "export", "financement", "innovation", "investissement"});
  CHECK(ListMemberLanguages(w.st) == std::vector<std::string>{"de", "en", "fr"});
}
