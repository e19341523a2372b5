// hotline.cpp — see hotline.h.
#include "core/model/hotline.h"

namespace relais {

void BeforeWrite(LegalQuestion& q) {
  Require(!q.subject.empty() || !q.body.empty(), "body", "an empty question");
  if (q.company_id && q.company_id->empty()) q.company_id.reset();
  if (q.assignee_member_id && q.assignee_member_id->empty()) q.assignee_member_id.reset();
}

void BeforeWrite(LegalAnswer& a) { Require(!a.body.empty(), "body", "an empty answer"); }

void AnswerQuestion(Store& st, LegalQuestion& q, LegalAnswer& a) {
  LegalAnswer answer = a;
  Tx tx(st.db);
  // Only the status changes: start from the stored question, not the
  // caller's copy, so nothing else is overwritten.
  std::optional<LegalQuestion> question = Get<LegalQuestion>(st, q.id);
  if (!question || question->deleted()) throw RowNotFound("legal question " + q.id + ": no such row");
  answer.question_id = question->id;
  Insert(st, answer);
  question->status = "answered";
  Update(st, *question);
  tx.Commit();
  q = std::move(*question);
  a = std::move(answer);
}

std::vector<LegalQuestion> ListQuestionsAskedBy(Store& st, std::string_view member_id) {
  return List<LegalQuestion>(st, "asker_member_id = ?", member_id);
}

std::vector<LegalQuestion> ListQuestionsWithStatus(Store& st, std::string_view status) {
  return List<LegalQuestion>(st, "status = ?", status);
}

std::vector<LegalAnswer> ListAnswers(Store& st, std::string_view question_id) {
  return List<LegalAnswer>(st, "question_id = ?", question_id);
}

std::vector<LegalAnswer> ListPublishedAnswers(Store& st) { return List<LegalAnswer>(st, "published = 1"); }

}  // namespace relais
