// One hotline question: its subject, status, who asked and about which
// company, the text, and the answers. The legal team acts on it here: office
// staff assign it to a legal expert, a legal expert takes an open one, both
// write an answer (stored with the question's new status in one
// transaction) and publish it to the knowledge base or take it out. The asker
// (and the team) can close an answered question. Every action is a local
// write, saved at once and sent at the next sync; the asker sees the answer
// after theirs. Readers from the knowledge base see the published answers only.
#include <cstdio>
#include <string>
#include <vector>

#include "imgui.h"
#include "ui/app.h"
#include "ui/hotline/hotline_data.h"
#include "ui/i18n.h"
#include "ui/platform.h"
#include "ui/sync/sync_client.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {

struct QuestionState {
  // Cache, valid for (store, device, data version, question, session).
  Store* store = nullptr;
  std::string device, question_id, user;
  int64_t version = -1;
  std::optional<QuestionView> view;
  SaveStatus save;
  bool staff = false;
  std::vector<Member> experts;
  // The answer being written, for question_id.
  std::string answer;
  bool answer_tried = false;
  std::string error;
};
QuestionState g_q;

void Refresh(AppState& app) {
  QuestionState& s = g_q;
  Store& st = *app.store;
  int64_t version = DataVersion(st);
  if (s.question_id != app.route.id) {  // another question: a fresh form
    s.answer.clear();
    s.answer_tried = false;
    s.error.clear();
  }
  if (s.store == app.store && s.device == st.device_id && s.version == version && s.question_id == app.route.id &&
      s.user == app.session.user_id)
    return;
  s.store = app.store;
  s.device = st.device_id;
  s.question_id = app.route.id;
  s.user = app.session.user_id;
  s.view = ReadQuestion(st, app.session, app.route.id);
  s.save = QuestionSaveState(st, app.route.id);
  s.staff = IsHotlineStaff(app.session);
  s.experts = s.staff ? ListLegalExperts(st) : std::vector<Member>();
  s.version = DataVersion(st);
}

// A write on this question: saved, remembered for "saved on this device",
// sent at once when online. false (with the error shown) when refused.
template <class F>
bool Write(AppState& app, F write) {
  QuestionState& s = g_q;
  s.error.clear();
  try {
    write();
  } catch (const std::exception& e) {
    s.error = std::string(T(Msg::SaveFailed)) + " " + e.what();
    return false;
  }
  RememberNoteCommit(s.question_id, platform::LastCommit());
  RequestSync(app);
  return true;
}

void DrawSaveState(const QuestionView& v) {
  const uint64_t commit = NoteCommit(v.question.id);
  const SaveState state = SaveStateNow(g_q.save.state, commit);
  if (state == SaveState::Synced && !commit) return;  // said only after a write of this session
  const bool new_question = v.asker && v.question.status == "open";
  ui::SaveStateLine(state, g_q.save.reason,
                    {new_question ? Msg::HotSavedQuestion : Msg::HotSavedChange,
                     new_question ? Msg::HotSent : Msg::Synced, Msg::HotRejected});
}

void DrawHeader(AppState& app, const QuestionView& v) {
  const LegalQuestion& q = v.question;
  ImGui::PushFont(theme::GetFonts().title);
  ui::Paragraph(q.subject.c_str());
  ImGui::PopFont();
  ui::StatusText(QuestionStatusText(q.status), QuestionStatusColor(q.status));
  if (v.full) {
    std::string asked = std::string(T(Msg::HotAskedBy)) + " " + (v.asker_name.empty() ? "?" : v.asker_name) + " " +
                        T(Msg::HotOn) + " " + v.date;
    ui::Muted(asked.c_str());
    if (!v.assignee_name.empty())
      ui::StatusText((std::string(T(Msg::HotAssignedTo)) + " " + v.assignee_name).c_str(), theme::ColMuted());
    if (v.company_on_device) {
      ui::Muted(LabelValue(Msg::HotCompany, v.company_name).c_str());
      if (ui::Button(T(Msg::HotOpenCompany))) Navigate(app, Screen::CompanyFile, Route{*q.company_id, ""});
    }
  } else {
    ui::Muted((std::string(T(Msg::HotAskedOn)) + " " + v.date).c_str());
  }
  DrawSaveState(v);
  ImGui::Dummy(ImVec2(0, 4));
  ui::Paragraph(q.body.c_str());
}

