// Network management (core/model/network.h): members, organisations and
// offices created, edited and deactivated through the outbox; refused input
// changes nothing; signatures and the exact list of who has not signed; a
// deactivated member leaves the directory search, the hotline's experts and
// the contact-request assignees, and names stay readable.
#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>

#include "core/model/contact_request.h"
#include "core/model/directory.h"
#include "core/model/hotline.h"
#include "core/model/network.h"
#include "core/model/store.h"
#include "core/search/search.h"

using namespace relais;

namespace {

const int64_t kT0 = 1795780800000;  // 2026-11-27 12:00 UTC

int Outbox(Store& st) { return (int)st.db.QueryInt("SELECT count(*) FROM outbox").value_or(-1); }
int64_t Rows(Store& st, const char* table) {
  return st.db.QueryInt(std::string("SELECT count(*) FROM ") + table).value_or(-1);
}

struct Net {
  std::shared_ptr<int64_t> now = std::make_shared<int64_t>(kT0);
  Store st;
  Office loiret, touraine;
  Organisation cci, bpi;
  Member claire, marc, paul, nora;

  Net() {
    StoreOptions o;
    o.now_ms = [n = now] { return (*n)++; };
    st = OpenStore(":memory:", o);
    loiret.name = "Antenne du Loiret";
    loiret.departments = {"45"};
    SaveOffice(st, loiret);
    touraine.name = "Antenne de Touraine";
    touraine.departments = {"37"};
    SaveOffice(st, touraine);
    cci.name = "CCI Centre";
    cci.kind = "cci";
    SaveOrganisation(st, cci);
    bpi.name = "Bpifrance Centre";
    SaveOrganisation(st, bpi);
    claire = Make("Claire", "Martin", cci, &loiret, "advisor");
    marc = Make("Marc", "Petit", bpi, &touraine, "advisor");
    paul = Make("Paul", "Bernard", cci, &loiret, "manager");
    nora = Make("Nora", "Haddad", bpi, nullptr, "legal_expert");
  }
  Member Make(const char* first, const char* last, const Organisation& org, const Office* office, const char* role) {
    Member m;
    m.first_name = first;
    m.last_name = last;
    m.organisation_id = org.id;
    if (office) m.office_id = office->id;
    m.role = role;
    m.expertise = {"export"};
    SaveMember(st, m);
    return m;
  }
  void Sign(const Member& m, const char* kind, const char* signer, const char* on = "2026-03-12") {
    Signature s;
    s.member_id = m.id;
    s.kind = kind;
    s.signer = signer;
    s.signer_name = signer == std::string("member") ? m.first_name + " " + m.last_name : "Direction";
    s.signed_on = on;
    RecordSignature(st, s);
  }
};

}  // namespace

TEST_CASE("network: create and edit go through the outbox, trimmed", "[network]") {
  Net n;
  const int before = Outbox(n.st);
  Member m;
  m.first_name = "  Léa ";
  m.last_name = "Roux";
  m.organisation_id = n.cci.id;
  m.office_id = n.loiret.id;
  m.email = " lea.roux@cci-centre.fr ";
  m.languages = {"FR", "en"};
  SaveMember(n.st, m);
  CHECK(Outbox(n.st) == before + 1);
  std::optional<Member> stored = Get<Member>(n.st, m.id);
  REQUIRE(stored);
  CHECK(stored->first_name == "Léa");
  CHECK(stored->email == "lea.roux@cci-centre.fr");
  CHECK(stored->languages == std::vector<std::string>{"fr", "en"});
  CHECK(stored->active);

  m.job_title = "Conseillère export";
  SaveMember(n.st, m);
  CHECK(Outbox(n.st) == before + 2);
  CHECK(Get<Member>(n.st, m.id)->job_title == "Conseillère export");

  Organisation o;
  o.name = "Agence Loire";
  o.siren = "732 829 320";  // a real Luhn-valid SIREN, spaces as people type it
  SaveOrganisation(n.st, o);
  CHECK(Get<Organisation>(n.st, o.id)->siren == std::optional<std::string>("732829320"));

  Office f;
  f.name = "Antenne du Cher";
  f.postcode = "18000";
  f.departments = {"18", "2a"};
  SaveOffice(n.st, f);
  CHECK(Get<Office>(n.st, f.id)->departments == std::vector<std::string>{"18", "2A"});
}

