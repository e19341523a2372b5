// Diagnosis templates: the shipped questionnaire, JSON errors, validation rules, round trip.
#include <catch2/catch.hpp>
#include <set>

#include "core/diagnosis/template.h"

using namespace relais::diagnosis;

namespace {

// French typography used by the messages: « x » and " : " with no-break spaces.
std::string Q(const std::string& s) { return "«\u00A0" + s + "\u00A0»"; }
const std::string C = "\u00A0: ";

const char* const kMini = R"({
  "id": "mini",
  "version": 1,
  "title": "Mini diagnostic",
  "themes": [
    {"id": "a", "label": "Alpha", "tags": ["alpha"]},
    {"id": "b", "label": "Bêta", "bands": [
      {"from": 0, "label": "Faible", "need": true, "text": "À travailler."},
      {"from": 50, "label": "Fort"}]},
    {"id": "c", "label": "Gamma"}
  ],
  "bands": [
    {"from": 0, "label": "Besoin prioritaire", "need": true},
    {"from": 40, "label": "À consolider", "need": true},
    {"from": 70, "label": "Point fort"}
  ],
  "sections": [
    {"id": "s1", "title": "Première", "questions": [
      {"id": "q1", "type": "single_choice", "label": "Oui ou non ?", "required": true,
       "options": [{"id": "yes", "label": "Oui", "points": {"a": 2}},
                   {"id": "no", "label": "Non", "points": {"a": 0}}]},
      {"id": "q2", "type": "multiple_choice", "label": "Lesquels ?",
       "options": [{"id": "x", "label": "X", "points": {"a": 1, "b": 1}},
                   {"id": "y", "label": "Y", "points": {"a": 1}},
                   {"id": "z", "label": "Z", "points": {"b": 2}}],
       "weights": {"a": 2}},
      {"id": "q3", "type": "scale", "label": "Combien ?", "required": true,
       "scale": {"min": 1, "max": 5, "min_label": "Peu", "max_label": "Beaucoup", "theme": "b"}}
    ]},
    {"id": "s2", "title": "Seconde", "questions": [
      {"id": "q4", "type": "number", "label": "Quel nombre ?",
       "number": {"min": 0, "max": 100, "unit": "%", "theme": "a",
                  "thresholds": [{"at_least": 0, "points": 0}, {"at_least": 10, "points": 1},
                                 {"at_least": 50, "points": 3}]},
       "condition": {"question": "q1", "equals": "yes"}},
      {"id": "q5", "type": "single_choice", "label": "Et ensuite ?",
       "options": [{"id": "lo", "label": "Bas", "points": {"c": 0}},
                   {"id": "hi", "label": "Haut", "points": {"c": 4}}],
       "condition": {"question": "q4", "at_least": 10}},
      {"id": "q6", "type": "text", "label": "Remarques", "help": "Facultatif."}
    ]}
  ]
})";

// kMini with the first occurrence of `from` replaced (which must exist).
std::string Edit(const std::string& from, const std::string& to, std::string s = kMini) {
  size_t at = s.find(from);
  REQUIRE(at != std::string::npos);
  s.replace(at, from.size(), to);
  return s;
}

std::string ErrorOf(const std::string& json) {
  LoadResult r = LoadTemplateJson(json);
  CHECK_FALSE(r.ok);
  return r.error;
}

LoadResult Shipped() {
  return LoadTemplateFile(std::string(RELAIS_ASSETS_DIR) + "/questionnaires/diagnostic-innovation-croissance.v1.json");
}

}  // namespace

TEST_CASE("The shipped innovation-growth questionnaire loads and is valid", "[diagnosis]") {
  LoadResult r = Shipped();
  INFO(r.error);
  REQUIRE(r.ok);
  const Template& t = r.tmpl;
  CHECK(t.id == "diag-innovation-croissance");
  CHECK(t.version == 1);
  CHECK(t.title == "Diagnostic innovation croissance");
  CHECK(t.sections.size() == 6);
  CHECK(CountQuestions(t) == 32);
  std::vector<std::string> themes;
  for (const Theme& th : t.themes) themes.push_back(th.id);
  CHECK(themes == std::vector<std::string>{"innovation", "export", "pi", "numerique", "finance", "rh"});
  for (const Theme& th : t.themes) {
    CHECK_FALSE(th.tags.empty());
    CHECK(BandsFor(t, th).size() == 3);
  }
  CHECK(FindTheme(t, "pi")->label == "Propriété intellectuelle");

  std::set<QuestionType> types;
  int conditional = 0;
  for (const Section& s : t.sections)
    for (const Question& q : s.questions) {
      types.insert(q.type);
      conditional += q.condition.has_value();
    }
  CHECK(types.size() == 5);  // every question type is used
  CHECK(conditional == 7);

  const Question* zones = FindQuestion(t, "export_zones");
  REQUIRE(zones);
  CHECK(zones->type == QuestionType::MultipleChoice);
  CHECK(zones->condition->question == "export_actuel");
  CHECK(zones->condition->op == ConditionOp::Equals);
  CHECK(zones->condition->option == "oui");
  const Question* douane = FindQuestion(t, "export_douane");
  CHECK(douane->condition->op == ConditionOp::Includes);
  CHECK(douane->condition->question == "export_zones");  // a chained condition
  const Question* part = FindQuestion(t, "export_part");
  CHECK(part->number.thresholds.size() == 4);
  CHECK(WeightFor(*part, "export") == 1.5);
  CHECK(MaxPoints(*part, "export") == 3);
  CHECK(FindQuestion(t, "rh_organisation")->condition->op == ConditionOp::AtLeast);
  CHECK(FindQuestion(t, "rh_organisation")->condition->value == 10);
}

