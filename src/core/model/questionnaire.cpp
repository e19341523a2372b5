// questionnaire.cpp — see questionnaire.h.
#include "core/model/questionnaire.h"

namespace relais {

void BeforeWrite(QuestionnaireResponse& r) {
  Require(!r.template_id.empty(), "template_id", "which questionnaire?");
  Require(r.template_version >= 1, "template_version", "template versions start at 1");
  Require(r.status != "completed" || r.completed_at, "completed_at", "a completed response needs its date");
}

std::vector<QuestionnaireResponse> ListResponses(Store& st, std::string_view company_id) {
  return List<QuestionnaireResponse>(st, "company_id = ?", company_id);
}

}  // namespace relais
