// Authorisation of every pushed change, and pulls filtered to what each user
// may see, including removals when a note or a user's rights change.
#include <catch2/catch.hpp>

#include "test_sync_support.h"

using namespace synctest;

namespace {

struct Notes {
  Network net;
  Device staff, claire, nina, marc, lea;
  std::string company = NewRowId();
  std::string net_note = NewRowId(), org_note = NewRowId(), own_note = NewRowId();
  std::string action = NewRowId();  // a follow-up of the network note

  Notes() {
    staff = net.SeedNetwork();
    REQUIRE(net.last_seed_status == 200);
    claire = net.NewDevice("claire");
    nina = net.NewDevice("nina");
    marc = net.NewDevice("marc");
    lea = net.NewDevice("lea");
    Device::PushReply r = claire.Push({
        claire.Upsert("companies", company, {{"name", std::string("Fonderie Lambert")}}),
        claire.Upsert("interactions", net_note,
                      InteractionFields(company, kMemberClaire, kOrgA, "network", "Note pour tout le réseau")),
        claire.Upsert("interactions", org_note,
                      InteractionFields(company, kMemberClaire, kOrgA, "organisation", "Note interne CCI")),
        claire.Upsert("interactions", own_note,
                      InteractionFields(company, kMemberClaire, kOrgA, "author", "Note personnelle")),
        claire.Upsert("follow_up_actions", action,
                      {{"interaction_id", net_note},
                       {"title", std::string("Rappeler le dirigeant")},
                       {"assignee_member_id", kMemberMarc}}),
    });
    INFO(r.http.body);
    REQUIRE(r.http.status == 200);
  }
};

std::set<std::string> Ids(const Replica& r, const std::string& table) {
  std::set<std::string> ids;
  for (const auto& kv : r.rows)
    if (kv.first.first == table) ids.insert(kv.first.second);
  return ids;
}

}  // namespace

TEST_CASE("access: each user pulls only what they may see", "[server][sync][access]") {
  Notes t;
  Replica c, n, m, l, s;
  PullAll(t.claire, &c);
  PullAll(t.nina, &n);
  PullAll(t.marc, &m);
  PullAll(t.lea, &l);
  PullAll(t.staff, &s);

  CHECK(Ids(c, "interactions") == std::set<std::string>{t.net_note, t.org_note, t.own_note});
  CHECK(Ids(n, "interactions") == std::set<std::string>{t.net_note, t.org_note});  // same organisation
  CHECK(Ids(m, "interactions") == std::set<std::string>{t.net_note});
  CHECK(Ids(s, "interactions") == std::set<std::string>{t.net_note});  // staff of another organisation
  CHECK(Ids(l, "interactions").empty());
  CHECK(m.Find("follow_up_actions", t.action));

  // The trainee: the catalogue, their own member row and what it refers to.
  CHECK(Ids(l, "courses") == std::set<std::string>{kCourse});
  CHECK(Ids(l, "course_sessions") == std::set<std::string>{kSession});
  CHECK(Ids(l, "members") == std::set<std::string>{kMemberLea});
  CHECK(Ids(l, "organisations") == std::set<std::string>{kOrgA});
  CHECK(Ids(l, "offices") == std::set<std::string>{kOffice});
  CHECK(Ids(l, "companies").empty());
  CHECK(Ids(l, "follow_up_actions").empty());
  CHECK(l.removed.empty());  // a first sync sends no removals
  CHECK(Ids(c, "members").size() == 5);

  // Registrations: one's own, and all of them for office staff.
  std::string reg_lea = NewRowId(), reg_claire = NewRowId();
  REQUIRE(t.lea
              .Push({t.lea.Upsert("registrations", reg_lea,
                                  {{"session_id", kSession}, {"member_id", kMemberLea}, {"requested_at", NowMs()}})})
              .http.status == 200);
  REQUIRE(
      t.claire
          .Push({t.claire.Upsert("registrations", reg_claire,
                                 {{"session_id", kSession}, {"member_id", kMemberClaire}, {"requested_at", NowMs()}})})
          .http.status == 200);
  PullAll(t.lea, &l);
  PullAll(t.marc, &m);
  PullAll(t.staff, &s);
  CHECK(Ids(l, "registrations") == std::set<std::string>{reg_lea});
  CHECK(Ids(m, "registrations").empty());
  CHECK(Ids(s, "registrations") == std::set<std::string>{reg_lea, reg_claire});
}

