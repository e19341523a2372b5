// Running a diagnosis with the company owner: one question per screen on a
// phone (the owner reads it on the advisor's phone), one section per screen on
// a tablet or desktop. The engine (core/diagnosis/response) decides which
// questions are shown, so a conditional question appears or disappears as the
// answer it depends on changes. Every answer is stored on the device as soon
// as it is given (a choice at once, a typed value when the field is left), so
// the run can be paused, the tab closed, the page reloaded offline: it resumes
// at the first question still unanswered.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <map>
#include <string>
#include <vector>

#include "imgui.h"
#include "ui/app.h"
#include "ui/companies/advisor_data.h"
#include "ui/diagnosis/diagnosis_data.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/platform.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {

using diagnosis::Question;
using diagnosis::QuestionType;

// A page: one question (phone) or the shown questions of one section.
struct Page {
  std::string section_title;
  int section_index = 0;
  std::vector<const Question*> questions;
};

struct RunState {
  Store* store = nullptr;
  std::string response_id;
  bool found = false;
  std::optional<std::string> company_name;
  DiagnosisRun run;
  bool compact = false;
  std::vector<Page> pages;  // rebuilt when answers change, not per frame
  diagnosis::Progress progress;
  int page = 0;
  std::string anchor;  // first question of the current page: the page follows it when others appear or vanish
  std::map<std::string, std::string> typed;  // number and text fields as typed, by question id
  std::map<std::string, std::string> field_errors;
  bool dirty = false;  // answers changed in memory, not yet stored
  bool rebuild = false;  // pages to rebuild after this frame's questions (never while drawing them)
  std::string error;
  bool scroll_top = false;
};
RunState g_run;

void BuildPages() {
  g_run.pages.clear();
  const diagnosis::Template& t = *g_run.run.tmpl;
  std::vector<const Question*> visible = diagnosis::VisibleQuestions(t, g_run.run.response.answers);
  size_t vi = 0;
  for (size_t si = 0; si < t.sections.size(); si++) {
    Page section{t.sections[si].title, (int)si, {}};
    for (const Question& q : t.sections[si].questions)
      if (vi < visible.size() && visible[vi] == &q) {
        vi++;
        if (g_run.compact) g_run.pages.push_back(Page{t.sections[si].title, (int)si, {&q}});
        else section.questions.push_back(&q);
      }
    if (!g_run.compact && !section.questions.empty()) g_run.pages.push_back(std::move(section));
  }
  g_run.progress = diagnosis::ComputeProgress(t, g_run.run.response.answers);
  // Stay on the page showing the anchor question (or the nearest one before it).
  int found = -1;
  for (size_t p = 0; p < g_run.pages.size() && found < 0; p++)
    for (const Question* q : g_run.pages[p].questions)
      if (q->id == g_run.anchor) found = (int)p;
  if (found >= 0) g_run.page = found;
  if (g_run.page >= (int)g_run.pages.size()) g_run.page = std::max(0, (int)g_run.pages.size() - 1);
}

void GoTo(int page) {
  g_run.page = std::max(0, std::min(page, (int)g_run.pages.size() - 1));
  g_run.anchor = g_run.pages.empty() ? "" : g_run.pages[g_run.page].questions.front()->id;
  g_run.scroll_top = true;
}

std::string NumberText(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  std::string s = buf;
  if (CurrentLang() == Lang::Fr)
    for (char& c : s)
      if (c == '.') c = ',';
  return s;
}

