// network.cpp — see network.h.
#include "core/model/network.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/model/french_codes.h"
#include "core/paris_time.h"
#include "core/search/fold.h"

namespace relais {

namespace {

std::string Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(ws);
  return std::string(s.substr(b, e - b + 1));
}

void TrimAll(std::initializer_list<std::string*> fields) {
  for (std::string* f : fields) *f = Trim(*f);
}

void RequireEmail(const std::string& email, const char* field) {
  Require(email.empty() || LooksLikeEmail(email), field, "not an email address: " + email);
}

bool LiveRow(Store& st, const char* table, const std::string& id) {
  return st.db.QueryInt(std::string("SELECT 1 FROM ") + table + " WHERE id = ? AND deleted_hlc IS NULL", id)
      .has_value();
}

template <class T>
void InsertOrUpdate(Store& st, T& row) {
  if (row.id.empty())
    Insert(st, row);
  else
    Update(st, row);
}

template <class T>
bool SetActive(Store& st, const std::string& id, bool active) {
  std::optional<T> row = Get<T>(st, id);
  if (!row || row->deleted() || row->active == active) return false;
  row->active = active;
  return Update(st, *row) > 0;
}

std::vector<std::pair<std::string, std::string>> Choices(Store& st, const char* table, const char* name_sql,
                                                         const char* order, const std::string& keep_id) {
  std::vector<std::pair<std::string, std::string>> out;
  Stmt s = st.db.Prepare(std::string("SELECT id, ") + name_sql + " FROM " + table +
                         " WHERE deleted_hlc IS NULL AND (active = 1 OR id = ?) ORDER BY " + order + ", id");
  s.BindText(1, keep_id);
  while (s.Step()) out.emplace_back(s.Text(0), s.Text(1));
  return out;
}

// member id -> which of the four signatures exist (live rows).
std::map<std::string, SignatureStatus> AllSignatureStatuses(Store& st) {
  std::map<std::string, SignatureStatus> out;
  Stmt s = st.db.Prepare("SELECT member_id, kind, signer FROM signatures WHERE deleted_hlc IS NULL");
  while (s.Step()) {
    SignatureStatus& status = out[s.Text(0)];
    const bool self = s.Text(2) == "member";
    if (s.Text(1) == "convention") (self ? status.convention_member : status.convention_hierarchy) = true;
    if (s.Text(1) == "code_of_conduct") (self ? status.code_member : status.code_hierarchy) = true;
  }
  return out;
}

std::map<std::string, std::string> Names(Store& st, const char* table) {
  std::map<std::string, std::string> out;
  Stmt s = st.db.Prepare(std::string("SELECT id, name FROM ") + table);  // inactive and deleted ones too
  while (s.Step()) out[s.Text(0)] = s.Text(1);
  return out;
}

std::string FullName(const Member& m) { return Trim(m.first_name + " " + m.last_name); }

}  // namespace

bool HasSlot(const SignatureStatus& s, SignatureSlot slot) {
  switch (slot) {
    case SignatureSlot::ConventionMember:
      return s.convention_member;
    case SignatureSlot::ConventionHierarchy:
      return s.convention_hierarchy;
    case SignatureSlot::CodeMember:
      return s.code_member;
    case SignatureSlot::CodeHierarchy:
      return s.code_hierarchy;
  }
  return false;
}

std::vector<SignatureSlot> MissingSlots(const SignatureStatus& s) {
  std::vector<SignatureSlot> out;
  for (SignatureSlot slot : kSignatureSlots)
    if (!HasSlot(s, slot)) out.push_back(slot);
  return out;
}

const char* SlotKind(SignatureSlot slot) {
  return slot == SignatureSlot::ConventionMember || slot == SignatureSlot::ConventionHierarchy ? "convention"
                                                                                               : "code_of_conduct";
}

const char* SlotSigner(SignatureSlot slot) {
  return slot == SignatureSlot::ConventionMember || slot == SignatureSlot::CodeMember ? "member" : "hierarchy";
}

const std::vector<std::string>& OrganisationKinds() {
  static const std::vector<std::string> kKinds = {
      "agence_regionale", "agence",       "cci",  "cma",       "finance",          "ip",  "export",
      "agriculture",      "collectivite", "pole", "recherche", "centre_technique", "ess", "autre"};
  return kKinds;
}

const std::vector<std::string>& MemberRoles() {
  static const std::vector<std::string> kRoles = {"advisor", "manager", "network_staff", "legal_expert"};
  return kRoles;
}

