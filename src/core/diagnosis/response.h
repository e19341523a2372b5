// response.h — a company's answers to one template version: which questions are
// shown, progress, completion, and the JSON the response is stored and synced as.
//
// Every function that takes a Template and a Response refuses (Status, error)
// a template whose id or version differs from the one the response was made
// against: the caller must fetch that exact version, never "the latest".
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnosis/template.h"

namespace relais::diagnosis {

// One answer; the field used depends on the question's type, the others stay empty.
struct Answer {
  std::vector<std::string> choices;  // single_choice (one option id), multiple_choice
  std::optional<double> number;      // scale (an integer) and number
  std::string text;                  // text
};

Answer ChoiceAnswer(std::string option_id);
Answer ChoicesAnswer(std::vector<std::string> option_ids);
Answer NumberAnswer(double value);
Answer TextAnswer(std::string text);
bool IsEmpty(const Answer& a);

using Answers = std::map<std::string, Answer>;  // by question id

enum class Completion { InProgress, Completed };

struct Response {
  std::string template_id;
  int template_version = 0;
  int64_t started_ms = 0;  // Unix time, milliseconds
  int64_t updated_ms = 0;
  Completion completion = Completion::InProgress;
  // Answers to questions hidden later (the controlling answer changed) are kept:
  // they come back if the question is shown again, and scoring ignores them.
  Answers answers;
};

Response StartResponse(const Template& t, int64_t now_ms);
Status CheckTemplate(const Template& t, const Response& r);  // same id and version

// Whether `a` fits the question: known option ids, one choice for a single
// choice, an integer within the scale, a number within its range.
Status ValidateAnswer(const Question& q, const Answer& a);

// Questions shown for these answers, in template order. A question with a
// condition is shown when its controlling question is itself shown and has a
// valid answer that matches; so a chain of conditions hides as a whole.
std::vector<const Question*> VisibleQuestions(const Template& t, const Answers& answers);
bool IsVisible(const Template& t, const Answers& answers, const std::string& question_id);

// Has a valid answer (visibility is the caller's business).
bool IsAnswered(const Question& q, const Answers& answers);

struct Progress {
  int visible = 0, answered = 0;            // all shown questions
  int required = 0, required_answered = 0;  // shown and required
  bool Complete() const { return required_answered == required; }
};
Progress ComputeProgress(const Template& t, const Answers& answers);

// The first shown required question without an answer (nullptr: none).
const Question* FirstMissingRequired(const Template& t, const Answers& answers);

// Record an answer (an empty Answer clears it). A completed response that no
// longer is goes back to InProgress.
Status SetAnswer(const Template& t, Response& r, const std::string& question_id, const Answer& a, int64_t now_ms);
Status ClearAnswer(const Template& t, Response& r, const std::string& question_id, int64_t now_ms);
// Refused while a shown required question has no answer (named in the error).
Status CompleteResponse(const Template& t, Response& r, int64_t now_ms);

struct ResponseLoadResult {
  bool ok = false;
  std::string error;
  Response response;
};
std::string SaveResponseJson(const Response& r);
ResponseLoadResult LoadResponseJson(const std::string& json);

}  // namespace relais::diagnosis
