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

// A version of a questionnaire published by the network's staff (the shipped
// versions are compiled into the app). body: the template JSON. Never
// updated once published: a change is a new version.
struct QuestionnaireTemplate : Row {
  static constexpr const char* kTable = "questionnaire_templates";
  static constexpr const char* kOrder = "template_id, version";
  std::string template_id;
  int version = 1;
  std::string title;
  std::string body = "{}";
  int64_t published_at = 0;  // ms since the epoch

  template <class S, class V>
  static void Visit(S& s, V&& v) {
    v("template_id", s.template_id);
    v("version", s.version);
    v("title", s.title);
    v("body", s.body);
    v("published_at", s.published_at);
  }
};
void BeforeWrite(QuestionnaireTemplate& t);

// Publishes `json` as a new version of its template, in one transaction with
// its outbox entry. Refused with ValidationError (French, nothing stored) when
// the JSON does not parse or validate, or when its version is not above
// `latest_known`: the newest version of that template id this device has,
// shipped or published (0: a new template).
QuestionnaireTemplate PublishTemplate(Store& st, const std::string& json, int latest_known);
// Every live published version, by template id then version.
std::vector<QuestionnaireTemplate> ListPublishedTemplates(Store& st);

}  // namespace relais
