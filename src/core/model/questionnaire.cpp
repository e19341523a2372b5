// questionnaire.cpp — see questionnaire.h.
#include "core/model/questionnaire.h"

#include "core/diagnosis/template.h"

namespace relais {

void BeforeWrite(QuestionnaireResponse& r) {
  Require(!r.template_id.empty(), "template_id", "which questionnaire?");
  Require(r.template_version >= 1, "template_version", "template versions start at 1");
  Require(r.status != "completed" || r.completed_at, "completed_at", "a completed response needs its date");
}

std::vector<QuestionnaireResponse> ListResponses(Store& st, std::string_view company_id) {
  return List<QuestionnaireResponse>(st, "company_id = ?", company_id);
}

void BeforeWrite(QuestionnaireTemplate& t) {
  Require(!t.template_id.empty(), "template_id", "which questionnaire?");
  Require(t.version >= 1, "version", "template versions start at 1");
  Require(t.published_at > 0, "published_at", "when was it published?");
}

QuestionnaireTemplate PublishTemplate(Store& st, const std::string& json, int latest_known) {
  diagnosis::LoadResult r = diagnosis::LoadTemplateJson(json);
  if (!r.ok) throw ValidationError("body", "Questionnaire refusé : " + r.error);
  Require(r.tmpl.version > latest_known, "version",
          "La version " + std::to_string(r.tmpl.version) + " de « " + r.tmpl.id +
              " » existe déjà : une nouvelle version porte un numéro plus grand que " +
              std::to_string(latest_known) + ".");
  QuestionnaireTemplate t;
  t.template_id = r.tmpl.id;
  t.version = r.tmpl.version;
  t.title = r.tmpl.title;
  t.body = diagnosis::SaveTemplateJson(r.tmpl);  // normalised: what every device reads back
  t.published_at = st.now_ms();
  Insert(st, t);
  return t;
}

std::vector<QuestionnaireTemplate> ListPublishedTemplates(Store& st) {
  return List<QuestionnaireTemplate>(st);
}

}  // namespace relais