TEST_CASE("network: refused input writes nothing and names the field", "[network]") {
  Net n;
  const int outbox = Outbox(n.st);
  const int64_t members = Rows(n.st, "members");
  auto field_of = [&](Member m) {
    try {
      SaveMember(n.st, m);
    } catch (const ValidationError& e) {
      return e.field;
    }
    return std::string("saved");
  };
  Member ok;
  ok.first_name = "Léa";
  ok.last_name = "Roux";
  ok.organisation_id = n.cci.id;
  Member m = ok;
  m.last_name = "  ";
  CHECK(field_of(m) == "last_name");
  m = ok;
  m.first_name = "";
  CHECK(field_of(m) == "first_name");
  m = ok;
  m.organisation_id = "";
  CHECK(field_of(m) == "organisation_id");
  m = ok;
  m.organisation_id = "0123456789abcdef0123456789abcdef";
  CHECK(field_of(m) == "organisation_id");
  m = ok;
  m.email = "lea.roux@cci";
  CHECK(field_of(m) == "email");
  m.email = "lea roux@cci.fr";
  CHECK(field_of(m) == "email");
  m = ok;
  m.languages = {"french"};
  CHECK(field_of(m) == "languages");
  m = ok;
  m.communes = {"4523"};
  CHECK(field_of(m) == "communes");
  CHECK(Outbox(n.st) == outbox);
  CHECK(Rows(n.st, "members") == members);

  // An edit refused leaves the stored row as it was.
  Member edit = n.claire;
  edit.email = "not-an-email";
  edit.job_title = "Directrice";
  CHECK(field_of(edit) == "email");
  CHECK(Get<Member>(n.st, n.claire.id)->job_title.empty());

  Organisation o;
  o.name = "Agence";
  o.siren = "732829321";  // Luhn check fails
  CHECK_THROWS_AS(SaveOrganisation(n.st, o), ValidationError);
  o.siren.reset();
  o.name = " ";
  CHECK_THROWS_AS(SaveOrganisation(n.st, o), ValidationError);
  Office f;
  f.name = "Antenne";
  f.departments = {"450"};
  CHECK_THROWS_AS(SaveOffice(n.st, f), ValidationError);
  f.departments = {"45"};
  f.postcode = "4500";
  CHECK_THROWS_AS(SaveOffice(n.st, f), ValidationError);

  Signature s;
  s.member_id = n.claire.id;
  s.kind = "convention";
  s.signer = "member";
  s.signer_name = "Claire Martin";
  s.signed_on = "2026-11-28";  // tomorrow
  CHECK_THROWS_AS(RecordSignature(n.st, s), ValidationError);
  s.signed_on = "2026-02-30";
  CHECK_THROWS_AS(RecordSignature(n.st, s), ValidationError);
  s.signed_on = "2026-11-27";
  s.signer_name = " ";
  CHECK_THROWS_AS(RecordSignature(n.st, s), ValidationError);
  s.signer_name = "Claire Martin";
  s.member_id = "0123456789abcdef0123456789abcdef";
  CHECK_THROWS_AS(RecordSignature(n.st, s), ValidationError);
  CHECK(Outbox(n.st) == outbox);
  CHECK(Rows(n.st, "signatures") == 0);
}

