// questionnaire.h — diagnosis questionnaires run with a company. Templates
// are versioned JSON assets handled elsewhere; a response names the template
// and version it answers, so results stay comparable over time.
#pragma once
#include <string>
#include <vector>

#include "core/model/repo.h"

namespace relais {

// answers and scores are JSON documents (checked with json_valid by the
// schema), opaque to this layer. status: "draft" | "completed".
struct QuestionnaireResponse : Row {
  static constexpr const char* kTable = "questionnaire_responses";
  static constexpr const char* kOrder = "created_hlc DESC";
  std::string company_id;
  std::string template_id;
  int template_version = 1;
  std::string answers = "{}";
  std::string scores = "{}";
  std::string status = "draft";
  std::string author_member_id;
  std::optional<int64_t> completed_at;  // ms since the epoch

  template <class S, class V>
  static void Visit(S& s, V&& v) {
    v("company_id", s.company_id);
    v("template_id", s.template_id);
    v("template_version", s.template_version);
    v("answers", s.answers);
    v("scores", s.scores);
    v("status", s.status);
    v("author_member_id", s.author_member_id);
    v("completed_at", s.completed_at);
  }
};
void BeforeWrite(QuestionnaireResponse& r);

// The company's responses, newest first.
std::vector<QuestionnaireResponse> ListResponses(Store& st, std::string_view company_id);

}  // namespace relais
