// services.cpp — see services.h.
#include "core/model/services.h"

namespace relais {

void BeforeWrite(ServiceOffer& s) { Require(!s.name.empty(), "name", "a service needs a name"); }

std::vector<ServiceOffer> ListServicesWithTheme(Store& st, std::string_view theme) {
  return List<ServiceOffer>(st, "EXISTS (SELECT 1 FROM json_each(service_offers.themes) WHERE value = ?)", theme);
}

std::vector<ServiceOffer> ListServicesAtOffice(Store& st, std::string_view office_id) {
  return List<ServiceOffer>(st, "EXISTS (SELECT 1 FROM json_each(service_offers.office_ids) WHERE value = ?)",
                            office_id);
}

}  // namespace relais
