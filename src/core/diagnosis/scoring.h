// scoring.h — per-theme scores of a response, their interpretation, and the
// comparison of two diagnoses of the same company over time.
//
// Theme score = 100 × Σ(points × weight) of the answered shown questions
//                   / Σ(max points × weight) of all shown questions scoring the theme.
// A shown question left unanswered counts as 0; a theme with no shown question
// that scores it is "not assessed" (shown as such, never as 0).
#pragma once
#include <string>
#include <vector>

#include "core/diagnosis/response.h"
#include "core/diagnosis/template.h"

namespace relais::diagnosis {

struct ThemeScore {
  std::string theme_id;
  std::string label;
  bool assessed = false;
  double score = 0;                   // 0..100 when assessed
  double points = 0, max_points = 0;  // weighted sums behind the score
  int questions = 0, answered = 0;    // shown questions scoring the theme, and answered ones
  std::string band_label, band_text;  // interpretation (empty when not assessed)
  bool need = false;                  // the band marks a need: recommendations follow
};

struct Scores {
  std::string template_id;
  int template_version = 0;
  std::vector<ThemeScore> themes;  // template order
  // Mean of the assessed themes' scores: every theme weighs the same, whatever
  // its number of questions.
  bool overall_assessed = false;
  double overall = 0;
};

// Scores `answers` with `t`, without version checks (live preview while answering).
Scores ScoreAnswers(const Template& t, const Answers& answers);

struct ScoreResult {
  bool ok = false;
  std::string error;
  Scores scores;
};
// Refuses a template other than the exact id and version of the response.
ScoreResult Score(const Template& t, const Response& r);

const ThemeScore* FindThemeScore(const Scores& s, const std::string& theme_id);

// What a stored response keeps of its scores (questionnaire_responses.scores),
// readable without the template: {"template_id":..., "template_version":1,
// "overall":54.3, "themes":[{"id":..., "score":..., "band":..., "need":...}]}
// (null for what was not assessed; one decimal).
std::string ScoresSummaryJson(const Scores& s);

struct ThemeDelta {
  std::string theme_id;
  std::string label;  // from the later result
  bool before_assessed = false, after_assessed = false;
  double before = 0, after = 0;
  double delta = 0;  // after - before, when both are assessed
};

struct Comparison {
  std::string template_id;
  int before_version = 0, after_version = 0;
  // Themes of the later result in its order, then themes only the earlier had.
  std::vector<ThemeDelta> themes;
  bool overall_compared = false;
  double overall_before = 0, overall_after = 0, overall_delta = 0;
};

struct CompareResult {
  bool ok = false;
  std::string error;
  Comparison comparison;
};
// Same template id required; versions may differ (themes are matched by id).
CompareResult Compare(const Scores& before, const Scores& after);

}  // namespace relais::diagnosis
