// portal_data.h — what the public orientation portal may show, and nothing
// more: the needs taxonomy, the communes it routes, and a public view of the
// network's directory (offices, organisations, service offers) read from the
// sync store. Members, companies, contacts and case notes are never read
// here, so no page can leak them.
#pragma once
#include <string>
#include <vector>

class ServerStore;

// The SME's side of the network's themes: one need gathers the service
// offers' theme tags that answer it (the data spells some themes two ways).
struct PortalNeed {
  const char* key;    // in URLs and forms: "export"
  const char* label;  // "Exporter, se développer à l'international"
  std::vector<const char*> themes;
};
const std::vector<PortalNeed>& PortalNeeds();
const PortalNeed* FindNeed(const std::string& key);
bool IsKnownNeed(const std::string& key);

// The communes of Centre–Val de Loire the network serves (core/demo's list).
struct PortalCommune {
  std::string insee, name, postcode, department;
};
const std::vector<PortalCommune>& PortalCommunes();
const PortalCommune* FindPortalCommune(const std::string& insee);
bool IsKnownCommune(const std::string& insee);
const char* DepartmentName(const std::string& code);  // "45" -> "Loiret"

// Public fields only.
struct PublicOffice {
  std::string id, name, address, postcode, commune_name, phone, email;
  std::vector<std::string> departments;
};
struct PublicOrganisation {
  std::string id, name, website, email, phone;
};
struct PublicService {
  std::string id, name, description, url, organisation_id;
  std::vector<std::string> themes, office_ids;  // office_ids empty: the whole region
};
struct PublicDirectory {
  std::vector<PublicOffice> offices;
  std::vector<PublicOrganisation> organisations;
  std::vector<PublicService> services;
  const PublicOffice* OfficeFor(const PortalCommune& c) const;  // by department; null when none
  const PublicOrganisation* Organisation(const std::string& id) const;
};
PublicDirectory LoadPublicDirectory(ServerStore& store);

// Services available at this office (its own and the region-wide ones) that
// answer at least one of the needs (every service there when needs is empty),
// local ones first, then by name.
std::vector<const PublicService*> MatchServices(const PublicDirectory& dir, const PublicOffice& office,
                                                const std::vector<std::string>& needs);
