// Tests of the repositories: every entity through Insert / Get / List /
// Update / SoftDelete, foreign keys, validation, and the outbox and
// field_versions written in the same transaction as the rows.
#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>
#include <memory>

#include "core/model/casework.h"
#include "core/model/company.h"
#include "core/model/directory.h"
#include "core/model/hotline.h"
#include "core/model/questionnaire.h"
#include "core/model/schema.h"
#include "core/model/services.h"
#include "core/model/university.h"

using namespace relais;

namespace {

const int64_t kT = 1718000000000;  // 2024-06-10

RandomSource Seeded(uint64_t seed) {
  return [state = seed]() mutable {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
}

struct OutboxEntry {
  std::string tbl, row_id, op, fields;
  std::vector<std::string> keys;  // sorted
  int64_t hlc = 0;
};

int64_t OutboxCount(Store& st) { return st.db.QueryInt("SELECT count(*) FROM outbox").value_or(-1); }

OutboxEntry LastOutbox(Store& st) {
  OutboxEntry e;
  Stmt s = st.db.Prepare("SELECT tbl, row_id, op, fields, hlc, state FROM outbox ORDER BY seq DESC LIMIT 1");
  REQUIRE(s.Step());
  e.tbl = s.Text(0);
  e.row_id = s.Text(1);
  e.op = s.Text(2);
  e.fields = s.Text(3);
  e.hlc = s.Int(4);
  CHECK(s.Text(5) == "pending");
  Stmt k = st.db.Prepare("SELECT key FROM json_each(?)");
  k.Bind(1, e.fields);
  while (k.Step()) e.keys.push_back(k.Text(0));
  std::sort(e.keys.begin(), e.keys.end());
  return e;
}

std::optional<int64_t> FieldVersion(Store& st, const char* tbl, const std::string& id, const std::string& field) {
  return st.db.QueryInt("SELECT hlc FROM field_versions WHERE tbl = ? AND row_id = ? AND field = ?", tbl, id, field);
}

int64_t RowCount(Store& st, const char* tbl) {
  return st.db.QueryInt(std::string("SELECT count(*) FROM ") + tbl).value_or(-1);
}

template <class T>
std::string Json(const T& row) {
  return FieldsToJson(repo_detail::FieldsOf(row));
}

// What of a row reaches the outbox: its columns but the derived ones.
template <class T>
Fields Sent(const T& row) {
  Fields out;
  for (const Field& f : repo_detail::FieldsOf(row))
    if (!IsDerivedColumn(T::kTable, f.name)) out.push_back(f);
  return out;
}

// A device with a hand-driven clock and a small directory.
struct Fixture {
  std::shared_ptr<int64_t> now = std::make_shared<int64_t>(kT);
  Store st;
  Office office;
  Organisation org;
  Member claire, paul;
  Company company;

  Fixture() {
    StoreOptions o;
    o.now_ms = [n = now] { return *n; };
    o.random = Seeded(99);
    st = OpenStore(":memory:", o);
    st.author_id = "user-claire";

    office.name = "Antenne du Loiret";
    office.postcode = "45000";
    office.commune_insee = "45234";
    office.commune_name = "Orléans";
    office.departments = {"45"};
    Insert(st, office);
    org.name = "CCI Centre-Val de Loire";
    org.kind = "cci";
    Insert(st, org);
    claire.first_name = "Claire";
    claire.last_name = "Martin";
    claire.organisation_id = org.id;
    claire.office_id = office.id;
    claire.expertise = {"export", "innovation"};
    claire.languages = {"fr", "en", "de"};
    claire.communes = {"45234", "45208"};
    Insert(st, claire);
    paul = claire;
    paul.id.clear();
    paul.first_name = "Paul";
    paul.last_name = "Bernard";
    paul.expertise = {"financement"};
    Insert(st, paul);
    company.name = "SARL Boulangerie Dupont & Fils";
    company.siret = "732 829 320 00074";
    company.naf = "1071c";
    company.postcode = "45000";
    company.commune_insee = "45234";
    company.commune_name = "Orléans";
    company.size_band = "1-9";
    Insert(st, company);
  }
  void Tick(int64_t ms = 1) { *now += ms; }
};

// The whole life of one row. edit must change exactly the columns listed.
template <class T>
void CheckLifecycle(Fixture& f, T row, const std::function<void(T&)>& edit, std::vector<std::string> changed) {
  Store& st = f.st;
  std::sort(changed.begin(), changed.end());
  const int64_t outbox_before = OutboxCount(st);

  // Insert: an id, one outbox entry with every column, field versions.
  f.Tick();
  Insert(st, row);
  REQUIRE(IsValidId(row.id));
  CHECK(row.created_hlc == row.updated_hlc);
  CHECK(row.author_id == "user-claire");
  CHECK_FALSE(row.deleted());
  CHECK(OutboxCount(st) == outbox_before + 1);
  OutboxEntry ins = LastOutbox(st);
  CHECK(ins.tbl == T::kTable);
  CHECK(ins.row_id == row.id);
  CHECK(ins.op == "upsert");
  CHECK(ins.hlc == row.created_hlc);
  CHECK(ins.keys.size() == Sent(row).size());
  CHECK(ins.fields == FieldsToJson(Sent(row)));
  for (const std::string& k : ins.keys) CHECK(FieldVersion(st, T::kTable, row.id, k) == ins.hlc);

  // Get returns what was stored, List shows it.
  std::optional<T> got = Get<T>(st, row.id);
  REQUIRE(got);
  CHECK(Json(*got) == Json(row));
  CHECK(got->created_hlc == row.created_hlc);
  CHECK(got->author_id == "user-claire");
  std::vector<T> all = List<T>(st);
  CHECK(std::count_if(all.begin(), all.end(), [&](const T& r) { return r.id == row.id; }) == 1);

  // Update: only the changed columns reach the outbox and field_versions.
  f.Tick();
  st.author_id = "user-paul";
  T edited = *got;
  edit(edited);
  CHECK(Update(st, edited) == static_cast<int>(changed.size()));
  OutboxEntry up = LastOutbox(st);
  CHECK(up.op == "upsert");
  std::vector<std::string> sent_keys;
  for (const std::string& k : changed)
    if (!IsDerivedColumn(T::kTable, k)) sent_keys.push_back(k);
  CHECK(up.keys == sent_keys);
  CHECK(up.hlc > ins.hlc);
  CHECK(edited.updated_hlc == up.hlc);
  CHECK(edited.created_hlc == ins.hlc);
  for (const std::string& k : ins.keys) {
    bool was_changed = std::find(changed.begin(), changed.end(), k) != changed.end();
    CHECK(FieldVersion(st, T::kTable, row.id, k) == (was_changed ? up.hlc : ins.hlc));
  }
  got = Get<T>(st, row.id);
  REQUIRE(got);
  CHECK(Json(*got) == Json(edited));
  CHECK(got->updated_hlc == up.hlc);
  CHECK(got->author_id == "user-paul");

  // Nothing changed: nothing written, nothing queued.
  const int64_t outbox_now = OutboxCount(st);
  CHECK(Update(st, edited) == 0);
  CHECK(OutboxCount(st) == outbox_now);
  CHECK(Get<T>(st, row.id)->updated_hlc == up.hlc);

  // SoftDelete: a tombstone, hidden from List, still readable with Get.
  f.Tick();
  CHECK(SoftDelete<T>(st, row.id));
  OutboxEntry del = LastOutbox(st);
  CHECK(del.op == "delete");
  CHECK(del.row_id == row.id);
  CHECK(del.keys == std::vector<std::string>{"deleted_hlc"});
  CHECK(del.hlc > up.hlc);
  all = List<T>(st);
  CHECK(std::none_of(all.begin(), all.end(), [&](const T& r) { return r.id == row.id; }));
  got = Get<T>(st, row.id);
  REQUIRE(got);
  CHECK(got->deleted());
  CHECK(got->deleted_hlc == del.hlc);
  CHECK_FALSE(SoftDelete<T>(st, row.id));
  CHECK(OutboxCount(st) == outbox_now + 1);
  CHECK_THROWS_AS(Update(st, edited), RowNotFound);
  st.author_id = "user-claire";
}

// An insert refused by a foreign key leaves no row and no outbox entry.
template <class T>
void CheckForeignKeyRefused(Fixture& f, T row) {
  const int64_t rows = RowCount(f.st, T::kTable), outbox = OutboxCount(f.st);
  try {
    Insert(f.st, row);
    FAIL("inserted a " << T::kTable << " row with a dangling reference");
  } catch (const DbError& e) {
    CHECK(e.is_constraint());
    CHECK_THAT(e.what(), Catch::Contains("FOREIGN KEY constraint failed"));
  }
  CHECK(row.id.empty());
  CHECK(RowCount(f.st, T::kTable) == rows);
  CHECK(OutboxCount(f.st) == outbox);
  CHECK_FALSE(f.st.db.InTransaction());
}

const char* const kMissing = "00000000000000000000000000000000";

Interaction Note(const Fixture& f) {
  Interaction i;
  i.company_id = f.company.id;
  i.kind = "visit";
  i.occurred_on = "2024-06-10";
  i.author_member_id = f.claire.id;
  i.organisation_id = f.org.id;
  i.topics = {"export"};
  i.note = "Projet d'export vers l'Allemagne ; besoin d'un financement.";
  return i;
}

Course SomeCourse() {
  Course c;
  c.theme = "développement économique";
  c.level = "intro";
  c.title = "Les aides régionales aux entreprises";
  c.duration_minutes = 210;
  return c;
}

CourseSession SomeSession(const std::string& course_id) {
  CourseSession s;
  s.course_id = course_id;
  s.starts_at = kT + 86400000;
  s.ends_at = s.starts_at + 3 * 3600000;
  s.place = "Orléans, salle 2";
  s.trainer = "M. Leroy";
  s.seats = 12;
  return s;
}

}  // namespace

TEST_CASE_METHOD(Fixture, "Every repository inserts, gets, lists, updates and soft-deletes") {
  SECTION("offices") {
    Office o;
    o.name = "Antenne d'Indre-et-Loire";
    o.departments = {"37"};
    CheckLifecycle<Office>(*this, o, [](Office& x) { x.email = "tours@relais.example"; }, {"email"});
  }
  SECTION("organisations") {
    Organisation o;
    o.name = "Chambre de métiers";
    o.kind = "cma";
    o.siren = "552 100 554";
    CheckLifecycle<Organisation>(*this, o, [](Organisation& x) { x.website = "https://cma.example"; }, {"website"});
  }
  SECTION("members") {
    Member m;
    m.first_name = "Inès";
    m.last_name = "Moreau";
    m.organisation_id = org.id;
    m.role = "legal_expert";
    CheckLifecycle<Member>(*this, m,
                           [](Member& x) {
                             x.expertise.push_back("propriété intellectuelle");
                             x.phone = "02 38 00 00 00";
                           },
                           {"expertise", "phone"});
  }
  SECTION("signatures") {
    Signature s;
    s.member_id = claire.id;
    s.kind = "convention";
    s.signer = "member";
    s.signer_name = "Claire Martin";
    s.signed_on = "2024-01-15";
    CheckLifecycle<Signature>(*this, s, [](Signature& x) { x.signer_title = "Conseillère"; }, {"signer_title"});
  }
  SECTION("companies") {
    Company c;
    c.name = "Élan Numérique";
    c.siren = "552100554";
    c.naf = "62.01Z";
    CheckLifecycle<Company>(*this, c,
                            [](Company& x) {
                              x.name = "Élan Numérique Services";
                              x.size_band = "10-49";
                            },
                            {"name", "name_key", "size_band"});
  }
  SECTION("contacts") {
    Contact c;
    c.company_id = company.id;
    c.first_name = "Jean";
    c.last_name = "Dupont";
    CheckLifecycle<Contact>(*this, c,
                            [](Contact& x) {
                              x.consent_basis = "consent";
                              x.consent_date = "2024-06-10";
                            },
                            {"consent_basis", "consent_date"});
  }
  SECTION("interactions") {
    CheckLifecycle<Interaction>(*this, Note(*this), [](Interaction& x) { x.note += " Rappel prévu."; }, {"note"});
  }
  SECTION("follow-up actions") {
    Interaction i = Note(*this);
    Insert(st, i);
    FollowUpAction a;
    a.interaction_id = i.id;
    a.title = "Envoyer la fiche Team France Export";
    a.due_on = "2024-06-20";
    a.assignee_member_id = paul.id;
    CheckLifecycle<FollowUpAction>(*this, a,
                                   [](FollowUpAction& x) {
                                     x.status = "done";
                                     x.done_on = "2024-06-18";
                                   },
                                   {"done_on", "status"});
  }
  SECTION("referrals") {
    Referral r;
    r.company_id = company.id;
    r.from_member_id = claire.id;
    r.to_member_id = paul.id;
    r.message = "Besoin de financement";
    r.sent_at = kT;
    CheckLifecycle<Referral>(*this, r, [](Referral& x) { x.message = "Besoin de financement (urgent)"; }, {"message"});
  }
  SECTION("service offers") {
    ServiceOffer s;
    s.name = "Diagnostic export";
    s.organisation_id = org.id;
    s.themes = {"export"};
    s.office_ids = {office.id};
    CheckLifecycle<ServiceOffer>(*this, s, [](ServiceOffer& x) { x.themes.push_back("international"); }, {"themes"});
  }
  SECTION("questionnaire responses") {
    QuestionnaireResponse q;
    q.company_id = company.id;
    q.template_id = "diag-export";
    q.template_version = 3;
    q.author_member_id = claire.id;
    q.answers = R"({"q1":"oui"})";
    CheckLifecycle<QuestionnaireResponse>(*this, q,
                                          [](QuestionnaireResponse& x) {
                                            x.scores = R"({"export":3.5})";
                                            x.status = "completed";
                                            x.completed_at = kT;
                                          },
                                          {"completed_at", "scores", "status"});
  }
  SECTION("courses") {
    CheckLifecycle<Course>(*this, SomeCourse(), [](Course& x) { x.duration_minutes = 240; }, {"duration_minutes"});
  }
  SECTION("course sessions") {
    Course c = SomeCourse();
    Insert(st, c);
    CheckLifecycle<CourseSession>(*this, SomeSession(c.id), [](CourseSession& x) { x.seats = 15; }, {"seats"});
  }
  SECTION("registrations") {
    Course c = SomeCourse();
    Insert(st, c);
    CourseSession s = SomeSession(c.id);
    Insert(st, s);
    Registration r;
    r.session_id = s.id;
    r.member_id = claire.id;
    r.requested_at = kT;
    CheckLifecycle<Registration>(*this, r, [](Registration& x) { x.status = "cancelled"; }, {"status"});
  }
  SECTION("legal questions") {
    LegalQuestion q;
    q.asker_member_id = claire.id;
    q.company_id = company.id;
    q.subject = "SAS ou SARL ?";
    q.body = "Quelle forme pour un créateur seul avec un associé à venir ?";
    CheckLifecycle<LegalQuestion>(*this, q,
                                  [&](LegalQuestion& x) {
                                    x.status = "assigned";
                                    x.assignee_member_id = paul.id;
                                  },
                                  {"assignee_member_id", "status"});
  }
  SECTION("legal answers") {
    LegalQuestion q;
    q.asker_member_id = claire.id;
    q.body = "Question";
    Insert(st, q);
    LegalAnswer a;
    a.question_id = q.id;
    a.author_member_id = paul.id;
    a.body = "Une SASU, puis une SAS à l'arrivée de l'associé.";
    CheckLifecycle<LegalAnswer>(*this, a, [](LegalAnswer& x) { x.published = true; }, {"published"});
  }
}

TEST_CASE_METHOD(Fixture, "Dangling references are refused as constraint errors") {
  SECTION("member -> organisation") {
    Member m;
    m.last_name = "X";
    m.organisation_id = kMissing;
    CheckForeignKeyRefused(*this, m);
  }
  SECTION("member -> office") {
    Member m;
    m.last_name = "X";
    m.organisation_id = org.id;
    m.office_id = kMissing;
    CheckForeignKeyRefused(*this, m);
  }
  SECTION("signature -> member") {
    Signature s;
    s.member_id = kMissing;
    s.kind = "code_of_conduct";
    s.signer = "hierarchy";
    s.signer_name = "Directeur";
    s.signed_on = "2024-01-01";
    CheckForeignKeyRefused(*this, s);
  }
  SECTION("contact -> company") {
    Contact c;
    c.company_id = kMissing;
    c.last_name = "X";
    CheckForeignKeyRefused(*this, c);
  }
  SECTION("interaction -> company, author") {
    Interaction i = Note(*this);
    i.company_id = kMissing;
    CheckForeignKeyRefused(*this, i);
    i = Note(*this);
    i.author_member_id = kMissing;
    CheckForeignKeyRefused(*this, i);
  }
  SECTION("follow-up action -> interaction") {
    FollowUpAction a;
    a.interaction_id = kMissing;
    a.title = "X";
    CheckForeignKeyRefused(*this, a);
  }
  SECTION("referral -> member") {
    Referral r;
    r.company_id = company.id;
    r.from_member_id = claire.id;
    r.to_member_id = kMissing;
    CheckForeignKeyRefused(*this, r);
  }
  SECTION("service offer -> office, through the JSON list") {
    ServiceOffer s;
    s.name = "X";
    s.organisation_id = org.id;
    s.office_ids = {office.id, kMissing};
    CheckForeignKeyRefused(*this, s);
    // and on update
    s.office_ids = {office.id};
    Insert(st, s);
    s.office_ids.push_back(kMissing);
    CHECK_THROWS_AS(Update(st, s), DbError);
    CHECK(Get<ServiceOffer>(st, s.id)->office_ids == std::vector<std::string>{office.id});
  }
  SECTION("questionnaire response -> company") {
    QuestionnaireResponse q;
    q.company_id = kMissing;
    q.template_id = "t";
    q.author_member_id = claire.id;
    CheckForeignKeyRefused(*this, q);
  }
  SECTION("session -> course, registration -> session") {
    CheckForeignKeyRefused(*this, SomeSession(kMissing));
    Registration r;
    r.session_id = kMissing;
    r.member_id = claire.id;
    CheckForeignKeyRefused(*this, r);
  }
  SECTION("legal answer -> question") {
    LegalAnswer a;
    a.question_id = kMissing;
    a.author_member_id = claire.id;
    a.body = "x";
    CheckForeignKeyRefused(*this, a);
  }
}

TEST_CASE_METHOD(Fixture, "Schema checks refuse values outside their lists") {
  Interaction i = Note(*this);
  i.kind = "meeting";
  const int64_t outbox = OutboxCount(st);
  try {
    Insert(st, i);
    FAIL("no throw");
  } catch (const DbError& e) {
    CHECK(e.is_constraint());
    CHECK_THAT(e.what(), Catch::Contains("CHECK constraint failed"));
  }
  CHECK(OutboxCount(st) == outbox);

  QuestionnaireResponse q;
  q.company_id = company.id;
  q.template_id = "t";
  q.author_member_id = claire.id;
  q.answers = "{not json";
  CHECK_THROWS_AS(Insert(st, q), DbError);
}

TEST_CASE_METHOD(Fixture, "Validation happens before anything is written") {
  const int64_t outbox = OutboxCount(st);
  Company c;
  c.name = "Test";
  c.siret = "73282932000075";  // checksum off by one
  try {
    Insert(st, c);
    FAIL("no throw");
  } catch (const ValidationError& e) {
    CHECK(e.field == "siret");
  }
  c.siret = "55210055400013";
  c.siren = "732829320";  // another company's
  CHECK_THROWS_AS(Insert(st, c), ValidationError);
  c.siren.reset();
  c.naf = "62019";
  CHECK_THROWS_AS(Insert(st, c), ValidationError);
  c.naf.reset();
  c.commune_insee = "4523";
  CHECK_THROWS_AS(Insert(st, c), ValidationError);
  c.commune_insee.reset();
  c.name = std::string("Caf\xE9");  // Latin-1, not UTF-8
  CHECK_THROWS_AS(Insert(st, c), ValidationError);
  CHECK(OutboxCount(st) == outbox);

  Contact k;
  k.company_id = company.id;
  k.last_name = "Durand";
  k.consent_basis = "consent";  // without the date it was given
  CHECK_THROWS_AS(Insert(st, k), ValidationError);

  Interaction i = Note(*this);
  i.occurred_on = "2024-02-30";
  CHECK_THROWS_AS(Insert(st, i), ValidationError);
  CHECK(OutboxCount(st) == outbox);
}

TEST_CASE_METHOD(Fixture, "Companies are normalized on write") {
  Company got = *Get<Company>(st, company.id);
  CHECK(got.siret == "73282932000074");
  CHECK(got.siren == "732829320");  // derived from the SIRET
  CHECK(got.naf == "10.71C");
  CHECK(got.name_key == "boulangerie dupont fils");

  Company blank;
  blank.name = "Sans numéro";
  blank.siren = "";
  blank.naf = " ";
  Insert(st, blank);
  got = *Get<Company>(st, blank.id);
  CHECK_FALSE(got.siren);
  CHECK_FALSE(got.naf);
  CHECK(st.db.QueryInt("SELECT siren IS NULL FROM companies WHERE id = ?", blank.id) == 1);
}

TEST_CASE_METHOD(Fixture, "Duplicate companies are found by SIRET, SIREN and name in the same town") {
  Company same_siret;
  same_siret.name = "Autre nom";
  same_siret.siret = "73282932000074";
  CHECK(FindDuplicateCompanies(st, same_siret).size() == 1);

  Company same_siren;
  same_siren.name = "Autre établissement";
  same_siren.siren = "732829320";
  CHECK(FindDuplicateCompanies(st, same_siren).size() == 1);

  Company same_name;
  same_name.name = "Boulangerie Dupont et Fils, SARL";
  same_name.commune_insee = "45234";
  CHECK(FindDuplicateCompanies(st, same_name).empty());  // "et" makes it another key
  same_name.name = "boulangerie DUPONT & FILS";
  CHECK(FindDuplicateCompanies(st, same_name).size() == 1);
  same_name.commune_insee = "37261";  // Tours: another bakery
  CHECK(FindDuplicateCompanies(st, same_name).empty());

  CHECK(FindDuplicateCompanies(st, company).empty());  // not its own duplicate
  SoftDelete<Company>(st, company.id);
  CHECK(FindDuplicateCompanies(st, same_siret).empty());  // tombstones do not count
}

TEST_CASE_METHOD(Fixture, "A case note and its follow-up actions are stored together or not at all") {
  const int64_t outbox = OutboxCount(st);
  Interaction note = Note(*this);
  note.organisation_id.clear();  // filled from the author
  std::vector<FollowUpAction> actions(2);
  actions[0].title = "Envoyer la plaquette";
  actions[0].due_on = "2024-06-14";
  actions[1].title = "Présenter à la BPI";
  actions[1].assignee_member_id = kMissing;  // fails: no such member

  CHECK_THROWS_AS(InsertInteraction(st, note, actions), DbError);
  CHECK(RowCount(st, "interactions") == 0);
  CHECK(RowCount(st, "follow_up_actions") == 0);
  CHECK(OutboxCount(st) == outbox);
  CHECK_FALSE(st.db.InTransaction());
  CHECK(note.id.empty());  // the caller's structs are untouched
  CHECK(note.organisation_id.empty());
  CHECK(actions[0].id.empty());

  actions[1].assignee_member_id = paul.id;
  InsertInteraction(st, note, actions);
  CHECK(IsValidId(note.id));
  CHECK(note.organisation_id == org.id);
  CHECK(OutboxCount(st) == outbox + 3);
  std::vector<FollowUpAction> stored = ListActions(st, note.id);
  REQUIRE(stored.size() == 2);
  CHECK(stored[0].title == "Envoyer la plaquette");  // due first
  CHECK(stored[1].interaction_id == note.id);
  CHECK(ListOpenActionsFor(st, paul.id).size() == 1);
  CHECK(ListInteractions(st, company.id).size() == 1);
}

TEST_CASE_METHOD(Fixture, "A write inside a caller's transaction is undone with it, outbox included") {
  const int64_t outbox = OutboxCount(st);
  {
    Tx tx(st.db);
    Company c;
    c.name = "Éphémère";
    Insert(st, c);
    Contact k;
    k.company_id = c.id;
    k.last_name = "Passant";
    Insert(st, k);
    CHECK(OutboxCount(st) == outbox + 2);
  }  // not committed
  CHECK(RowCount(st, "companies") == 1);
  CHECK(RowCount(st, "contacts") == 0);
  CHECK(OutboxCount(st) == outbox);
  CHECK(st.db.QueryInt("SELECT count(*) FROM field_versions WHERE tbl = 'contacts'") == 0);
}

TEST_CASE_METHOD(Fixture, "RecordChange refuses to run outside a transaction") {
  CHECK_THROWS_AS(RecordChange(st.db, "companies", company.id, ChangeOp::Upsert, {}, Hlc{1}), DbError);
}

TEST_CASE_METHOD(Fixture, "Timeline order, newest first") {
  Interaction a = Note(*this), b = Note(*this), c = Note(*this);
  a.occurred_on = "2024-05-01";
  b.occurred_on = "2024-06-01";
  c.occurred_on = "2024-05-15";
  c.kind = "call";
  Insert(st, a);
  Insert(st, b);
  Insert(st, c);
  std::vector<Interaction> t = ListInteractions(st, company.id);
  REQUIRE(t.size() == 3);
  CHECK(t[0].id == b.id);
  CHECK(t[1].id == c.id);
  CHECK(t[2].id == a.id);
}

TEST_CASE_METHOD(Fixture, "Writes are stamped with increasing HLCs even when the wall clock goes back") {
  Company a;
  a.name = "A";
  Insert(st, a);
  *now -= 3600 * 1000;  // clock set back an hour
  Company b;
  b.name = "B";
  Insert(st, b);
  CHECK(b.created_hlc > a.created_hlc);
  CHECK(Hlc{b.created_hlc}.millis() == Hlc{a.created_hlc}.millis());
  CHECK(st.db.QueryInt("SELECT value FROM sync_state WHERE key = 'hlc'") == b.created_hlc);
}

TEST_CASE_METHOD(Fixture, "Rows written before sign-in have no author") {
  st.author_id.clear();
  Company c;
  c.name = "Anonyme";
  Insert(st, c);
  CHECK(st.db.QueryInt("SELECT author_id IS NULL FROM companies WHERE id = ?", c.id) == 1);
  CHECK(Get<Company>(st, c.id)->author_id.empty());
}

TEST_CASE_METHOD(Fixture, "Directory queries: members by organisation, office, expertise; signatures") {
  CHECK(ListMembersOfOrganisation(st, org.id).size() == 2);
  CHECK(ListMembersOfOffice(st, office.id).size() == 2);
  std::vector<Member> exporters = ListMembersWithExpertise(st, "export");
  REQUIRE(exporters.size() == 1);
  CHECK(exporters[0].id == claire.id);
  CHECK(exporters[0].languages == std::vector<std::string>{"fr", "en", "de"});
  CHECK(ListMembersWithExpertise(st, "exp").empty());  // whole tags, not substrings
  std::vector<Member> all = List<Member>(st);
  REQUIRE(all.size() == 2);
  CHECK(all[0].last_name == "Bernard");  // by last name

  CHECK_FALSE(GetSignatureStatus(st, claire.id).complete());
  for (const char* kind : {"convention", "code_of_conduct"})
    for (const char* signer : {"member", "hierarchy"}) {
      Signature s;
      s.member_id = claire.id;
      s.kind = kind;
      s.signer = signer;
      s.signer_name = std::string(signer) == "member" ? "Claire Martin" : "Directeur général";
      s.signed_on = "2024-02-01";
      Insert(st, s);
      if (std::string(kind) == "convention" && std::string(signer) == "member") {
        SignatureStatus half = GetSignatureStatus(st, claire.id);
        CHECK(half.convention_member);
        CHECK_FALSE(half.convention_hierarchy);
      }
    }
  CHECK(GetSignatureStatus(st, claire.id).complete());
  CHECK_FALSE(GetSignatureStatus(st, paul.id).convention_member);
  // A revoked (deleted) signature no longer counts.
  SoftDelete<Signature>(st, ListSignatures(st, claire.id)[0].id);
  CHECK_FALSE(GetSignatureStatus(st, claire.id).complete());
}

TEST_CASE_METHOD(Fixture, "Referrals follow their workflow and stamp each step") {
  Referral r;
  r.company_id = company.id;
  r.from_member_id = claire.id;
  r.to_member_id = paul.id;
  r.message = "Projet de levée de fonds";
  SendReferral(st, r);
  CHECK(r.status == "sent");
  CHECK(r.sent_at == kT);
  CHECK(ListReferralsTo(st, paul.id).size() == 1);
  CHECK(ListReferralsForCompany(st, company.id).size() == 1);

  CHECK_THROWS_AS(SetReferralStatus(st, r, "done"), ValidationError);  // not accepted yet
  Tick(60000);
  SetReferralStatus(st, r, "accepted");
  CHECK(r.accepted_at == kT + 60000);
  OutboxEntry e = LastOutbox(st);
  CHECK(e.keys == std::vector<std::string>{"accepted_at", "status"});
  Tick(60000);
  SetReferralStatus(st, r, "done", "Prêt d'honneur obtenu");
  Referral stored = *Get<Referral>(st, r.id);
  CHECK(stored.status == "done");
  CHECK(stored.done_at == kT + 120000);
  CHECK(stored.reason == "Prêt d'honneur obtenu");
  CHECK_THROWS_AS(SetReferralStatus(st, r, "declined", "trop tard"), ValidationError);

  Referral d = r;
  d.id.clear();
  SendReferral(st, d);
  CHECK_THROWS_AS(SetReferralStatus(st, d, "declined"), ValidationError);  // a decline needs a reason
  SetReferralStatus(st, d, "declined", "Hors de mon territoire");
  CHECK(Get<Referral>(st, d.id)->declined_at.has_value());

  Referral self = r;
  self.id.clear();
  self.to_member_id = claire.id;
  CHECK_THROWS_AS(SendReferral(st, self), ValidationError);
}

TEST_CASE_METHOD(Fixture, "Services by theme and office") {
  ServiceOffer s;
  s.name = "Prêt d'honneur";
  s.organisation_id = org.id;
  s.themes = {"financement", "création"};
  s.office_ids = {office.id};
  Insert(st, s);
  CHECK(ListServicesWithTheme(st, "création").size() == 1);
  CHECK(ListServicesWithTheme(st, "export").empty());
  CHECK(ListServicesAtOffice(st, office.id).size() == 1);
  CHECK(Get<ServiceOffer>(st, s.id)->themes == s.themes);
}

TEST_CASE_METHOD(Fixture, "Questionnaire responses keep template version and JSON as written") {
  QuestionnaireResponse q;
  q.company_id = company.id;
  q.template_id = "diag-innovation";
  q.template_version = 2;
  q.author_member_id = claire.id;
  q.answers = R"({"q1":["a","b"],"q2":4})";
  Insert(st, q);
  q.status = "completed";
  CHECK_THROWS_AS(Update(st, q), ValidationError);  // completed needs its date
  q.completed_at = kT;
  q.scores = R"({"innovation":2.5})";
  CHECK(Update(st, q) == 3);
  std::vector<QuestionnaireResponse> rs = ListResponses(st, company.id);
  REQUIRE(rs.size() == 1);
  CHECK(rs[0].template_version == 2);
  CHECK(rs[0].answers == q.answers);
  CHECK(rs[0].scores == q.scores);
}

TEST_CASE_METHOD(Fixture, "University: sessions and registrations") {
  Course c = SomeCourse();
  Insert(st, c);
  CourseSession later = SomeSession(c.id), sooner = SomeSession(c.id);
  later.starts_at += 7 * 86400000;
  later.ends_at += 7 * 86400000;
  Insert(st, later);
  Insert(st, sooner);
  std::vector<CourseSession> sessions = ListSessions(st, c.id);
  REQUIRE(sessions.size() == 2);
  CHECK(sessions[0].id == sooner.id);

  CourseSession bad = SomeSession(c.id);
  bad.ends_at = bad.starts_at - 1;
  CHECK_THROWS_AS(Insert(st, bad), ValidationError);

  Registration mine;
  mine.session_id = sooner.id;
  mine.member_id = claire.id;
  *now = kT + 5;
  RequestRegistration(st, mine);
  CHECK(mine.status == "requested");
  CHECK(mine.requested_at == kT + 5);

  Registration elected;  // an elected official, not a member
  elected.session_id = sooner.id;
  elected.trainee_name = "Mme la maire de Saran";
  elected.trainee_email = "maire@saran.example";
  RequestRegistration(st, elected);
  Registration nobody;
  nobody.session_id = sooner.id;
  CHECK_THROWS_AS(RequestRegistration(st, nobody), ValidationError);

  CHECK(ListRegistrations(st, sooner.id).size() == 2);
  CHECK(ListRegistrationsOf(st, claire.id).size() == 1);
  mine.status = "cancelled";
  Update(st, mine);
  CHECK(ListRegistrationsOf(st, claire.id).empty());
  Registration bogus = elected;
  bogus.status = "maybe";
  CHECK_THROWS_AS(Update(st, bogus), DbError);
}

TEST_CASE_METHOD(Fixture, "Legal hotline: answering stores the answer and marks the question in one go") {
  LegalQuestion q;
  q.asker_member_id = claire.id;
  q.subject = "Bail commercial";
  q.body = "Durée minimale d'un bail commercial ?";
  Insert(st, q);
  CHECK(ListQuestionsWithStatus(st, "open").size() == 1);

  const int64_t outbox = OutboxCount(st);
  LegalAnswer a;
  a.author_member_id = paul.id;
  a.body = "Neuf ans, avec une faculté de résiliation triennale.";
  a.published = true;
  q.subject = "changed locally but not saved";  // AnswerQuestion only changes the status
  AnswerQuestion(st, q, a);
  CHECK(OutboxCount(st) == outbox + 2);
  CHECK(LastOutbox(st).keys == std::vector<std::string>{"status"});
  CHECK(q.status == "answered");
  CHECK(q.subject == "Bail commercial");
  CHECK(ListQuestionsWithStatus(st, "answered").size() == 1);
  CHECK(ListAnswers(st, q.id).size() == 1);
  CHECK(ListPublishedAnswers(st).size() == 1);
  CHECK(ListQuestionsAskedBy(st, claire.id).size() == 1);

  // An answer that cannot be stored leaves the question open.
  LegalQuestion q2;
  q2.asker_member_id = claire.id;
  q2.body = "Autre question";
  Insert(st, q2);
  LegalAnswer bad;
  bad.author_member_id = kMissing;
  bad.body = "x";
  CHECK_THROWS_AS(AnswerQuestion(st, q2, bad), DbError);
  CHECK(Get<LegalQuestion>(st, q2.id)->status == "open");
}

TEST_CASE_METHOD(Fixture, "The outbox JSON carries column values with their types") {
  CourseSession s = SomeSession([&] {
    Course c = SomeCourse();
    Insert(st, c);
    return c.id;
  }());
  Insert(st, s);
  OutboxEntry e = LastOutbox(st);
  CHECK(st.db.QueryInt("SELECT json_extract(?, '$.seats')", e.fields) == 12);
  CHECK(st.db.QueryText("SELECT json_type(?, '$.seats')", e.fields) == "integer");
  CHECK(st.db.QueryText("SELECT json_extract(?, '$.place')", e.fields) == "Orléans, salle 2");
  Member m = claire;
  m.summary = "Ligne 1\nLigne 2 « guillemets » \"doubles\"";
  Update(st, m);
  e = LastOutbox(st);
  CHECK(st.db.QueryText("SELECT json_extract(?, '$.summary')", e.fields) == m.summary);
  m.office_id.reset();
  Update(st, m);
  CHECK(st.db.QueryText("SELECT json_type(?, '$.office_id')", LastOutbox(st).fields) == "null");
}
