// Tests of the demo dataset: deterministic for a seed, the announced volumes,
// valid data (SIRETs, foreign keys, dates, UTF-8), the sync columns and
// outbox the app would have written, and search and duplicate detection
// working on it.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <set>

#include "core/db/migrations.h"
#include "core/demo/demo.h"
#include "core/demo/french_data.h"
#include "core/demo/rng.h"
#include "core/model/company.h"
#include "core/model/french_codes.h"
#include "core/model/schema.h"
#include "core/search/duplicates.h"
#include "core/search/search.h"
#include "core/text.h"

using namespace relais;
using namespace relais::demo;

namespace {

const std::string kQuestionnaire =
    std::string(RELAIS_ASSETS_DIR) + "/questionnaires/diagnostic-innovation-croissance.v1.json";

DemoOptions Options(uint64_t seed, double scale) {
  DemoOptions o;
  o.seed = seed;
  o.scale = scale;
  o.questionnaire_path = kQuestionnaire;
  return o;
}

int64_t Count(Db& db, const std::string& table, const std::string& where = "") {
  return db.QueryInt("SELECT count(*) FROM " + table + (where.empty() ? "" : " WHERE " + where)).value_or(-1);
}

}  // namespace

TEST_CASE("The demo PRNG is xoshiro256** and draws without bias", "[demo]") {
  // Reference values: splitmix64 from seed 0 gives the state, xoshiro256** the outputs.
  uint64_t sm = 0;
  CHECK(SplitMix64(sm) == 0xE220A8397B1DCDAFull);
  Rng a(42), b(42), c(43);
  for (int i = 0; i < 100; i++) {
    uint64_t x = a.Next();
    CHECK(x == b.Next());
    (void)c;
  }
  Rng r(7);
  std::vector<int> hist(6);
  for (int i = 0; i < 60000; i++) hist[r.Below(6)]++;
  for (int h : hist) CHECK(std::abs(h - 10000) < 500);
  for (int i = 0; i < 1000; i++) {
    int v = r.Between(-3, 3);
    CHECK((v >= -3 && v <= 3));
    double u = r.Unit();
    CHECK((u >= 0 && u < 1));
  }
  std::vector<size_t> s = r.Sample(10, 4);
  CHECK(s.size() == 4);
  CHECK(std::set<size_t>(s.begin(), s.end()).size() == 4);
}

TEST_CASE("The demo's reference data is real and consistent", "[demo]") {
  std::set<std::string> codes;
  for (const Commune& c : Communes()) {
    INFO(c.name);
    CHECK(IsValidInseeCode(c.insee));
    CHECK(IsValidPostcode(c.postcode));
    CHECK(std::string(c.postcode, 2) == std::string(c.insee, 2));
    CHECK(codes.insert(c.insee).second);
  }
  CHECK(Communes().size() >= 140);
  for (const char* d : {"18", "28", "36", "37", "41", "45"}) {
    int n = 0;
    for (const Commune& c : Communes()) n += std::string(c.insee, 2) == d;
    CHECK(n >= 20);
  }
  CHECK(FindCommune("45234")->name == std::string("Orléans"));
  CHECK(FindCommune("37261")->name == std::string("Tours"));
  CHECK(FindCommune("18033")->name == std::string("Bourges"));
  CHECK(FindCommune("28085")->name == std::string("Chartres"));
  CHECK(FindCommune("41018")->name == std::string("Blois"));
  CHECK(FindCommune("36044")->name == std::string("Châteauroux"));
  int members = 0;
  for (const OrganisationSpec& o : OrganisationSpecs()) members += o.members;
  CHECK(OrganisationSpecs().size() == 40);
  CHECK(members == 350);
  for (const NafCode& n : NafCodes()) CHECK(IsValidNaf(n.code));
  CHECK(EmailLocalPart("Élodie", "Lefèvre-Giraud") == "elodie.lefevre-giraud");
  CHECK(EmailLocalPart("Gaël", "Le Gall") == "gael.le-gall");
}

TEST_CASE("Same seed, same database; another seed, another one", "[demo]") {
  auto make = [](uint64_t seed) {
    Store st = OpenStore(":memory:");  // system clock and random: the demo brings its own
    DemoStats s = GenerateDemo(st, Options(seed, 0.05));
    CHECK(s.companies == 101);
    return ContentHash(st.db);
  };
  uint64_t a = make(1234), b = make(1234), c = make(1235);
  CHECK(a == b);
  CHECK(a != c);
}

