// template.h — diagnosis questionnaire templates: the model, validation, JSON.
//
// A template is versioned: a response records the id and version it was made
// against and is always scored with that version, so publishing version 2 never
// changes a past result. Templates are curated by the office staff and exchanged
// as JSON (see assets/questionnaires/); every error message is in French and
// names the question and field at fault, because staff read them, not programmers.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace relais::diagnosis {

// Outcome of an operation that can fail: ok, or a message saying what is wrong.
struct Status {
  bool ok = true;
  std::string error;
};

using ThemeValues = std::map<std::string, double>;  // theme id -> points or weight

// Interpretation of a theme score: applies from `from` (0..100) up to the next band.
struct Band {
  double from = 0;
  std::string label;  // "À consolider"
  std::string text;   // what it means for the company, shown under the chart
  bool need = false;  // themes in this band are needs: they get recommendations
};

struct Theme {
  std::string id;                 // "export"
  std::string label;              // "Export et international"
  std::vector<std::string> tags;  // member expertise tags that answer this theme
  std::vector<Band> bands;        // empty: the template's default bands
};

enum class QuestionType { SingleChoice, MultipleChoice, Scale, Number, Text };

struct Option {
  std::string id;
  std::string label;
  ThemeValues points;  // earned when this option is chosen
};

// Scale answers are integers min..max; they earn (value - min) points out of (max - min).
struct ScaleSpec {
  int min = 1, max = 5;
  std::string min_label, max_label;
  std::string theme;  // empty: not scored
};

// A number earns the points of the highest threshold it reaches (0 below the first).
struct Threshold {
  double at_least = 0;
  double points = 0;
};

struct NumberSpec {
  std::optional<double> min, max;  // accepted range, when set
  std::string unit;                // "salariés", "%", "k€"
  std::string theme;               // empty: not scored
  std::vector<Threshold> thresholds;
};

// Show the question only when an earlier question's answer matches:
// Equals (single choice is `option`), Includes (multiple choice contains `option`),
// AtLeast (scale or number >= `value`).
enum class ConditionOp { Equals, Includes, AtLeast };
struct Condition {
  std::string question;
  ConditionOp op = ConditionOp::Equals;
  std::string option;
  double value = 0;
};

struct Question {
  std::string id;
  QuestionType type = QuestionType::Text;
  std::string label;
  std::string help;
  bool required = false;
  std::vector<Option> options;  // single and multiple choice
  ScaleSpec scale;              // scale only
  NumberSpec number;            // number only
  ThemeValues weights;          // per theme multiplier of points and max points (default 1)
  std::optional<Condition> condition;
};

struct Section {
  std::string id;
  std::string title;
  std::vector<Question> questions;
};

struct Template {
  std::string id;  // "diag-innovation-croissance": stable across versions
  int version = 1;
  std::string title;
  std::string description;
  std::vector<Theme> themes;
  std::vector<Band> bands;  // default interpretation bands
  std::vector<Section> sections;
};

// --- Lookups -----------------------------------------------------------------

const Question* FindQuestion(const Template& t, const std::string& id);
const Theme* FindTheme(const Template& t, const std::string& id);
const Option* FindOption(const Question& q, const std::string& id);
int CountQuestions(const Template& t);

// The theme's own bands, or the template's defaults; the band a score falls in
// (nullptr when there are no bands).
const std::vector<Band>& BandsFor(const Template& t, const Theme& theme);
const Band* BandFor(const std::vector<Band>& bands, double score);

// Points a question can earn at most for a theme, before weighting (0: the
// question does not score that theme), and its weight for the theme.
double MaxPoints(const Question& q, const std::string& theme);
double WeightFor(const Question& q, const std::string& theme);

const char* QuestionTypeName(QuestionType type);  // "single_choice", ...
bool ParseQuestionType(const std::string& name, QuestionType* out);

// --- Validation and JSON -------------------------------------------------------

// Every problem found, in document order (empty: the template is usable).
// Checks unique ids, known themes, options of choice questions, scale and
// threshold ranges, bands, and conditions that only look back at earlier
// questions (so conditions can never form a cycle).
std::vector<std::string> ValidateTemplate(const Template& t);

struct LoadResult {
  bool ok = false;
  std::string error;  // malformed JSON, or the validation problems one per line
  Template tmpl;      // kept when only validation failed, so an editor can show it
};

LoadResult LoadTemplateJson(const std::string& json);
LoadResult LoadTemplateFile(const std::string& path);
std::string SaveTemplateJson(const Template& t);  // what LoadTemplateJson reads back

}  // namespace relais::diagnosis