void Load(AppState& app) {
  bool compact = app.device.Compact();
  if (g_run.store == app.store && g_run.response_id == app.route.sub) {
    if (compact != g_run.compact && g_run.found && g_run.run.tmpl) {  // rotated, resized: same question in view
      g_run.compact = compact;
      BuildPages();
    }
    return;
  }
  g_run = RunState();
  g_run.store = app.store;
  g_run.response_id = app.route.sub;
  g_run.compact = compact;
  g_run.company_name = app.store->db.QueryText("SELECT name FROM companies WHERE id = ?", app.route.id);
  std::optional<DiagnosisRun> run = LoadDiagnosis(*app.store, app.route.sub);
  if (!run || run->row.company_id != app.route.id) return;
  g_run.found = true;
  g_run.run = std::move(*run);
  if (!g_run.run.tmpl) return;
  for (const auto& [id, a] : g_run.run.response.answers) {
    if (a.number) g_run.typed[id] = NumberText(*a.number);
    if (!a.text.empty()) g_run.typed[id] = a.text;
  }
  // Resume where the run stopped: the question after the last one answered
  // (optional questions left blank before it stay behind), or, when the last
  // question is answered, the first required one still missing.
  const diagnosis::Template& t = *g_run.run.tmpl;
  const diagnosis::Answers& answers = g_run.run.response.answers;
  std::vector<const Question*> visible = diagnosis::VisibleQuestions(t, answers);
  int last = -1;
  for (size_t i = 0; i < visible.size(); i++)
    if (diagnosis::IsAnswered(*visible[i], answers)) last = (int)i;
  if (last + 1 < (int)visible.size()) g_run.anchor = visible[last + 1]->id;
  else if (const Question* missing = diagnosis::FirstMissingRequired(t, answers)) g_run.anchor = missing->id;
  else if (!visible.empty()) g_run.anchor = visible.back()->id;
  BuildPages();
}

// Stores the answers (one transaction with its outbox entry).
void Flush(AppState& app) {
  if (!g_run.dirty) return;
  try {
    SaveDiagnosisAnswers(*app.store, g_run.run);
    RememberNoteCommit(g_run.run.row.id, platform::LastCommit());
    g_run.dirty = false;
  } catch (const std::exception& e) {
    g_run.error = std::string(T(Msg::SaveFailed)) + " " + e.what();
  }
}

void SetAnswer(const Question& q, const diagnosis::Answer& a) {
  diagnosis::Status s = diagnosis::SetAnswer(*g_run.run.tmpl, g_run.run.response, q.id, a, g_run.store->now_ms());
  if (!s.ok) {
    g_run.field_errors[q.id] = s.error;  // refused: the stored answer stays as it was
    return;
  }
  g_run.field_errors.erase(q.id);
  g_run.error.clear();
  g_run.dirty = true;
  g_run.rebuild = true;
}

// A row to tap for an option: a circle (one choice) or a box (several). The
// accessible name carries the question, so each control is unambiguous when a
// section shows several questions with the same options ("Non", "Parfois").
bool OptionRow(const std::string& label, const std::string& name, bool on, bool radio) {
  mirror::SetNextRole(radio ? mirror::Role::Radio : mirror::Role::Checkbox);
  mirror::SetNextChecked(on);
  mirror::SetNextName(name.c_str());
  const ImGuiStyle& s = ImGui::GetStyle();
  float h = ImGui::GetFrameHeight();
  float wrap_w = ImGui::GetContentRegionAvail().x - h - s.ItemInnerSpacing.x * 2;
  ImVec2 ts = ImGui::CalcTextSize(label.c_str(), nullptr, false, wrap_w);
  float row_h = std::max(h, ts.y + s.FramePadding.y * 2);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(label.c_str());
  bool pressed = ImGui::Selectable("##opt", on, 0, ImVec2(0, row_h));
  ImGui::PopID();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float r = h * 0.25f;
  ImVec2 c(pos.x + s.FramePadding.x + r, pos.y + row_h * 0.5f);
  if (radio) {
    dl->AddCircle(c, r, ImGui::GetColorU32(ImGuiCol_Border), 0, 1.5f);
    if (on) dl->AddCircleFilled(c, r * 0.55f, theme::ColPrimary());
  } else {
    ImVec2 a(c.x - r, c.y - r), b(c.x + r, c.y + r);
    if (on) {
      dl->AddRectFilled(a, b, theme::ColPrimary(), 3);
      dl->AddLine(ImVec2(a.x + r * 0.45f, c.y), ImVec2(c.x - r * 0.15f, b.y - r * 0.45f), IM_COL32_WHITE, 2);
      dl->AddLine(ImVec2(c.x - r * 0.15f, b.y - r * 0.45f), ImVec2(b.x - r * 0.35f, a.y + r * 0.45f), IM_COL32_WHITE, 2);
    } else {
      dl->AddRect(a, b, ImGui::GetColorU32(ImGuiCol_Border), 3, 0, 1.5f);
    }
  }
  dl->AddText(nullptr, 0, ImVec2(c.x + r + s.ItemInnerSpacing.x * 1.5f, pos.y + (row_h - ts.y) * 0.5f),
              ImGui::GetColorU32(ImGuiCol_Text), label.c_str(), nullptr, wrap_w);
  return pressed;
}