bool LooksLikeEmail(std::string_view email) {
  const size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : email)
    if (static_cast<unsigned char>(c) <= ' ' || c == ',' || c == ';' || c == '<' || c == '>') return false;
  const std::string_view domain = email.substr(at + 1);
  const size_t dot = domain.rfind('.');
  // A dotted domain with a top-level part of two letters or more ("b.fr").
  return dot != std::string_view::npos && dot > 0 && domain.size() - dot - 1 >= 2 && domain.front() != '.' &&
         domain.find("..") == std::string_view::npos;
}

bool IsDepartmentCode(std::string_view code) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (code == "2A" || code == "2B") return true;
  if (code.size() == 2) return digit(code[0]) && digit(code[1]) && code != "00" && code != "20";
  if (code.size() == 3) return code[0] == '9' && code[1] == '7' && code[2] >= '1' && code[2] <= '6';
  return false;
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    std::string item = Trim(text.substr(start, end - start));
    if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end()) out.push_back(std::move(item));
    start = end + 1;
  }
  return out;
}

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

void SaveMember(Store& st, Member& m) {
  TrimAll({&m.first_name, &m.last_name, &m.organisation_id, &m.job_title, &m.email, &m.phone, &m.summary});
  if (m.office_id) {
    *m.office_id = Trim(*m.office_id);
    if (m.office_id->empty()) m.office_id.reset();
  }
  Require(!m.last_name.empty(), "last_name", "a member needs a last name");
  Require(!m.first_name.empty(), "first_name", "a member needs a first name");
  Require(!m.organisation_id.empty() && LiveRow(st, "organisations", m.organisation_id), "organisation_id",
          "a member belongs to an organisation");
  Require(!m.office_id || LiveRow(st, "offices", *m.office_id), "office_id", "no such office");
  Require(std::find(MemberRoles().begin(), MemberRoles().end(), m.role) != MemberRoles().end(), "role",
          "unknown role " + m.role);
  RequireEmail(m.email, "email");
  for (std::string& l : m.languages) {
    std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return (char)std::tolower(c); });
    Require(l.size() == 2 && std::all_of(l.begin(), l.end(), [](char c) { return c >= 'a' && c <= 'z'; }), "languages",
            "not a two-letter language code: " + l);
  }
  for (const std::string& c : m.communes) Require(IsValidInseeCode(c), "communes", "not an INSEE commune code: " + c);
  InsertOrUpdate(st, m);
}

void SaveOrganisation(Store& st, Organisation& o) {
  TrimAll({&o.name, &o.kind, &o.website, &o.email, &o.phone});
  Require(!o.name.empty(), "name", "an organisation needs a name");
  RequireEmail(o.email, "email");
  InsertOrUpdate(st, o);  // BeforeWrite checks the SIREN (Luhn)
}

void SaveOffice(Store& st, Office& o) {
  TrimAll({&o.name, &o.address, &o.postcode, &o.commune_name, &o.phone, &o.email});
  Require(!o.name.empty(), "name", "an office needs a name");
  Require(o.postcode.empty() || IsValidPostcode(o.postcode), "postcode", "not a French postcode: " + o.postcode);
  for (std::string& d : o.departments) {
    std::transform(d.begin(), d.end(), d.begin(), [](unsigned char c) { return (char)std::toupper(c); });
    Require(IsDepartmentCode(d), "departments", "not a department code: " + d);
  }
  RequireEmail(o.email, "email");
  InsertOrUpdate(st, o);
}

bool SetMemberActive(Store& st, const std::string& id, bool active) { return SetActive<Member>(st, id, active); }
bool SetOrganisationActive(Store& st, const std::string& id, bool active, int* members) {
  Tx tx(st.db);
  if (!SetActive<Organisation>(st, id, active)) return false;
  int n = 0;
  if (!active) {
    std::vector<std::string> ids;
    Stmt s = st.db.Prepare("SELECT id FROM members WHERE organisation_id = ? AND deleted_hlc IS NULL AND active = 1");
    s.BindText(1, id);
    while (s.Step()) ids.push_back(s.Text(0));
    for (const std::string& m : ids) n += SetActive<Member>(st, m, false);
  }
  tx.Commit();
  if (members) *members = n;
  return true;
}

