// french_data.h — the raw material of the demo dataset: real communes of
// Centre–Val de Loire (INSEE codes), the network's offices and organisations,
// French names, NAF activity codes and the expertise taxonomy.
//
// The people and companies made from these are fictional; the places, the
// codes and the kinds of organisation are real.
#pragma once
#include <string>
#include <vector>

namespace relais::demo {

struct Commune {
  const char* name;
  const char* insee;     // INSEE code (COG), "45234"
  const char* postcode;  // main postcode
  int weight;            // rough economic weight, for drawing companies
};
// About 150 communes of Cher (18), Eure-et-Loir (28), Indre (36),
// Indre-et-Loire (37), Loir-et-Cher (41) and Loiret (45).
const std::vector<Commune>& Communes();
const Commune* FindCommune(const std::string& insee);

// The six local offices of the network, one per department.
struct OfficeSpec {
  const char* name;
  const char* address;
  const char* insee;
  const char* department;  // "45"
  const char* phone;
  const char* email;
};
const std::vector<OfficeSpec>& OfficeSpecs();

// Member organisations. department "" for a regional one (its members work
// from every office). members: how many of the network's 350 members.
struct OrganisationSpec {
  const char* name;
  const char* kind;  // "cci", "cma", "agence", "finance", "ip", "export", "innovation", ...
  const char* department;
  const char* domain;  // e-mail domain (reserved .example TLD: no real mailbox)
  int members;
};
const std::vector<OrganisationSpec>& OrganisationSpecs();

struct NafCode {
  const char* code;    // "10.71C"
  const char* label;   // "Boulangerie et boulangerie-pâtisserie"
  const char* sector;  // key into the company name patterns
};
const std::vector<NafCode>& NafCodes();

const std::vector<std::string>& FemaleFirstNames();
const std::vector<std::string>& MaleFirstNames();
const std::vector<std::string>& LastNames();

// The network's expertise taxonomy (member skills, note topics).
const std::vector<std::string>& ExpertiseTags();
// Services delivered to companies, as recorded on case notes.
const std::vector<std::string>& ServiceTags();

// "Élodie Lefèvre-Giraud" -> "elodie.lefevre-giraud": lower-case ASCII for
// e-mail addresses.
std::string EmailLocalPart(const std::string& first, const std::string& last);

}  // namespace relais::demo