// What the generator writes, column by column (ids and the columns a later
// schema may add left out): the same natively and in the browser, which this
// test checks by running in both builds. C++ leaves some evaluation orders to
// the compiler (rng.h). Changing the generator changes the value: update it.
TEST_CASE("The demo dataset is the same on every platform", "[demo]") {
  Store st = OpenStore(":memory:");
  GenerateDemo(st, Options(77, 0.02));
  uint64_t h = 0xcbf29ce484222325ull;
  for (const char* q : {
           "SELECT name, kind FROM organisations ORDER BY created_hlc",
           "SELECT first_name, last_name, role, job_title, email, phone, expertise, languages, communes, summary "
           "FROM members ORDER BY created_hlc",
           "SELECT kind, signer, signer_name, signed_on FROM signatures ORDER BY created_hlc",
           "SELECT name, themes FROM service_offers ORDER BY created_hlc",
           "SELECT theme, level, title, duration_minutes FROM courses ORDER BY created_hlc",
           "SELECT starts_at, ends_at, place, trainer, seats FROM course_sessions ORDER BY created_hlc",
           "SELECT name, siren, siret, naf, address, postcode, commune_insee, size_band, phone, email FROM companies "
           "ORDER BY created_hlc",
           "SELECT first_name, last_name, job_title, consent_basis, consent_date FROM contacts ORDER BY created_hlc",
           "SELECT kind, occurred_on, topics, services, note, visibility FROM interactions ORDER BY created_hlc",
           "SELECT title, due_on, status, done_on FROM follow_up_actions ORDER BY created_hlc",
           "SELECT message, status, reason, sent_at, accepted_at, declined_at, done_at FROM referrals "
           "ORDER BY created_hlc",
           "SELECT answers, scores, status, completed_at FROM questionnaire_responses ORDER BY created_hlc",
           "SELECT trainee_name, status, requested_at, waitlist_position FROM registrations ORDER BY created_hlc",
           "SELECT subject, body, status FROM legal_questions ORDER BY created_hlc",
           "SELECT body, published FROM legal_answers ORDER BY created_hlc"}) {
    Stmt s = st.db.Prepare(q);
    while (s.Step())
      for (int c = 0; c < s.ColumnCount(); c++) {
        std::string v = s.IsNull(c) ? std::string("\x01null") : s.Text(c);
        v += '\0';
        for (unsigned char ch : v) h = (h ^ ch) * 0x100000001b3ull;
      }
  }
  CHECK(h == 0xa0aa08277ff3e9ebull);
}

