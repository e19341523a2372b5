// network.cpp — the network itself: offices, organisations, members with
// their skills, territories and signatures, and the services offered.
#include <set>

#include "core/demo/french_data.h"
#include "core/demo/generator.h"
#include "core/demo/identifiers.h"
#include "core/model/services.h"

namespace relais::demo {

namespace {

const char* JobTitle(const std::string& kind, const std::string& role, bool female, Rng& rng) {
  if (role == "manager") return female ? "Directrice" : "Directeur";
  if (role == "legal_expert") return "Juriste, hotline juridique";
  if (role == "network_staff") return female ? "Chargée d'animation du réseau" : "Chargé d'animation du réseau";
  static const std::map<std::string, std::vector<std::pair<const char*, const char*>>> kTitles = {
      {"cci",
       {{"Conseillère entreprises", "Conseiller entreprises"},
        {"Conseillère création-transmission", "Conseiller création-transmission"},
        {"Conseillère export", "Conseiller export"}}},
      {"cma",
       {{"Conseillère économique", "Conseiller économique"},
        {"Chargée de développement artisanal", "Chargé de développement artisanal"}}},
      {"agence",
       {{"Chargée de mission développement économique", "Chargé de mission développement économique"},
        {"Chargée d'implantation", "Chargé d'implantation"}}},
      {"finance",
       {{"Chargée d'affaires", "Chargé d'affaires"}, {"Chargée d'investissement", "Chargé d'investissement"}}},
      {"ip",
       {{"Ingénieure brevets", "Ingénieur brevets"},
        {"Conseillère en propriété industrielle", "Conseiller en propriété industrielle"}}},
      {"export",
       {{"Conseillère internationale", "Conseiller international"},
        {"Chargée d'affaires export", "Chargé d'affaires export"}}},
      {"pole", {{"Chargée de projets innovation", "Chargé de projets innovation"}}},
      {"recherche", {{"Chargée de valorisation", "Chargé de valorisation"}}},
      {"centre_technique", {{"Ingénieure conseil", "Ingénieur conseil"}}},
      {"collectivite", {{"Chargée de mission aides aux entreprises", "Chargé de mission aides aux entreprises"}}},
      {"agriculture", {{"Conseillère agroalimentaire", "Conseiller agroalimentaire"}}},
      {"ess", {{"Chargée d'accompagnement Scop", "Chargé d'accompagnement Scop"}}},
  };
  auto it = kTitles.find(kind);
  if (it == kTitles.end()) return female ? "Chargée de mission" : "Chargé de mission";
  const auto& t = rng.Pick(it->second);
  return female ? t.first : t.second;
}

// Expertise tags an organisation's members are likely to have.
std::vector<std::string> FocusTags(const std::string& kind) {
  static const std::map<std::string, std::vector<std::string>> kFocus = {
      {"cci",
       {"export", "création d'entreprise", "transmission-reprise", "numérique", "formation", "ressources humaines",
        "international"}},
      {"cma",
       {"création d'entreprise", "transmission-reprise", "numérique", "ressources humaines", "formation", "RSE"}},
      {"agence",
       {"immobilier d'entreprise", "aides publiques", "investissement", "création d'entreprise", "recrutement"}},
      {"finance", {"financement", "investissement", "levée de fonds", "aides publiques", "création d'entreprise"}},
      {"ip", {"propriété intellectuelle", "brevets", "marques", "innovation"}},
      {"export", {"export", "international", "douane"}},
      {"pole", {"innovation", "R&D", "industrie du futur", "design", "international"}},
      {"recherche", {"innovation", "R&D", "propriété intellectuelle", "brevets"}},
      {"centre_technique", {"industrie du futur", "innovation", "R&D", "transition écologique"}},
      {"collectivite", {"aides publiques", "investissement", "immobilier d'entreprise", "transition écologique"}},
      {"agriculture", {"transition écologique", "RSE", "investissement", "export"}},
      {"ess", {"création d'entreprise", "financement", "RSE", "transmission-reprise"}},
      {"agence_regionale",
       {"innovation", "financement", "export", "numérique", "industrie du futur", "aides publiques", "cybersécurité"}},
  };
  auto it = kFocus.find(kind);
  return it == kFocus.end() ? ExpertiseTags() : it->second;
}

std::vector<std::string> Languages(Rng& rng) {
  std::vector<std::string> l = {"fr"};
  if (rng.Chance(0.75)) l.push_back("en");
  const std::pair<const char*, double> kOthers[] = {{"de", 0.15}, {"es", 0.15}, {"it", 0.06}, {"pt", 0.04},
                                                    {"ar", 0.04}, {"nl", 0.02}, {"pl", 0.02}, {"zh", 0.02}};
  for (const auto& o : kOthers)
    if (rng.Chance(o.second)) l.push_back(o.first);
  return l;
}

std::vector<const Commune*> CommunesOf(const std::string& department) {
  std::vector<const Commune*> out;
  for (const Commune& c : Communes())
    if (department == std::string(c.insee, 2)) out.push_back(&c);
  return out;
}

}  // namespace

Network MakeNetwork(Writer& w, Rng& rng, DemoStats& stats) {
  Network net;
  for (const OfficeSpec& spec : OfficeSpecs()) {
    const Commune* c = FindCommune(spec.insee);
    Office o;
    o.name = spec.name;
    o.address = spec.address;
    o.postcode = c->postcode;
    o.commune_insee = c->insee;
    o.commune_name = c->name;
    o.departments = {spec.department};
    o.phone = spec.phone;
    o.email = spec.email;
    w.Put(o);
    net.office_of_department[spec.department] = net.offices.size();
    net.offices.push_back(o);
    stats.offices++;
  }

  std::set<std::string> sirens;
  std::set<std::string> full_names;
  const std::vector<double> kOfficeWeights = {30, 25, 12, 12, 11, 10};  // regional members: mostly Orléans, Tours
  const WeightedIndex office_draw(kOfficeWeights);
  for (const OrganisationSpec& spec : OrganisationSpecs()) {
    Organisation org;
    org.name = spec.name;
    org.kind = spec.kind;
    org.siren = NewSiren(rng, sirens);
    org.website = std::string("https://www.") + spec.domain;
    org.email = std::string("contact@") + spec.domain;
    const std::string dept = *spec.department ? spec.department : "45";
    org.phone = Phone(rng, dept, false);
    w.Put(org);
    net.organisations.push_back(org);
    stats.organisations++;

    const std::vector<std::string> focus = FocusTags(spec.kind);
    for (int i = 0; i < spec.members; i++) {
      GenMember g;
      g.female = rng.Chance(0.55);
      std::string first, last;
      do {
        first = rng.Pick(g.female ? FemaleFirstNames() : MaleFirstNames());
        last = rng.Pick(LastNames());
        if (rng.Chance(0.04)) last += "-" + rng.Pick(LastNames());
      } while (!full_names.insert(first + " " + last).second);
      g.name = first + " " + last;

      // Who does what: dev'up's team runs the offices, the regional chambers
      // staff the legal hotline, each organisation has a head.
      const std::string kind = spec.kind;
      if (kind == "agence_regionale")
        g.role = "network_staff";
      else if (i == 0 && spec.members >= 5)
        g.role = "manager";
      else if ((org.name == "CCI Centre-Val de Loire" && i >= 1 && i <= 3) ||
               (org.name == "CMA Centre-Val de Loire" && i >= 1 && i <= 2))
        g.role = "legal_expert";
      else
        g.role = "advisor";

      size_t office_index;
      if (*spec.department)
        office_index = net.office_of_department[spec.department];
      else if (kind == "agence_regionale" && i < 6)
        office_index = static_cast<size_t>(i);  // one head per office
      else
        office_index = office_draw.Draw(rng);
      const Office& office = net.offices[office_index];
      g.department = office.departments[0];

      Member m;
      m.first_name = first;
      m.last_name = last;
      m.organisation_id = org.id;
      m.office_id = office.id;
      m.role = g.role;
      m.job_title =
          kind == "agence_regionale" && i < 6 ? "Responsable d'antenne" : JobTitle(kind, g.role, g.female, rng);
      m.email = EmailLocalPart(first, last) + "@" + spec.domain;
      m.phone = Phone(rng, g.department, rng.Chance(0.4));
      size_t n_tags = 2 + rng.Below(4);
      std::set<std::string> tags;
      while (tags.size() < n_tags) tags.insert(rng.Chance(0.8) ? rng.Pick(focus) : rng.Pick(ExpertiseTags()));
      if (g.role == "legal_expert") tags.insert("création d'entreprise");
      m.expertise.assign(tags.begin(), tags.end());
      m.languages = Languages(rng);
      std::vector<const Commune*> territory = CommunesOf(g.department);
      for (size_t k : rng.Sample(territory.size(), 3 + rng.Below(10))) m.communes.push_back(territory[k]->insee);
      const std::string s1 = rng.Pick(m.expertise), s2 = rng.Pick(m.expertise);
      const char* const kSummaries[] = {
          "Accompagne les entreprises du territoire sur les sujets suivants : {a} et {b}.",
          "Interlocuteur privilégié des PME pour {a} ; connaît bien les dispositifs de {b}.",
          "Plus de dix ans d'expérience en {a}. Peut intervenir sur {b} en appui des collègues.",
          "Spécialiste {a}, anime des ateliers pour les dirigeants. Référent {b} pour l'antenne."};
      std::string summary = rng.Pick(kSummaries);
      summary.replace(summary.find("{a}"), 3, s1);
      summary.replace(summary.find("{b}"), 3, s2);
      m.summary = summary;
      w.Put(m);
      stats.members++;

      g.id = m.id;
      g.organisation_id = org.id;
      g.office_id = office.id;
      g.expertise = m.expertise;
      const size_t index = net.members.size();
      net.members.push_back(g);
      if (g.role == "advisor" || g.role == "manager" || g.role == "network_staff") {
        net.advisors.push_back(index);
        net.advisors_of_office[office.id].push_back(index);
      }
      if (g.role == "legal_expert") net.legal_experts.push_back(index);
      for (const std::string& t : g.expertise) net.with_expertise[t].push_back(index);
    }
  }

  // Convention and code of conduct, signed by the member and their hierarchy
  // (not everyone is up to date).
  std::map<std::string, std::string> head_of;  // organisation id -> manager name
  for (const GenMember& g : net.members)
    if (g.role == "manager" && !head_of.count(g.organisation_id)) head_of[g.organisation_id] = g.name;
  for (const GenMember& g : net.members) {
    const struct {
      const char* kind;
      const char* signer;
      double p;
    } kSignatures[] = {{"convention", "member", 0.95},
                       {"convention", "hierarchy", 0.9},
                       {"code_of_conduct", "member", 0.92},
                       {"code_of_conduct", "hierarchy", 0.88}};
    for (const auto& k : kSignatures) {
      if (!rng.Chance(k.p)) continue;
      Signature s;
      s.member_id = g.id;
      s.kind = k.kind;
      s.signer = k.signer;
      bool self = std::string(k.signer) == "member";
      auto head = head_of.find(g.organisation_id);
      s.signer_name = self ? g.name : head != head_of.end() && head->second != g.name ? head->second : "La direction";
      s.signer_title = self ? "" : "Direction de la structure";
      s.signed_on = IsoDate(Weekday(DaysFromCivil(2024, 1, 15) + static_cast<int64_t>(rng.Below(900))));
      s.document_version = rng.Chance(0.7) ? "2024" : "2023";
      w.Put(s);
      stats.signatures++;
    }
  }

  // The services the organisations offer.
  struct ServiceSpec {
    const char* kind;
    const char* name;
    const char* description;
    std::vector<std::string> themes;
  };
  const std::vector<ServiceSpec> kServices = {
      {"cci",
       "Diagnostic export",
       "Un conseiller fait le point sur le potentiel export et les marchés cibles.",
       {"export", "international"}},
      {"cci",
       "Appui à la création et à la reprise",
       "Accueil, information et accompagnement des créateurs et repreneurs.",
       {"création d'entreprise", "transmission-reprise"}},
      {"cci",
       "Diagnostic numérique",
       "Un état des lieux des outils numériques et un plan d'action.",
       {"numerique", "numérique"}},
      {"cma",
       "Accompagnement des artisans créateurs",
       "Stage de préparation et suivi des trois premières années.",
       {"création d'entreprise"}},
      {"cma",
       "Transmission d'entreprise artisanale",
       "Évaluation, mise en relation cédant-repreneur.",
       {"transmission-reprise"}},
      {"agence",
       "Implantation et immobilier d'entreprise",
       "Recherche de locaux, de terrains et accompagnement des projets d'implantation.",
       {"immobilier d'entreprise", "investissement"}},
      {"agence",
       "Aides économiques locales",
       "Aides à l'investissement et à l'immobilier des collectivités.",
       {"finance", "aides publiques"}},
      {"finance",
       "Prêt d'honneur",
       "Prêt personnel sans intérêt ni garantie pour renforcer les fonds propres.",
       {"finance", "financement"}},
      {"finance",
       "Financement de l'innovation",
       "Subventions et avances remboursables pour les projets innovants.",
       {"innovation", "finance"}},
      {"ip",
       "Pré-diagnostic propriété intellectuelle",
       "Une demi-journée avec un expert pour repérer ce qu'il faut protéger.",
       {"pi", "propriété intellectuelle"}},
      {"export",
       "Prospection internationale",
       "Missions collectives, salons et rendez-vous d'affaires à l'étranger.",
       {"export", "international"}},
      {"export",
       "Volontariat international en entreprise",
       "Un jeune professionnel en mission à l'étranger pour l'entreprise.",
       {"export", "rh"}},
      {"pole",
       "Montage de projets collaboratifs",
       "Recherche de partenaires et montage de projets de R&D.",
       {"innovation"}},
      {"recherche",
       "Accès aux laboratoires",
       "Mise en relation avec les équipes de recherche et les plateformes techniques.",
       {"innovation"}},
      {"centre_technique",
       "Diagnostic industrie du futur",
       "Audit de l'outil de production et feuille de route de modernisation.",
       {"numerique", "industrie du futur"}},
      {"collectivite",
       "Aides régionales aux entreprises",
       "Aides à l'investissement, à l'innovation et à l'export de la Région.",
       {"finance", "innovation", "export"}},
      {"agriculture",
       "Accompagnement agroalimentaire",
       "Appui aux entreprises agricoles et agroalimentaires.",
       {"investissement"}},
      {"ess",
       "Création et transmission en Scop",
       "Accompagnement à la création ou à la reprise en coopérative.",
       {"création d'entreprise", "transmission-reprise"}},
      {"agence_regionale",
       "Orientation dans le réseau",
       "Un interlocuteur unique qui oriente vers le bon membre du réseau.",
       {"innovation", "export", "finance", "rh"}},
      {"agence_regionale",
       "Diagnostic innovation croissance",
       "Le diagnostic partagé du réseau, conduit avec le dirigeant.",
       {"innovation", "export", "pi", "numerique", "finance", "rh"}},
      {"cma", "Recrutement et apprentissage", "Aide au recrutement d'apprentis et de salariés.", {"rh", "recrutement"}},
      {"cci",
       "Ressources humaines pour les PME",
       "Appui RH : recrutement, entretiens, compétences.",
       {"rh", "ressources humaines"}},
  };
  for (size_t oi = 0; oi < net.organisations.size(); oi++) {
    const Organisation& org = net.organisations[oi];
    const OrganisationSpec& os = OrganisationSpecs()[oi];
    const bool regional = !*os.department;
    for (const ServiceSpec& spec : kServices) {
      if (org.kind != spec.kind) continue;
      // Regional chambers do not duplicate their departments' services.
      if (regional && (org.kind == "cci" || org.kind == "cma") && spec.name != std::string("Diagnostic export"))
        continue;
      ServiceOffer s;
      s.name = spec.name;
      s.organisation_id = org.id;
      s.description = spec.description;
      s.themes = spec.themes;
      if (!regional) s.office_ids = {net.offices[net.office_of_department[os.department]].id};
      s.url = org.website + "/services";
      w.Put(s);
      stats.service_offers++;
    }
  }
  return net;
}

}  // namespace relais::demo
