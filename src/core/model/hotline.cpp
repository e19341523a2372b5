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

// The stored question, live; throws RowNotFound otherwise.
static LegalQuestion StoredQuestion(Store& st, const std::string& id) {
  std::optional<LegalQuestion> q = Get<LegalQuestion>(st, id);
  if (!q || q->deleted()) throw RowNotFound("legal question " + id + ": no such row");
  return *q;
}

void AssignQuestion(Store& st, LegalQuestion& q, const std::string& expert_member_id) {
  Require(IsLegalExpert(st, expert_member_id), "assignee_member_id", "not a legal expert: " + expert_member_id);
  Tx tx(st.db);
  LegalQuestion stored = StoredQuestion(st, q.id);
  stored.assignee_member_id = expert_member_id;
  if (stored.status == "open") stored.status = "assigned";
  Update(st, stored);
  tx.Commit();
  q = std::move(stored);
}

void CloseQuestion(Store& st, LegalQuestion& q) {
  Tx tx(st.db);
  LegalQuestion stored = StoredQuestion(st, q.id);
  stored.status = "closed";
  Update(st, stored);
  tx.Commit();
  q = std::move(stored);
}

void SetAnswerPublished(Store& st, LegalAnswer& a, bool published) {
  Tx tx(st.db);
  std::optional<LegalAnswer> stored = Get<LegalAnswer>(st, a.id);
  if (!stored || stored->deleted()) throw RowNotFound("legal answer " + a.id + ": no such row");
  stored->published = published;
  Update(st, *stored);
  tx.Commit();
  a = std::move(*stored);
}

std::vector<Member> ListLegalExperts(Store& st) { return List<Member>(st, "role = 'legal_expert' AND active = 1"); }

bool IsLegalExpert(Store& st, std::string_view member_id) {
  if (member_id.empty()) return false;
  return st.db
             .QueryInt("SELECT count(*) FROM members WHERE id = ? AND role = 'legal_expert' AND deleted_hlc IS NULL",
                       member_id)
             .value_or(0) > 0;
}

std::vector<LegalQuestion> ListHotlineQueue(Store& st, std::string_view member_id) {
  std::string sql = repo_detail::Sql<LegalQuestion>().select +
                    " WHERE deleted_hlc IS NULL AND (status = 'open' OR (status = 'assigned' AND "
                    "assignee_member_id = ?1)) ORDER BY status <> 'open', created_hlc";
  Stmt s = st.db.Prepare(sql);
  s.BindText(1, member_id);
  std::vector<LegalQuestion> out;
  while (s.Step()) out.push_back(repo_detail::ReadRow<LegalQuestion>(s));
  return out;
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
