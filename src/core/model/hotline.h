// hotline.h — the legal hotline: a member asks (possibly offline), the legal
// team answers; published answers form a searchable knowledge base.
#pragma once
#include <string>
#include <vector>

#include "core/model/repo.h"

namespace relais {

// status: "open" | "assigned" | "answered" | "closed".
struct LegalQuestion : Row {
  static constexpr const char* kTable = "legal_questions";
  static constexpr const char* kOrder = "created_hlc DESC";
  std::string asker_member_id;
  std::optional<std::string> company_id;
  std::string subject;
  std::string body;
  std::string status = "open";
  std::optional<std::string> assignee_member_id;

  template <class S, class V>
  static void Visit(S& s, V&& v) {
    v("asker_member_id", s.asker_member_id);
    v("company_id", s.company_id);
    v("subject", s.subject);
    v("body", s.body);
    v("status", s.status);
    v("assignee_member_id", s.assignee_member_id);
  }
};
void BeforeWrite(LegalQuestion& q);

struct LegalAnswer : Row {
  static constexpr const char* kTable = "legal_answers";
  static constexpr const char* kOrder = "created_hlc";
  std::string question_id;
  std::string author_member_id;
  std::string body;
  bool published = false;

  template <class S, class V>
  static void Visit(S& s, V&& v) {
    v("question_id", s.question_id);
    v("author_member_id", s.author_member_id);
    v("body", s.body);
    v("published", s.published);
  }
};
void BeforeWrite(LegalAnswer& a);

// Stores the answer and marks the question answered, as one transaction.
void AnswerQuestion(Store& st, LegalQuestion& q, LegalAnswer& a);

std::vector<LegalQuestion> ListQuestionsAskedBy(Store& st, std::string_view member_id);
std::vector<LegalQuestion> ListQuestionsWithStatus(Store& st, std::string_view status);
std::vector<LegalAnswer> ListAnswers(Store& st, std::string_view question_id);
std::vector<LegalAnswer> ListPublishedAnswers(Store& st);

}  // namespace relais
