// Diagnosis scoring: hand-computed theme scores, hidden answers, bands, comparisons.
#include <catch2/catch.hpp>

#include "core/diagnosis/scoring.h"

using namespace relais::diagnosis;

namespace {

std::string Q(const std::string& s) { return "«\u00A0" + s + "\u00A0»"; }

// Theme a: q1 (0|2), q2 (x,y: 1 each, weight 2), q4 (thresholds 0/1/3, shown if q1 = yes).
// Theme b: q2 (x: 1, z: 2), q3 (scale 1..5 -> 0..4); its own bands (0 Faible, 50 Fort).
// Theme c: only q5 (0|4), shown if q4 >= 10: a chain through q4.
const char* const kMini = R"({
  "id": "mini", "version": 1, "title": "Mini diagnostic",
  "themes": [
    {"id": "a", "label": "Alpha"},
    {"id": "b", "label": "Bêta", "bands": [
      {"from": 0, "label": "Faible", "need": true, "text": "À travailler."},
      {"from": 50, "label": "Fort", "text": "Bien."}]},
    {"id": "c", "label": "Gamma"}
  ],
  "bands": [
    {"from": 0, "label": "Besoin prioritaire", "need": true, "text": "Priorité."},
    {"from": 40, "label": "À consolider", "need": true},
    {"from": 70, "label": "Point fort"}
  ],
  "sections": [
    {"id": "s1", "questions": [
      {"id": "q1", "type": "single_choice", "label": "Oui ou non ?",
       "options": [{"id": "yes", "label": "Oui", "points": {"a": 2}},
                   {"id": "no", "label": "Non", "points": {"a": 0}}]},
      {"id": "q2", "type": "multiple_choice", "label": "Lesquels ?",
       "options": [{"id": "x", "label": "X", "points": {"a": 1, "b": 1}},
                   {"id": "y", "label": "Y", "points": {"a": 1}},
                   {"id": "z", "label": "Z", "points": {"b": 2}}],
       "weights": {"a": 2}},
      {"id": "q3", "type": "scale", "label": "Combien ?", "scale": {"min": 1, "max": 5, "theme": "b"}}
    ]},
    {"id": "s2", "questions": [
      {"id": "q4", "type": "number", "label": "Quel nombre ?",
       "number": {"min": 0, "max": 100, "theme": "a",
                  "thresholds": [{"at_least": 0, "points": 0}, {"at_least": 10, "points": 1},
                                 {"at_least": 50, "points": 3}]},
       "condition": {"question": "q1", "equals": "yes"}},
      {"id": "q5", "type": "single_choice", "label": "Et ensuite ?",
       "options": [{"id": "lo", "label": "Bas", "points": {"c": 0}},
                   {"id": "hi", "label": "Haut", "points": {"c": 4}}],
       "condition": {"question": "q4", "at_least": 10}},
      {"id": "q6", "type": "text", "label": "Remarques"}
    ]}
  ]
})";

const Template& Mini() {
  static const LoadResult r = LoadTemplateJson(kMini);
  REQUIRE(r.ok);
  return r.tmpl;
}

const ThemeScore& ThemeOf(const Scores& s, const std::string& id) {
  const ThemeScore* ts = FindThemeScore(s, id);
  REQUIRE(ts);
  return *ts;
}

Answers Full() {
  return {{"q1", ChoiceAnswer("yes")}, {"q2", ChoicesAnswer({"x", "y"})}, {"q3", NumberAnswer(4)},
          {"q4", NumberAnswer(20)},    {"q5", ChoiceAnswer("hi")},        {"q6", TextAnswer("RAS")}};
}

}  // namespace

TEST_CASE("Theme scores follow points, weights and visibility", "[diagnosis]") {
  Scores s = ScoreAnswers(Mini(), Full());
  CHECK(s.template_id == "mini");
  CHECK(s.template_version == 1);
  REQUIRE(s.themes.size() == 3);
  // a: q1 2/2, q2 (1+1)x2 / (1+1)x2, q4 20 -> 1/3  =>  7/9
  const ThemeScore& a = ThemeOf(s, "a");
  CHECK(a.assessed);
  CHECK(a.points == 7);
  CHECK(a.max_points == 9);
  CHECK(a.score == Approx(700.0 / 9).epsilon(1e-12));
  CHECK(a.questions == 3);
  CHECK(a.answered == 3);
  CHECK(a.band_label == "Point fort");
  CHECK_FALSE(a.need);
  // b: q2 x -> 1/3, q3 4 -> 3/4  =>  4/7, in b's own bands
  const ThemeScore& b = ThemeOf(s, "b");
  CHECK(b.points == 4);
  CHECK(b.max_points == 7);
  CHECK(b.score == Approx(400.0 / 7).epsilon(1e-12));
  CHECK(b.band_label == "Fort");
  CHECK(b.band_text == "Bien.");
  // c: q5 shown through the chain q1 -> q4 -> q5
  CHECK(ThemeOf(s, "c").score == 100);
  CHECK(s.overall_assessed);
  CHECK(s.overall == Approx((700.0 / 9 + 400.0 / 7 + 100) / 3).epsilon(1e-12));
}

