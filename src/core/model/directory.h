// directory.h — the network itself: offices, member organisations, members
// (advisors and staff) and their convention / code-of-conduct signatures.
#pragma once
#include <string>
#include <vector>

#include "core/model/repo.h"

namespace relais {

// One of the network's local offices; departments is the territory it covers
// (department codes, "45", "2A"), used to route an SME to its office.
struct Office : Row {
  static constexpr const char* kTable = "offices";
  static constexpr const char* kOrder = "name";
  std::string name;
  std::string address;
  std::string postcode;
  std::optional<std::string> commune_insee;
  std::string commune_name;
  std::vector<std::string> departments;
  std::string phone;
  std::string email;
  bool active = true;  // false: deactivated by the staff, kept for the rows that name it

  template <class S, class V>
  static void Visit(S& s, V&& v) {
    v("name", s.name);
    v("address", s.address);
    v("postcode", s.postcode);
    v("commune_insee", s.commune_insee);
    v("commune_name", s.commune_name);
    v("departments", s.departments);
    v("phone", s.phone);
    v("email", s.email);
    v("active", s.active);
  }
};
void BeforeWrite(Office& o);

// A member organisation: chamber of commerce, development agency, ...
struct Organisation : Row {
  static constexpr const char* kTable = "organisations";
  static constexpr const char* kOrder = "name";
  std::string name;
  std::string kind;  // "cci", "cma", "agency", ...: a list curated by the network staff
  std::optional<std::string> siren;
  std::string website;
  std::string email;
  std::string phone;
  bool active = true;

  template <class S, class V>
  static void Visit(S& s, V&& v) {
    v("name", s.name);
    v("kind", s.kind);
    v("siren", s.siren);
    v("website", s.website);
    v("email", s.email);
    v("phone", s.phone);
    v("active", s.active);
  }
};
void BeforeWrite(Organisation& o);

// A person of the network. role is one of "advisor", "manager",
// "network_staff", "legal_expert" (CHECK in the schema). expertise holds tags
// ("innovation", "export", ...), languages ISO 639-1 codes, communes the INSEE
// codes of the territory the member covers.
struct Member : Row {
  static constexpr const char* kTable = "members";
  static constexpr const char* kOrder = "last_name, first_name";
  std::string first_name;
  std::string last_name;
  std::string organisation_id;
  std::optional<std::string> office_id;
  std::string job_title;
  std::string role = "advisor";
  std::string email;
  std::string phone;
  std::vector<std::string> expertise;
  std::vector<std::string> languages;
  std::vector<std::string> communes;
  std::string summary;  // free text for the skills search
  bool active = true;    // false: left the network; kept on their notes and referrals

  template <class S, class V>
  static void Visit(S& s, V&& v) {
    v("first_name", s.first_name);
    v("last_name", s.last_name);
    v("organisation_id", s.organisation_id);
    v("office_id", s.office_id);
    v("job_title", s.job_title);
    v("role", s.role);
    v("email", s.email);
    v("phone", s.phone);
    v("expertise", s.expertise);
    v("languages", s.languages);
    v("communes", s.communes);
    v("summary", s.summary);
    v("active", s.active);
  }
};
void BeforeWrite(Member& m);

// A signature of the network's convention or code of conduct, by the member
// ("member") or by their hierarchy ("hierarchy") on their behalf.
struct Signature : Row {
  static constexpr const char* kTable = "signatures";
  static constexpr const char* kOrder = "signed_on, kind";
  std::string member_id;
  std::string kind;    // "convention" | "code_of_conduct"
  std::string signer;  // "member" | "hierarchy"
  std::string signer_name;
  std::string signer_title;
  std::string signed_on;  // YYYY-MM-DD
  std::string document_version;

  template <class S, class V>
  static void Visit(S& s, V&& v) {
    v("member_id", s.member_id);
    v("kind", s.kind);
    v("signer", s.signer);
    v("signer_name", s.signer_name);
    v("signer_title", s.signer_title);
    v("signed_on", s.signed_on);
    v("document_version", s.document_version);
  }
};
void BeforeWrite(Signature& s);

// Has each of the two documents been signed by the member and by their hierarchy?
struct SignatureStatus {
  bool convention_member = false;
  bool convention_hierarchy = false;
  bool code_member = false;
  bool code_hierarchy = false;
  bool complete() const { return convention_member && convention_hierarchy && code_member && code_hierarchy; }
};
SignatureStatus GetSignatureStatus(Store& st, std::string_view member_id);

std::vector<Member> ListMembersOfOrganisation(Store& st, std::string_view organisation_id);
std::vector<Member> ListMembersOfOffice(Store& st, std::string_view office_id);
std::vector<Member> ListMembersWithExpertise(Store& st, std::string_view tag);
std::vector<Signature> ListSignatures(Store& st, std::string_view member_id);

// The skills search of the directory (active members only): free text (name, expertise, languages,
// organisation, office, job title, summary: the full-text index, ranked) and
// exact filters; empty parts do not filter. Without text, by name.
struct MemberQuery {
  std::string text;
  std::string expertise;  // one tag
  std::string office_id;
  std::string organisation_id;
  std::string language;  // ISO 639-1
  bool operator==(const MemberQuery& o) const {
    return text == o.text && expertise == o.expertise && office_id == o.office_id &&
           organisation_id == o.organisation_id && language == o.language;
  }
};
std::vector<std::string> QueryMemberIds(Store& st, const MemberQuery& q);
// The values the filters offer: every tag (language) some active member has, sorted.
std::vector<std::string> ListExpertiseTags(Store& st);
std::vector<std::string> ListMemberLanguages(Store& st);

}  // namespace relais