bool Has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// "12", "12,5", "1 200" as people type them; nullopt when it is no number.
std::optional<double> ParseTypedNumber(const std::string& typed) {
  std::string t;
  for (size_t i = 0; i < typed.size(); i++) {
    unsigned char c = (unsigned char)typed[i];
    if (c == ' ') continue;
    if (c == 0xC2 && i + 1 < typed.size() && (unsigned char)typed[i + 1] == 0xA0) {  // no-break space
      i++;
      continue;
    }
    if (c == 0xE2 && i + 2 < typed.size() && (unsigned char)typed[i + 1] == 0x80 && (unsigned char)typed[i + 2] == 0xAF) {
      i += 2;  // narrow no-break space
      continue;
    }
    t += c == ',' ? '.' : (char)c;
  }
  if (t.empty()) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

void DrawQuestion(const Question& q) {
  ImGui::PushID(q.id.c_str());
  // Looked up again after each change: clearing an answer erases it.
  auto current = [&q]() -> const diagnosis::Answer* {
    const diagnosis::Answers& answers = g_run.run.response.answers;
    auto it = answers.find(q.id);
    return it == answers.end() ? nullptr : &it->second;
  };
  const diagnosis::Answer* a = current();
  std::string label = q.label + (q.required ? "" : std::string(" (") + T(Msg::DiagOptional) + ")");
  if (q.type != QuestionType::Number && q.type != QuestionType::Text) {
    ImGui::PushFont(theme::GetFonts().bold);
    ui::Paragraph(label.c_str());
    ImGui::PopFont();
  }
  // Number and text fields draw their label themselves: their help goes
  // between that label and the field, not above the label.
  const bool field = q.type == QuestionType::Number || q.type == QuestionType::Text;
  if (!field && !q.help.empty()) ui::Muted(q.help.c_str());
  const std::string dash = " \xE2\x80\x94 ";
  switch (q.type) {
    case QuestionType::SingleChoice:
      for (const diagnosis::Option& o : q.options) {
        a = current();
        bool on = a && a->choices.size() == 1 && a->choices[0] == o.id;
        if (OptionRow(o.label, q.label + dash + o.label, on, true) && !on) SetAnswer(q, diagnosis::ChoiceAnswer(o.id));
      }
      break;
    case QuestionType::MultipleChoice:
      for (const diagnosis::Option& o : q.options) {
        a = current();
        bool on = a && Has(a->choices, o.id);
        if (OptionRow(o.label, q.label + dash + o.label, on, false)) {
          std::vector<std::string> next;
          for (const diagnosis::Option& x : q.options)  // template order, whatever the tapping order
            if (x.id == o.id ? !on : (a && Has(a->choices, x.id))) next.push_back(x.id);
          SetAnswer(q, diagnosis::ChoicesAnswer(next));
        }
      }
      break;
    case QuestionType::Scale: {
      // Values as a row of equal chips (radio role), their meaning at both ends.
      int n = q.scale.max - q.scale.min + 1;
      float gap = 8, avail = ImGui::GetContentRegionAvail().x;
      float w = std::min(72.0f, (avail - gap * (n - 1)) / (float)n);
      float h = ImGui::GetFrameHeight();
      for (int v = q.scale.min; v <= q.scale.max; v++) {
        if (v > q.scale.min) ImGui::SameLine(0, gap);
        a = current();
        bool on = a && a->number && (int)*a->number == v;
        std::string text = std::to_string(v);
        std::string name = q.label + dash + text + " " + T(Msg::DiagOutOf) + " " + std::to_string(q.scale.max);
        mirror::SetNextRole(mirror::Role::Radio);
        mirror::SetNextChecked(on);
        mirror::SetNextName(name.c_str());
        ImVec2 pos = ImGui::GetCursorScreenPos();
        ImGui::PushID(v);
        bool pressed = ImGui::InvisibleButton("##v", ImVec2(w, h));
        ImGui::PopID();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        ImVec2 max(pos.x + w, pos.y + h);
        if (on) dl->AddRectFilled(pos, max, theme::ColPrimary(), h * 0.5f);
        else dl->AddRect(pos, max, ImGui::GetColorU32(ImGuiCol_Border), h * 0.5f, 0, 1.5f);
        ImVec2 ts = ImGui::CalcTextSize(text.c_str());
        dl->AddText(ImVec2(pos.x + (w - ts.x) * 0.5f, pos.y + (h - ts.y) * 0.5f),
                    on ? IM_COL32_WHITE : ImGui::GetColorU32(ImGuiCol_Text), text.c_str());
        if (pressed && !on) SetAnswer(q, diagnosis::NumberAnswer(v));
      }
      if (!q.scale.min_label.empty() || !q.scale.max_label.empty())
        ui::Muted((std::to_string(q.scale.min) + "\u00A0: " + q.scale.min_label + " \xC2\xB7 " +
                   std::to_string(q.scale.max) + "\u00A0: " + q.scale.max_label)
                      .c_str());
      break;
    }
    case QuestionType::Number: {
      std::string& typed = g_run.typed[q.id];
      ui::TextFieldOptions o;
      o.hint = q.number.unit.empty() ? nullptr : q.number.unit.c_str();
      o.help = q.help.c_str();
      bool changed = ui::TextField(label.c_str(), &typed, o);
      if (changed) {
        if (typed.find_first_not_of(" ") == std::string::npos) {
          SetAnswer(q, diagnosis::Answer{});
        } else if (std::optional<double> v = ParseTypedNumber(typed)) {
          SetAnswer(q, diagnosis::NumberAnswer(*v));
        } else {
          g_run.field_errors[q.id] = T(Msg::DiagNotANumber);
        }
      }
      if (!q.number.unit.empty()) ui::Muted(LabelValue(Msg::DiagUnit, q.number.unit).c_str());
      break;
    }
    case QuestionType::Text: {
      std::string& typed = g_run.typed[q.id];
      ui::TextFieldOptions o;
      o.multiline = true;
      o.height = ImGui::GetTextLineHeight() * 3 + ImGui::GetStyle().FramePadding.y * 2;
      o.help = q.help.c_str();
      bool changed = ui::TextField(label.c_str(), &typed, o);
      if (changed) SetAnswer(q, diagnosis::TextAnswer(typed));
      break;
    }
  }
  auto err = g_run.field_errors.find(q.id);
  if (err != g_run.field_errors.end()) ui::StatusText(err->second.c_str(), theme::ColDanger());
  ImGui::PopID();
}

void DrawProgress() {
  // Where we are (page) and how much is answered (bar): both as text too.
  const Page& p = g_run.pages[g_run.page];
  std::string where = g_run.compact
                          ? std::string(T(Msg::DiagQuestion)) + " " + std::to_string(g_run.page + 1) + " " +
                                T(Msg::DiagOutOf) + " " + std::to_string(g_run.pages.size())
                          : std::string(T(Msg::DiagSection)) + " " + std::to_string(g_run.page + 1) + " " +
                                T(Msg::DiagOutOf) + " " + std::to_string(g_run.pages.size());
  ui::StatusText(where.c_str(), theme::ColMuted());
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float w = ImGui::GetContentRegionAvail().x, h = 8;
  float done = g_run.progress.visible ? (float)g_run.progress.answered / (float)g_run.progress.visible : 0;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), IM_COL32(0xe3, 0xe7, 0xee, 255), h * 0.5f);
  if (done > 0) dl->AddRectFilled(pos, ImVec2(pos.x + w * done, pos.y + h), theme::ColPrimary(), h * 0.5f);
  ImGui::Dummy(ImVec2(w, h));
  ui::StatusText(AnsweredText(g_run.progress.answered, g_run.progress.visible).c_str(), theme::ColMuted());
  ui::SectionTitle(p.section_title.c_str());
}

