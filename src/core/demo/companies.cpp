// companies.cpp — the SMEs of the dataset and the people met there.
#include <set>

#include "core/demo/calendar.h"
#include "core/demo/french_data.h"
#include "core/demo/generator.h"
#include "core/demo/identifiers.h"
#include "core/demo/texts.h"
#include "core/model/company.h"
#include "core/search/fold.h"

namespace relais::demo {

std::vector<GenCompany> MakeCompanies(Writer& w, Rng& rng, int count, DemoStats& stats) {
  std::vector<GenCompany> out;
  std::vector<double> weights;
  for (const Commune& c : Communes()) weights.push_back(c.weight);
  const WeightedIndex commune_draw(weights);
  const std::vector<double> size_weights = {15, 45, 28, 10, 2};
  const char* const kBands[] = {"0", "1-9", "10-49", "50-249", "250+"};
  const WeightedIndex size_draw(size_weights);
  const char* const kStreets[] = {"rue de la République",
                                  "avenue de Paris",
                                  "rue Nationale",
                                  "rue du Commerce",
                                  "rue Jean Jaurès",
                                  "boulevard Victor Hugo",
                                  "rue de l'Industrie",
                                  "ZI du Moulin",
                                  "ZA des Champs Fleuris",
                                  "chemin des Vignes",
                                  "rue des Artisans",
                                  "allée des Érables",
                                  "rue Pasteur",
                                  "avenue de la Gare",
                                  "rue du Général de Gaulle",
                                  "parc d'activités du Val"};
  const char* const kRoles[] = {"gérant",
                                "président",
                                "directeur général",
                                "responsable export",
                                "directeur administratif et financier",
                                "responsable R&D",
                                "responsable des ressources humaines",
                                "directeur de production"};
  const char* const kRolesF[] = {"gérante",
                                 "présidente",
                                 "directrice générale",
                                 "responsable export",
                                 "directrice administrative et financière",
                                 "responsable R&D",
                                 "responsable des ressources humaines",
                                 "directrice de production"};
  const char* const kSources[] = {"visite", "formulaire web", "salon", "téléphone", "atelier collectif"};
  std::set<std::string> sirens;

  for (int i = 0; i < count; i++) {
    const Commune& commune = Communes()[commune_draw.Draw(rng)];
    const NafCode& naf = rng.Pick(NafCodes());
    Company c;
    c.name = CompanyName(rng, naf.sector, commune.name);
    if (rng.Chance(0.95)) {  // the others are still being set up: no number yet
      std::string siren = NewSiren(rng, sirens);
      c.siret = SiretOf(siren, rng.Chance(0.8) ? 1 : 2 + static_cast<int>(rng.Below(30)));
      c.siren = siren;
    }
    c.naf = naf.code;
    const int number = rng.Between(1, 180);  // one draw per statement: see rng.h
    c.address = std::to_string(number) + " " + rng.Pick(kStreets);
    c.postcode = commune.postcode;
    c.commune_insee = commune.insee;
    c.commune_name = commune.name;
    c.size_band = kBands[size_draw.Draw(rng)];
    const std::string department(commune.insee, 2);
    c.phone = Phone(rng, department, false);
    const std::string slug = Slug(c.name);
    c.email = "contact@" + slug + ".example";
    if (rng.Chance(0.7)) c.website = "https://www." + slug + ".example";
    w.Put(c);
    stats.companies++;

    GenCompany g;
    g.id = c.id;
    g.name = c.name;
    g.insee = commune.insee;
    g.commune = commune.name;
    g.department = department;
    g.naf_label = naf.label;
    g.size_band = *c.size_band;
    g.maturity = rng.Unit();

    int n_contacts = 1;
    if (rng.Chance(0.5)) n_contacts++;
    if (rng.Chance(0.15)) n_contacts++;
    for (int k = 0; k < n_contacts; k++) {
      bool female = rng.Chance(0.45);
      Contact ct;
      ct.company_id = c.id;
      ct.first_name = rng.Pick(female ? FemaleFirstNames() : MaleFirstNames());
      ct.last_name = rng.Pick(LastNames());
      size_t role = k == 0 ? rng.Below(3) : rng.Below(8);
      ct.job_title = female ? kRolesF[role] : kRoles[role];
      ct.email = EmailLocalPart(ct.first_name, ct.last_name) + "@" + slug + ".example";
      ct.phone = Phone(rng, department, rng.Chance(0.6));
      double basis = rng.Unit();
      if (basis < 0.9) {
        ct.consent_basis = basis < 0.65 ? "consent" : "legitimate_interests";
        ct.consent_date = IsoDate(Weekday(w.cal.setup + static_cast<int64_t>(rng.Below(w.cal.last - w.cal.setup))));
        ct.consent_source = rng.Pick(kSources);
      }
      w.Put(ct);
      stats.contacts++;
      g.contacts.push_back(GenContact{ct.id, (female ? "Mme " : "M. ") + ct.last_name, ct.job_title});
    }
    out.push_back(std::move(g));
  }

  // About 1 % entered twice: another advisor, offline, typed the name
  // differently and had no SIRET at hand. Duplicate detection finds them.
  const int duplicates = count / 100;
  for (int i = 0; i < duplicates; i++) {
    const GenCompany& orig = out[rng.Below(out.size())];
    std::vector<search::Word> words = search::SplitWords(orig.name);
    std::string name;
    switch (rng.Below(3)) {
      case 0:  // lower case, no legal form
        for (const search::Word& wd : words) {
          std::string piece = orig.name.substr(wd.begin, wd.end - wd.begin);
          if (piece == "SARL" || piece == "SAS" || piece == "SASU" || piece == "EURL") continue;
          if (!name.empty()) name += ' ';
          name += wd.folded;
        }
        break;
      case 1:  // with a legal form
        name = orig.name + (orig.name.find("SARL") == std::string::npos ? " SARL" : "");
        break;
      default:  // upper case
        for (char ch : orig.name) name += (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
        break;
    }
    if (name.empty()) name = orig.name;
    Company c;
    c.name = name;
    c.commune_insee = orig.insee;
    c.commune_name = orig.commune;
    c.postcode = FindCommune(orig.insee)->postcode;
    w.Put(c);
    stats.companies++;
    stats.duplicate_companies++;
    GenCompany g = orig;
    g.id = c.id;
    g.name = c.name;
    g.contacts.clear();
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace relais::demo
