// Hotline juridique: "Poser une question", the knowledge base searched as
// the user types (published answers, accents and case ignored), the
// member's own questions with their status, and for the legal team (office
// staff, admins, legal experts) the questions to handle, filtered by status.
// Everything is read from the device: it works offline. Each row opens the
// question (/hotline/<id>).
#include <string>
#include <vector>

#include "core/search/snippet.h"
#include "imgui.h"
#include "ui/app.h"
#include "ui/hotline/hotline_data.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {

struct HotlineState {
  std::string search;
  QueueFilter filter = QueueFilter::ToHandle;
  // Cache, valid for (store, device, data version, session, filter, search).
  Store* store = nullptr;
  std::string device, user, member;
  int64_t version = -1;
  QueueFilter cached_filter = QueueFilter::ToHandle;
  std::string cached_search;
  bool handler = false;
  std::vector<QuestionLine> mine, queue;
  std::vector<KnowledgeHit> hits;
  int64_t published = 0;
  std::string error;
};
HotlineState g_hot;

void Refresh(AppState& app) {
  HotlineState& s = g_hot;
  Store& st = *app.store;
  int64_t version = DataVersion(st);
  if (s.store == app.store && s.device == st.device_id && s.version == version && s.user == app.session.user_id &&
      s.member == app.session.member_id && s.cached_filter == s.filter && s.cached_search == s.search)
    return;
  s.store = app.store;
  s.device = st.device_id;
  s.user = app.session.user_id;
  s.member = app.session.member_id;
  s.cached_filter = s.filter;
  s.cached_search = s.search;
  s.error.clear();
  try {
    s.handler = IsHotlineHandler(st, app.session);
    s.mine = MyQuestions(st, app.session.member_id);
    s.queue = s.handler ? HotlineQueue(st, app.session.member_id, s.filter) : std::vector<QuestionLine>();
    s.hits = SearchKnowledgeBase(st, s.search);
    s.published = PublishedAnswerCount(st);
  } catch (const std::exception& e) {
    s.error = e.what();
  }
  s.version = DataVersion(st);  // the search's index update is not a data change
}

// One row of a list: the subject in bold, then the status in its colour and
// the details. The row is a link named with all it shows.
void Row(AppState& app, const std::string& question_id, const std::string& subject, const char* status,
         unsigned status_color, const std::string& details) {
  const float row_h = app.device.touch ? 60.0f : 52.0f;
  const float line_h = ImGui::GetTextLineHeight();
  std::string name = subject;
  if (status && *status) name += std::string(" \xC2\xB7 ") + status;
  if (!details.empty()) name += " \xC2\xB7 " + search::StripMarks(details);
  ImGui::PushID(question_id.c_str());
  ImVec2 pos = ImGui::GetCursorScreenPos();
  mirror::SetNextRole(mirror::Role::Link);
  mirror::SetNextName(name.c_str());
  if (ImGui::Selectable("##row", false, 0, ImVec2(0, row_h - ImGui::GetStyle().ItemSpacing.y)))
    Navigate(app, Screen::HotlineQuestion, Route{question_id, ""});
  float x = pos.x + 12, w = ImGui::GetItemRectSize().x - 24;
  ImGui::PushFont(theme::GetFonts().bold);
  ui::RowLine(ImVec2(x, pos.y + 6), w, ImGui::GetColorU32(ImGuiCol_Text), subject.c_str());
  ImGui::PopFont();
  float y = pos.y + 8 + line_h;
  if (status && *status) {
    ui::RowLine(ImVec2(x, y), w, status_color, status);
    float sw = ImGui::CalcTextSize(status).x;
    x += sw;
    w -= sw;
  }
  if (!details.empty() && w > 0) {
    std::string rest = (status && *status ? " \xC2\xB7 " : "") + details;
    ui::SnippetLine(ImVec2(x, y), w, theme::ColMuted(), rest);
  }
  ImGui::PopID();
}

// A list of questions, only the rows in view drawn (the "all" filter of a
// network's hotline runs to hundreds).
void Questions(AppState& app, const std::vector<QuestionLine>& lines, bool show_asker) {
  const float row_h = app.device.touch ? 60.0f : 52.0f;
  ImGuiListClipper clipper;
  clipper.Begin((int)lines.size(), row_h);
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; i++) {
      const QuestionLine& l = lines[i];
      std::string details;
      if (show_asker && !l.asker_name.empty()) details = l.asker_name + " \xC2\xB7 ";
      details += l.date;
      if (!l.company_name.empty()) details += " \xC2\xB7 " + l.company_name;
      if (show_asker && !l.assignee_name.empty()) details += " \xC2\xB7 " + std::string(T(Msg::HotAssignedTo)) + " " + l.assignee_name;
      Row(app, l.question.id, l.question.subject, QuestionStatusText(l.question.status),
          QuestionStatusColor(l.question.status), details);
    }
}

void DrawQueue(AppState& app) {
  HotlineState& s = g_hot;
  ui::SectionTitle(T(Msg::HotQueueTitle));
  // The filter: one option per status, flowing like words (radio semantics).
  bool first = true;
  for (QueueFilter f : kQueueFilters) {
    const char* label = QueueFilterText(f);
    if (!first) ui::SameLineIfFits(label);
    first = false;
    const bool chosen = s.filter == f;
    mirror::SetNextRole(mirror::Role::Radio);
    mirror::SetNextChecked(chosen);
    if (chosen ? ui::PrimaryButton(label) : ui::Button(label)) s.filter = f;
  }
  Refresh(app);  // the filter may have changed this frame
  if (s.queue.empty()) ui::Muted(T(Msg::HotQueueEmpty));
  else ui::Muted(CountText((long)s.queue.size(), Msg::HotQuestionOne, Msg::HotQuestionMany).c_str());
  Questions(app, s.queue, true);
}

void DrawSearchResults(AppState& app) {
  HotlineState& s = g_hot;
  if (s.hits.empty()) {
    ui::StatusText(T(Msg::HotNoHit), theme::ColMuted());
    return;
  }
  ui::Muted(CountText((long)s.hits.size(), Msg::HotHitOne, Msg::HotHitMany).c_str());
  for (const KnowledgeHit& h : s.hits) Row(app, h.question_id, h.subject, nullptr, 0, h.snippet);
}

}  // namespace

void DrawHotline(AppState& app) {
  HotlineState& s = g_hot;
  Refresh(app);
  if (!app.session.member_id.empty()) {
    if (ui::PrimaryButton(T(Msg::HotlineAskTitle))) Navigate(app, Screen::HotlineAsk);
  } else {
    ui::Muted(T(Msg::HotNoMember));
  }
  ImGui::Dummy(ImVec2(0, 4));
  ui::TextFieldOptions opt;
  opt.hint = T(Msg::HotSearchHint);
  ui::TextField(T(Msg::HotSearchLabel), &s.search, opt);
  Refresh(app);  // the text may have changed this frame
  if (!s.error.empty()) ui::StatusText(s.error.c_str(), theme::ColDanger());
  if (!IsBlank(s.search)) {
    DrawSearchResults(app);
    ImGui::Dummy(ImVec2(0, 16));
    return;
  }
  ui::Muted(CountText((long)s.published, Msg::HotKbOne, Msg::HotKbMany).c_str());
  if (s.handler) DrawQueue(app);
  ui::SectionTitle(T(Msg::HotMineTitle));
  if (s.mine.empty()) ui::Muted(T(Msg::HotMineEmpty));
  Questions(app, s.mine, false);
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