TEST_CASE("The inline test template is valid", "[diagnosis]") {
  LoadResult r = LoadTemplateJson(kMini);
  INFO(r.error);
  REQUIRE(r.ok);
  CHECK(CountQuestions(r.tmpl) == 6);
  const Question* q4 = FindQuestion(r.tmpl, "q4");
  CHECK(q4->number.min == 0.0);
  CHECK(q4->number.unit == "%");
  CHECK(FindQuestion(r.tmpl, "q6")->help == "Facultatif.");
  CHECK_FALSE(FindQuestion(r.tmpl, "q6")->required);  // optional fields default
  CHECK(MaxPoints(*FindQuestion(r.tmpl, "q2"), "b") == 3);
  CHECK(MaxPoints(*FindQuestion(r.tmpl, "q3"), "b") == 4);
  CHECK(MaxPoints(*FindQuestion(r.tmpl, "q3"), "a") == 0);
}

TEST_CASE("Malformed JSON is reported with line and column", "[diagnosis]") {
  CHECK(ErrorOf("{\n  \"id\": \"x\"\n  \"version\": 1\n}") ==
        "JSON invalide ligne 3, colonne 3" + C + Q(",") + " ou " + Q("}") + " attendu");
  CHECK(ErrorOf("") == "JSON invalide ligne 1, colonne 1" + C + "document vide");
  CHECK(ErrorOf("[1, 2]") == "JSON invalide" + C + "objet { … } attendu à la racine");
  CHECK(ErrorOf("{\"id\": \"caf\xC3\"}").find("encodage UTF-8 invalide") != std::string::npos);
  CHECK(ErrorOf("{\"id\": \"x\"} trailing") ==
        "JSON invalide ligne 1, colonne 13" + C + "contenu en trop après la fin du document");
  CHECK(LoadTemplateFile("/nonexistent/diag.json").error ==
        "impossible de lire le fichier " + Q("/nonexistent/diag.json"));
}