TEST_CASE("The demo dataset at scale 1: volumes, validity, sync columns, search", "[demo]") {
  Store st = OpenStore(":memory:");
  const auto t0 = std::chrono::steady_clock::now();
  DemoStats s = GenerateDemo(st, Options(2026, 1.0));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "demo scale 1: " << s.rows() << " rows in " << seconds << " s\n";

  // Announced volumes.
  CHECK(s.offices == 6);
  CHECK(s.organisations == 40);
  CHECK(s.members == 350);
  CHECK(s.companies == 2020);
  CHECK(s.duplicate_companies == 20);
  CHECK(s.interactions == 20000);
  CHECK(s.questionnaire_responses == 3000);
  CHECK(s.courses == 80);
  CHECK(s.course_sessions == 300);
  CHECK(s.legal_questions == 500);
  CHECK(s.signatures > 1100);
  CHECK(s.service_offers >= 40);
  CHECK(s.contacts > 3000);
  CHECK(s.follow_up_actions > 6000);
  CHECK(s.referrals > 1500);
  CHECK(s.registrations > 2500);
  CHECK(s.legal_answers > 300);
  // ...and what is stored.
  Db& db = st.db;
  CHECK(Count(db, "offices") == s.offices);
  CHECK(Count(db, "members") == s.members);
  CHECK(Count(db, "companies") == s.companies);
  CHECK(Count(db, "contacts") == s.contacts);
  CHECK(Count(db, "interactions") == s.interactions);
  CHECK(Count(db, "follow_up_actions") == s.follow_up_actions);
  CHECK(Count(db, "referrals") == s.referrals);
  CHECK(Count(db, "questionnaire_responses") == s.questionnaire_responses);
  CHECK(Count(db, "registrations") == s.registrations);
  CHECK(Count(db, "legal_answers") == s.legal_answers);
  CHECK(Count(db, "outbox") == s.rows());  // one upsert per row, every row queued
  CHECK(Count(db, "search_docs", "kind = 'note'") == s.interactions);
  CHECK(Count(db, "search_docs", "kind = 'company'") == s.companies);

  // Valid data.
  CHECK_FALSE(db.QueryText("PRAGMA foreign_key_check").has_value());
  CHECK(db.QueryText("PRAGMA integrity_check") == "ok");
  {
    Stmt q = db.Prepare("SELECT siren, siret FROM companies");
    int with_siret = 0;
    while (q.Step()) {
      if (q.IsNull(1)) continue;
      with_siret++;
      CHECK(IsValidSiret(q.Text(1)));
      CHECK(IsValidSiren(q.Text(0)));
      CHECK(q.Text(1).compare(0, 9, q.Text(0)) == 0);
    }
    CHECK(with_siret > 1800);
  }
  {
    Stmt q = db.Prepare("SELECT commune_insee FROM companies UNION SELECT value FROM members, json_each(communes)");
    while (q.Step()) CHECK(FindCommune(q.Text(0)) != nullptr);
  }
  {
    Stmt q = db.Prepare("SELECT note FROM interactions");
    int ligatures = 0;
    while (q.Step()) {
      std::string n = q.Text(0);
      CHECK(IsValidUtf8(n));
      ligatures += n.find("œ") != std::string::npos;
    }
    CHECK(ligatures > 1000);
  }
  CHECK(Count(db, "interactions", "occurred_on < '2024-10-01' OR occurred_on > '2026-10-30'") == 0);
  CHECK(Count(db, "questionnaire_responses", "status = 'completed'") > 2500);
  CHECK(Count(db, "questionnaire_responses", "status = 'completed' AND json_extract(scores, '$.overall') IS NULL") ==
        0);
  CHECK(Count(db, "contacts", "consent_basis IS NOT NULL") > 2500);
  CHECK(Count(db, "registrations", "status = 'waitlisted'") > 0);
  CHECK(Count(db, "members", "role = 'legal_expert'") == 5);
  // Dates drive the clock: a note's created_hlc is on the day it happened.
  CHECK(Count(db, "interactions", "date((created_hlc >> 16) / 1000, 'unixepoch') <> occurred_on") == 0);
  CHECK(Count(db, "sync_state", "key = 'hlc'") == 1);

  // Search and duplicate detection work on it.
  using namespace relais::search;
  CHECK(Search(db, "export", SearchScope::Only(SearchKind::Note), 20).size() == 20);
  CHECK_FALSE(Search(db, "oeuvre", SearchScope::Only(SearchKind::Note), 5).empty());
  std::vector<SearchHit> orleans = Search(db, "orleans", SearchScope::Only(SearchKind::Company), 5);
  CHECK(orleans.size() == 5);
  CHECK(Search(db, "propriete intellectuelle", SearchScope::Only(SearchKind::Member), 50).size() > 10);
  CHECK_FALSE(Search(db, "capital SAS", SearchScope::Only(SearchKind::HotlineAnswer), 5).empty());
  CHECK_FALSE(Search(db, "fondamentaux", SearchScope::Only(SearchKind::Course), 5).empty());
  std::vector<DuplicatePair> dups = FindDuplicatePairs(st);
  CHECK(dups.size() >= 20);
  int seeded = 0;
  for (const DuplicatePair& d : dups) seeded += d.reason == DuplicateReason::SimilarName && d.similarity == 1.0;
  CHECK(seeded >= 15);
}

TEST_CASE("Without the outbox: the same rows, nothing queued", "[demo]") {
  Store with = OpenStore(":memory:");
  GenerateDemo(with, Options(5, 0.02));
  DemoOptions o = Options(5, 0.02);
  o.write_outbox = false;
  Store without = OpenStore(":memory:");
  DemoStats s = GenerateDemo(without, o);
  CHECK(Count(without.db, "outbox") == 0);
  CHECK(Count(without.db, "field_versions") == 0);
  CHECK(Count(without.db, "interactions") == s.interactions);
  for (const char* t : SyncedTables()) {
    INFO(t);
    std::string q = std::string("SELECT count(*), sum(length(id)), max(updated_hlc) FROM ") + t;
    CHECK(with.db.QueryInt(q) == without.db.QueryInt(q));
  }
  // The clock is persisted all the same, so it never goes back.
  CHECK(without.db.QueryInt("SELECT value FROM sync_state WHERE key = 'hlc'") ==
        with.db.QueryInt("SELECT value FROM sync_state WHERE key = 'hlc'"));
  CHECK_FALSE(without.db.QueryText("PRAGMA foreign_key_check").has_value());
}

TEST_CASE("The store gets its clock and ids back after the demo", "[demo]") {
  Store st = OpenStore(":memory:");
  GenerateDemo(st, Options(9, 0.01));
  Company c;
  c.name = "Après la démo";
  Insert(st, c);
  const int64_t now =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  CHECK(IdMillis(c.id) > now - 60000);
  CHECK(Hlc{c.created_hlc}.millis() > now - 60000);
}