TEST_CASE("Hidden answers are ignored and unscored themes are not assessed", "[diagnosis]") {
  Answers ans = Full();
  ans["q1"] = ChoiceAnswer("no");  // hides q4, hence q5: their answers stay but do not count
  ans["q2"] = ChoicesAnswer({"z"});
  ans["q3"] = NumberAnswer(1);
  Scores s = ScoreAnswers(Mini(), ans);
  const ThemeScore& a = ThemeOf(s, "a");
  CHECK(a.assessed);  // assessed, and 0: q1 0/2, q2 0/4
  CHECK(a.score == 0);
  CHECK(a.max_points == 6);
  CHECK(a.band_label == "Besoin prioritaire");
  CHECK(a.band_text == "Priorité.");
  CHECK(a.need);
  const ThemeScore& b = ThemeOf(s, "b");  // q2 z 2/3, q3 1 -> 0/4
  CHECK(b.score == Approx(200.0 / 7).epsilon(1e-12));
  CHECK(b.band_label == "Faible");
  CHECK(b.need);
  const ThemeScore& c = ThemeOf(s, "c");
  CHECK_FALSE(c.assessed);
  CHECK(c.questions == 0);
  CHECK(c.band_label.empty());
  CHECK(s.overall == Approx(100.0 / 7).epsilon(1e-12));  // mean of a and b only

  // Shown but unanswered questions count as 0; nothing shown for c stays not assessed.
  Scores partial = ScoreAnswers(Mini(), {{"q1", ChoiceAnswer("yes")}});
  CHECK(ThemeOf(partial, "a").score == Approx(200.0 / 9).epsilon(1e-12));
  CHECK(ThemeOf(partial, "a").answered == 1);
  CHECK(ThemeOf(partial, "a").questions == 3);
  CHECK(ThemeOf(partial, "b").assessed);
  CHECK(ThemeOf(partial, "b").score == 0);
  CHECK_FALSE(ThemeOf(partial, "c").assessed);  // q4 unanswered: q5 hidden

  // Nothing at all: q1..q3 are shown, so a and b are assessed at 0.
  Scores none = ScoreAnswers(Mini(), {});
  CHECK(ThemeOf(none, "a").assessed);
  CHECK(ThemeOf(none, "a").score == 0);
  CHECK(none.overall == 0);

  // An answer that does not fit its question is not counted.
  Scores bad = ScoreAnswers(Mini(), {{"q1", ChoiceAnswer("yes")}, {"q3", NumberAnswer(9)}});
  CHECK(ThemeOf(bad, "b").answered == 0);
}

TEST_CASE("Number thresholds and bands at their boundaries", "[diagnosis]") {
  auto a_points = [](double v) {
    Answers ans{{"q1", ChoiceAnswer("yes")}, {"q4", NumberAnswer(v)}};
    return ThemeOf(ScoreAnswers(Mini(), ans), "a").points - 2;  // minus q1's 2 points
  };
  CHECK(a_points(0) == 0);
  CHECK(a_points(9.99) == 0);
  CHECK(a_points(10) == 1);
  CHECK(a_points(49) == 1);
  CHECK(a_points(50) == 3);
  CHECK(a_points(100) == 3);

  const std::vector<Band>& bands = Mini().bands;
  CHECK(BandFor(bands, 0)->label == "Besoin prioritaire");
  CHECK(BandFor(bands, 39.99)->label == "Besoin prioritaire");
  CHECK(BandFor(bands, 40)->label == "À consolider");
  CHECK(BandFor(bands, 69.9)->label == "À consolider");
  CHECK(BandFor(bands, 70)->label == "Point fort");
  CHECK(BandFor(bands, 100)->label == "Point fort");
  CHECK(BandFor({}, 50) == nullptr);
  CHECK(BandsFor(Mini(), *FindTheme(Mini(), "b")).front().label == "Faible");
  CHECK(&BandsFor(Mini(), *FindTheme(Mini(), "c")) == &Mini().bands);
}