TEST_CASE("access: every pushed change is authorised by the server", "[server][sync][access]") {
  Notes t;
  struct Case {
    const char* what;
    Device* device;
    Change change;
  };
  std::vector<Case> refused = {
      {"a trainee writes a company", &t.lea, t.lea.Upsert("companies", NewRowId(), {{"name", std::string("X")}})},
      {"a trainee writes a note", &t.lea,
       t.lea.Upsert("interactions", NewRowId(), InteractionFields(t.company, kMemberLea, kOrgA, "network", "x"))},
      {"a trainee registers someone else", &t.lea,
       t.lea.Upsert("registrations", NewRowId(),
                    {{"session_id", kSession}, {"member_id", kMemberClaire}, {"requested_at", NowMs()}})},
      {"a trainee confirms their own seat", &t.lea,
       t.lea.Upsert("registrations", NewRowId(),
                    {{"session_id", kSession},
                     {"member_id", kMemberLea},
                     {"status", std::string("confirmed")},
                     {"requested_at", NowMs()}})},
      {"another organisation edits a network note", &t.marc,
       t.marc.Upsert("interactions", t.net_note, {{"note", std::string("réécrite")}})},
      {"a colleague edits a note private to its author", &t.nina,
       t.nina.Upsert("interactions", t.own_note, {{"note", std::string("lue")}})},
      {"a colleague changes the visibility", &t.nina,
       t.nina.Upsert("interactions", t.org_note, {{"visibility", std::string("network")}})},
      {"a colleague deletes the note", &t.nina, t.nina.Delete("interactions", t.org_note)},
      {"a note signed with someone else's name", &t.marc,
       t.marc.Upsert("interactions", NewRowId(), InteractionFields(t.company, kMemberClaire, kOrgA, "network", "x"))},
      {"a note filed under another organisation", &t.marc,
       t.marc.Upsert("interactions", NewRowId(), InteractionFields(t.company, kMemberMarc, kOrgA, "network", "x"))},
      {"an advisor edits the catalogue", &t.claire,
       t.claire.Upsert("course_sessions", kSession, {{"seats", int64_t(100)}})},
      {"an advisor moves to another organisation", &t.claire,
       t.claire.Upsert("members", kMemberClaire, {{"organisation_id", kOrgB}})},
      {"an advisor edits a colleague's profile", &t.claire,
       t.claire.Upsert("members", kMemberNina, {{"job_title", std::string("stagiaire")}})},
      {"an advisor deletes a company", &t.claire, t.claire.Delete("companies", t.company)},
      {"an advisor edits an organisation", &t.claire,
       t.claire.Upsert("organisations", kOrgA, {{"name", std::string("CCI")}})},
  };
  Replica before;
  PullAll(t.staff, &before);
  for (Case& c : refused) {
    INFO(c.what);
    Device::PushReply r = c.device->Push({c.change});
    INFO(r.http.body);
    CHECK(r.http.status == 403);
    CHECK(r.error.error == "forbidden");
    CHECK(r.error.device_seq == c.change.device_seq);
    CHECK_FALSE(r.error.message.empty());
  }
  Device::PullReply after = t.staff.PullPage();
  REQUIRE(after.http.status == 200);
  CHECK(after.response.changes.empty());  // nothing stored

  std::vector<Case> allowed = {
      {"a colleague edits an organisation note", &t.nina,
       t.nina.Upsert("interactions", t.org_note, {{"note", std::string("Complément de Nina")}})},
      {"the assignee closes the follow-up action", &t.marc,
       t.marc.Upsert("follow_up_actions", t.action,
                     {{"status", std::string("done")}, {"done_on", std::string("2025-03-20")}})},
      {"an advisor edits their own profile", &t.claire,
       t.claire.Upsert("members", kMemberClaire, {{"job_title", std::string("Conseillère export")}})},
      {"an advisor records a company", &t.marc,
       t.marc.Upsert("companies", NewRowId(), {{"name", std::string("Scierie Girard")}})},
      {"staff edit the catalogue", &t.staff, t.staff.Upsert("courses", kCourse, {{"theme", std::string("export")}})},
  };
  for (Case& c : allowed) {
    INFO(c.what);
    Device::PushReply r = c.device->Push({c.change});
    INFO(r.http.body);
    CHECK(r.http.status == 200);
  }

  // A signature recorded by mistake: only staff withdraw it, and the
  // withdrawal reaches the other devices as a tombstone.
  const std::string sig = NewRowId();
  REQUIRE(t.staff
              .Push({t.staff.Upsert("signatures", sig,
                                    {{"member_id", kMemberNina},
                                     {"kind", std::string("convention")},
                                     {"signer", std::string("member")},
                                     {"signer_name", std::string("Nina")},
                                     {"signed_on", std::string("2026-11-02")}})})
              .http.status == 200);
  Device::PushReply r = t.claire.Push({t.claire.Delete("signatures", sig)});
  CHECK(r.http.status == 403);
  CHECK(r.error.error == "forbidden");
  Replica seen;
  PullAll(t.claire, &seen);
  REQUIRE(seen.Find("signatures", sig));
  CHECK(seen.Find("signatures", sig)->deleted_hlc == 0);
  r = t.staff.Push({t.staff.Delete("signatures", sig)});
  CHECK(r.http.status == 200);
  PullAll(t.claire, &seen);
  REQUIRE(seen.Find("signatures", sig));
  CHECK(seen.Find("signatures", sig)->deleted_hlc != 0);
}

