// directory.cpp — see directory.h.
#include "core/model/directory.h"

#include "core/model/french_codes.h"

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

}  // namespace relais
