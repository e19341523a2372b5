// Contact requests from the public portal on a staff device: read as pulled,
// listed new first, followed up (assign, status, note, another office) with
// one outbox entry holding only the columns the server lets staff change.
#include <catch2/catch.hpp>
#include <set>

#include "core/model/contact_request.h"
#include "core/model/directory.h"
#include "core/model/json.h"

using namespace relais;

namespace {

struct RequestWorld {
  Store st = OpenStore(":memory:");
  Office loiret, touraine;
  Organisation org;
  Member sophie, paul, gone;

  RequestWorld() {
    loiret.name = "Antenne du Loiret";
    loiret.departments = {"45"};
    Insert(st, loiret);
    touraine.name = "Antenne de Touraine";
    touraine.departments = {"37"};
    Insert(st, touraine);
    org.name = "dev'up";
    Insert(st, org);
    for (Member* m : {&sophie, &paul, &gone}) {
      m->first_name = m == &sophie ? "Sophie" : m == &paul ? "Paul" : "Ancien";
      m->last_name = "Durand";
      m->organisation_id = org.id;
      m->office_id = loiret.id;
      Insert(st, *m);
    }
    REQUIRE(SoftDelete<Member>(st, gone.id));
    st.db.Exec("DELETE FROM outbox");
  }

  // As the sync engine stores a pulled row: no outbox entry.
  std::string Pulled(const char* id, const Office& office, const char* company, int64_t submitted,
                     const char* status = "new") {
    st.db.Exec(
        "INSERT INTO contact_requests (id, created_hlc, updated_hlc, office_id, commune_insee, commune_name,"
        " company_name, contact_name, email, phone, needs, message, consent_basis, consent_date, consent_source,"
        " consent_text, submitted_at, status) VALUES (?, 1, 1, ?, '45232', 'Olivet', ?, 'Amélie Durand',"
        " 'amelie@atelier.example', '02 38 00 00 00', '[\"export\",\"financement\"]', 'Vendre en Allemagne ?',"
        " 'consent', '2026-11-27', 'portal', 'J''accepte d''être recontactée.', ?, ?)",
        std::string(id), office.id, std::string(company), submitted, std::string(status));
    return id;
  }
  int64_t Outbox() { return st.db.QueryInt("SELECT count(*) FROM outbox").value_or(-1); }
  std::string LastFields() {
    return st.db.QueryText("SELECT fields FROM outbox ORDER BY seq DESC LIMIT 1").value_or("");
  }
};

std::set<std::string> Keys(Store& st, const std::string& json) {
  std::set<std::string> keys;
  Stmt s = st.db.Prepare("SELECT key FROM json_each(?)");
  s.BindText(1, json);
  while (s.Step()) keys.insert(s.Text(0));
  return keys;
}

const char* const kA = "a0000000000000000000000000000001";
const char* const kB = "a0000000000000000000000000000002";
const char* const kC = "a0000000000000000000000000000003";
const char* const kD = "a0000000000000000000000000000004";

}  // namespace

TEST_CASE("contact requests: read as pulled, new first, per office", "[contact_requests]") {
  RequestWorld w;
  w.Pulled(kA, w.loiret, "Atelier A", 1000, "assigned");
  w.Pulled(kB, w.loiret, "Atelier B", 2000);
  w.Pulled(kC, w.loiret, "Atelier C", 3000);
  w.Pulled(kD, w.touraine, "Atelier D", 4000);

  std::vector<ContactRequest> list = ListContactRequests(w.st, w.loiret.id);
  REQUIRE(list.size() == 3);
  CHECK(list[0].company_name == "Atelier C");  // new, newest first
  CHECK(list[1].company_name == "Atelier B");
  CHECK(list[2].company_name == "Atelier A");  // under way
  CHECK(list[0].needs == std::vector<std::string>{"export", "financement"});
  CHECK(list[0].consent_text == "J'accepte d'être recontactée.");
  CHECK(list[0].commune_name == "Olivet");
  CHECK(ListContactRequests(w.st, "").size() == 4);
  CHECK(CountNewContactRequests(w.st, w.loiret.id) == 2);
  CHECK(CountNewContactRequests(w.st, "") == 3);
}