TEST_CASE("network: the not-signed list is exactly who misses what", "[network]") {
  Net n;
  // Claire: everything. Marc: the convention by both, the charter by himself.
  // Paul: nothing. Nora (no office): everything but deactivated later.
  for (const char* kind : {"convention", "code_of_conduct"})
    for (const char* signer : {"member", "hierarchy"}) n.Sign(n.claire, kind, signer);
  n.Sign(n.marc, "convention", "member");
  n.Sign(n.marc, "convention", "hierarchy");
  n.Sign(n.marc, "code_of_conduct", "member");
  n.Sign(n.nora, "convention", "member");

  CHECK(GetSignatureStatus(n.st, n.claire.id).complete());
  std::vector<NotSignedLine> lines = ListNotSigned(n.st);
  REQUIRE(lines.size() == 3);
  // By office name ("Antenne de Touraine" < "Antenne du Loiret"), no office last.
  CHECK(lines[0].name == "Marc Petit");
  CHECK(lines[0].office_name == "Antenne de Touraine");
  CHECK(lines[0].missing == std::vector<SignatureSlot>{SignatureSlot::CodeHierarchy});
  CHECK(lines[1].name == "Paul Bernard");
  CHECK(lines[1].office_name == "Antenne du Loiret");
  CHECK(lines[1].missing.size() == 4);
  CHECK(lines[2].name == "Nora Haddad");
  CHECK(lines[2].office_name.empty());
  CHECK(lines[2].missing == std::vector<SignatureSlot>{SignatureSlot::ConventionHierarchy, SignatureSlot::CodeMember,
                                                       SignatureSlot::CodeHierarchy});

  // One office only.
  std::vector<NotSignedLine> touraine = ListNotSigned(n.st, n.touraine.id);
  REQUIRE(touraine.size() == 1);
  CHECK(touraine[0].member_id == n.marc.id);

  // Marc's last signature takes him off; a deactivated member is not chased.
  n.Sign(n.marc, "code_of_conduct", "hierarchy");
  REQUIRE(SetMemberActive(n.st, n.nora.id, false));
  lines = ListNotSigned(n.st);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].member_id == n.paul.id);

  // The export: French headers, one row per member, each slot said.
  reports::Table t = NotSignedTable(lines);
  CHECK(
      reports::ToCsv(t) ==
      "\xEF\xBB\xBF"
      "Antenne;Membre;Organisation;Convention (membre);Convention (hiérarchie);Charte (membre);Charte (hiérarchie)\r\n"
      "Antenne du Loiret;Paul Bernard;CCI Centre;manquante;manquante;manquante;manquante\r\n");
}

TEST_CASE("network: deactivation is a synced edit, reversible, and takes effect", "[network]") {
  Net n;
  MemberQuery q;
  CHECK(QueryMemberIds(n.st, q).size() == 4);
  q.text = "Claire";
  search::UpdateSearchIndex(n.st.db);
  CHECK(QueryMemberIds(n.st, q) == std::vector<std::string>{n.claire.id});

  const int outbox = Outbox(n.st);
  REQUIRE(SetMemberActive(n.st, n.claire.id, false));
  CHECK(Outbox(n.st) == outbox + 1);
  CHECK_FALSE(SetMemberActive(n.st, n.claire.id, false));  // already: nothing queued
  CHECK(Outbox(n.st) == outbox + 1);
  CHECK(n.st.db.QueryInt("SELECT active FROM members WHERE id = ?", n.claire.id) == std::optional<int64_t>(0));

  // The directory search, with or without text, and its filter values.
  CHECK(QueryMemberIds(n.st, q).empty());
  q.text.clear();
  CHECK(QueryMemberIds(n.st, q).size() == 3);
  // The staff's list finds her among the deactivated; her row and name stay.
  NetworkMemberFilter f;
  f.active = 0;
  std::vector<NetworkMemberLine> inactive = ListNetworkMembers(n.st, f);
  REQUIRE(inactive.size() == 1);
  CHECK(inactive[0].member.id == n.claire.id);
  CHECK(Get<Member>(n.st, n.claire.id)->first_name == "Claire");
  f.active = 1;
  f.text = "touraine";  // by office name, case ignored
  REQUIRE(ListNetworkMembers(n.st, f).size() == 1);
  CHECK(ListNetworkMembers(n.st, f)[0].member.id == n.marc.id);

  // The hotline's experts.
  CHECK(ListLegalExperts(n.st).size() == 1);
  SetMemberActive(n.st, n.nora.id, false);
  CHECK(ListLegalExperts(n.st).empty());

  // Pickers: organisations and offices.
  REQUIRE(SetOfficeActive(n.st, n.touraine.id, false));
  REQUIRE(SetOrganisationActive(n.st, n.bpi.id, false));
  CHECK(ActiveOfficeChoices(n.st).size() == 1);
  CHECK(ActiveOfficeChoices(n.st, n.touraine.id).size() == 2);  // the record being edited keeps its own
  CHECK(ActiveOrganisationChoices(n.st).size() == 1);

  // Contact requests: no transfer to an inactive office, no inactive assignee.
  n.st.db.Exec(
      "INSERT INTO contact_requests (id, created_hlc, updated_hlc, office_id, commune_insee, commune_name,"
      " contact_name, email, needs, message, consent_basis, consent_date, consent_source, consent_text,"
      " submitted_at, status) VALUES ('00000000000000000000000000000c01', 1, 1, ?, '45232', 'Olivet', 'A',"
      " 'a@b.fr', '[]', 'm', 'consent', '2026-11-26', 'portal', 't', 1, 'new')",
      n.loiret.id);
  ContactRequestFollowUp to_claire;
  to_claire.assignee_member_id = n.claire.id;
  CHECK_THROWS_AS(FollowUpContactRequest(n.st, "00000000000000000000000000000c01", to_claire, kT0), ValidationError);
  ContactRequestFollowUp to_touraine;
  to_touraine.office_id = n.touraine.id;
  CHECK_THROWS_AS(FollowUpContactRequest(n.st, "00000000000000000000000000000c01", to_touraine, kT0), ValidationError);

  // Reactivated: back in the search (marc and nora left with their
  // organisation, above).
  REQUIRE(SetMemberActive(n.st, n.claire.id, true));
  std::vector<std::string> found = QueryMemberIds(n.st, q), expected = {n.claire.id, n.paul.id};
  std::sort(found.begin(), found.end());
  std::sort(expected.begin(), expected.end());
  CHECK(found == expected);
}