TEST_CASE("Structural errors name the question and the field", "[diagnosis]") {
  CHECK(ErrorOf(Edit("\"label\": \"Oui ou non ?\", ", "")) ==
        "section " + Q("s1") + ", question " + Q("q1") + C + "champ " + Q("label") + " manquant");
  CHECK(ErrorOf(Edit("\"min\": 1, \"max\": 5", "\"min\": \"un\", \"max\": 5")) ==
        "section " + Q("s1") + ", question " + Q("q3") + ", champ " + Q("scale.min") + C + "entier attendu");
  CHECK(ErrorOf(Edit("\"min\": 1, \"max\": 5", "\"min\": 1.5, \"max\": 5")) ==
        "section " + Q("s1") + ", question " + Q("q3") + ", champ " + Q("scale.min") + C + "entier attendu");
  CHECK(ErrorOf(Edit("\"required\": true", "\"requried\": true")) ==
        "section " + Q("s1") + ", question " + Q("q1") + C + "champ inconnu " + Q("requried"));
  CHECK(ErrorOf(Edit("\"required\": true", "\"required\": \"oui\"")) == "section " + Q("s1") + ", question " + Q("q1") +
                                                                            ", champ " + Q("required") + C +
                                                                            "booléen (true ou false) attendu");
  CHECK(ErrorOf(Edit("\"type\": \"multiple_choice\"", "\"type\": \"slider\"")) ==
        "section " + Q("s1") + ", question " + Q("q2") + ", champ " + Q("type") + C + "type inconnu " + Q("slider") +
            " (single_choice, multiple_choice, scale, number ou text)");
  // Before its id is read, a question is named by its position.
  CHECK(ErrorOf(Edit("{\"id\": \"q6\", ", "{")) ==
        "section " + Q("s2") + ", question n° 3" + C + "champ " + Q("id") + " manquant");
  CHECK(ErrorOf(Edit("\"scale\": {\"min\": 1, \"max\": 5, \"min_label\": \"Peu\", \"max_label\": "
                     "\"Beaucoup\", \"theme\": \"b\"}",
                     "\"scale\": [1, 5]")) ==
        "section " + Q("s1") + ", question " + Q("q3") + ", champ " + Q("scale") + C + "objet { … } attendu");
  CHECK(ErrorOf(Edit("\"tags\": [\"alpha\"]", "\"tags\": \"alpha\"")) ==
        "thème " + Q("a") + ", champ " + Q("tags") + C + "liste [ … ] attendue");
  CHECK(ErrorOf(Edit("\"points\": {\"a\": 2}", "\"points\": {\"a\": \"deux\"}")) ==
        "section " + Q("s1") + ", question " + Q("q1") + ", option " + Q("yes") + ", champ " + Q("points.a") + C +
            "nombre attendu");
  CHECK(ErrorOf(Edit("{\"id\": \"q1\",", "{\"id\": \"q1\", \"id\": \"q9\",")) ==
        "section " + Q("s1") + ", question " + Q("q1") + C + "champ " + Q("id") + " en double");
  CHECK(ErrorOf(Edit("\"question\": \"q1\", \"equals\": \"yes\"",
                     "\"question\": \"q1\", \"equals\": \"yes\", \"includes\": \"yes\"")) ==
        "section " + Q("s2") + ", question " + Q("q4") + ", champ " + Q("condition") + C +
            "un et un seul critère attendu parmi " + Q("equals") + ", " + Q("includes") + " et " + Q("at_least"));
  CHECK(ErrorOf(Edit("\"type\": \"text\", \"label\": \"Remarques\"",
                     "\"type\": \"text\", \"label\": \"Remarques\", \"scale\": {\"min\": 1, \"max\": 3}")) ==
        "section " + Q("s2") + ", question " + Q("q6") + C + "champ " + Q("scale") + " réservé au type scale");
  CHECK(ErrorOf(Edit("\"type\": \"text\"", "\"type\": \"scale\"")) ==
        "section " + Q("s2") + ", question " + Q("q6") + C + "champ " + Q("scale") + " manquant");
  CHECK(ErrorOf(Edit("\"version\": 1", "\"version\": \"1\"")) == "champ " + Q("version") + C + "entier attendu");
  CHECK(ErrorOf(Edit("\"version\": 1,", "")) == "champ " + Q("version") + " manquant");
  CHECK(ErrorOf(Edit("{\"from\": 0, \"label\": \"Faible\"", "{\"label\": \"Faible\"")) ==
        "thème " + Q("b") + ", bande n° 1" + C + "champ " + Q("from") + " manquant");
}

TEST_CASE("Hostile or odd files are refused cleanly", "[diagnosis]") {
  CHECK(ErrorOf(Edit("\"min\": 0, \"max\": 100", "\"min\": NaN, \"max\": 100")) ==
        "section " + Q("s2") + ", question " + Q("q4") + ", champ " + Q("number.min") + C + "nombre fini attendu");
  std::string deep = "{\"id\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  CHECK(ErrorOf(deep) == "JSON invalide" + C + "plus de 32 niveaux d’imbrication");
  CHECK(ErrorOf("{\"id\": \"]]]]\", \"x\": [[[]]]}") == "champ inconnu " + Q("x"));  // brackets in strings
  CHECK(LoadTemplateJson("\xEF\xBB\xBF" + std::string(kMini)).ok);  // byte order mark of Windows editors
  CHECK(ErrorOf("{\"id\": \"mini\", \"version\": 1, \"title\": \"T\", \"themes\": [], \"sections\": []}") ==
        "modèle" + C + "aucun thème\nmodèle" + C + "aucune section");
}

