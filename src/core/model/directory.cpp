// directory.cpp — see directory.h.
#include "core/model/directory.h"

#include <algorithm>
#include <unordered_set>

#include "core/model/french_codes.h"
#include "core/search/search.h"

namespace relais {

void BeforeWrite(Office& o) {
  Require(!o.name.empty(), "name", "an office needs a name");
  Require(o.postcode.empty() || IsValidPostcode(o.postcode), "postcode", "not a French postcode: " + o.postcode);
  Require(!o.commune_insee || IsValidInseeCode(*o.commune_insee), "commune_insee",
          "not an INSEE commune code: " + o.commune_insee.value_or(""));
}

void BeforeWrite(Organisation& o) {
  Require(!o.name.empty(), "name", "an organisation needs a name");
  if (o.siren) {
    o.siren = StripNumberSeparators(*o.siren);
    if (o.siren->empty()) o.siren.reset();
  }
  Require(!o.siren || IsValidSiren(*o.siren), "siren", "not a valid SIREN: " + o.siren.value_or(""));
}

void BeforeWrite(Member& m) {
  Require(!m.first_name.empty() || !m.last_name.empty(), "last_name", "a member needs a name");
  for (const std::string& c : m.communes) Require(IsValidInseeCode(c), "communes", "not an INSEE commune code: " + c);
}

void BeforeWrite(Signature& s) {
  Require(IsValidIsoDate(s.signed_on), "signed_on", "not a date (YYYY-MM-DD): " + s.signed_on);
  Require(!s.signer_name.empty(), "signer_name", "who signed?");
}

SignatureStatus GetSignatureStatus(Store& st, std::string_view member_id) {
  SignatureStatus status;
  for (const Signature& s : ListSignatures(st, member_id)) {
    bool self = s.signer == "member";
    if (s.kind == "convention") (self ? status.convention_member : status.convention_hierarchy) = true;
    if (s.kind == "code_of_conduct") (self ? status.code_member : status.code_hierarchy) = true;
  }
  return status;
}

std::vector<Member> ListMembersOfOrganisation(Store& st, std::string_view organisation_id) {
  return List<Member>(st, "organisation_id = ?", organisation_id);
}

std::vector<Member> ListMembersOfOffice(Store& st, std::string_view office_id) {
  return List<Member>(st, "office_id = ?", office_id);
}

std::vector<Member> ListMembersWithExpertise(Store& st, std::string_view tag) {
  return List<Member>(st, "EXISTS (SELECT 1 FROM json_each(members.expertise) WHERE value = ?)", tag);
}

std::vector<Signature> ListSignatures(Store& st, std::string_view member_id) {
  return List<Signature>(st, "member_id = ?", member_id);
}

std::vector<std::string> QueryMemberIds(Store& st, const MemberQuery& q) {
  std::vector<std::string> ranked;  // search order, when there is text
  bool has_text = q.text.find_first_not_of(" \t") != std::string::npos;
  if (has_text) {
    search::SearchOptions so;
    so.scope = search::SearchScope::Only(search::SearchKind::Member);
    so.limit = search::kMaxLimit;
    for (search::SearchHit& h : search::Search(st.db, q.text, so)) ranked.push_back(std::move(h.id));
    if (ranked.empty()) return {};
  }
  std::string sql = "SELECT m.id FROM members AS m WHERE m.deleted_hlc IS NULL AND m.active = 1";
  std::vector<std::string> args;
  if (has_text) {
    sql += " AND m.id IN (";
    for (size_t i = 0; i < ranked.size(); i++) {
      sql += i ? ",?" : "?";
      args.push_back(ranked[i]);
    }
    sql += ")";
  }
  auto in_list = [&](const char* column, const std::string& value) {
    if (value.empty()) return;
    sql += std::string(" AND EXISTS (SELECT 1 FROM json_each(m.") + column + ") WHERE value = ?)";
    args.push_back(value);
  };
  in_list("expertise", q.expertise);
  in_list("languages", q.language);
  if (!q.office_id.empty()) {
    sql += " AND m.office_id = ?";
    args.push_back(q.office_id);
  }
  if (!q.organisation_id.empty()) {
    sql += " AND m.organisation_id = ?";
    args.push_back(q.organisation_id);
  }
  sql += " ORDER BY m.last_name, m.first_name";
  Stmt s = st.db.Prepare(sql);
  for (size_t i = 0; i < args.size(); i++) s.BindText(static_cast<int>(i) + 1, args[i]);
  std::vector<std::string> ids;
  while (s.Step()) ids.push_back(s.Text(0));
  if (has_text) {  // the search's ranking, among the ids the filters kept
    std::unordered_set<std::string> kept(ids.begin(), ids.end());
    ranked.erase(std::remove_if(ranked.begin(), ranked.end(), [&](const std::string& id) { return !kept.count(id); }),
                 ranked.end());
    return ranked;
  }
  return ids;
}

static std::vector<std::string> DistinctListValues(Store& st, const char* column) {
  Stmt s = st.db.Prepare(std::string("SELECT DISTINCT j.value FROM members AS m, json_each(m.") + column +
                         ") AS j WHERE m.deleted_hlc IS NULL AND m.active = 1 AND j.value <> '' ORDER BY j.value");
  std::vector<std::string> out;
  while (s.Step()) out.push_back(s.Text(0));
  return out;
}

std::vector<std::string> ListExpertiseTags(Store& st) { return DistinctListValues(st, "expertise"); }
std::vector<std::string> ListMemberLanguages(Store& st) { return DistinctListValues(st, "languages"); }

}  // namespace relais
