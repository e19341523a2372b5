// Concurrent edits: field-level last-writer-wins with conflict records, note
// texts that never lose a character, tombstones, and the clock bound.
#include <catch2/catch.hpp>
#include <thread>

#include "test_sync_support.h"

using namespace synctest;

namespace {

// A company both advisors hold, created by claire and pulled by marc.
struct TwoAdvisors {
  Network net;
  Device claire, marc, nina;
  std::string company = NewRowId();

  TwoAdvisors() {
    net.SeedNetwork();
    claire = net.NewDevice("claire");
    marc = net.NewDevice("marc");
    nina = net.NewDevice("nina");
    Device::PushReply r = claire.Push({claire.Upsert(
        "companies", company, {{"name", std::string("Atelier Dupont")}, {"phone", std::string("02 38 00 00 00")}})});
    REQUIRE(r.http.status == 200);
    Replica m, c;
    PullAll(marc, &m);
    PullAll(claire, &c);
    REQUIRE(m.Find("companies", company));
  }
};

// Changes made one after the other get increasing HLCs whatever the devices'
// counters: their milliseconds differ.
void Tick() { std::this_thread::sleep_for(std::chrono::milliseconds(3)); }

std::vector<Conflict> ConflictsOn(const Replica& r, const std::string& field) {
  std::vector<Conflict> out;
  for (const auto& kv : r.conflicts)
    if (kv.second.field == field) out.push_back(kv.second);
  return out;
}

}  // namespace

TEST_CASE("sync: concurrent field edits, the newer wins, the loser is kept", "[server][sync][conflicts]") {
  TwoAdvisors t;
  // Offline, each edits the name; marc's edit is later (greater HLC).
  Change c_claire = t.claire.Upsert("companies", t.company, {{"name", std::string("Atelier Dupont SARL")}});
  Tick();
  Change c_marc = t.marc.Upsert("companies", t.company, {{"name", std::string("Dupont Atelier")}});
  REQUIRE(c_marc.hlc > c_claire.hlc);
  REQUIRE(t.claire.Push({c_claire}).http.status == 200);
  REQUIRE(t.marc.Push({c_marc}).http.status == 200);  // did not see claire's: a conflict

  // An older edit arriving last loses and is kept too.
  Change old_marc = t.marc.Upsert("companies", t.company, {{"phone", std::string("02 38 11 11 11")}});
  Tick();
  Change new_claire = t.claire.Upsert("companies", t.company, {{"phone", std::string("02 38 22 22 22")}});
  REQUIRE(t.claire.Push({new_claire}).http.status == 200);
  REQUIRE(t.marc.Push({old_marc}).http.status == 200);

  Replica c, m, n;
  PullAll(t.claire, &c);
  PullAll(t.marc, &m);
  PullAll(t.nina, &n);
  for (const Replica* r : {&c, &m, &n}) {
    CHECK(r->Text("companies", t.company, "name") == "Dupont Atelier");
    CHECK(r->Text("companies", t.company, "phone") == "02 38 22 22 22");
  }
  for (const Replica* r : {&c, &m}) {
    std::vector<Conflict> name = ConflictsOn(*r, "name");
    REQUIRE(name.size() == 1);
    CHECK(name[0].table == "companies");
    CHECK(name[0].row_id == t.company);
    CHECK(name[0].winner_value == Value(std::string("Dupont Atelier")));
    CHECK(name[0].winner_user == t.marc.session.user.id);
    CHECK(name[0].winner_hlc == c_marc.hlc);
    CHECK(name[0].loser_value == Value(std::string("Atelier Dupont SARL")));
    CHECK(name[0].loser_user == t.claire.session.user.id);
    CHECK(name[0].loser_hlc == c_claire.hlc);
    // Named, so the device can say who (accounts without a display name: the login).
    CHECK(name[0].winner_name == "marc");
    CHECK(name[0].loser_name == "claire");
    CHECK_FALSE(name[0].resolved);
    std::vector<Conflict> phone = ConflictsOn(*r, "phone");
    REQUIRE(phone.size() == 1);
    CHECK(phone[0].winner_user == t.claire.session.user.id);
    CHECK(phone[0].loser_value == Value(std::string("02 38 11 11 11")));
  }
  CHECK(n.conflicts.empty());  // not nina's business

  // An edit made after seeing the current value is a plain overwrite.
  REQUIRE(
      t.claire.Push({t.claire.Upsert("companies", t.company, {{"name", std::string("Dupont & Cie")}})}).http.status ==
      200);
  Replica c2;
  PullAll(t.claire, &c2);
  CHECK(c2.conflicts.empty());
  CHECK(c2.Text("companies", t.company, "name") == "Dupont & Cie");

  SECTION("either author marks it resolved; both see it; others may not") {
    std::string id = ConflictsOn(c, "name")[0].id;
    Device::PushReply bad = t.nina.Push({t.nina.Upsert("conflicts", id, {{"resolved", int64_t(1)}})});
    CHECK(bad.http.status == 403);
    Device::PushReply ok = t.claire.Push({t.claire.Upsert("conflicts", id, {{"resolved", int64_t(1)}})});
    REQUIRE(ok.http.status == 200);
    Replica m2;
    PullAll(t.marc, &m2);
    REQUIRE(m2.conflicts.count(id));
    CHECK(m2.conflicts[id].resolved);
  }
}