void DrawAnswers(AppState& app, const QuestionView& v) {
  ui::SectionTitle(T(Msg::HotAnswersTitle));
  if (v.answers.empty()) ui::Muted(T(v.asker ? Msg::HotNoAnswerAsker : Msg::HotNoAnswer));
  for (const AnswerView& av : v.answers) {
    const LegalAnswer& a = av.answer;
    ImGui::PushID(a.id.c_str());
    ImGui::Separator();
    std::string head = std::string(T(Msg::HotAnswerBy)) + " " + (av.author_name.empty() ? "?" : av.author_name) +
                       " \xC2\xB7 " + av.date;
    ui::StatusText(head.c_str(), theme::ColMuted());
    ui::Paragraph(a.body.c_str());
    if (v.full)
      ui::StatusText(T(a.published ? Msg::HotPublished : Msg::HotNotPublished),
                     a.published ? theme::ColSuccess() : theme::ColMuted());
    if (v.handler && ui::Button(T(a.published ? Msg::HotUnpublish : Msg::HotPublish))) {
      LegalAnswer copy = a;
      bool publish = !a.published;
      Write(app, [&] { SetAnswerPublished(*app.store, copy, publish); });
      ImGui::PopID();
      return;  // the view is re-read next frame
    }
    ImGui::PopID();
  }
}

// Office staff give a question still waiting for its answer to a legal
// expert (or to another one); a legal expert takes an open one.
bool DrawAssign(AppState& app, const QuestionView& v) {
  QuestionState& s = g_q;
  const LegalQuestion& q = v.question;
  if (q.status != "open" && q.status != "assigned") return false;
  if (s.staff) {
    ui::SectionTitle(T(Msg::HotAssignTitle));
    if (s.experts.empty()) ui::Muted(T(Msg::HotNoExperts));
    for (const Member& m : s.experts) {
      if (q.assignee_member_id && *q.assignee_member_id == m.id) continue;
      std::string label = std::string(T(Msg::HotAssignTo)) + " " + m.first_name + " " + m.last_name;
      ImGui::PushID(m.id.c_str());
      bool pressed = ui::Button(label.c_str());
      ImGui::PopID();
      if (pressed) {
        LegalQuestion copy = q;
        Write(app, [&] { AssignQuestion(*app.store, copy, m.id); });
        return true;
      }
    }
  } else if (q.status == "open" && !app.session.member_id.empty() && IsLegalExpert(*app.store, app.session.member_id)) {
    if (ui::Button(T(Msg::HotTake))) {
      LegalQuestion copy = q;
      Write(app, [&] { AssignQuestion(*app.store, copy, app.session.member_id); });
      return true;
    }
  }
  return false;
}

void DrawAnswerForm(AppState& app, const QuestionView& v) {
  QuestionState& s = g_q;
  ui::SectionTitle(T(Msg::HotAnswerTitle));
  if (app.session.member_id.empty()) {
    ui::Muted(T(Msg::HotAnswerNeedsMember));
    return;
  }
  ui::TextFieldOptions opt;
  opt.multiline = true;
  opt.height = ImGui::GetTextLineHeight() * 7 + ImGui::GetStyle().FramePadding.y * 2;
  ui::TextField(T(Msg::HotAnswerField), &s.answer, opt);
  size_t chars = CharCount(s.answer);
  if (chars > kAnswerMax) {
    char buf[256];
    std::snprintf(buf, sizeof buf, T(Msg::HotAnswerTooLong), (int)chars, (int)kAnswerMax);
    ui::StatusText(buf, theme::ColDanger());
  } else if (s.answer_tried && IsBlank(s.answer)) {
    ui::StatusText(T(Msg::HotAnswerMissing), theme::ColDanger());
  }
  if (ui::PrimaryButton(T(Msg::HotSendAnswer))) {
    s.answer_tried = true;
    if (IsBlank(s.answer) || chars > kAnswerMax) return;
    LegalQuestion q = v.question;
    LegalAnswer a;
    a.question_id = q.id;
    a.author_member_id = app.session.member_id;
    a.body = s.answer;
    if (Write(app, [&] { AnswerQuestion(*app.store, q, a); })) {
      s.answer.clear();
      s.answer_tried = false;
    }
  }
}

}  // namespace

void DrawHotlineQuestion(AppState& app) {
  QuestionState& s = g_q;
  if (ui::Button(T(Msg::Back))) {
    Navigate(app, Screen::Hotline);
    return;
  }
  Refresh(app);
  if (!s.view) {
    ui::Muted(T(Msg::HotUnknown));
    return;
  }
  const QuestionView v = *s.view;  // a write below re-reads the cache next frame
  DrawHeader(app, v);
  if (!s.error.empty()) ui::StatusText(s.error.c_str(), theme::ColDanger());
  DrawAnswers(app, v);
  const bool closed = v.question.status == "closed";
  if (v.handler && !closed) {
    if (DrawAssign(app, v)) return;
    DrawAnswerForm(app, v);
  }
  if ((v.asker || v.handler) && v.question.status == "answered") {
    ImGui::Dummy(ImVec2(0, 8));
    if (ui::Button(T(Msg::HotClose))) {
      LegalQuestion q = v.question;
      Write(app, [&] { CloseQuestion(*app.store, q); });
    }
  }
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
