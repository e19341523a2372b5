// Diagnosis recommendations: which needs, which services and members, in which order, why.
#include <algorithm>
#include <catch2/catch.hpp>

#include "core/diagnosis/recommend.h"

using namespace relais::diagnosis;

namespace {

std::string Q(const std::string& s) { return "«\u00A0" + s + "\u00A0»"; }

// One 0..10 scale per theme, so that an answer of n scores n x 10.
const char* const kTemplate = R"({
  "id": "reco", "version": 3, "title": "Test des recommandations",
  "themes": [
    {"id": "innovation", "label": "Innovation", "tags": ["innovation"]},
    {"id": "export", "label": "Export et international", "tags": ["export", "international"]},
    {"id": "finance", "label": "Financement", "tags": ["financement", "investissement"]},
    {"id": "pi", "label": "Propriété intellectuelle", "tags": ["propriété intellectuelle", "brevets"]},
    {"id": "rh", "label": "Ressources humaines"}
  ],
  "bands": [
    {"from": 0, "label": "Besoin prioritaire", "need": true},
    {"from": 40, "label": "À consolider", "need": true},
    {"from": 70, "label": "Point fort"}
  ],
  "sections": [{"id": "s", "questions": [
    {"id": "innovation", "type": "scale", "label": "I", "scale": {"min": 0, "max": 10, "theme": "innovation"}},
    {"id": "export", "type": "scale", "label": "E", "scale": {"min": 0, "max": 10, "theme": "export"}},
    {"id": "finance", "type": "scale", "label": "F", "scale": {"min": 0, "max": 10, "theme": "finance"}},
    {"id": "pi", "type": "scale", "label": "P", "scale": {"min": 0, "max": 10, "theme": "pi"}}
  ]}]
})";

const Template& Tmpl() {
  static const LoadResult r = LoadTemplateJson(kTemplate);
  REQUIRE(r.ok);
  return r.tmpl;
}

// innovation 90 (strong), export 20, finance 50, pi 10; rh not assessed.
Scores TestScores() {
  return ScoreAnswers(Tmpl(), {{"innovation", NumberAnswer(9)},
                               {"export", NumberAnswer(2)},
                               {"finance", NumberAnswer(5)},
                               {"pi", NumberAnswer(1)}});
}

std::vector<Service> Services() {
  return {
      {"s-pass-export", "Pass export", "cci45", {"international"}, {}},
      {"s-prospection", "Prospection collective", "cci37", {"export"}, {"tours"}},
      {"s-pre-diag-pi", "Pré-diagnostic PI", "inpi", {"pi"}, {"orleans"}},
      {"s-croissance",
       "Accompagnement croissance",
       "devup",
       {"Export", "Propriété intellectuelle"},
       {"orleans", "tours"}},
      {"s-innovation", "Diagnostic innovation", "devup", {"innovation"}, {}},
  };
}

std::vector<Member> Members() {
  return {
      {"m-alice", "Alice Martin", "orleans", "cci45", {"Export", "international"}, {"45234", "45075"}, true},
      {"m-bruno", "Bruno Petit", "tours", "cci37", {"export"}, {"37261"}, true},
      {"m-chloe", "Chloé Durand", "orleans", "devup", {"propriété intellectuelle"}, {}, true},
      {"m-damien", "Damien Roux", "orleans", "cci45", {"export"}, {"45234"}, false},
      {"m-emma", "Emma Leroy", "tours", "cci37", {"EXPORT"}, {}, true},
      {"m-emilie", "Émilie Bernard", "tours", "inpi", {"Propriété Intellectuelle", "Brevets"}, {}, true},
      {"m-farid", "Farid Haddad", "orleans", "devup", {"design"}, {"45234"}, true},
  };
}

const Company kCompany{"45234", "orleans"};

std::vector<std::string> Ids(const std::vector<Suggestion>& list) {
  std::vector<std::string> ids;
  for (const Suggestion& s : list) ids.push_back(s.id);
  return ids;
}

}  // namespace

TEST_CASE("Recommendations target the weakest needs first", "[diagnosis]") {
  RecommendOptions opt;
  opt.max_themes = 2;
  RecommendResult r = Recommend(Tmpl(), TestScores(), kCompany, Services(), Members(), opt);
  REQUIRE(r.ok);
  REQUIRE(r.themes.size() == 2);
  CHECK(r.themes[0].theme_id == "pi");
  CHECK(r.themes[0].theme_score == Approx(10));
  CHECK(r.themes[0].band_label == "Besoin prioritaire");
  CHECK(r.themes[1].theme_id == "export");
  CHECK(r.themes[1].label == "Export et international");

  opt.max_themes = 5;  // finance (50, "À consolider") is a need too; innovation (90) is not
  r = Recommend(Tmpl(), TestScores(), kCompany, Services(), Members(), opt);
  REQUIRE(r.themes.size() == 3);
  CHECK(r.themes[2].theme_id == "finance");
  CHECK(r.themes[2].band_label == "À consolider");
  CHECK(r.themes[2].services.empty());
  CHECK(r.themes[2].members.empty());
}

