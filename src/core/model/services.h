// services.h — the services the network's organisations offer SMEs: what the
// orientation portal shows and what recommendations point to.
#pragma once
#include <string>
#include <vector>

#include "core/model/repo.h"

namespace relais {

// office_ids lists the offices where the service is available; the schema
// checks each id exists (a trigger: a JSON array cannot carry a FOREIGN KEY).
struct ServiceOffer : Row {
  static constexpr const char* kTable = "service_offers";
  static constexpr const char* kOrder = "name";
  std::string name;
  std::string organisation_id;
  std::string description;
  std::vector<std::string> themes;
  std::vector<std::string> office_ids;
  std::string url;

  template <class S, class V>
  static void Visit(S& s, V&& v) {
    v("name", s.name);
    v("organisation_id", s.organisation_id);
    v("description", s.description);
    v("themes", s.themes);
    v("office_ids", s.office_ids);
    v("url", s.url);
  }
};
void BeforeWrite(ServiceOffer& s);

std::vector<ServiceOffer> ListServicesWithTheme(Store& st, std::string_view theme);
std::vector<ServiceOffer> ListServicesAtOffice(Store& st, std::string_view office_id);

}  // namespace relais