int ActiveMemberCount(Store& st, const std::string& organisation_id) {
  return static_cast<int>(
      st.db.QueryInt("SELECT count(*) FROM members WHERE organisation_id = ? AND deleted_hlc IS NULL AND active = 1",
                     organisation_id)
          .value_or(0));
}
bool SetOfficeActive(Store& st, const std::string& id, bool active) { return SetActive<Office>(st, id, active); }

void RecordSignature(Store& st, Signature& s) {
  TrimAll({&s.signer_name, &s.signer_title, &s.document_version});
  Require(LiveRow(st, "members", s.member_id), "member_id", "no such member");
  Require(s.kind == "convention" || s.kind == "code_of_conduct", "kind", "unknown document " + s.kind);
  Require(s.signer == "member" || s.signer == "hierarchy", "signer", "unknown signer " + s.signer);
  Require(!s.signer_name.empty(), "signer_name", "who signed?");
  Require(IsValidIsoDate(s.signed_on), "signed_on", "not a date: " + s.signed_on);
  Require(s.signed_on <= ParisIsoDate(st.now_ms()), "signed_on", "a signature cannot be dated in the future");
  Insert(st, s);
}

std::vector<NetworkMemberLine> ListNetworkMembers(Store& st, const NetworkMemberFilter& f) {
  const std::map<std::string, std::string> orgs = Names(st, "organisations"), offices = Names(st, "offices");
  std::map<std::string, SignatureStatus> statuses = AllSignatureStatuses(st);
  const std::string needle = search::FoldWords(f.text);
  std::vector<NetworkMemberLine> out;
  for (Member& m : List<Member>(st)) {
    if (f.active >= 0 && m.active != (f.active == 1)) continue;
    if (!f.office_id.empty() && m.office_id.value_or("") != f.office_id) continue;
    NetworkMemberLine l;
    auto org = orgs.find(m.organisation_id);
    if (org != orgs.end()) l.organisation_name = org->second;
    auto office = offices.find(m.office_id.value_or(""));
    if (office != offices.end()) l.office_name = office->second;
    if (!needle.empty()) {
      const std::string hay = search::FoldWords(FullName(m) + " " + l.organisation_name + " " + l.office_name + " " +
                                                m.job_title + " " + m.email);
      if (hay.find(needle) == std::string::npos) continue;
    }
    l.signatures = statuses[m.id];
    l.member = std::move(m);
    out.push_back(std::move(l));
  }
  return out;
}

std::vector<NotSignedLine> ListNotSigned(Store& st, const std::string& office_id) {
  NetworkMemberFilter f;
  f.office_id = office_id;
  std::vector<NotSignedLine> out;
  for (NetworkMemberLine& l : ListNetworkMembers(st, f)) {
    if (l.signatures.complete()) continue;
    NotSignedLine n;
    n.member_id = l.member.id;
    n.name = FullName(l.member);
    n.organisation_name = l.organisation_name;
    n.office_id = l.member.office_id.value_or("");
    n.office_name = l.office_name;
    n.missing = MissingSlots(l.signatures);
    out.push_back(std::move(n));
  }
  // Grouped by office (none last); ListNetworkMembers already sorted by name.
  std::stable_sort(out.begin(), out.end(), [](const NotSignedLine& a, const NotSignedLine& b) {
    if (a.office_name.empty() != b.office_name.empty()) return b.office_name.empty();
    return a.office_name < b.office_name;
  });
  return out;
}

reports::Table NotSignedTable(const std::vector<NotSignedLine>& lines) {
  using reports::Cell;
  reports::Table t;
  t.title = "Signatures manquantes";
  t.columns = {"Antenne",
               "Membre",
               "Organisation",
               "Convention (membre)",
               "Convention (hiérarchie)",
               "Charte (membre)",
               "Charte (hiérarchie)"};
  for (const NotSignedLine& l : lines) {
    std::vector<Cell> row = {Cell::Txt(l.office_name), Cell::Txt(l.name), Cell::Txt(l.organisation_name)};
    for (SignatureSlot slot : kSignatureSlots) {
      const bool missing = std::find(l.missing.begin(), l.missing.end(), slot) != l.missing.end();
      row.push_back(Cell::Txt(missing ? "manquante" : "signée"));
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::vector<std::pair<std::string, std::string>> ActiveOrganisationChoices(Store& st, const std::string& keep_id) {
  return Choices(st, "organisations", "name", "name", keep_id);
}

std::vector<std::pair<std::string, std::string>> ActiveOfficeChoices(Store& st, const std::string& keep_id) {
  return Choices(st, "offices", "name", "name", keep_id);
}

}  // namespace relais
