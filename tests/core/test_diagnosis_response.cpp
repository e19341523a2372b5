// Diagnosis responses: conditional questions, progress, answer checks, versions, JSON.
#include <algorithm>
#include <catch2/catch.hpp>

#include "core/diagnosis/response.h"

using namespace relais::diagnosis;

namespace {

std::string Q(const std::string& s) { return "«\u00A0" + s + "\u00A0»"; }
const std::string C = "\u00A0: ";

const Template& Shipped() {
  static const LoadResult r =
      LoadTemplateFile(std::string(RELAIS_ASSETS_DIR) + "/questionnaires/diagnostic-innovation-croissance.v1.json");
  REQUIRE(r.ok);
  return r.tmpl;
}

bool Shown(const Answers& answers, const std::string& id) { return IsVisible(Shipped(), answers, id); }

}  // namespace

TEST_CASE("Conditional questions show and hide, chains included", "[diagnosis]") {
  Answers a;
  std::vector<const Question*> visible = VisibleQuestions(Shipped(), a);
  CHECK(visible.size() == 25);  // 32 questions, 7 conditional ones hidden
  CHECK(visible.front()->id == "effectif");
  CHECK(visible.back()->id == "commentaire");
  for (const char* id : {"export_zones", "export_part", "export_douane", "export_projet", "dispositifs",
                         "pi_brevets_nombre", "rh_organisation"})
    CHECK_FALSE(Shown(a, id));

  // equals
  a["export_actuel"] = ChoiceAnswer("oui");
  CHECK(Shown(a, "export_zones"));
  CHECK(Shown(a, "export_part"));
  CHECK_FALSE(Shown(a, "export_projet"));
  CHECK_FALSE(Shown(a, "export_douane"));
  // includes, on a question that is itself conditional
  a["export_zones"] = ChoicesAnswer({"export_eu", "grand_export"});
  CHECK(Shown(a, "export_douane"));
  a["export_zones"] = ChoicesAnswer({"export_eu"});
  CHECK_FALSE(Shown(a, "export_douane"));
  a["export_zones"] = ChoicesAnswer({"grand_export"});
  CHECK(VisibleQuestions(Shipped(), a).size() == 28);
  // The chain hides as a whole: zones still says grand_export, but zones is hidden.
  a["export_actuel"] = ChoiceAnswer("non");
  CHECK_FALSE(Shown(a, "export_zones"));
  CHECK_FALSE(Shown(a, "export_douane"));
  CHECK(Shown(a, "export_projet"));
  CHECK(a.count("export_zones") == 1);  // kept, in case the answer changes back

  // at_least, with the boundary
  a["effectif"] = NumberAnswer(9);
  CHECK_FALSE(Shown(a, "rh_organisation"));
  a["effectif"] = NumberAnswer(10);
  CHECK(Shown(a, "rh_organisation"));
  a["rd_budget"] = NumberAnswer(0.5);
  CHECK_FALSE(Shown(a, "dispositifs"));
  a["rd_budget"] = NumberAnswer(1);
  CHECK(Shown(a, "dispositifs"));
  // An invalid controlling answer never opens a condition.
  a["export_actuel"] = ChoiceAnswer("peut-etre");
  CHECK_FALSE(Shown(a, "export_projet"));
  CHECK_FALSE(Shown(a, "export_zones"));
}

TEST_CASE("Progress counts shown required questions", "[diagnosis]") {
  const Template& t = Shipped();
  Answers a;
  Progress p = ComputeProgress(t, a);
  CHECK(p.visible == 25);
  CHECK(p.answered == 0);
  CHECK(p.required == 19);
  CHECK(p.required_answered == 0);
  CHECK_FALSE(p.Complete());
  CHECK(FirstMissingRequired(t, a)->id == "effectif");

  a["effectif"] = NumberAnswer(12);  // shows rh_organisation (required)
  a["activite"] = TextAnswer("Usinage de précision pour l’aéronautique.");
  a["export_actuel"] = ChoiceAnswer("non");  // shows export_projet (required)
  a["veille"] = NumberAnswer(7);             // out of the 1..5 scale: not an answer
  p = ComputeProgress(t, a);
  CHECK(p.visible == 27);
  CHECK(p.answered == 3);
  CHECK(p.required == 21);
  CHECK(p.required_answered == 2);
  CHECK(FirstMissingRequired(t, a)->id == "innovation_recente");
}