TEST_CASE("network: list helpers and codes", "[network]") {
  CHECK(SplitList(" export, innovation ,,export, R&D ") == std::vector<std::string>{"export", "innovation", "R&D"});
  CHECK(SplitList("").empty());
  CHECK(JoinList({"fr", "en"}) == "fr, en");
  CHECK(LooksLikeEmail("claire.martin@cci-centre.fr"));
  CHECK_FALSE(LooksLikeEmail("claire@cci"));
  CHECK_FALSE(LooksLikeEmail("@cci.fr"));
  CHECK_FALSE(LooksLikeEmail("a@b@c.fr"));
  CHECK_FALSE(LooksLikeEmail("a@b.f"));
  CHECK(IsDepartmentCode("45"));
  CHECK(IsDepartmentCode("2A"));
  CHECK(IsDepartmentCode("974"));
  CHECK_FALSE(IsDepartmentCode("20"));
  CHECK_FALSE(IsDepartmentCode("4"));
  CHECK_FALSE(IsDepartmentCode("978"));
}

TEST_CASE("network: deactivating an organisation deactivates its active members in the same write", "[network]") {
  Net n;
  REQUIRE(SetMemberActive(n.st, n.claire.id, false));  // already inactive: not counted, not queued again
  CHECK(ActiveMemberCount(n.st, n.cci.id) == 1);       // paul
  CHECK(ActiveMemberCount(n.st, n.bpi.id) == 2);       // marc, nora
  const int before = Outbox(n.st);
  int members = -1;
  REQUIRE(SetOrganisationActive(n.st, n.cci.id, false, &members));
  CHECK(members == 1);
  CHECK_FALSE(Get<Organisation>(n.st, n.cci.id)->active);
  CHECK_FALSE(Get<Member>(n.st, n.paul.id)->active);
  CHECK_FALSE(Get<Member>(n.st, n.claire.id)->active);
  CHECK(Get<Member>(n.st, n.marc.id)->active);  // another organisation's
  CHECK(ActiveMemberCount(n.st, n.cci.id) == 0);
  // The organisation and paul, one after the other in the outbox (a push
  // carries consecutive entries, and the server applies a push whole).
  CHECK(Outbox(n.st) == before + 2);
  Stmt last = n.st.db.Prepare("SELECT tbl, row_id FROM outbox ORDER BY seq DESC LIMIT 2");
  REQUIRE(last.Step());
  CHECK(last.Text(0) == "members");
  CHECK(last.Text(1) == n.paul.id);
  REQUIRE(last.Step());
  CHECK(last.Text(0) == "organisations");

  // Again: nothing to do, nothing queued.
  CHECK_FALSE(SetOrganisationActive(n.st, n.cci.id, false, &members));
  CHECK(Outbox(n.st) == before + 2);

  // Reactivated: the organisation alone; its members are staff's call, one by one.
  REQUIRE(SetOrganisationActive(n.st, n.cci.id, true, &members));
  CHECK(members == 0);
  CHECK(Get<Organisation>(n.st, n.cci.id)->active);
  CHECK_FALSE(Get<Member>(n.st, n.paul.id)->active);
  CHECK(Outbox(n.st) == before + 3);
}
