// portal_data.cpp — see portal_data.h.
#include "portal_data.h"

#include <algorithm>

#include "core/demo/french_data.h"
#include "core/model/json.h"
#include "core/search/fold.h"
#include "store.h"

const std::vector<PortalNeed>& PortalNeeds() {
  static const std::vector<PortalNeed> kNeeds = {
      {"creation", "Créer ou reprendre une entreprise", {"création d'entreprise", "transmission-reprise"}},
      {"financement",
       "Financer un projet, trouver des aides",
       {"finance", "financement", "aides publiques", "investissement", "levée de fonds"}},
      {"innovation", "Innover, mener un projet de R&D", {"innovation", "R&D", "industrie du futur"}},
      {"export", "Exporter, se développer à l'international", {"export", "international", "douane"}},
      {"pi", "Protéger une invention, une marque, un design", {"pi", "propriété intellectuelle", "brevets", "marques"}},
      {"numerique", "Passer au numérique, se protéger des cyberattaques", {"numerique", "numérique", "cybersécurité"}},
      {"rh", "Recruter, former, gérer les compétences", {"rh", "ressources humaines", "recrutement", "formation"}},
      {"implantation", "Trouver des locaux, s'implanter", {"immobilier d'entreprise"}},
      {"transition", "Transition écologique et RSE", {"transition écologique", "RSE"}},
  };
  return kNeeds;
}

const PortalNeed* FindNeed(const std::string& key) {
  for (const PortalNeed& n : PortalNeeds())
    if (key == n.key) return &n;
  return nullptr;
}

bool IsKnownNeed(const std::string& key) { return FindNeed(key) != nullptr; }

const std::vector<PortalCommune>& PortalCommunes() {
  static const std::vector<PortalCommune> kCommunes = [] {
    std::vector<PortalCommune> out;
    for (const relais::demo::Commune& c : relais::demo::Communes())
      out.push_back({c.insee, c.name, c.postcode, std::string(c.insee).substr(0, 2)});
    // Department, then name as a French reader sorts it ("Épernon" among the E).
    std::stable_sort(out.begin(), out.end(), [](const PortalCommune& a, const PortalCommune& b) {
      if (a.department != b.department) return a.department < b.department;
      return relais::search::FoldWords(a.name) < relais::search::FoldWords(b.name);
    });
    return out;
  }();
  return kCommunes;
}

const PortalCommune* FindPortalCommune(const std::string& insee) {
  for (const PortalCommune& c : PortalCommunes())
    if (c.insee == insee) return &c;
  return nullptr;
}

bool IsKnownCommune(const std::string& insee) { return FindPortalCommune(insee) != nullptr; }

const char* DepartmentName(const std::string& code) {
  static const std::pair<const char*, const char*> kNames[] = {{"18", "Cher"},   {"28", "Eure-et-Loir"},
                                                               {"36", "Indre"},  {"37", "Indre-et-Loire"},
                                                               {"41", "Loir-et-Cher"}, {"45", "Loiret"}};
  for (const auto& n : kNames)
    if (code == n.first) return n.second;
  return "";
}

namespace {

std::vector<std::string> List(const RowRecord& r, const char* column) {
  std::vector<std::string> out;
  if (!relais::ParseJsonStringArray(r.Text(column), &out)) out.clear();
  return out;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Deactivated by the network's staff (active = 0): off the portal. Rows
// written before the column existed have no value and are active.
bool Active(const RowRecord& r) { return r.Int("active").value_or(1) != 0; }

}  // namespace

PublicDirectory LoadPublicDirectory(ServerStore& store) {
  PublicDirectory d;
  std::vector<std::string> inactive_orgs;
  store.Read([&](SyncTxn& tx) {
    for (const RowRecord& r : tx.TableRows("offices"))
      if (Active(r))
        d.offices.push_back({r.row_id, r.Text("name"), r.Text("address"), r.Text("postcode"), r.Text("commune_name"),
                             r.Text("phone"), r.Text("email"), List(r, "departments")});
    for (const RowRecord& r : tx.TableRows("organisations")) {
      if (Active(r))
        d.organisations.push_back({r.row_id, r.Text("name"), r.Text("website"), r.Text("email"), r.Text("phone")});
      else
        inactive_orgs.push_back(r.row_id);
    }
    for (const RowRecord& r : tx.TableRows("service_offers"))
      if (!Contains(inactive_orgs, r.Text("organisation_id")))  // an organisation that left offers nothing
        d.services.push_back({r.row_id, r.Text("name"), r.Text("description"), r.Text("url"), r.Text("organisation_id"),
                              List(r, "themes"), List(r, "office_ids")});
  });
  std::sort(d.offices.begin(), d.offices.end(),
            [](const PublicOffice& a, const PublicOffice& b) { return a.name < b.name; });
  return d;
}

const PublicOffice* PublicDirectory::OfficeFor(const PortalCommune& c) const {
  for (const PublicOffice& o : offices)
    if (Contains(o.departments, c.department)) return &o;
  return nullptr;
}

const PublicOrganisation* PublicDirectory::Organisation(const std::string& id) const {
  for (const PublicOrganisation& o : organisations)
    if (o.id == id) return &o;
  return nullptr;
}

std::vector<const PublicService*> MatchServices(const PublicDirectory& dir, const PublicOffice& office,
                                                const std::vector<std::string>& needs) {
  std::vector<const PublicService*> out;
  for (const PublicService& s : dir.services) {
    if (!s.office_ids.empty() && !Contains(s.office_ids, office.id)) continue;
    bool match = needs.empty();
    for (const std::string& key : needs) {
      const PortalNeed* n = FindNeed(key);
      if (!n) continue;
      for (const char* theme : n->themes) match = match || Contains(s.themes, theme);
    }
    if (match) out.push_back(&s);
  }
  std::stable_sort(out.begin(), out.end(), [](const PublicService* a, const PublicService* b) {
    bool la = !a->office_ids.empty(), lb = !b->office_ids.empty();
    return la != lb ? la : a->name < b->name;
  });
  return out;
}