TEST_CASE("contact requests: staff follow-up writes only their columns", "[contact_requests]") {
  RequestWorld w;
  w.Pulled(kA, w.loiret, "Atelier A", 1000);
  const int64_t now = 1795780800000;

  // Assigning: the assignee, the time, and "new" becomes "assigned".
  ContactRequestFollowUp f;
  f.assignee_member_id = w.paul.id;
  ContactRequest r = FollowUpContactRequest(w.st, kA, f, now);
  CHECK(r.status == "assigned");
  CHECK(r.assignee_member_id == std::optional<std::string>(w.paul.id));
  CHECK(r.assigned_at == std::optional<int64_t>(now));
  CHECK(w.Outbox() == 1);
  CHECK(Keys(w.st, w.LastFields()) == std::set<std::string>{"status", "assignee_member_id", "assigned_at"});
  CHECK(w.st.db.QueryText("SELECT tbl FROM outbox").value_or("") == "contact_requests");
  // What the SME sent is untouched.
  ContactRequest stored = *Get<ContactRequest>(w.st, kA);
  CHECK(stored.email == "amelie@atelier.example");
  CHECK(stored.message == "Vendre en Allemagne ?");

  // Status and note together: one more entry, those two columns.
  f = ContactRequestFollowUp();
  f.status = "contacted";
  f.staff_note = "Appelée le 28/11 ; rendez-vous le 3 décembre.";
  r = FollowUpContactRequest(w.st, kA, f, now + 1000);
  CHECK(r.status == "contacted");
  CHECK(r.assigned_at == std::optional<int64_t>(now));  // not re-stamped
  CHECK(w.Outbox() == 2);
  CHECK(Keys(w.st, w.LastFields()) == std::set<std::string>{"status", "staff_note"});

  // The same values again: nothing written.
  r = FollowUpContactRequest(w.st, kA, f, now + 2000);
  CHECK(w.Outbox() == 2);

  // Refused, nothing written: an unknown status, "assigned" with nobody, a
  // deleted member, an unknown request.
  f = ContactRequestFollowUp();
  f.status = "lost";
  CHECK_THROWS_AS(FollowUpContactRequest(w.st, kA, f, now), ValidationError);
  f = ContactRequestFollowUp();
  f.assignee_member_id = "";
  f.status = "assigned";
  CHECK_THROWS_AS(FollowUpContactRequest(w.st, kA, f, now), ValidationError);
  f = ContactRequestFollowUp();
  f.assignee_member_id = w.gone.id;
  CHECK_THROWS_AS(FollowUpContactRequest(w.st, kA, f, now), ValidationError);
  CHECK_THROWS_AS(FollowUpContactRequest(w.st, kB, ContactRequestFollowUp(), now), RowNotFound);
  CHECK(w.Outbox() == 2);
  CHECK(Get<ContactRequest>(w.st, kA)->assignee_member_id == std::optional<std::string>(w.paul.id));

  // Unassigning an "assigned" request puts it back to "new".
  f = ContactRequestFollowUp();
  f.status = "assigned";
  FollowUpContactRequest(w.st, kA, f, now);
  f = ContactRequestFollowUp();
  f.assignee_member_id = "";
  r = FollowUpContactRequest(w.st, kA, f, now);
  CHECK(r.status == "new");
  CHECK_FALSE(r.assignee_member_id);
  CHECK_FALSE(r.assigned_at);
}

TEST_CASE("contact requests: sent to another office, they start over there", "[contact_requests]") {
  RequestWorld w;
  w.Pulled(kA, w.loiret, "Atelier A", 1000);
  ContactRequestFollowUp f;
  f.assignee_member_id = w.sophie.id;
  FollowUpContactRequest(w.st, kA, f, 5);
  f = ContactRequestFollowUp();
  f.office_id = w.touraine.id;
  f.staff_note = "Entreprise installée à Tours en fait.";
  ContactRequest r = FollowUpContactRequest(w.st, kA, f, 6);
  CHECK(r.office_id == w.touraine.id);
  CHECK(r.status == "new");
  CHECK_FALSE(r.assignee_member_id);
  CHECK(Keys(w.st, w.LastFields()) ==
        std::set<std::string>{"office_id", "status", "assignee_member_id", "assigned_at", "staff_note"});
  CHECK(ListContactRequests(w.st, w.loiret.id).empty());
  f = ContactRequestFollowUp();
  f.office_id = "ffffffffffffffffffffffffffffffff";
  CHECK_THROWS_AS(FollowUpContactRequest(w.st, kA, f, 7), ValidationError);
}