void DrawSaveState() {
  // Durability moves without the data changing: ask each frame (no query).
  // (Commit 0: the run was read back from the device, so it is on the disk.)
  uint64_t commit = NoteCommit(g_run.run.row.id);
  bool durable = (commit == 0 || platform::IsCommitDurable(commit)) && !g_run.dirty;
  ui::StatusText(T(durable ? Msg::SavedOnDevice : Msg::Saving), durable ? theme::ColSuccess() : theme::ColMuted());
}

void Finish(AppState& app) {
  Flush(app);
  diagnosis::Status s = FinishDiagnosis(*app.store, g_run.run);
  if (!s.ok) {
    // Show the first missing answer, and say which.
    if (const Question* q = diagnosis::FirstMissingRequired(*g_run.run.tmpl, g_run.run.response.answers)) {
      for (size_t p = 0; p < g_run.pages.size(); p++)
        for (const Question* x : g_run.pages[p].questions)
          if (x == q) GoTo((int)p);
      g_run.error = LabelValue(Msg::DiagMissingAnswer, q->label);
    } else {
      g_run.error = std::string(T(Msg::SaveFailed)) + " " + s.error;
    }
    return;
  }
  RememberNoteCommit(g_run.run.row.id, platform::LastCommit());
  std::string company = app.route.id, id = g_run.run.row.id;
  g_run = RunState();
  Navigate(app, Screen::DiagnosisResult, Route{company, id});
}

}  // namespace

