// hotline_data.cpp — see hotline_data.h.
#include "ui/hotline/hotline_data.h"

#include <set>
#include <unordered_map>

#include "core/model/company.h"
#include "core/paris_time.h"
#include "core/search/search.h"
#include "core/sync/hlc.h"
#include "core/text.h"
#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/platform.h"
#include "ui/theme.h"

namespace relais {

bool IsHotlineStaff(const SessionInfo& session) {
  return session.signed_in && (session.role == "office_staff" || session.role == "admin");
}

bool IsHotlineHandler(Store& st, const SessionInfo& session) {
  if (!session.signed_in || session.role == "trainee") return false;
  return IsHotlineStaff(session) || IsLegalExpert(st, session.member_id);
}

const char* QuestionStatusText(const std::string& status) {
  if (status == "assigned") return T(Msg::HotStatusAssigned);
  if (status == "answered") return T(Msg::HotStatusAnswered);
  if (status == "closed") return T(Msg::HotStatusClosed);
  return T(Msg::HotStatusOpen);
}

unsigned QuestionStatusColor(const std::string& status) {
  if (status == "answered") return theme::ColSuccess();
  if (status == "open") return theme::ColPrimary();
  return theme::ColMuted();
}

std::string RowDate(int64_t created_hlc) { return ShortDate(ParisIsoDate(Hlc{created_hlc}.millis())); }

namespace {

// Names read once per list.
struct Names {
  Store& st;
  std::unordered_map<std::string, std::string> members, companies;
  const std::string& Member(const std::string& id) {
    auto it = members.find(id);
    if (it == members.end()) it = members.emplace(id, MemberName(st, id)).first;
    return it->second;
  }
  const std::string& Company(const std::string& id) {
    auto it = companies.find(id);
    if (it == companies.end()) {
      std::optional<relais::Company> c = Get<relais::Company>(st, id);
      it = companies.emplace(id, c && !c->deleted() ? c->name : std::string()).first;
    }
    return it->second;
  }
};

std::vector<QuestionLine> Lines(Store& st, std::vector<LegalQuestion> rows) {
  Names names{st, {}, {}};
  std::vector<QuestionLine> out;
  out.reserve(rows.size());
  for (LegalQuestion& q : rows) {
    QuestionLine l;
    l.asker_name = names.Member(q.asker_member_id);
    if (q.assignee_member_id) l.assignee_name = names.Member(*q.assignee_member_id);
    if (q.company_id) l.company_name = names.Company(*q.company_id);
    l.date = RowDate(q.created_hlc);
    l.question = std::move(q);
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace

std::vector<QuestionLine> MyQuestions(Store& st, const std::string& member_id) {
  if (member_id.empty()) return {};
  return Lines(st, ListQuestionsAskedBy(st, member_id));
}

const char* QueueFilterText(QueueFilter f) {
  switch (f) {
    case QueueFilter::ToHandle: return T(Msg::HotFilterToHandle);
    case QueueFilter::Open: return T(Msg::HotFilterOpen);
    case QueueFilter::Assigned: return T(Msg::HotFilterAssigned);
    case QueueFilter::Answered: return T(Msg::HotFilterAnswered);
    case QueueFilter::Closed: return T(Msg::HotFilterClosed);
    case QueueFilter::All: return T(Msg::HotFilterAll);
  }
  return "";
}

std::vector<QuestionLine> HotlineQueue(Store& st, const std::string& member_id, QueueFilter filter) {
  switch (filter) {
    case QueueFilter::ToHandle: return Lines(st, ListHotlineQueue(st, member_id));
    case QueueFilter::Open: return Lines(st, ListQuestionsWithStatus(st, "open"));
    case QueueFilter::Assigned: return Lines(st, ListQuestionsWithStatus(st, "assigned"));
    case QueueFilter::Answered: return Lines(st, ListQuestionsWithStatus(st, "answered"));
    case QueueFilter::Closed: return Lines(st, ListQuestionsWithStatus(st, "closed"));
    case QueueFilter::All: return Lines(st, List<LegalQuestion>(st));
  }
  return {};
}

std::vector<KnowledgeHit> SearchKnowledgeBase(Store& st, const std::string& text, int limit) {
  std::vector<KnowledgeHit> out;
  if (IsBlank(text)) return out;
  // Several published answers of one question: the question once, at its best rank.
  std::vector<search::SearchHit> hits =
      search::Search(st.db, text, search::SearchScope::Only(search::SearchKind::HotlineAnswer), limit * 2);
  std::set<std::string> seen;
  for (search::SearchHit& h : hits) {
    if (!seen.insert(h.parent_id).second) continue;
    KnowledgeHit k;
    k.question_id = h.parent_id;
    k.answer_id = h.id;
    k.subject = std::move(h.title);
    k.snippet = std::move(h.snippet);
    out.push_back(std::move(k));
    if ((int)out.size() >= limit) break;
  }
  return out;
}

int64_t PublishedAnswerCount(Store& st) {
  return st.db
      .QueryInt(
          "SELECT count(DISTINCT a.question_id) FROM legal_answers AS a JOIN legal_questions AS q ON q.id = "
          "a.question_id WHERE a.published = 1 AND a.deleted_hlc IS NULL AND q.deleted_hlc IS NULL")
      .value_or(0);
}

std::optional<QuestionView> ReadQuestion(Store& st, const SessionInfo& session, const std::string& question_id) {
  std::optional<LegalQuestion> q = Get<LegalQuestion>(st, question_id);
  if (!q || q->deleted()) return std::nullopt;
  QuestionView v;
  v.asker = !session.member_id.empty() && q->asker_member_id == session.member_id;
  v.handler = IsHotlineHandler(st, session);
  v.full = v.asker || v.handler;
  for (LegalAnswer& a : ListAnswers(st, question_id)) {
    if (!v.full && !a.published) continue;
    AnswerView av;
    av.author_name = MemberName(st, a.author_member_id);
    av.date = RowDate(a.created_hlc);
    av.answer = std::move(a);
    v.answers.push_back(std::move(av));
  }
  if (!v.full && v.answers.empty()) return std::nullopt;  // not in the knowledge base
  v.date = RowDate(q->created_hlc);
  if (v.full) {
    v.asker_name = MemberName(st, q->asker_member_id);
    if (q->assignee_member_id) v.assignee_name = MemberName(st, *q->assignee_member_id);
    if (q->company_id) {
      std::optional<Company> c = Get<Company>(st, *q->company_id);
      v.company_on_device = c && !c->deleted();
      if (v.company_on_device) v.company_name = c->name;
    }
  }
  v.question = std::move(*q);
  return v;
}

size_t CharCount(const std::string& utf8) {
  size_t n = 0;
  for (size_t i = 0; i < utf8.size();) {
    size_t len = 1;
    DecodeUtf8(utf8, i, &len);
    i += len ? len : 1;
    n++;
  }
  return n;
}

bool IsBlank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

static std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

AskCheck CheckAsk(const std::string& subject, const std::string& body) {
  AskCheck c;
  std::string s = Trim(subject), b = Trim(body);
  c.subject_chars = CharCount(s);
  c.body_chars = CharCount(b);
  c.subject_missing = s.empty();
  c.subject_too_long = c.subject_chars > kSubjectMax;
  c.body_missing = b.empty();
  c.body_too_long = c.body_chars > kBodyMax;
  return c;
}

LegalQuestion AskQuestion(Store& st, const SessionInfo& session, const std::string& subject, const std::string& body,
                          const std::string& company_id) {
  Require(!session.member_id.empty(), "asker_member_id", "the account has no member record");
  AskCheck c = CheckAsk(subject, body);
  Require(!c.subject_missing && !c.subject_too_long, "subject", "missing or too long");
  Require(!c.body_missing && !c.body_too_long, "body", "missing or too long");
  LegalQuestion q;
  q.asker_member_id = session.member_id;
  q.subject = Trim(subject);
  q.body = Trim(body);
  if (!company_id.empty()) q.company_id = company_id;
  q.status = "open";
  Insert(st, q);
  return q;
}

SaveStatus QuestionSaveState(Store& st, const std::string& question_id) {
  return GroupSaveState(st, "legal_questions", question_id, "legal_answers", "question_id", 0);
}

void AskHotlineAbout(AppState& app, const std::string& company_id) {
  if (app.store) SetAskCompany(*app.store, company_id);
  Navigate(app, Screen::HotlineAsk);
}

}  // namespace relais