TEST_CASE("Answers are checked against their question", "[diagnosis]") {
  const Template& t = Shipped();
  Response r = StartResponse(t, 1000);
  CHECK(r.template_id == "diag-innovation-croissance");
  CHECK(r.template_version == 1);
  CHECK(r.started_ms == 1000);
  CHECK(r.completion == Completion::InProgress);

  auto err = [&](const std::string& id, const Answer& a) { return SetAnswer(t, r, id, a, 2000).error; };
  CHECK(err("export_actuel", ChoiceAnswer("peut-etre")) ==
        "question " + Q("export_actuel") + C + "option inconnue " + Q("peut-etre"));
  CHECK(err("export_actuel", ChoicesAnswer({"oui", "non"})) ==
        "question " + Q("export_actuel") + C + "une seule option attendue");
  CHECK(err("export_zones", ChoicesAnswer({"export_eu", "export_eu"})) ==
        "question " + Q("export_zones") + C + "option " + Q("export_eu") + " choisie deux fois");
  CHECK(err("veille", NumberAnswer(6)) == "question " + Q("veille") + C + "entier attendu de 1 à 5");
  CHECK(err("veille", NumberAnswer(2.5)) == "question " + Q("veille") + C + "entier attendu de 1 à 5");
  CHECK(err("rd_budget", NumberAnswer(-1)) == "question " + Q("rd_budget") + C + "au moins 0\u00A0%");
  CHECK(err("rd_budget", NumberAnswer(120)) == "question " + Q("rd_budget") + C + "au plus 100\u00A0%");
  CHECK(err("rd_budget", ChoiceAnswer("oui")) == "question " + Q("rd_budget") + C + "réponse de type number attendue");
  CHECK(err("inconnue", TextAnswer("x")) == "question inconnue " + Q("inconnue"));
  CHECK(r.answers.empty());
  CHECK(r.updated_ms == 1000);  // refused answers change nothing

  CHECK(SetAnswer(t, r, "export_zones", ChoicesAnswer({"grand_export", "export_eu"}), 3000).ok);
  CHECK(SetAnswer(t, r, "rd_budget", NumberAnswer(2.5), 3000).ok);
  CHECK(r.updated_ms == 3000);
  CHECK(r.answers.size() == 2);
  CHECK(SetAnswer(t, r, "rd_budget", Answer{}, 4000).ok);  // an empty answer clears
  CHECK(r.answers.count("rd_budget") == 0);
  CHECK(r.updated_ms == 4000);
}

TEST_CASE("Another template version is refused", "[diagnosis]") {
  Template v2 = Shipped();
  v2.version = 2;
  Response r = StartResponse(Shipped(), 1000);
  std::string expected = "la réponse a été faite avec le modèle " + Q("diag-innovation-croissance") +
                         " version 1, pas avec " + Q("diag-innovation-croissance") + " version 2";
  CHECK(CheckTemplate(v2, r).error == expected);
  CHECK(SetAnswer(v2, r, "effectif", NumberAnswer(3), 2000).error == expected);
  CHECK(CompleteResponse(v2, r, 2000).error == expected);
  Template other = Shipped();
  other.id = "diag-transmission";
  CHECK_FALSE(CheckTemplate(other, r).ok);
  CHECK(CheckTemplate(Shipped(), r).ok);
  CHECK(r.answers.empty());
}