TEST_CASE("sync: concurrent edits of a note keep both texts", "[server][sync][conflicts]") {
  TwoAdvisors t;
  std::string note = NewRowId();
  REQUIRE(t.claire
              .Push({t.claire.Upsert(
                  "interactions", note,
                  InteractionFields(t.company, kMemberClaire, kOrgA, "organisation", "Visite du 14 mars."))})
              .http.status == 200);
  Replica n0;
  PullAll(t.nina, &n0);
  REQUIRE(n0.Find("interactions", note));  // same organisation

  const std::string claire_text = "Visite du 14 mars. Besoin : export vers l'Allemagne, salon « Hannover Messe ».";
  const std::string nina_text = "Visite du 14 mars. Dirigeant intéressé par le crédit d'impôt innovation.";
  Change a = t.claire.Upsert("interactions", note, {{"note", claire_text}});
  Tick();
  Change b = t.nina.Upsert("interactions", note, {{"note", nina_text}});
  REQUIRE(t.nina.Push({b}).http.status == 200);
  REQUIRE(t.claire.Push({a}).http.status == 200);  // older: loses LWW, but not its text

  Replica c, n;
  PullAll(t.claire, &c);
  PullAll(t.nina, &n);
  for (const Replica* r : {&c, &n}) {
    std::string text = r->Text("interactions", note, "note");
    INFO(text);
    CHECK(text.find(claire_text) != std::string::npos);
    CHECK(text.find(nina_text) != std::string::npos);
    CHECK(text.rfind(nina_text, 0) == 0);                                          // the winner's text first
    CHECK(text.find("Texte écrit en parallèle par Claire") == std::string::npos);  // display name = login here
    CHECK(text.find("Texte écrit en parallèle par claire") != std::string::npos);
    std::vector<Conflict> k = ConflictsOn(*r, "note");
    REQUIRE(k.size() == 1);
    CHECK(k[0].loser_value == Value(claire_text));
    CHECK(k[0].winner_value == Value(nina_text));
  }
  // The merged text is a server write: newer than both, both devices converge.
  const RowState* row = c.Find("interactions", note);
  REQUIRE(row);
  for (const VersionedField& f : row->fields)
    if (f.name == "note") CHECK(f.hlc > a.hlc);
  CHECK(row->author_id == "server");
}