TEST_CASE("Validation rules each give their message", "[diagnosis]") {
  // Unique ids.
  CHECK(ErrorOf(Edit("{\"id\": \"q2\",", "{\"id\": \"q1\",")) ==
        "question " + Q("q1") + C + "identifiant déjà utilisé");
  CHECK(ErrorOf(Edit("{\"id\": \"s2\",", "{\"id\": \"s1\",")) == "section " + Q("s1") + C + "identifiant déjà utilisé");
  CHECK(ErrorOf(Edit("{\"id\": \"c\", \"label\": \"Gamma\"}",
                     "{\"id\": \"c\", \"label\": \"Gamma\"}, {\"id\": \"a\", \"label\": \"Autre\"}")) ==
        "thème " + Q("a") + C + "identifiant déjà utilisé");
  CHECK(ErrorOf(Edit("{\"id\": \"y\",", "{\"id\": \"x\",")) ==
        "question " + Q("q2") + ", option " + Q("x") + C + "identifiant déjà utilisé");
  // Conditions only look back: no forward reference, no self reference, no cycle.
  CHECK(ErrorOf(Edit("\"question\": \"q1\", \"equals\"", "\"question\": \"q5\", \"equals\"")) ==
        "question " + Q("q4") + C + "la condition porte sur " + Q("q5") + ", qui doit être posée avant");
  CHECK(ErrorOf(Edit("\"question\": \"q4\", \"at_least\"", "\"question\": \"q5\", \"at_least\"")) ==
        "question " + Q("q5") + C + "la condition porte sur la question elle-même");
  CHECK(ErrorOf(Edit("\"question\": \"q1\", \"equals\"", "\"question\": \"q99\", \"equals\"")) ==
        "question " + Q("q4") + C + "la condition porte sur une question inconnue " + Q("q99"));
  CHECK(ErrorOf(Edit("\"question\": \"q1\", \"equals\": \"yes\"", "\"question\": \"q1\", \"equals\": \"maybe\"")) ==
        "question " + Q("q4") + C + "la condition attend l’option " + Q("maybe") + ", absente de " + Q("q1"));
  CHECK(ErrorOf(Edit("\"question\": \"q1\", \"equals\": \"yes\"", "\"question\": \"q2\", \"equals\": \"x\"")) ==
        "question " + Q("q4") + C + Q("equals") + " s’applique à un choix unique, or " + Q("q2") +
            " est de type multiple_choice");
  CHECK(ErrorOf(Edit("\"question\": \"q1\", \"equals\": \"yes\"", "\"question\": \"q1\", \"includes\": \"yes\"")) ==
        "question " + Q("q4") + C + Q("includes") + " s’applique à un choix multiple, or " + Q("q1") +
            " est de type single_choice");
  CHECK(ErrorOf(Edit("\"question\": \"q4\", \"at_least\"", "\"question\": \"q1\", \"at_least\"")) ==
        "question " + Q("q5") + C + Q("at_least") + " s’applique à une échelle ou un nombre, or " + Q("q1") +
            " est de type single_choice");
  // Choice questions need options; other types must not have any.
  CHECK(ErrorOf(Edit("{\"id\": \"no\", \"label\": \"Non\", \"points\": {\"a\": 0}}", "",
                     Edit("\"points\": {\"a\": 2}},", "\"points\": {\"a\": 2}}"))) ==
        "question " + Q("q1") + C + "au moins deux options attendues");
  CHECK(LoadTemplateJson(Edit("\"label\": \"Remarques\"", "\"label\": \"Remarques\", \"options\": []")).ok);
  CHECK(ErrorOf(Edit("\"label\": \"Remarques\"",
                     "\"label\": \"Remarques\", \"options\": [{\"id\": \"o\", \"label\": \"O\"}]")) ==
        "question " + Q("q6") + C + "des options n’ont de sens que pour un choix unique ou multiple");
  // Referenced themes exist.
  CHECK(ErrorOf(Edit("\"points\": {\"a\": 2}", "\"points\": {\"zeta\": 2}")) ==
        "question " + Q("q1") + ", option " + Q("yes") + C + "thème inconnu " + Q("zeta") + " dans " + Q("points"));
  CHECK(ErrorOf(Edit("\"theme\": \"b\"}", "\"theme\": \"zeta\"}")) ==
        "question " + Q("q3") + C + "thème inconnu " + Q("zeta") + " dans " + Q("scale"));
  CHECK(ErrorOf(Edit("\"weights\": {\"a\": 2}", "\"weights\": {\"c\": 2}")) ==
        "question " + Q("q2") + C + "poids sur " + Q("c") + ", que la question ne note pas");
  // Ranges.
  CHECK(ErrorOf(Edit("\"min\": 1, \"max\": 5", "\"min\": 5, \"max\": 1")) ==
        "question " + Q("q3") + C + "l’échelle doit aller d’un minimum à un maximum plus grand (5 à 1)");
  CHECK(ErrorOf(Edit("{\"at_least\": 50, \"points\": 3}", "{\"at_least\": 5, \"points\": 3}")) ==
        "question " + Q("q4") + C + "les seuils doivent être rangés par valeur croissante (5 après 10)");
  CHECK(ErrorOf(Edit("\"min\": 0, \"max\": 100", "\"min\": 100, \"max\": 0")) ==
        "question " + Q("q4") + C + "le minimum (100) doit être inférieur au maximum (0)");
  CHECK(ErrorOf(Edit("{\"from\": 40, \"label\": \"À consolider\"", "{\"from\": 80, \"label\": \"À consolider\"")) ==
        "modèle, bande " + Q("Point fort") + C + "les bandes doivent être rangées par début croissant");
  CHECK(ErrorOf(Edit("{\"from\": 0, \"label\": \"Besoin prioritaire\"",
                     "{\"from\": 10, \"label\": \"Besoin prioritaire\"")) ==
        "modèle, bande " + Q("Besoin prioritaire") + C + "la première bande doit commencer à 0");
  CHECK(ErrorOf(Edit("\"version\": 1", "\"version\": 0")) == "modèle" + C + "version 0 invalide (1 ou plus)");
  // Several problems: all of them, one per line, in document order.
  CHECK(ErrorOf(Edit("\"theme\": \"b\"}", "\"theme\": \"zeta\"}", Edit("\"version\": 1", "\"version\": 0"))) ==
        "modèle" + C + "version 0 invalide (1 ou plus)\nquestion " + Q("q3") + C + "thème inconnu " + Q("zeta") +
            " dans " + Q("scale"));
}