TEST_CASE("Completion needs every shown required answer", "[diagnosis]") {
  const Template& t = Shipped();
  Response r = StartResponse(t, 1000);
  Status st = CompleteResponse(t, r, 2000);
  CHECK(st.error == "question " + Q("effectif") + C + "réponse obligatoire manquante (" +
                        Q("Combien de salariés compte l’entreprise ?") + ")");
  const std::vector<std::pair<std::string, Answer>> answers = {
      {"effectif", NumberAnswer(8)},
      {"innovation_recente", ChoiceAnswer("amelioration")},
      {"rd_budget", NumberAnswer(0)},
      {"rd_equipe", ChoiceAnswer("dirigeant")},
      {"veille", NumberAnswer(2)},
      {"pi_titres", ChoicesAnswer({"marque"})},
      {"pi_liberte", ChoiceAnswer("jamais")},
      {"pi_confidentialite", ChoiceAnswer("parfois")},
      {"export_actuel", ChoiceAnswer("non")},
      {"export_projet", ChoiceAnswer("reflexion")},
      {"export_langues", NumberAnswer(2)},
      {"num_outils", ChoicesAnswer({"site", "collaboratif"})},
      {"num_vente_en_ligne", ChoiceAnswer("non")},
      {"num_cyber", ChoiceAnswer("partielles")},
      {"num_maturite", NumberAnswer(2)},
      {"fin_previsionnel", ChoiceAnswer("partiel")},
      {"fin_fonds_propres", ChoiceAnswer("justes")},
      {"fin_partenaires", NumberAnswer(3)},
      {"rh_recrutement", ChoiceAnswer("fortes")},
  };
  for (const auto& [id, a] : answers) REQUIRE(SetAnswer(t, r, id, a, 3000).ok);
  st = CompleteResponse(t, r, 3000);
  CHECK(st.error == "question " + Q("rh_competences") + C + "réponse obligatoire manquante (" +
                        Q(FindQuestion(t, "rh_competences")->label) + ")");
  REQUIRE(SetAnswer(t, r, "rh_competences", NumberAnswer(3), 4000).ok);
  CHECK(CompleteResponse(t, r, 5000).ok);
  CHECK(r.completion == Completion::Completed);
  CHECK(r.updated_ms == 5000);
  // Growing past 10 employees shows a new required question: no longer complete.
  REQUIRE(SetAnswer(t, r, "effectif", NumberAnswer(15), 6000).ok);
  CHECK(r.completion == Completion::InProgress);
  REQUIRE(SetAnswer(t, r, "rh_organisation", ChoiceAnswer("partiellement"), 7000).ok);
  CHECK(CompleteResponse(t, r, 8000).ok);
  // Clearing an optional answer keeps it complete; a required one does not.
  REQUIRE(SetAnswer(t, r, "commentaire", TextAnswer("Rappeler en septembre."), 9000).ok);
  REQUIRE(ClearAnswer(t, r, "commentaire", 9100).ok);
  CHECK(r.completion == Completion::Completed);
  REQUIRE(ClearAnswer(t, r, "veille", 9200).ok);
  CHECK(r.completion == Completion::InProgress);
}

TEST_CASE("Responses round-trip through JSON", "[diagnosis]") {
  const Template& t = Shipped();
  Response r = StartResponse(t, 1767225600000);  // 2026-01-01, beyond 32 bits
  REQUIRE(SetAnswer(t, r, "export_zones", ChoicesAnswer({"grand_export", "export_eu"}), 1767225660000).ok);
  REQUIRE(SetAnswer(t, r, "rd_budget", NumberAnswer(2.5), 1767225660000).ok);
  REQUIRE(SetAnswer(t, r, "activite", TextAnswer("Scierie « familiale » — bois d’œuvre"), 1767225720000).ok);
  r.completion = Completion::Completed;

  std::string json = SaveResponseJson(r);
  ResponseLoadResult back = LoadResponseJson(json);
  INFO(back.error);
  REQUIRE(back.ok);
  const Response& b = back.response;
  CHECK(b.template_id == r.template_id);
  CHECK(b.template_version == 1);
  CHECK(b.started_ms == 1767225600000);
  CHECK(b.updated_ms == 1767225720000);
  CHECK(b.completion == Completion::Completed);
  REQUIRE(b.answers.size() == 3);
  CHECK(b.answers.at("export_zones").choices == std::vector<std::string>{"grand_export", "export_eu"});
  CHECK(b.answers.at("rd_budget").number == 2.5);
  CHECK(b.answers.at("activite").text == "Scierie « familiale » — bois d’œuvre");
  CHECK(SaveResponseJson(b) == json);

  CHECK(LoadResponseJson("{\"template_id\": \"x\", \"template_version\": 1, \"started_ms\": 1}").error ==
        "champ " + Q("updated_ms") + " manquant");
  CHECK(LoadResponseJson("{\"template_id\": \"x\", \"template_version\": 1, \"started_ms\": 1, "
                         "\"updated_ms\": 2, \"answers\": {\"q1\": {\"choices\": \"a\"}}}")
            .error == "réponse à " + Q("q1") + ", champ " + Q("choices") + C + "liste [ … ] attendue");
  CHECK(LoadResponseJson("{\"template_id\": \"x\", \"template_version\": 1, \"started_ms\": 1, "
                         "\"updated_ms\": 2, \"completion\": \"done\"}")
            .error == "champ " + Q("completion") + C + "valeur inconnue " + Q("done") + " (in_progress ou completed)");
}