void DrawDiagnosisRun(AppState& app) {
  Load(app);
  if (!g_run.company_name || !g_run.found) {
    ui::StatusText(T(g_run.company_name ? Msg::DiagNotFound : Msg::CompanyNotFound), theme::ColDanger());
    if (ui::Button(T(Msg::BackToList))) Navigate(app, Screen::Companies);
    return;
  }
  if (!g_run.run.tmpl) {
    ui::StatusText(T(Msg::DiagTemplateMissing), theme::ColDanger());
    if (ui::Button(T(Msg::DiagBackToFile))) Navigate(app, Screen::CompanyFile, Route{app.route.id, ""});
    return;
  }
  if (g_run.pages.empty()) return;
  bool compact = g_run.compact;
  if (!compact) ui::Title(g_run.company_name->c_str());
  ui::Muted((compact ? *g_run.company_name + " \xC2\xB7 " + g_run.run.tmpl->title : g_run.run.tmpl->title).c_str());
  DrawProgress();

  // The questions scroll; the buttons stay in view below them.
  bool last = g_run.page + 1 == (int)g_run.pages.size();
  float footer_h = ImGui::GetFrameHeightWithSpacing() * (compact ? 2 : 1) + ImGui::GetTextLineHeightWithSpacing() *
                       (g_run.error.empty() ? 1.5f : 4.0f) + 12;
  ImGui::BeginChild("##questions", ImVec2(0, -footer_h));
  if (g_run.scroll_top) {
    ImGui::SetScrollY(0);
    g_run.scroll_top = false;
  }
  for (const Question* q : g_run.pages[g_run.page].questions) {
    DrawQuestion(*q);
    ImGui::Dummy(ImVec2(0, 10));
  }
  ImGui::EndChild();
  if (g_run.rebuild) {  // an answer showed or hid questions: next frame draws the new page
    g_run.rebuild = false;
    BuildPages();
    platform::RequestFrame();
  }
  // Typed values are stored once the field is left; choices at once.
  if (!ImGui::IsAnyItemActive()) Flush(app);

  if (!g_run.error.empty()) ui::StatusText(g_run.error.c_str(), theme::ColDanger());
  DrawSaveState();
  float avail = ImGui::GetContentRegionAvail().x, gap = ImGui::GetStyle().ItemSpacing.x;
  float half = compact ? (avail - gap) / 2 : 0;
  if (g_run.page > 0) {
    if (ui::Button(T(Msg::DiagPrevious), half)) {
      Flush(app);
      GoTo(g_run.page - 1);
    }
    ImGui::SameLine();
  }
  if (!last) {
    if (ui::PrimaryButton(T(Msg::DiagNext), g_run.page > 0 ? half : (compact ? avail : 0))) {
      Flush(app);
      g_run.error.clear();
      GoTo(g_run.page + 1);
    }
  } else if (ui::PrimaryButton(T(Msg::DiagFinish), g_run.page > 0 ? half : (compact ? avail : 0))) {
    Finish(app);
    return;
  }
  if (!compact) ImGui::SameLine();
  // Pausing loses nothing: the answers are on the device already.
  if (ui::Button(T(Msg::DiagPause), compact ? avail : 0)) {
    Flush(app);
    std::string company = app.route.id;
    g_run = RunState();
    Navigate(app, Screen::CompanyFile, Route{company, ""});
  }
}

}  // namespace relais
