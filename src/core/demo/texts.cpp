// texts.cpp — see texts.h. The sentences are French: they are the data.
#include "core/demo/texts.h"

#include <map>

#include "core/demo/french_data.h"

namespace relais::demo {

namespace {

using Vars = std::map<std::string, std::string>;

// Replaces each {key} of tpl with vars[key] (left as is when unknown).
std::string Fill(const std::string& tpl, const Vars& vars) {
  std::string out;
  for (size_t i = 0; i < tpl.size(); i++) {
    if (tpl[i] == '{') {
      size_t close = tpl.find('}', i);
      if (close != std::string::npos) {
        auto it = vars.find(tpl.substr(i + 1, close - i - 1));
        if (it != vars.end()) {
          out += it->second;
          i = close;
          continue;
        }
      }
    }
    out += tpl[i];
  }
  return out;
}

const char* const kCountries[] = {"l'Allemagne",  "la Belgique",    "l'Espagne",      "l'Italie",
                                  "le Canada",    "le Maroc",       "la Suisse",      "le Japon",
                                  "les Pays-Bas", "le Royaume-Uni", "les États-Unis", "la Pologne"};
const char* const kMachines[] = {"un centre d'usinage cinq axes",
                                 "une presse plieuse",
                                 "une ligne de conditionnement",
                                 "un four à sole",
                                 "une imprimante 3D métal",
                                 "un robot de palettisation",
                                 "une découpe laser",
                                 "une chambre froide"};
const char* const kJobs[] = {"soudeurs",
                             "usineurs",
                             "boulangers",
                             "techniciens de maintenance",
                             "développeurs",
                             "commerciaux export",
                             "chauffeurs poids lourds",
                             "électriciens",
                             "conducteurs de ligne"};
const char* const kEvents[] = {"la matinale de l'innovation",    "le salon des entrepreneurs du Centre",
                               "un petit-déjeuner export",       "la journée de la transmission",
                               "les rencontres du numérique",    "la soirée des lauréats",
                               "un atelier sur la cybersécurité"};

const std::vector<std::string>& Sentences(const std::string& topic) {
  static const std::map<std::string, std::vector<std::string>> kByTopic = {
      {"innovation",
       {"L'entreprise développe un nouveau procédé et souhaite sécuriser la phase de prototypage.",
        "Projet de R&D en cours avec un laboratoire de l'université ; le dirigeant cherche à financer un "
        "démonstrateur.",
        "Réflexion sur la mise en œuvre d'un nouveau produit pour {country} ; besoin d'un appui pour le dossier d'aide "
        "à l'innovation.",
        "Le dirigeant envisage un partenariat avec un centre technique pour tester le produit en conditions réelles.",
        "Innovation d'usage intéressante : une offre de service autour de la maintenance prédictive.",
        "L'équipe technique (trois ingénieurs) porte un projet de matériau biosourcé très prometteur."}},
      {"export",
       {"Premières commandes vers {country} ; l'entreprise veut structurer sa prospection.",
        "Intérêt marqué pour {country} : orientation vers un conseiller export et un premier test de marché.",
        "Besoin d'un accompagnement sur les incoterms et les formalités douanières avant une livraison hors Union "
        "européenne.",
        "Participation envisagée à un salon international, pavillon régional, au printemps prochain.",
        "L'export représente déjà {percent} % du chiffre d'affaires ; objectif : doubler en trois ans.",
        "Recrutement d'un volontaire international en entreprise à l'étude pour {country}."}},
      {"création d'entreprise",
       {"Porteur de projet en phase de création ; le prévisionnel reste à consolider.",
        "Création d'une SAS envisagée à {commune} : questions sur le statut social du dirigeant.",
        "Projet de reprise d'un local commercial en centre-ville, ouverture prévue dans six mois.",
        "Le créateur a suivi la formation « 5 jours pour entreprendre » et prépare son plan de financement.",
        "Étude de marché à compléter ; rendez-vous proposé avec la banque et la plateforme d'initiative locale."}},
      {"transmission-reprise",
       {"Le dirigeant prépare son départ à la retraite ; la transmission à un salarié est envisagée.",
        "Évaluation de l'entreprise à réaliser avant la mise en vente ; orientation vers un expert-comptable.",
        "Un repreneur extérieur s'est manifesté ; accompagnement proposé pour la négociation.",
        "Transmission familiale en cours : la fille du dirigeant reprend la direction commerciale dès cette année."}},
      {"propriété intellectuelle",
       {"Aucun dépôt de marque à ce jour : un pré-diagnostic de propriété intellectuelle est proposé.",
        "Brevet déposé il y a deux ans ; question sur l'extension à l'international et son coût.",
        "Risque de contrefaçon identifié sur {country} ; conseil de surveiller les dépôts de tiers.",
        "Le logiciel développé en interne n'est pas protégé ; point sur le dépôt et les contrats des développeurs.",
        "Marque semi-figurative à déposer avant le lancement de la nouvelle gamme."}},
      {"investissement",
       {"Projet d'extension du bâtiment de {surface} m² sur la zone d'activités de {commune}.",
        "Acquisition de {machine} prévue au second semestre, pour un montant de {amount} k€.",
        "Investissement productif important : le dirigeant veut moderniser l'atelier d'ici deux ans.",
        "Rachat du bâtiment loué actuellement, via une SCI, à l'étude avec la banque."}},
      {"financement",
       {"Recherche de financement pour un programme de {amount} k€ ; plan de financement à bâtir.",
        "Dossier de prêt d'honneur en préparation pour renforcer les fonds propres.",
        "Levée de fonds envisagée d'ici dix-huit mois ; le dirigeant veut rencontrer des business angels.",
        "Trésorerie tendue après un impayé important ; orientation vers la médiation du crédit.",
        "Présentation des aides régionales et de l'avance remboursable pour le projet."}},
      {"numérique",
       {"Le site internet est vieillissant ; projet de boutique en ligne avant la fin de l'année.",
        "Sensibilisation à la cybersécurité après une tentative d'hameçonnage sur la messagerie.",
        "Mise en place d'un ERP en cours ; appui au choix de l'éditeur et au cahier des charges.",
        "Diagnostic numérique réalisé : priorité au CRM et à la sauvegarde des données.",
        "Le dirigeant souhaite automatiser la facturation et dématérialiser les bons de livraison."}},
      {"ressources humaines",
       {"Difficultés de recrutement sur les postes de {job} ; la main-d'œuvre qualifiée est rare dans le bassin.",
        "Besoin d'un appui pour structurer les entretiens annuels et le plan de développement des compétences.",
        "Projet d'apprentissage : deux contrats prévus à la rentrée.",
        "Forte croissance : passage de {staff} à {staff2} salariés, la fonction RH doit être organisée.",
        "Départ d'un cadre clé ; réflexion sur un groupement d'employeurs pour partager un poste."}},
      {"transition écologique",
       {"Bilan carbone envisagé ; présentation des aides à la décarbonation.",
        "Les factures d'énergie ont doublé : réflexion sur la sobriété énergétique de l'atelier.",
        "Projet de panneaux photovoltaïques en toiture ; étude de faisabilité à lancer.",
        "Démarche RSE engagée, le dirigeant veut valoriser l'économie circulaire auprès de ses clients."}},
      {"immobilier d'entreprise",
       {"Recherche d'un local de {surface} m² à {commune} ou à proximité, avec quai de chargement.",
        "Besoin d'un terrain de deux hectares pour regrouper les deux sites ; visite de la zone prévue.",
        "L'entreprise est à l'étroit : proposition de visiter l'hôtel d'entreprises de la métropole."}},
      {"industrie du futur",
       {"Projet de robotisation du poste de conditionnement ; diagnostic industrie du futur proposé.",
        "Réflexion sur la maintenance prédictive et la collecte des données machines.",
        "Atelier vieillissant : accompagnement à la définition d'une feuille de route de modernisation."}},
  };
  auto it = kByTopic.find(topic);
  static const std::vector<std::string> kNone;
  return it == kByTopic.end() ? kNone : it->second;
}

const char* const kClosings[] = {
    "Prochaine étape : envoi de la fiche de synthèse et point dans un mois.",
    "Mise en relation proposée avec {colleague}.",
    "Le dirigeant reviendra vers nous après son comité de direction.",
    "Dossier à suivre de près, forte motivation de l'équipe.",
    "RAS pour le reste, entreprise en bonne santé ; rester en veille.",
    "Cœur de métier solide, mais dépendance à un client majeur ({percent} % du chiffre d'affaires).",
    "Relance prévue début {month}.",
    "Documents transmis par courriel le jour même.",
    "Très bon accueil, le dirigeant apprécie d'avoir un interlocuteur unique dans le réseau.",
    "À revoir avec {colleague} avant de proposer un accompagnement."};

const char* const kMonths[] = {"janvier", "février",   "mars",    "avril",    "mai",     "juin",
                               "juillet", "septembre", "octobre", "novembre", "décembre"};

}  // namespace

const std::vector<std::string>& NoteTopics() {
  static const std::vector<std::string> kTopics = {"innovation",
                                                   "export",
                                                   "création d'entreprise",
                                                   "transmission-reprise",
                                                   "propriété intellectuelle",
                                                   "investissement",
                                                   "financement",
                                                   "numérique",
                                                   "ressources humaines",
                                                   "transition écologique",
                                                   "immobilier d'entreprise",
                                                   "industrie du futur"};
  return kTopics;
}

std::string NoteText(Rng& rng, const NoteContext& c) {
  Vars v = {{"company", c.company},
            {"commune", c.commune},
            {"colleague", c.colleague.empty() ? "un collègue du réseau" : c.colleague},
            {"country", rng.Pick(kCountries)},
            {"machine", rng.Pick(kMachines)},
            {"job", rng.Pick(kJobs)},
            {"month", rng.Pick(kMonths)},
            {"amount", std::to_string(rng.Between(3, 120) * 10)},
            {"surface", std::to_string(rng.Between(4, 60) * 50)},
            {"percent", std::to_string(rng.Between(8, 65))},
            {"staff", std::to_string(rng.Between(8, 30))},
            {"staff2", std::to_string(rng.Between(35, 80))}};
  const std::string who =
      c.contact.empty() ? "le dirigeant" : c.contact + (c.contact_title.empty() ? "" : " (" + c.contact_title + ")");
  std::string text;
  if (c.kind == "visit") {
    const std::string openings[] = {"Visite sur site avec " + who + ".",
                                    "Rendez-vous dans les locaux de l'entreprise à {commune} avec " + who + ".",
                                    "Première rencontre avec " + who + ", très ouvert à l'accompagnement.",
                                    "Visite de l'atelier et échange d'une heure et demie avec " + who + "."};
    text = rng.Pick(openings);
  } else if (c.kind == "call") {
    const std::string openings[] = {
        "Échange téléphonique avec " + who + ".", "Appel de suivi après notre dernier rendez-vous.",
        who + " nous a appelés au sujet de son projet.", "Point téléphonique rapide avec " + who + "."};
    text = rng.Pick(openings);
  } else if (c.kind == "email") {
    const std::string openings[] = {"Échange de courriels avec " + who + ".",
                                    "Réponse par courriel aux questions de " + who + ".",
                                    "Envoi de la documentation demandée ; " + who + " a répondu le lendemain."};
    text = rng.Pick(openings);
  } else {
    text = "Rencontre avec " + who + " lors de " + rng.Pick(kEvents) + " à {commune}.";
  }
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  for (const std::string& topic : c.topics) {
    const std::vector<std::string>& s = Sentences(topic);
    if (s.empty()) continue;
    text += ' ';
    text += rng.Pick(s);
    if (rng.Chance(0.35)) {
      text += ' ';
      text += rng.Pick(s);
    }
  }
  text += ' ';
  text += rng.Pick(kClosings);
  return Fill(text, v);
}

std::string FollowUpTitle(Rng& rng, const std::string& topic) {
  static const std::map<std::string, std::vector<std::string>> kByTopic = {
      {"export", {"Transmettre les coordonnées du conseiller export", "Envoyer le programme du salon international"}},
      {"propriété intellectuelle", {"Organiser le pré-diagnostic PI", "Envoyer la fiche sur le dépôt de marque"}},
      {"financement", {"Préparer le comité de prêt d'honneur", "Transmettre le dossier à la banque publique"}},
      {"numérique", {"Planifier le diagnostic numérique", "Envoyer la liste des prestataires référencés"}},
      {"innovation", {"Présenter le dossier d'aide à l'innovation", "Mettre en relation avec le laboratoire"}},
      {"ressources humaines",
       {"Transmettre l'offre d'emploi au service de l'emploi", "Présenter le groupement d'employeurs"}},
      {"immobilier d'entreprise", {"Organiser la visite des locaux disponibles"}},
      {"transmission-reprise", {"Inscrire l'entreprise sur la bourse de transmission"}},
  };
  static const std::vector<std::string> kGeneric = {"Envoyer la fiche de synthèse", "Relancer le dirigeant",
                                                    "Faire un point dans un mois", "Transmettre le compte rendu"};
  auto it = kByTopic.find(topic);
  if (it != kByTopic.end() && rng.Chance(0.7)) return rng.Pick(it->second);
  return rng.Pick(kGeneric);
}

std::string ReferralMessage(Rng& rng, const std::string& company, const std::string& topic) {
  const std::string msgs[] = {
      "Bonjour, pourriez-vous rencontrer " + company + " au sujet de : " + topic + " ? Le dirigeant est demandeur.",
      "Je vous oriente " + company + " pour un besoin en " + topic + ". Merci de me tenir informé(e).",
      "Suite à ma visite, " + company + " aurait besoin de votre expertise (" + topic + ").",
      "Entreprise à fort potentiel, besoin identifié : " + topic + ". Coordonnées du dirigeant dans la fiche."};
  return rng.Pick(msgs);
}

std::string ReferralDeclineReason(Rng& rng) {
  const char* const reasons[] = {"Hors de mon périmètre géographique.", "Déjà suivie par un collègue de ma structure.",
                                 "Le besoin relève plutôt de la chambre de métiers.",
                                 "Charge de travail trop importante ce trimestre, voir avec l'antenne."};
  return rng.Pick(reasons);
}

HotlineText HotlineQuestion(Rng& rng, const std::string& commune) {
  struct Q {
    const char* subject;
    const char* question;
    const char* answer;
  };
  static const Q kQuestions[] = {
      {"Choix du statut : SAS ou SARL ?",
       "Un porteur de projet accompagné à {commune} hésite entre SAS et SARL pour une activité de négoce. Quels "
       "critères lui présenter ?",
       "Les deux formes limitent la responsabilité aux apports. La SARL offre un cadre plus encadré par la loi et un "
       "régime social de travailleur non salarié pour le gérant majoritaire ; la SAS laisse une grande liberté "
       "statutaire et le président est assimilé salarié. Le choix dépend surtout du mode de rémunération envisagé et "
       "de l'entrée future d'investisseurs."},
      {"Capital social minimum d'une SAS",
       "Une créatrice demande quel capital minimum prévoir pour sa SAS et si elle peut le libérer en plusieurs fois.",
       "Aucun minimum légal : un euro suffit. Les apports en numéraire doivent être libérés d'au moins la moitié à la "
       "constitution, le solde dans les cinq ans. Un capital trop faible peut toutefois inquiéter les banques et les "
       "fournisseurs."},
      {"Micro-entreprise et franchise de TVA",
       "Un micro-entrepreneur de {commune} approche du seuil de franchise en base de TVA. Que se passe-t-il en cas de "
       "dépassement ?",
       "En cas de dépassement du seuil majoré, la TVA est due dès le premier jour du mois de dépassement. Il faut "
       "alors facturer la TVA, la déclarer et adapter ses prix. Un point avec un expert-comptable est recommandé."},
      {"Bail commercial : durée et résiliation",
       "Une entreprise souhaite quitter son local avant la fin du bail commercial. Quelles sont ses possibilités ?",
       "Le locataire peut donner congé à l'expiration de chaque période triennale, par acte d'huissier ou lettre "
       "recommandée, au moins six mois à l'avance, sauf clause contraire autorisée. Hors de ces échéances, une "
       "résiliation amiable ou une cession du bail est à négocier."},
      {"Domiciliation au domicile du dirigeant",
       "Un créateur peut-il domicilier sa société chez lui, dans un logement dont il est locataire ?",
       "Oui, pour une durée limitée ou sans limite selon les cas : la loi l'autorise même si le bail ou le règlement "
       "de copropriété l'interdit, à condition d'en informer le bailleur. Aucune activité recevant de la clientèle ne "
       "peut y être exercée sans autorisation."},
      {"Statut du conjoint collaborateur",
       "L'épouse d'un artisan travaille régulièrement dans l'entreprise sans être rémunérée. Quel statut choisir ?",
       "Le conjoint qui participe régulièrement à l'activité doit opter pour un statut : collaborateur, salarié ou "
       "associé. Le statut de conjoint collaborateur ouvre des droits à la retraite et à la formation ; il est limité "
       "dans le temps depuis la réforme récente."},
      {"Apport en nature et commissaire aux apports",
       "Un associé veut apporter un fonds de commerce évalué à 40 000 € à une SARL en formation. Faut-il un "
       "commissaire aux apports ?",
       "Le commissaire aux apports est obligatoire dans une SARL sauf si chaque apport en nature ne dépasse pas 30 000 "
       "€ et si leur total n'excède pas la moitié du capital. Ici, l'apport dépasse le seuil : sa désignation est "
       "nécessaire."},
      {"Dépôt de marque avant l'immatriculation",
       "Un porteur de projet veut protéger le nom de sa future entreprise avant de l'immatriculer. Est-ce possible ?",
       "Oui, la marque peut être déposée en nom propre puis cédée ou apportée à la société une fois créée. Il faut "
       "vérifier au préalable la disponibilité du signe et choisir les classes de produits et services avec soin."},
      {"Clause de non-concurrence à la cession",
       "Lors de la cession d'un fonds de commerce à {commune}, l'acheteur demande une clause de non-concurrence. "
       "Quelles limites ?",
       "La clause doit être limitée dans le temps et dans l'espace, et proportionnée aux intérêts de l'acquéreur. Une "
       "clause trop large serait réputée non écrite. Il est d'usage de viser l'activité cédée et une zone géographique "
       "cohérente avec la clientèle."},
      {"Responsabilité du dirigeant en cas de liquidation",
       "Le gérant d'une SARL en difficulté craint d'être poursuivi personnellement. Dans quels cas ?",
       "En principe, la responsabilité est limitée aux apports. Le dirigeant peut être poursuivi pour insuffisance "
       "d'actif en cas de faute de gestion ayant contribué à celle-ci, la simple négligence étant exclue. Les cautions "
       "personnelles données aux banques restent dues."},
      {"Transfert de siège social dans un autre département",
       "Une SAS veut transférer son siège de {commune} vers un autre département. Quelles formalités ?",
       "Décision des associés selon les statuts, mise à jour des statuts, annonce légale dans les deux départements et "
       "dépôt du dossier sur le guichet unique. Le transfert prend effet à la date fixée par la décision."},
      {"Embauche du premier salarié",
       "Un artisan s'apprête à embaucher son premier salarié. Quelles démarches prévoir ?",
       "Déclaration préalable à l'embauche, adhésion à un service de santé au travail, affiliation aux caisses de "
       "retraite complémentaire et de prévoyance, registre unique du personnel, et vérification de la convention "
       "collective applicable."},
      {"Pacte d'associés : utile pour deux associés ?",
       "Deux associés à parts égales créent une SAS. Un pacte d'associés est-il utile ?",
       "Oui : il organise la gouvernance, les cas de blocage, la sortie d'un associé et les clauses d'agrément ou de "
       "préemption. À parts égales, une clause de sortie en cas de désaccord durable évite bien des contentieux."},
      {"Aides à la création et maintien des allocations",
       "Une demandeuse d'emploi qui crée son entreprise peut-elle conserver ses allocations ?",
       "Elle peut choisir entre le maintien partiel des allocations cumulées avec ses revenus et le versement d'un "
       "capital en deux fois. L'exonération de début d'activité s'applique sous conditions."},
      {"Mise en œuvre du droit de préemption commercial",
       "La commune de {commune} a instauré un périmètre de sauvegarde du commerce. Quelles conséquences pour une "
       "cession de fonds ?",
       "Le cédant doit adresser une déclaration préalable à la commune, qui dispose de deux mois pour exercer son "
       "droit de préemption. À défaut de déclaration, la cession est nulle."},
  };
  const Q& q = rng.Pick(kQuestions);
  Vars v = {{"commune", commune}};
  HotlineText t;
  t.subject = q.subject;
  t.question = Fill(q.question, v);
  const char* const kOpenings[] = {"", "Bonjour, ", "Merci pour votre question. ", "Réponse de l'équipe juridique : "};
  t.answer = std::string(rng.Pick(kOpenings)) + q.answer;
  if (rng.Chance(0.3))
    t.answer += " Cette réponse ne remplace pas un conseil personnalisé d'un avocat ou d'un notaire.";
  return t;
}

std::vector<CourseText> CourseCatalogue(Rng& rng, int count) {
  struct Theme {
    const char* name;
    const char* workshops[3];
    const char* visit;
  };
  static const Theme kThemes[] = {
      {"Innovation",
       {"Monter un projet collaboratif avec un laboratoire", "Financer l'innovation : CIR, CII et aides",
        "Animer un atelier de créativité en entreprise"},
       "les territoires d'innovation de Rhône-Alpes"},
      {"Export",
       {"Accompagner une première démarche export", "Incoterms et formalités douanières",
        "Préparer un salon international"},
       "Team France Export à Düsseldorf"},
      {"Création d'entreprise",
       {"Le prévisionnel du créateur, ligne à ligne", "Statuts juridiques : conseiller sans se tromper",
        "L'accueil du porteur de projet"},
       "les pépinières d'entreprises de Nantes"},
      {"Transmission-reprise",
       {"Évaluer une entreprise à reprendre", "Accompagner le cédant, un chantier humain",
        "Le financement de la reprise"},
       "le marché de la transmission en Belgique"},
      {"Propriété intellectuelle",
       {"Le pré-diagnostic PI en pratique", "Marques : dépôt, surveillance et contrefaçon",
        "Brevets et stratégie d'entreprise"},
       "l'Office européen des brevets à Munich"},
      {"Financement",
       {"Lire un bilan en une heure", "Prêts d'honneur et garanties", "Préparer une levée de fonds"},
       "les fonds d'investissement régionaux à Lyon"},
      {"Numérique",
       {"Mener un diagnostic numérique de TPE", "Cybersécurité : les gestes qui protègent",
        "Vendre en ligne quand on est artisan"},
       "les tiers-lieux numériques de Bretagne"},
      {"Ressources humaines",
       {"Aider une PME à recruter", "Groupements d'employeurs : mode d'emploi", "Marque employeur pour les TPE"},
       "l'apprentissage en Bade-Wurtemberg"},
      {"Transition écologique",
       {"Bilan carbone simplifié pour les PME", "Sobriété énergétique dans l'atelier",
        "Économie circulaire et écoconception"},
       "les zones d'activités durables des Pays-Bas"},
      {"Industrie du futur",
       {"Robotiser une PME : par où commencer ?", "Maintenance prédictive et données machines",
        "Lean et performance industrielle"},
       "l'usine école de Stuttgart"},
      {"Immobilier d'entreprise",
       {"Bail commercial : l'essentiel pour conseiller", "Accueillir une implantation industrielle",
        "Friches : reconvertir le foncier économique"},
       "les parcs d'activités de Catalogne"},
      {"Marketing territorial",
       {"Promouvoir son territoire auprès des investisseurs", "Construire une offre d'accueil des talents",
        "Réseaux sociaux pour les développeurs économiques"},
       "l'attractivité territoriale à Barcelone"},
      {"Économie sociale et solidaire",
       {"Accompagner la création d'une Scop", "Financer un projet d'ESS", "Coopérer avec les structures d'insertion"},
       "les coopératives du Pays basque espagnol"},
      {"Commerce de proximité",
       {"Revitaliser un centre-bourg", "Accompagner un commerçant vers le numérique",
        "Le droit de préemption commercial"},
       "les centres-villes commerçants du Québec"},
      {"Aides publiques",
       {"Cartographie des aides régionales", "Monter un dossier FEDER", "Régime des aides d'État : les règles de base"},
       "les institutions européennes à Bruxelles"},
      {"Accueil et orientation",
       {"Le premier entretien avec un dirigeant", "Orienter dans le réseau : qui fait quoi",
        "Suivre une entreprise dans l'extranet"},
       "un réseau d'accompagnement régional en Wallonie"},
  };
  std::vector<CourseText> out;
  for (int i = 0; static_cast<int>(out.size()) < count; i++) {
    const Theme& th = kThemes[i % (sizeof kThemes / sizeof kThemes[0])];
    int slot = (i / static_cast<int>(sizeof kThemes / sizeof kThemes[0])) % 5;
    CourseText c;
    c.theme = th.name;
    if (slot == 0) {
      c.level = "intro";
      c.title = std::string(th.name) + " : les fondamentaux";
      c.description =
          "Demi-journée d'introduction pour les membres du réseau : les notions clés, les acteurs, les "
          "dispositifs mobilisables et des cas concrets d'entreprises de la région.";
      c.duration_minutes = 210;
    } else if (slot <= 3) {
      c.level = "workshop";
      c.title = th.workshops[slot - 1];
      c.description =
          "Atelier spécialisé animé par un expert du réseau. Mise en situation à partir de dossiers "
          "réels, échanges de pratiques et outils à réutiliser dès le lendemain.";
      c.duration_minutes = rng.Chance(0.5) ? 420 : 210;
    } else {
      c.level = "study_visit";
      c.title = std::string("Voyage d'études : ") + th.visit;
      c.description =
          "Voyage d'études de deux jours ouvert aux élus et aux développeurs économiques : rencontres "
          "avec des acteurs de terrain, visites d'entreprises et retour d'expérience collectif.";
      c.duration_minutes = 960;
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::string CompanyName(Rng& rng, const std::string& sector, const std::string& commune) {
  const std::string last = rng.Pick(LastNames());
  const char* const kRegions[] = {"Berry",     "Val de Loire", "Sologne",   "Perche",  "Gâtinais",
                                  "Touraine",  "Beauce",       "Orléanais", "Blésois", "Vendômois",
                                  "Boischaut", "Sancerrois",   "Drouais",   "Brenne"};
  const char* const kWords[] = {"Horizon", "Atelier", "Nova",          "Alpha", "Ligéria", "Cèdre",  "Arcadie",
                                "Éole",    "Hélios",  "Vega",          "Orion", "Azur",    "Oxalis", "Quartz",
                                "Sylva",   "Castor",  "Lynx",          "Pixel", "Ozone",   "Cobalt", "Ébène",
                                "Boréal",  "Nœud",    "Cœur de Loire", "Œuvre"};
  const std::string region = rng.Pick(kRegions);
  const std::string word = rng.Pick(kWords);
  std::vector<std::string> p;
  if (sector == "bakery")
    p = {"Boulangerie " + last, "Au Fournil de " + commune, "La Mie " + word, "Pâtisserie " + last,
         "Boulangerie du " + region};
  else if (sector == "food")
    p = {"Chocolaterie " + last, "Brasserie " + word, "Conserverie du " + region, "Charcuterie " + last,
         "Saveurs du " + region};
  else if (sector == "wine")
    p = {"Domaine " + last, "Vignobles " + last + " et Fils", "Cave du " + region, "Clos " + word};
  else if (sector == "metal")
    p = {last + " Mécanique", "Usinage " + word,       "Mécanique de précision du " + region,
         "Tôlerie " + last,   "Chaudronnerie " + last, word + " Industrie"};
  else if (sector == "chemistry")
    p = {"Plasturgie du " + region, word + " Polymères", "Laboratoires " + last, word + " Pharma"};
  else if (sector == "cosmetics")
    p = {"Laboratoires " + last, word + " Cosmétiques", "Parfums du " + region, "Senteurs " + word};
  else if (sector == "electronics")
    p = {word + " Électronique", word + " Systèmes", last + " Automatismes", "Capteurs du " + region};
  else if (sector == "building")
    p = {last + " Bâtiment", "Électricité " + last, "Plomberie " + last, "Maisons du " + region,
         "Entreprise " + last + " et Fils"};
  else if (sector == "wood")
    p = {"Menuiserie " + last, "Charpentes du " + region, "Ébénisterie " + last, "Bois et Habitat " + word};
  else if (sector == "transport")
    p = {"Transports " + last, word + " Logistique", "Messageries du " + region};
  else if (sector == "digital")
    p = {word + " Numérique", word + "Soft", "Studio " + word, last + " Informatique", "Data " + word};
  else if (sector == "agency")
    p = {"Agence " + word, "Studio " + word + " Design", word + " Communication"};
  else if (sector == "consulting")
    p = {last + " Conseil", "Bureau d'études " + last, word + " Ingénierie", "Cabinet " + last};
  else if (sector == "research")
    p = {word + " Technologies", word + " Lab", "Biotech du " + region};
  else if (sector == "hospitality")
    p = {"Hôtel du " + region, "Restaurant " + word, "Auberge de " + commune, "Le Bistrot de " + last};
  else if (sector == "shop")
    p = {"Épicerie " + word, "Salon " + word, "Maison " + last, "Comptoir du " + region};
  else if (sector == "farm")
    p = {"EARL " + last, "GAEC des " + word, "Ferme " + last, "Les Jardins du " + region};
  else
    p = {last + " et Associés"};
  std::string name = rng.Pick(p);
  // Some records carry their legal form, as people type them.
  const char* const kForms[] = {" SARL", " SAS", " SASU", " EURL", "SARL ", "SAS "};
  if (rng.Chance(0.3)) {
    std::string form = rng.Pick(kForms);
    name = form.back() == ' ' ? form + name : name + form;
  }
  return name;
}

}  // namespace relais::demo
