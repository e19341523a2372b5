// hotline_data.h — what the legal hotline screens read and write on the
// device's store, out of the drawing code (tests call it directly). Plain
// functions over Store; the screens cache their results per data version.
//
// Who sees what on the device (the server sends every non-trainee all
// hotline rows, sync-server/access.cpp; the screens show less):
// - the asker: their questions, whole, with every answer;
// - the legal team (office staff, admins, members whose role is
//   "legal_expert"): every question, the queue, assignment and answers;
// - anyone else: a question only through the knowledge base, i.e. when it
//   has a published answer, and then only its subject, text and published
//   answers (not who asked, nor about which company).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/hotline.h"
#include "ui/companies/advisor_data.h"  // SaveState

namespace relais {

struct SessionInfo;  // ui/app.h
struct AppState;

// Office staff and admins: assign questions (and answer, with a member row).
bool IsHotlineStaff(const SessionInfo& session);
// Staff, or a member whose directory role is "legal_expert": the queue and answers.
bool IsHotlineHandler(Store& st, const SessionInfo& session);

// "Ouverte", "Attribuée", "Répondue", "Close" in the UI language.
const char* QuestionStatusText(const std::string& status);
unsigned QuestionStatusColor(const std::string& status);

// When a row was created on its device (its HLC), as a short date: "27/11/2026".
std::string RowDate(int64_t created_hlc);

struct QuestionLine {
  LegalQuestion question;
  std::string asker_name, assignee_name, company_name;
  std::string date;  // ShortDate of its creation
};
// The member's own questions, newest first.
std::vector<QuestionLine> MyQuestions(Store& st, const std::string& member_id);

// The legal team's list. kToHandle: open questions, then those assigned to
// the member and not answered (ListHotlineQueue); a status shows every
// question with it, newest first; kAll every question, newest first.
enum class QueueFilter { ToHandle, Open, Assigned, Answered, Closed, All };
constexpr QueueFilter kQueueFilters[] = {QueueFilter::ToHandle, QueueFilter::Open,   QueueFilter::Assigned,
                                         QueueFilter::Answered, QueueFilter::Closed, QueueFilter::All};
const char* QueueFilterText(QueueFilter f);
std::vector<QuestionLine> HotlineQueue(Store& st, const std::string& member_id, QueueFilter filter);

// The knowledge base: published answers matching what the user typed
// (accent- and case-insensitive, prefixes as typed; core search), one hit per
// question, best first.
struct KnowledgeHit {
  std::string question_id, answer_id;
  std::string subject;  // the question's
  std::string snippet;  // text around the matching words, marked (core/search/snippet.h)
};
std::vector<KnowledgeHit> SearchKnowledgeBase(Store& st, const std::string& text, int limit = 20);
int64_t PublishedAnswerCount(Store& st);

// One question as its screen shows it to this session; nullopt when it is not
// on the device or not for this user (see the top of this file).
struct AnswerView {
  LegalAnswer answer;
  std::string author_name, date;
};
struct QuestionView {
  LegalQuestion question;
  bool asker = false;    // the session's member asked it
  bool handler = false;  // legal team (IsHotlineHandler)
  bool full = false;     // asker or handler: who asked, the company, every answer
  std::string asker_name, assignee_name, company_name, date;
  bool company_on_device = false;
  std::vector<AnswerView> answers;  // oldest first; published ones only unless full
};
std::optional<QuestionView> ReadQuestion(Store& st, const SessionInfo& session, const std::string& question_id);

// The ask form's rules: a subject of 1 to kSubjectMax characters and a
// question of 1 to kBodyMax characters (Unicode characters, not bytes).
constexpr size_t kSubjectMax = 120;
constexpr size_t kBodyMax = 5000;
constexpr size_t kAnswerMax = 20000;
size_t CharCount(const std::string& utf8);
bool IsBlank(const std::string& s);
struct AskCheck {
  bool subject_missing = false, subject_too_long = false, body_missing = false, body_too_long = false;
  size_t subject_chars = 0, body_chars = 0;
  bool ok() const { return !subject_missing && !subject_too_long && !body_missing && !body_too_long; }
};
AskCheck CheckAsk(const std::string& subject, const std::string& body);

// Stores a new question of the session's member (trimmed subject, optional
// company), queued for sync. Throws ValidationError when the form is not ok
// or the session has no member row; nothing is written then.
LegalQuestion AskQuestion(Store& st, const SessionInfo& session, const std::string& subject, const std::string& body,
                          const std::string& company_id);

// Where this device's writes on a question (the question and its answers)
// stand, with the server's reason for a refusal: Synced when nothing waits.
SaveStatus QuestionSaveState(Store& st, const std::string& question_id);
// This session's last write on a question is remembered with RememberNoteCommit
// (ui/companies/advisor_data.h), keyed by the question's id.

// Opens the ask form about a company (its file can offer "Poser une question
// juridique"): the company is chosen already.
void AskHotlineAbout(AppState& app, const std::string& company_id);
// The ask form's company, set by AskHotlineAbout (screen_hotline_ask.cpp).
void SetAskCompany(Store& st, const std::string& company_id);

}  // namespace relais