TEST_CASE("Scoring refuses a response made with another version", "[diagnosis]") {
  Response r = StartResponse(Mini(), 1000);
  r.answers = Full();
  ScoreResult ok = Score(Mini(), r);
  REQUIRE(ok.ok);
  CHECK(ThemeOf(ok.scores, "c").score == 100);
  Template v2 = Mini();
  v2.version = 2;
  ScoreResult refused = Score(v2, r);
  CHECK_FALSE(refused.ok);
  CHECK(refused.error ==
        "la réponse a été faite avec le modèle " + Q("mini") + " version 1, pas avec " + Q("mini") + " version 2");
  CHECK(refused.scores.themes.empty());
}

TEST_CASE("Two diagnoses compare per theme, across versions", "[diagnosis]") {
  Scores before = ScoreAnswers(Mini(), Full());
  // Version 2 drops theme c and adds d, scored by q5 instead.
  Template v2 = Mini();
  v2.version = 2;
  v2.themes[2] = Theme{"d", "Delta", {}, {}};
  Question& q5 = v2.sections[1].questions[1];
  REQUIRE(q5.id == "q5");
  q5.options[0].points = {{"d", 0}};
  q5.options[1].points = {{"d", 4}};
  REQUIRE(ValidateTemplate(v2).empty());
  Answers later = Full();
  later["q2"] = ChoicesAnswer({"x", "y", "z"});
  later["q3"] = NumberAnswer(5);
  later["q4"] = NumberAnswer(60);
  Scores after = ScoreAnswers(v2, later);
  CHECK(after.overall == 100);

  CompareResult res = Compare(before, after);
  REQUIRE(res.ok);
  const Comparison& c = res.comparison;
  CHECK(c.template_id == "mini");
  CHECK(c.before_version == 1);
  CHECK(c.after_version == 2);
  REQUIRE(c.themes.size() == 4);
  CHECK(c.themes[0].theme_id == "a");
  CHECK(c.themes[0].before == Approx(700.0 / 9).epsilon(1e-12));
  CHECK(c.themes[0].after == 100);
  CHECK(c.themes[0].delta == Approx(100 - 700.0 / 9).epsilon(1e-12));
  CHECK(c.themes[1].theme_id == "b");
  CHECK(c.themes[1].delta == Approx(100 - 400.0 / 7).epsilon(1e-12));
  CHECK(c.themes[2].theme_id == "d");  // new in version 2
  CHECK_FALSE(c.themes[2].before_assessed);
  CHECK(c.themes[2].after_assessed);
  CHECK(c.themes[2].delta == 0);
  CHECK(c.themes[3].theme_id == "c");  // gone in version 2
  CHECK(c.themes[3].label == "Gamma");
  CHECK(c.themes[3].before == 100);
  CHECK_FALSE(c.themes[3].after_assessed);
  CHECK(c.overall_compared);
  CHECK(c.overall_delta == Approx(100 - (700.0 / 9 + 400.0 / 7 + 100) / 3).epsilon(1e-12));

  Scores foreign = before;
  foreign.template_id = "diag-transmission";
  CompareResult refused = Compare(before, foreign);
  CHECK_FALSE(refused.ok);
  CHECK(refused.error == "diagnostics non comparables\u00A0: modèles " + Q("mini") + " et " + Q("diag-transmission"));
}

TEST_CASE("The shipped questionnaire scores a realistic export profile", "[diagnosis]") {
  LoadResult t =
      LoadTemplateFile(std::string(RELAIS_ASSETS_DIR) + "/questionnaires/diagnostic-innovation-croissance.v1.json");
  REQUIRE(t.ok);
  Answers a{{"export_actuel", ChoiceAnswer("oui")},                          // 2 / 2
            {"export_zones", ChoicesAnswer({"export_eu", "grand_export"})},  // 2 / 3
            {"export_part", NumberAnswer(30)},                               // 2x1.5 / 3x1.5
            {"export_douane", ChoiceAnswer("prestataire")},                  // 1 / 2
            {"export_langues", NumberAnswer(3)},                             // 2 / 4
            {"num_vente_en_ligne", ChoiceAnswer("international")},           // 1 / 1
            {"export_projet", ChoiceAnswer("cible")}};                       // hidden
  Scores s = ScoreAnswers(t.tmpl, a);
  const ThemeScore& ex = ThemeOf(s, "export");
  CHECK(ex.points == 11);
  CHECK(ex.max_points == 16.5);
  CHECK(ex.score == Approx(200.0 / 3).epsilon(1e-12));
  CHECK(ex.band_label == "À consolider");
  CHECK(ex.need);
  CHECK(ex.band_text.rfind("Des ventes existent à l’étranger", 0) == 0);
  // numerique: outils 0/4, vente 2/2, cyber 0/(2x1.5), maturité 0/4
  CHECK(ThemeOf(s, "numerique").score == Approx(200.0 / 13).epsilon(1e-12));
}
