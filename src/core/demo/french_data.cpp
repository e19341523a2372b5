// french_data.cpp — see french_data.h.
#include "core/demo/french_data.h"

#include "core/search/fold.h"

namespace relais::demo {

const std::vector<Commune>& Communes() {
  // clang-format off
  static const std::vector<Commune> kCommunes = {
      // Cher (18)
      {"Bourges", "18033", "18000", 60}, {"Vierzon", "18279", "18100", 18}, {"Saint-Amand-Montrond", "18197", "18200", 9},
      {"Saint-Doulchard", "18205", "18230", 7}, {"Mehun-sur-Yèvre", "18141", "18500", 4},
      {"Saint-Florent-sur-Cher", "18207", "18400", 5}, {"Aubigny-sur-Nère", "18015", "18700", 4},
      {"Saint-Germain-du-Puy", "18213", "18390", 3}, {"Trouy", "18267", "18570", 3},
      {"La Chapelle-Saint-Ursin", "18050", "18570", 2}, {"Foëcy", "18096", "18500", 2}, {"Marmagne", "18138", "18500", 1},
      {"Argent-sur-Sauldre", "18011", "18410", 2}, {"Graçay", "18103", "18310", 1},
      {"Châteauneuf-sur-Cher", "18058", "18190", 1}, {"Levet", "18126", "18340", 1}, {"Orval", "18172", "18200", 2},
      {"Le Subdray", "18255", "18570", 1}, {"Blancafort", "18030", "18410", 1}, {"Massay", "18140", "18120", 1},
      {"Méry-sur-Cher", "18150", "18100", 1}, {"Sancerre", "18241", "18300", 2}, {"Lissay-Lochy", "18129", "18340", 1},
      {"Saint-Hilaire-de-Court", "18214", "18100", 1},
      // Eure-et-Loir (28)
      {"Chartres", "28085", "28000", 45}, {"Dreux", "28134", "28100", 22}, {"Châteaudun", "28088", "28200", 9},
      {"Nogent-le-Rotrou", "28280", "28400", 8}, {"Vernouillet", "28404", "28500", 8}, {"Lucé", "28218", "28110", 10},
      {"Mainvilliers", "28229", "28300", 6}, {"Luisant", "28220", "28600", 4}, {"Épernon", "28140", "28230", 3},
      {"Maintenon", "28227", "28130", 3}, {"Bonneval", "28051", "28800", 3}, {"Anet", "28007", "28260", 2},
      {"Brou", "28061", "28160", 2}, {"La Loupe", "28214", "28240", 2}, {"Senonches", "28373", "28250", 2},
      {"Saint-Lubin-des-Joncherets", "28348", "28350", 2}, {"Châteauneuf-en-Thymerais", "28089", "28170", 2},
      {"Cloyes-les-Trois-Rivières", "28103", "28220", 2}, {"Saint-Rémy-sur-Avre", "28359", "28380", 2},
      {"Cherisy", "28098", "28500", 1}, {"Abondant", "28001", "28410", 1}, {"Authon-du-Perche", "28018", "28330", 1},
      {"Marboué", "28233", "28200", 1}, {"Vert-en-Drouais", "28405", "28500", 1},
      // Indre (36)
      {"Châteauroux", "36044", "36000", 40}, {"Issoudun", "36088", "36100", 10}, {"Le Blanc", "36018", "36300", 5},
      {"Argenton-sur-Creuse", "36006", "36200", 5}, {"La Châtre", "36046", "36400", 4}, {"Déols", "36063", "36130", 6},
      {"Buzançais", "36031", "36500", 3}, {"Le Poinçonnet", "36159", "36330", 3}, {"Ardentes", "36005", "36120", 2},
      {"Saint-Maur", "36202", "36250", 3}, {"Chabris", "36034", "36210", 1}, {"Montierchaume", "36128", "36130", 2},
      {"Ingrandes", "36087", "36300", 1}, {"Le Pêchereau", "36154", "36200", 1}, {"Montgivray", "36127", "36400", 1},
      {"Villedieu-sur-Indre", "36241", "36320", 1}, {"Varennes-sur-Fouzon", "36229", "36210", 1},
      {"Coings", "36057", "36130", 1}, {"Neuvy-Pailloux", "36140", "36100", 1}, {"Niherne", "36142", "36250", 1},
      {"Arthon", "36009", "36330", 1}, {"Diors", "36064", "36130", 1},
      // Indre-et-Loire (37)
      {"Tours", "37261", "37000", 90}, {"Joué-lès-Tours", "37122", "37300", 20},
      {"Saint-Cyr-sur-Loire", "37214", "37540", 9}, {"Saint-Pierre-des-Corps", "37233", "37700", 9},
      {"Amboise", "37003", "37400", 7}, {"Chinon", "37072", "37500", 5}, {"Loches", "37132", "37600", 4},
      {"Saint-Avertin", "37208", "37550", 7}, {"Chambray-lès-Tours", "37050", "37170", 9}, {"Fondettes", "37109", "37230", 4},
      {"La Riche", "37195", "37520", 4}, {"Montlouis-sur-Loire", "37156", "37270", 4}, {"Ballan-Miré", "37018", "37510", 3},
      {"Bléré", "37027", "37150", 2}, {"Luynes", "37139", "37230", 2}, {"Descartes", "37115", "37160", 1},
      {"Cinq-Mars-la-Pile", "37077", "37130", 1}, {"Cormery", "37083", "37320", 1},
      {"Chanceaux-sur-Choisille", "37054", "37390", 1}, {"Château-Renault", "37063", "37110", 2},
      {"Vouvray", "37281", "37210", 2}, {"Langeais", "37123", "37130", 2}, {"Azay-le-Rideau", "37014", "37190", 2},
      {"Sainte-Maure-de-Touraine", "37226", "37800", 2}, {"Monts", "37159", "37260", 3},
      // Loir-et-Cher (41)
      {"Blois", "41018", "41000", 45}, {"Vendôme", "41269", "41100", 12}, {"Romorantin-Lanthenay", "41194", "41200", 12},
      {"Salbris", "41232", "41300", 3}, {"Mer", "41136", "41500", 3}, {"Vineuil", "41295", "41350", 5},
      {"La Chaussée-Saint-Victor", "41047", "41260", 3}, {"Montrichard Val de Cher", "41150", "41400", 2},
      {"Selles-sur-Cher", "41242", "41130", 2}, {"Lamotte-Beuvron", "41106", "41600", 2},
      {"Montoire-sur-le-Loir", "41149", "41800", 2}, {"Saint-Gervais-la-Forêt", "41212", "41350", 2},
      {"Gièvres", "41097", "41130", 1}, {"Pruniers-en-Sologne", "41185", "41200", 1}, {"Châtres-sur-Cher", "41044", "41320", 1},
      {"Pezou", "41175", "41100", 1}, {"Selles-Saint-Denis", "41241", "41300", 1}, {"Souesmes", "41249", "41300", 1},
      {"Theillay", "41256", "41300", 1}, {"Areines", "41003", "41100", 1}, {"Villeherviers", "41282", "41200", 1},
      // Loiret (45)
      {"Orléans", "45234", "45000", 100}, {"Olivet", "45232", "45160", 14}, {"Fleury-les-Aubrais", "45147", "45400", 14},
      {"Saint-Jean-de-Braye", "45284", "45800", 12}, {"Saint-Jean-de-la-Ruelle", "45285", "45140", 8},
      {"Saran", "45302", "45770", 12}, {"Ingré", "45169", "45140", 6}, {"Chécy", "45089", "45430", 4},
      {"Saint-Jean-le-Blanc", "45286", "45650", 4}, {"La Chapelle-Saint-Mesmin", "45075", "45380", 5},
      {"Saint-Denis-en-Val", "45274", "45560", 3}, {"Saint-Pryvé-Saint-Mesmin", "45298", "45750", 3},
      {"Beaugency", "45028", "45190", 4}, {"Meung-sur-Loire", "45203", "45130", 4}, {"Pithiviers", "45252", "45300", 7},
      {"Sully-sur-Loire", "45315", "45600", 4}, {"Châteauneuf-sur-Loire", "45082", "45110", 4}, {"Briare", "45053", "45250", 3},
      {"Gien", "45155", "45500", 9}, {"Montargis", "45208", "45200", 16}, {"Amilly", "45004", "45200", 7},
      {"Châlette-sur-Loing", "45068", "45120", 7}, {"Villemandeur", "45338", "45700", 4}, {"Jargeau", "45173", "45150", 3},
      {"La Ferté-Saint-Aubin", "45146", "45240", 4}, {"Semoy", "45308", "45400", 3}, {"Ormes", "45235", "45140", 4},
      {"Saint-Cyr-en-Val", "45272", "45590", 4}, {"Coullons", "45108", "45720", 1}, {"Nogent-sur-Vernisson", "45229", "45290", 1},
      {"Poilly-lez-Gien", "45254", "45500", 1}, {"Sceaux-du-Gâtinais", "45303", "45490", 1},
  };
  // clang-format on
  return kCommunes;
}

const Commune* FindCommune(const std::string& insee) {
  for (const Commune& c : Communes())
    if (insee == c.insee) return &c;
  return nullptr;
}

const std::vector<OfficeSpec>& OfficeSpecs() {
  static const std::vector<OfficeSpec> kOffices = {
      {"Antenne du Loiret", "6 rue Jeanne d'Arc", "45234", "45", "02 38 70 00 10", "loiret@devup-reseau.example"},
      {"Antenne d'Indre-et-Loire", "18 boulevard Béranger", "37261", "37", "02 47 20 00 10",
       "touraine@devup-reseau.example"},
      {"Antenne du Cher", "3 place Étienne Dolet", "18033", "18", "02 48 20 00 10", "cher@devup-reseau.example"},
      {"Antenne d'Eure-et-Loir", "9 rue du Grand Faubourg", "28085", "28", "02 37 20 00 10",
       "eure-et-loir@devup-reseau.example"},
      {"Antenne de Loir-et-Cher", "21 avenue du Maréchal Maunoury", "41018", "41", "02 54 20 00 10",
       "loir-et-cher@devup-reseau.example"},
      {"Antenne de l'Indre", "12 place de la République", "36044", "36", "02 54 60 00 10",
       "indre@devup-reseau.example"},
  };
  return kOffices;
}

const std::vector<OrganisationSpec>& OrganisationSpecs() {
  // clang-format off
  static const std::vector<OrganisationSpec> kOrgs = {
      // Regional
      {"dev'up Centre-Val de Loire", "agence_regionale", "", "devup-reseau.example", 12},
      {"CCI Centre-Val de Loire", "cci", "", "cci-centre.example", 8},
      {"CMA Centre-Val de Loire", "cma", "", "cma-cvl.example", 6},
      {"Banque publique d'investissement — Centre-Val de Loire", "finance", "", "bpi-centre.example", 8},
      {"Délégation régionale de la propriété industrielle", "ip", "", "pi-centre.example", 5},
      {"Team France Export Centre-Val de Loire", "export", "", "tfe-centre.example", 12},
      {"Chambre régionale d'agriculture", "agriculture", "", "agri-centre.example", 5},
      {"Région Centre-Val de Loire — Direction de l'économie", "collectivite", "", "region-centre.example", 8},
      {"Réseau Entreprendre Centre", "finance", "", "reseau-entreprendre-centre.example", 4},
      {"France Active Centre-Val de Loire", "finance", "", "franceactive-centre.example", 4},
      {"Pôle Cosmetic Valley", "pole", "", "cosmetic-valley.example", 4},
      {"Pôle S2E2 — énergie et électronique", "pole", "", "s2e2.example", 3},
      {"Pôle Nekoé — innovation par les services", "pole", "", "nekoe.example", 3},
      {"Université d'Orléans — Direction de la valorisation", "recherche", "", "univ-orleans.example", 4},
      {"Université de Tours — Partenariats et valorisation", "recherche", "", "univ-tours.example", 4},
      {"Centre technique des industries mécaniques — Centre", "centre_technique", "", "ctim-centre.example", 4},
      {"Union régionale des Scop et Scic", "ess", "", "urscop-centre.example", 3},
      // By department
      {"CCI Loiret", "cci", "45", "cci-loiret.example", 20},
      {"CCI Touraine", "cci", "37", "cci-touraine.example", 18},
      {"CCI du Cher", "cci", "18", "cci-cher.example", 16},
      {"CCI Eure-et-Loir", "cci", "28", "cci-eureetloir.example", 16},
      {"CCI de l'Indre", "cci", "36", "cci-indre.example", 14},
      {"CCI Loir-et-Cher", "cci", "41", "cci-loiretcher.example", 14},
      {"CMA Loiret", "cma", "45", "cma-loiret.example", 12},
      {"CMA Indre-et-Loire", "cma", "37", "cma-touraine.example", 11},
      {"CMA Cher", "cma", "18", "cma-cher.example", 10},
      {"CMA Eure-et-Loir", "cma", "28", "cma-eureetloir.example", 10},
      {"CMA Indre", "cma", "36", "cma-indre.example", 9},
      {"CMA Loir-et-Cher", "cma", "41", "cma-loiretcher.example", 9},
      {"Orléans Métropole — Développement économique", "agence", "45", "orleans-metropole.example", 13},
      {"Tours Métropole Val de Loire — Économie", "agence", "37", "tours-metropole.example", 13},
      {"Bourges Plus — Développement économique", "agence", "18", "bourges-plus.example", 10},
      {"Chartres Métropole — Développement économique", "agence", "28", "chartres-metropole.example", 10},
      {"Agglopolys — Développement économique", "agence", "41", "agglopolys.example", 9},
      {"Châteauroux Métropole — Économie", "agence", "36", "chateauroux-metropole.example", 9},
      {"Agglo du Pays de Dreux — Économie", "agence", "28", "dreux-agglo.example", 8},
      {"Agglomération Montargoise — Économie", "agence", "45", "agglo-montargoise.example", 8},
      {"Initiative Loiret", "finance", "45", "initiative-loiret.example", 5},
      {"Initiative Touraine", "finance", "37", "initiative-touraine.example", 5},
      {"Initiative Cher", "finance", "18", "initiative-cher.example", 4},
  };
  // clang-format on
  return kOrgs;
}

const std::vector<NafCode>& NafCodes() {
  static const std::vector<NafCode> kNaf = {
      {"10.71C", "Boulangerie et boulangerie-pâtisserie", "bakery"},
      {"10.71D", "Pâtisserie", "bakery"},
      {"47.24Z", "Commerce de détail de pain, pâtisserie et confiserie", "bakery"},
      {"10.13B", "Charcuterie", "food"},
      {"10.39B", "Transformation et conservation de fruits", "food"},
      {"10.82Z", "Fabrication de cacao, chocolat et de produits de confiserie", "food"},
      {"11.02B", "Vinification", "wine"},
      {"11.05Z", "Fabrication de bière", "food"},
      {"25.62B", "Mécanique industrielle", "metal"},
      {"25.11Z", "Fabrication de structures métalliques et de parties de structures", "metal"},
      {"25.61Z", "Traitement et revêtement des métaux", "metal"},
      {"28.29B", "Fabrication d'autres machines d'usage général", "metal"},
      {"33.12Z", "Réparation de machines et équipements mécaniques", "metal"},
      {"22.29A", "Fabrication de pièces techniques à base de matières plastiques", "chemistry"},
      {"20.42Z", "Fabrication de parfums et de produits pour la toilette", "cosmetics"},
      {"21.20Z", "Fabrication de préparations pharmaceutiques", "chemistry"},
      {"26.51B", "Fabrication d'instrumentation scientifique et technique", "electronics"},
      {"27.12Z", "Fabrication de matériel de distribution et de commande électrique", "electronics"},
      {"26.11Z", "Fabrication de composants électroniques", "electronics"},
      {"41.20A", "Construction de maisons individuelles", "building"},
      {"43.21A", "Travaux d'installation électrique dans tous locaux", "building"},
      {"43.22A", "Travaux d'installation d'eau et de gaz en tous locaux", "building"},
      {"43.32A", "Travaux de menuiserie bois et PVC", "wood"},
      {"16.23Z", "Fabrication de charpentes et d'autres menuiseries", "wood"},
      {"31.09B", "Fabrication d'autres meubles et industries connexes de l'ameublement", "wood"},
      {"49.41A", "Transports routiers de fret interurbains", "transport"},
      {"52.10B", "Entreposage et stockage non frigorifique", "transport"},
      {"62.01Z", "Programmation informatique", "digital"},
      {"62.02A", "Conseil en systèmes et logiciels informatiques", "digital"},
      {"63.11Z", "Traitement de données, hébergement et activités connexes", "digital"},
      {"73.11Z", "Activités des agences de publicité", "agency"},
      {"74.10Z", "Activités spécialisées de design", "agency"},
      {"70.22Z", "Conseil pour les affaires et autres conseils de gestion", "consulting"},
      {"71.12B", "Ingénierie, études techniques", "consulting"},
      {"72.19Z", "Recherche-développement en autres sciences physiques et naturelles", "research"},
      {"47.11B", "Commerce d'alimentation générale", "shop"},
      {"55.10Z", "Hôtels et hébergement similaire", "hospitality"},
      {"56.10A", "Restauration traditionnelle", "hospitality"},
      {"96.02A", "Coiffure", "shop"},
      {"01.11Z", "Culture de céréales (à l'exception du riz), de légumineuses et de graines oléagineuses", "farm"},
      {"01.21Z", "Culture de la vigne", "wine"},
      {"01.13Z", "Culture de légumes, de melons, de racines et de tubercules", "farm"},
  };
  return kNaf;
}

const std::vector<std::string>& FemaleFirstNames() {
  static const std::vector<std::string> kNames = {
      "Marie",     "Nathalie",  "Isabelle",  "Sylvie",   "Catherine", "Sophie",   "Christine", "Valérie", "Sandrine",
      "Céline",    "Stéphanie", "Véronique", "Aurélie",  "Émilie",    "Julie",    "Camille",   "Claire",  "Laure",
      "Hélène",    "Agnès",     "Anne",      "Caroline", "Élodie",    "Laetitia", "Mélanie",   "Pauline", "Léa",
      "Chloé",     "Manon",     "Sarah",     "Inès",     "Océane",    "Marion",   "Amélie",    "Cécile",  "Béatrice",
      "Françoise", "Brigitte",  "Juliette",  "Margaux",  "Noémie",    "Zoé",      "Maëlle",    "Anaïs",   "Gaëlle",
      "Solène",    "Delphine",  "Patricia",  "Virginie", "Karine"};
  return kNames;
}

const std::vector<std::string>& MaleFirstNames() {
  static const std::vector<std::string> kNames = {
      "Jean",     "Philippe",  "Michel",  "Alain",     "Patrick",   "Nicolas", "Christophe", "Pierre", "Stéphane",
      "Laurent",  "Frédéric",  "Olivier", "Éric",      "Sébastien", "Julien",  "David",      "Thomas", "Antoine",
      "François", "Jérôme",    "Benoît",  "Guillaume", "Mathieu",   "Romain",  "Vincent",    "Hugo",   "Lucas",
      "Maxime",   "Alexandre", "Clément", "Théo",      "Baptiste",  "Quentin", "Arnaud",     "Cédric", "Hervé",
      "Gaël",     "Loïc",      "Yannick", "Rémi",      "Grégoire",  "Étienne", "Joël",       "Bruno",  "Didier",
      "Emmanuel", "Fabien",    "Gilles",  "Xavier",    "Yves"};
  return kNames;
}

const std::vector<std::string>& LastNames() {
  static const std::vector<std::string> kNames = {
      "Martin",    "Bernard",     "Thomas",     "Petit",     "Robert",   "Richard",   "Durand",   "Dubois",
      "Moreau",    "Laurent",     "Simon",      "Michel",    "Lefèvre",  "Leroy",     "Roux",     "David",
      "Bertrand",  "Morel",       "Fournier",   "Girard",    "Bonnet",   "Dupont",    "Lambert",  "Fontaine",
      "Rousseau",  "Vincent",     "Muller",     "Lefebvre",  "Faure",    "André",     "Mercier",  "Blanc",
      "Guérin",    "Boyer",       "Garnier",    "Chevalier", "François", "Legrand",   "Gauthier", "Garcia",
      "Perrin",    "Robin",       "Clément",    "Morin",     "Nicolas",  "Henry",     "Roussel",  "Mathieu",
      "Gautier",   "Masson",      "Marchand",   "Duval",     "Denis",    "Dumont",    "Marie",    "Lemaire",
      "Noël",      "Meyer",       "Dufour",     "Meunier",   "Brun",     "Blanchard", "Giraud",   "Joly",
      "Rivière",   "Lucas",       "Brunet",     "Gaillard",  "Barbier",  "Arnaud",    "Martinez", "Gérard",
      "Roche",     "Renard",      "Schmitt",    "Roy",       "Leroux",   "Colin",     "Vidal",    "Caron",
      "Picard",    "Roger",       "Fabre",      "Aubert",    "Lemoine",  "Renaud",    "Dumas",    "Lacroix",
      "Olivier",   "Philippe",    "Bourgeois",  "Pierre",    "Benoît",   "Rey",       "Leclerc",  "Payet",
      "Rolland",   "Leclercq",    "Guillaume",  "Lecomte",   "Lopez",    "Jean",      "Dupuy",    "Guillot",
      "Hubert",    "Berger",      "Carpentier", "Sanchez",   "Dupuis",   "Moulin",    "Louis",    "Deschamps",
      "Huet",      "Vasseur",     "Perez",      "Boucher",   "Fleury",   "Royer",     "Klein",    "Jacquet",
      "Adam",      "Paris",       "Poirier",    "Marty",     "Aubry",    "Guyot",     "Carré",    "Charles",
      "Renault",   "Charpentier", "Ménard",     "Maillard",  "Baron",    "Bertin",    "Bailly",   "Hervé",
      "Schneider", "Fernandez",   "Le Gall",    "Collet",    "Léger",    "Bouvier",   "Julien",   "Prévost",
      "Millet",    "Perrot",      "Daniel",     "Le Roux",   "Cousin",   "Germain",   "Breton",   "Besson",
      "Langlois",  "Rémy",        "Pelletier",  "Lebœuf",    "Benard",   "Chauvin",   "Tessier",  "Hamon"};
  return kNames;
}

const std::vector<std::string>& ExpertiseTags() {
  static const std::vector<std::string> kTags = {"innovation",
                                                 "export",
                                                 "création d'entreprise",
                                                 "transmission-reprise",
                                                 "propriété intellectuelle",
                                                 "investissement",
                                                 "financement",
                                                 "numérique",
                                                 "ressources humaines",
                                                 "recrutement",
                                                 "formation",
                                                 "RSE",
                                                 "transition écologique",
                                                 "industrie du futur",
                                                 "immobilier d'entreprise",
                                                 "aides publiques",
                                                 "levée de fonds",
                                                 "international",
                                                 "design",
                                                 "R&D",
                                                 "cybersécurité",
                                                 "douane",
                                                 "marques",
                                                 "brevets"};
  return kTags;
}

const std::vector<std::string>& ServiceTags() {
  static const std::vector<std::string> kServices = {"diagnostic",
                                                     "mise en relation",
                                                     "orientation",
                                                     "montage de dossier",
                                                     "prêt d'honneur",
                                                     "pré-diagnostic PI",
                                                     "diagnostic export",
                                                     "diagnostic numérique",
                                                     "recherche de locaux",
                                                     "appui au recrutement",
                                                     "information réglementaire",
                                                     "suivi post-création"};
  return kServices;
}

std::string EmailLocalPart(const std::string& first, const std::string& last) {
  std::string out;
  auto add = [&](const std::string& part) {
    std::string folded;
    for (const search::Word& w : search::SplitWords(part)) {
      if (!folded.empty()) folded += '-';
      folded += w.folded;
    }
    if (folded.empty()) return;
    if (!out.empty()) out += '.';
    out += folded;
  };
  add(first);
  add(last);
  return out;
}

}  // namespace relais::demo