TEST_CASE("sync: deletes are tombstones with a defined precedence", "[server][sync][conflicts]") {
  TwoAdvisors t;
  Device staff = t.net.NewDevice("sophie");
  Replica s0;
  PullAll(staff, &s0);

  SECTION("a delete wins over an older concurrent edit, which is still kept") {
    Change edit = t.claire.Upsert("companies", t.company, {{"email", std::string("contact@dupont.fr")}});
    Tick();
    Change del = staff.Delete("companies", t.company);
    REQUIRE(staff.Push({del}).http.status == 200);
    REQUIRE(t.claire.Push({edit}).http.status == 200);
    Replica m;
    PullAll(t.marc, &m);
    const RowState* row = m.Find("companies", t.company);
    REQUIRE(row);
    CHECK(row->deleted_hlc == del.hlc);
    CHECK(m.Text("companies", t.company, "email") == "contact@dupont.fr");  // nothing lost
    Replica c;
    PullAll(t.claire, &c);
    std::vector<Conflict> k = ConflictsOn(c, "_deleted");
    REQUIRE(k.size() == 1);
    CHECK(k[0].winner_value == Value(std::string("delete")));
    CHECK(k[0].loser_user == t.claire.session.user.id);
  }
  SECTION("an edit newer than a delete it never saw revives the row") {
    Change del = staff.Delete("companies", t.company);
    REQUIRE(staff.Push({del}).http.status == 200);
    Tick();
    Change edit = t.claire.Upsert("companies", t.company, {{"email", std::string("nouveau@dupont.fr")}});
    REQUIRE(t.claire.Push({edit}).http.status == 200);
    Replica s;
    PullAll(staff, &s);
    const RowState* row = s.Find("companies", t.company);
    REQUIRE(row);
    CHECK(row->deleted_hlc == 0);
    std::vector<Conflict> k = ConflictsOn(s, "_deleted");
    REQUIRE(k.size() == 1);
    CHECK(k[0].winner_value == Value(std::string("upsert")));
    CHECK(k[0].loser_value == Value(std::string("delete")));
  }
  SECTION("a delete older than an unseen edit loses: the row stays") {
    Change del = staff.Delete("companies", t.company);
    Tick();
    Change edit = t.claire.Upsert("companies", t.company, {{"email", std::string("garde@dupont.fr")}});
    REQUIRE(t.claire.Push({edit}).http.status == 200);
    REQUIRE(staff.Push({del}).http.status == 200);
    Replica m;
    PullAll(t.marc, &m);
    REQUIRE(m.Find("companies", t.company));
    CHECK(m.Find("companies", t.company)->deleted_hlc == 0);
    Replica s;
    PullAll(staff, &s);
    CHECK(ConflictsOn(s, "_deleted").size() == 1);
  }
  SECTION("a plain delete: pulled as a tombstone, deleting twice is harmless, unknown rows are refused") {
    Change del = staff.Delete("companies", t.company);
    REQUIRE(staff.Push({del}).http.status == 200);
    REQUIRE(staff.Push({staff.Delete("companies", t.company)}).http.status == 200);
    Replica m;
    PullAll(t.marc, &m);
    REQUIRE(m.Find("companies", t.company));
    CHECK(m.Find("companies", t.company)->deleted_hlc == del.hlc);
    CHECK(m.conflicts.empty());
    Device::PushReply r = staff.Push({staff.Delete("companies", NewRowId())});
    CHECK(r.http.status == 422);
    CHECK(r.error.error == "not_found");
  }
}

TEST_CASE("sync: timestamps far ahead of the server clock are refused", "[server][sync][clock]") {
  TwoAdvisors t;
  auto stamped = [&](int64_t ms) {
    Change c = t.claire.Upsert("companies", t.company, {{"website", std::string("https://dupont.fr")}});
    c.hlc = Hlc::Make(ms, 0).packed;
    return c;
  };
  const int64_t year_2099 = 4070908800000;
  for (int64_t ms : {year_2099, NowMs() + 10 * 60 * 1000}) {
    Device::PushReply r = t.claire.Push({stamped(ms)});
    INFO(r.http.body);
    CHECK(r.http.status == 422);
    CHECK(r.error.error == "clock_ahead");
    CHECK_THAT(r.error.message, Catch::Contains("horloge"));
    CHECK(r.error.server_time_ms > 0);
    CHECK(r.error.device_seq > 0);
  }
  Replica m;
  PullAll(t.marc, &m);
  CHECK(m.Get("companies", t.company, "website") == nullptr);  // nothing stored

  // A little ahead (under 5 minutes) or long ago: fine. The 2099 device did
  // not drag the order: a normal edit made now still wins over the old one.
  REQUIRE(t.claire.Push({stamped(NowMs() + 2 * 60 * 1000)}).http.status == 200);
  Change old = t.claire.Upsert("companies", t.company, {{"email", std::string("ancien@dupont.fr")}});
  old.hlc = Hlc::Make(978307200000, 0).packed;  // 2001
  REQUIRE(t.claire.Push({old}).http.status == 200);
  Change now = t.marc.Upsert("companies", t.company, {{"email", std::string("actuel@dupont.fr")}});
  REQUIRE(t.marc.Push({now}).http.status == 200);
  Replica m2;
  PullAll(t.marc, &m2);
  CHECK(m2.Text("companies", t.company, "email") == "actuel@dupont.fr");
}