TEST_CASE("A template saved to JSON loads back identical", "[diagnosis]") {
  for (const LoadResult& original : {Shipped(), LoadTemplateJson(kMini)}) {
    REQUIRE(original.ok);
    std::string saved = SaveTemplateJson(original.tmpl);
    LoadResult again = LoadTemplateJson(saved);
    INFO(again.error);
    REQUIRE(again.ok);
    CHECK(SaveTemplateJson(again.tmpl) == saved);
    const Template& a = original.tmpl;
    const Template& b = again.tmpl;
    CHECK(b.id == a.id);
    CHECK(b.version == a.version);
    CHECK(b.description == a.description);
    REQUIRE(b.themes.size() == a.themes.size());
    for (size_t i = 0; i < a.themes.size(); i++) {
      CHECK(b.themes[i].tags == a.themes[i].tags);
      REQUIRE(b.themes[i].bands.size() == a.themes[i].bands.size());
      for (size_t j = 0; j < a.themes[i].bands.size(); j++) {
        CHECK(b.themes[i].bands[j].text == a.themes[i].bands[j].text);
        CHECK(b.themes[i].bands[j].need == a.themes[i].bands[j].need);
      }
    }
    REQUIRE(CountQuestions(b) == CountQuestions(a));
    for (size_t s = 0; s < a.sections.size(); s++)
      for (size_t i = 0; i < a.sections[s].questions.size(); i++) {
        const Question& qa = a.sections[s].questions[i];
        const Question& qb = b.sections[s].questions[i];
        CHECK(qb.id == qa.id);
        CHECK(qb.type == qa.type);
        CHECK(qb.label == qa.label);
        CHECK(qb.help == qa.help);
        CHECK(qb.required == qa.required);
        CHECK(qb.weights == qa.weights);
        REQUIRE(qb.options.size() == qa.options.size());
        for (size_t o = 0; o < qa.options.size(); o++) CHECK(qb.options[o].points == qa.options[o].points);
        CHECK(qb.scale.max_label == qa.scale.max_label);
        CHECK(qb.number.min == qa.number.min);
        CHECK(qb.number.max == qa.number.max);
        REQUIRE(qb.number.thresholds.size() == qa.number.thresholds.size());
        for (size_t k = 0; k < qa.number.thresholds.size(); k++) {
          CHECK(qb.number.thresholds[k].at_least == qa.number.thresholds[k].at_least);
          CHECK(qb.number.thresholds[k].points == qa.number.thresholds[k].points);
        }
        REQUIRE(qb.condition.has_value() == qa.condition.has_value());
        if (qa.condition) {
          CHECK(qb.condition->question == qa.condition->question);
          CHECK(qb.condition->op == qa.condition->op);
          CHECK(qb.condition->option == qa.condition->option);
          CHECK(qb.condition->value == qa.condition->value);
        }
      }
  }
  // Whole numbers are written without a decimal part, fractions as they are.
  std::string saved = SaveTemplateJson(LoadTemplateJson(kMini).tmpl);
  CHECK(saved.find("\"at_least\": 50") != std::string::npos);
  CHECK(SaveTemplateJson(Shipped().tmpl).find("\"export\": 1.5") != std::string::npos);
  CHECK(saved.find("\"label\": \"Bêta\"") != std::string::npos);  // UTF-8 kept as is
}
