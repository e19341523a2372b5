// hotline.h — the legal hotline: a member asks (possibly offline), the legal
// team answers; published answers form a searchable knowledge base.
#pragma once
#include <string>
#include <vector>

#include "core/model/directory.h"
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

// Gives the question to a legal expert (a live member whose role is
// "legal_expert"): an open question becomes "assigned"; one already answered
// or closed keeps its status. Only assignee and status are written, from the
// stored row, as in AnswerQuestion. Throws ValidationError for anyone who is
// not a legal expert (nothing written), RowNotFound for no such question.
void AssignQuestion(Store& st, LegalQuestion& q, const std::string& expert_member_id);
// Marks the question "closed" (only the status is written).
void CloseQuestion(Store& st, LegalQuestion& q);
// Puts an answer in the knowledge base or takes it out: only `published` is
// written, from the stored row.
void SetAnswerPublished(Store& st, LegalAnswer& a, bool published);

// The members who answer the hotline (role "legal_expert"), by name.
std::vector<Member> ListLegalExperts(Store& st);
bool IsLegalExpert(Store& st, std::string_view member_id);

// What the legal team has to handle: the open questions, oldest first (they
// have waited longest), then those assigned to member_id and not yet
// answered, oldest first. member_id may be empty (open questions only).
std::vector<LegalQuestion> ListHotlineQueue(Store& st, std::string_view member_id);

std::vector<LegalQuestion> ListQuestionsAskedBy(Store& st, std::string_view member_id);
std::vector<LegalQuestion> ListQuestionsWithStatus(Store& st, std::string_view status);
std::vector<LegalAnswer> ListAnswers(Store& st, std::string_view question_id);
std::vector<LegalAnswer> ListPublishedAnswers(Store& st);

}  // namespace relais