TEST_CASE("Services and members are ranked with their reasons", "[diagnosis]") {
  RecommendOptions opt;
  opt.max_themes = 2;
  RecommendResult r = Recommend(Tmpl(), TestScores(), kCompany, Services(), Members(), opt);
  REQUIRE(r.themes.size() == 2);

  const ThemeRecommendation& pi = r.themes[0];
  REQUIRE(Ids(pi.services) == std::vector<std::string>{"s-croissance", "s-pre-diag-pi"});
  CHECK(pi.services[0].score == 16);
  CHECK(pi.services[0].reasons == std::vector<std::string>{"répond au thème " + Q("Propriété intellectuelle"),
                                                           "proposé par l’antenne de l’entreprise",
                                                           "répond aussi au thème " + Q("Export et international")});
  CHECK(pi.services[1].score == 14);
  REQUIRE(Ids(pi.members) == std::vector<std::string>{"m-chloe", "m-emilie"});
  CHECK(pi.members[0].score == 16);
  CHECK(pi.members[0].reasons == std::vector<std::string>{"compétence propriété intellectuelle", "même antenne",
                                                          "sa structure propose " + Q("Accompagnement croissance")});
  CHECK(pi.members[1].score == 15);  // two matching tags, whatever their case
  CHECK(pi.members[1].reasons == std::vector<std::string>{"compétence Propriété Intellectuelle", "compétence Brevets",
                                                          "sa structure propose " + Q("Pré-diagnostic PI")});

  const ThemeRecommendation& ex = r.themes[1];
  // s-prospection is only offered in Tours: not for a company followed in Orléans.
  REQUIRE(Ids(ex.services) == std::vector<std::string>{"s-croissance", "s-pass-export"});
  CHECK(ex.services[1].score == 12);
  CHECK(ex.services[1].reasons ==
        std::vector<std::string>{"répond au thème " + Q("Export et international"), "proposé dans tout le réseau"});
  // Damien is inactive; Bruno and Emma tie at 10 and are ordered by id.
  REQUIRE(Ids(ex.members) == std::vector<std::string>{"m-alice", "m-bruno", "m-emma"});
  CHECK(ex.members[0].score == 25);
  CHECK(ex.members[0].reasons == std::vector<std::string>{"compétence Export", "compétence international",
                                                          "couvre la commune 45234", "même antenne",
                                                          "sa structure propose " + Q("Pass export")});
  CHECK(ex.members[1].score == 10);
  CHECK(ex.members[1].reasons == std::vector<std::string>{"compétence export"});
  CHECK(ex.members[2].score == 10);
}

TEST_CASE("Recommendations do not depend on input order, and respect limits", "[diagnosis]") {
  RecommendResult ref = Recommend(Tmpl(), TestScores(), kCompany, Services(), Members());
  REQUIRE(ref.ok);
  std::vector<Service> services = Services();
  std::vector<Member> members = Members();
  std::reverse(services.begin(), services.end());
  std::reverse(members.begin(), members.end());
  for (int round = 0; round < 3; round++) {
    std::rotate(members.begin(), members.begin() + 2, members.end());
    std::rotate(services.begin(), services.begin() + 1, services.end());
    RecommendResult r = Recommend(Tmpl(), TestScores(), kCompany, services, members);
    REQUIRE(r.themes.size() == ref.themes.size());
    for (size_t i = 0; i < r.themes.size(); i++) {
      CHECK(Ids(r.themes[i].services) == Ids(ref.themes[i].services));
      CHECK(Ids(r.themes[i].members) == Ids(ref.themes[i].members));
      for (size_t j = 0; j < r.themes[i].members.size(); j++)
        CHECK(r.themes[i].members[j].reasons == ref.themes[i].members[j].reasons);
    }
  }

  RecommendOptions opt;
  opt.max_themes = 1;
  opt.max_services = 1;
  opt.max_members = 2;
  RecommendResult small = Recommend(Tmpl(), TestScores(), kCompany, Services(), Members(), opt);
  REQUIRE(small.themes.size() == 1);
  CHECK(Ids(small.themes[0].services) == std::vector<std::string>{"s-croissance"});
  REQUIRE(Ids(small.themes[0].members) == std::vector<std::string>{"m-chloe", "m-emilie"});
  // The organisation bonus still counts services beyond the ones shown.
  CHECK(small.themes[0].members[1].score == 15);
  CHECK(small.themes[0].members[1].reasons.back() == "sa structure propose " + Q("Pré-diagnostic PI"));
  opt.max_themes = 0;
  CHECK(Recommend(Tmpl(), TestScores(), kCompany, Services(), Members(), opt).themes.empty());
}

TEST_CASE("Without an office, office-bound services still show, without a bonus", "[diagnosis]") {
  Company unknown{"", ""};
  RecommendResult r = Recommend(Tmpl(), TestScores(), unknown, Services(), Members());
  REQUIRE(r.ok);
  const ThemeRecommendation& ex = r.themes[1];
  REQUIRE(ex.theme_id == "export");
  CHECK(Ids(ex.services) == std::vector<std::string>{"s-croissance", "s-pass-export", "s-prospection"});
  CHECK(ex.services[0].score == 12);  // theme + another need, no office
  CHECK(ex.members[0].id == "m-alice");
  CHECK(ex.members[0].score == 15);  // two tags + organisation, nothing local
}

TEST_CASE("Recommendations refuse scores from another template version", "[diagnosis]") {
  Template v4 = Tmpl();
  v4.version = 4;
  RecommendResult r = Recommend(v4, TestScores(), kCompany, Services(), Members());
  CHECK_FALSE(r.ok);
  CHECK(r.error == "les scores viennent du modèle " + Q("reco") + " version 3, pas de " + Q("reco") + " version 4");
  CHECK(TagKey("  Propriété INTELLECTUELLE ") == "propriété intellectuelle");
  CHECK(TagKey("ÉTUDES À L’ÉTRANGER") == "études à l’étranger");
}