TEST_CASE("access: a note made private is removed from the devices that may no longer see it",
          "[server][sync][access]") {
  Notes t;
  Replica m;
  PullAll(t.marc, &m);
  REQUIRE(m.Find("interactions", t.net_note));
  REQUIRE(m.Find("follow_up_actions", t.action));

  REQUIRE(t.claire.Push({t.claire.Upsert("interactions", t.net_note, {{"visibility", std::string("author")}})})
              .http.status == 200);
  PullAll(t.marc, &m);
  CHECK_FALSE(m.Find("interactions", t.net_note));
  CHECK(m.removed.count({"interactions", t.net_note}));
  CHECK(m.removed.count({"follow_up_actions", t.action}));  // follows its note
  Replica c;
  PullAll(t.claire, &c);
  CHECK(c.Find("interactions", t.net_note));
}

TEST_CASE("access: a note made private during a device's first sync is removed too", "[server][sync][access]") {
  Notes t;
  Device fresh = t.net.NewDevice("marc");
  Replica m;
  while (!m.Find("interactions", t.net_note)) {  // small pages, until the note has arrived
    Device::PullReply p = fresh.PullPage(2);
    REQUIRE(p.http.status == 200);
    REQUIRE(p.response.more);
    for (const RowState& row : p.response.changes) m.rows[{row.table, row.row_id}] = row;
    fresh.cursor = p.response.cursor;
  }
  REQUIRE(t.claire.Push({t.claire.Upsert("interactions", t.net_note, {{"visibility", std::string("author")}})})
              .http.status == 200);
  PullAll(fresh, &m, 2);
  CHECK_FALSE(m.Find("interactions", t.net_note));
  CHECK(m.removed.count({"interactions", t.net_note}));
  CHECK_FALSE(m.removed.count({"interactions", t.own_note}));  // never held: nothing said about it
}

TEST_CASE("access: a change of rights applies at the next sync, removals included", "[server][sync][access]") {
  Notes t;
  SECTION("an advisor becomes a trainee") {
    Replica m;
    PullAll(t.marc, &m);
    REQUIRE(m.Find("companies", t.company));
    REQUIRE(t.net.RunCli({"--password-cost", "min", "--add-user", "marc:" + kPassword + ":trainee:" + kMemberMarc}) ==
            0);

    // Same token: the role is read at each request.
    PullAll(t.marc, &m);
    REQUIRE(m.last_status == 200);
    CHECK_FALSE(m.Find("companies", t.company));
    CHECK(m.removed.count({"companies", t.company}));
    CHECK(m.removed.count({"interactions", t.net_note}));
    CHECK(m.removed.count({"members", kMemberClaire}));
    CHECK(m.Find("members", kMemberMarc));  // their own row stays
    CHECK(m.Find("courses", kCourse));
    Device::PushReply r = t.marc.Push({t.marc.Upsert("companies", NewRowId(), {{"name", std::string("Y")}})});
    CHECK(r.http.status == 403);
  }
  SECTION("an advisor moves to another organisation") {
    std::string b_note = NewRowId();
    REQUIRE(t.marc
                .Push({t.marc.Upsert("interactions", b_note,
                                     InteractionFields(t.company, kMemberMarc, kOrgB, "organisation", "Note Dev'Up"))})
                .http.status == 200);
    Replica n;
    PullAll(t.nina, &n);
    REQUIRE(n.Find("interactions", t.org_note));
    REQUIRE_FALSE(n.Find("interactions", b_note));

    REQUIRE(t.staff.Push({t.staff.Upsert("members", kMemberNina, {{"organisation_id", kOrgB}})}).http.status == 200);
    PullAll(t.nina, &n);
    CHECK_FALSE(n.Find("interactions", t.org_note));
    CHECK(n.removed.count({"interactions", t.org_note}));
    CHECK(n.Find("interactions", b_note));
    CHECK(n.Find("interactions", t.net_note));
    CHECK(n.Text("members", kMemberNina, "organisation_id") == kOrgB);
  }
}

// The legal hotline: a question and its answers are the asker's and the legal
// team's until an answer is published to the knowledge base; then everyone
// (but trainees) reads them, and unpublishing takes them back.
TEST_CASE("access: hotline questions reach others only through a published answer", "[server][sync][access]") {
  // Both formats: the binary answer is assembled from rows encoded once for
  // every reader, and a redacted row must never be shared that way.
  const Format f = GENERATE(Format::Json, Format::Binary);
  Network net;
  Device staff = net.SeedNetwork();
  Device claire = net.NewDevice("claire", f), marc = net.NewDevice("marc", f), lea = net.NewDevice("lea", f);
  const std::string q = NewRowId(), ans = NewRowId(), company = NewRowId();
  Device::PushReply r = claire.Push({claire.Upsert("legal_questions", q,
                                                   {{"asker_member_id", kMemberClaire},
                                                    {"company_id", company},
                                                    {"subject", std::string("Bail commercial")},
                                                    {"body", std::string("Le bailleur peut-il refuser la cession ?")},
                                                    {"status", std::string("open")}})});
  INFO(r.http.body);
  REQUIRE(r.http.status == 200);
  r = staff.Push({staff.Upsert("legal_answers", ans,
                               {{"question_id", q},
                                {"author_member_id", kMemberSophie},
                                {"body", std::string("Oui, sous conditions : voir la clause d'agrément.")},
                                {"published", int64_t(0)}})});
  INFO(r.http.body);
  REQUIRE(r.http.status == 200);

  Replica c, m, l, s;
  PullAll(claire, &c);
  PullAll(marc, &m);
  PullAll(lea, &l);
  PullAll(staff, &s);
  CHECK(c.Find("legal_questions", q));
  CHECK(c.Find("legal_answers", ans));  // the answer comes back to the asker
  CHECK(s.Find("legal_questions", q));
  CHECK_FALSE(m.Find("legal_questions", q));
  CHECK_FALSE(m.Find("legal_answers", ans));
  CHECK_FALSE(l.Find("legal_questions", q));

  // Published: the knowledge base reaches Marc, question and answer.
  r = staff.Push({staff.Upsert("legal_answers", ans, {{"published", int64_t(1)}})});
  REQUIRE(r.http.status == 200);
  PullAll(marc, &m);
  PullAll(lea, &l);
  CHECK(m.Find("legal_questions", q));
  CHECK(m.Find("legal_answers", ans));
  CHECK_FALSE(l.Find("legal_answers", ans));
  // ...but not which company it was about: that stays with the asker and the legal team.
  CHECK(m.Text("legal_questions", q, "subject") == "Bail commercial");
  REQUIRE(m.Get("legal_questions", q, "company_id"));
  CHECK(std::holds_alternative<std::monostate>(*m.Get("legal_questions", q, "company_id")));
  PullAll(claire, &c);
  PullAll(staff, &s);
  CHECK(c.Text("legal_questions", q, "company_id") == company);
  CHECK(s.Text("legal_questions", q, "company_id") == company);
  // A second device of Marc's, pulling after the asker and the legal team
  // were sent the whole row: still redacted.
  Device marc2 = net.NewDevice("marc", f);
  Replica m2;
  PullAll(marc2, &m2);
  REQUIRE(m2.Get("legal_questions", q, "company_id"));
  CHECK(std::holds_alternative<std::monostate>(*m2.Get("legal_questions", q, "company_id")));
  CHECK(m2.Text("legal_questions", q, "subject") == "Bail commercial");

  // Taken back: removed from Marc's device at his next sync, kept by the asker.
  r = staff.Push({staff.Upsert("legal_answers", ans, {{"published", int64_t(0)}})});
  REQUIRE(r.http.status == 200);
  PullAll(marc, &m);
  PullAll(claire, &c);
  CHECK_FALSE(m.Find("legal_questions", q));
  CHECK_FALSE(m.Find("legal_answers", ans));
  CHECK(m.removed.count({"legal_questions", q}) == 1);
  CHECK(c.Find("legal_answers", ans));
}
