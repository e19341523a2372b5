// A visit note (new, or an edit of one's own): type, date, topics and
// services from the network's lists, free text, follow-up actions with due
// dates, visibility. Saved on the device at once, in one transaction with
// its actions; the company file then says "saved on this device" once the
// storage layer reports the commit durable, and "synced" once the outbox is
// empty for it. Bad input is refused with a message and the form keeps
// everything typed.
#include <string>
#include <vector>

#include "imgui.h"
#include "ui/companies/advisor_data.h"
#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/platform.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {

// The network's taxonomy of topics (the directory's expertise tags) and of
// the services members deliver.
const char* const kTopics[] = {"innovation", "export", "création d'entreprise", "transmission-reprise",
                               "propriété intellectuelle", "investissement", "financement", "numérique",
                               "ressources humaines", "recrutement", "formation", "RSE",
                               "transition écologique", "industrie du futur"};
const char* const kServices[] = {"diagnostic", "mise en relation", "orientation", "montage de dossier",
                                 "prêt d'honneur", "pré-diagnostic PI", "diagnostic export",
                                 "diagnostic numérique", "recherche de locaux", "appui au recrutement",
                                 "information réglementaire", "suivi post-création"};

struct ActionDraft {
  std::string id;  // empty: new
  std::string title, due;  // due as typed (JJ/MM/AAAA)
  std::string status = "open", done_on;
  std::optional<std::string> assignee;
};

struct NoteForm {
  Store* store = nullptr;
  std::string company_id, note_id;  // what the form was loaded for
  bool loaded = false, found = true, editable = true;
  Interaction note;
  std::string date;  // as typed
  std::vector<ActionDraft> actions;
  std::string error;
  bool scroll_to_new = false;
};
NoteForm g_note;

void Load(AppState& app) {
  if (g_note.loaded && g_note.store == app.store && g_note.company_id == app.route.id && g_note.note_id == app.route.sub)
    return;
  g_note = NoteForm();
  g_note.store = app.store;
  g_note.company_id = app.route.id;
  g_note.note_id = app.route.sub;
  g_note.loaded = true;
  if (app.route.sub.empty()) {
    g_note.note.company_id = app.route.id;
    g_note.note.kind = "visit";
    g_note.date = ShortDate(TodayIso(*app.store));
    return;
  }
  std::optional<Interaction> n = Get<Interaction>(*app.store, app.route.sub);
  if (!n || n->deleted() || n->company_id != app.route.id) {
    g_note.found = false;
    return;
  }
  g_note.note = *n;
  g_note.editable = CanEditNote(app.session, *n);
  g_note.date = ShortDate(n->occurred_on);
  for (const FollowUpAction& a : ListActions(*app.store, n->id)) {
    ActionDraft d;
    d.id = a.id;
    d.title = a.title;
    d.due = a.due_on ? ShortDate(*a.due_on) : "";
    d.status = a.status;
    d.done_on = a.done_on.value_or("");
    d.assignee = a.assignee_member_id;
    g_note.actions.push_back(std::move(d));
  }
}

bool Has(const std::vector<std::string>& v, const std::string& x) {
  for (const std::string& s : v)
    if (s == x) return true;
  return false;
}

void Toggle(std::vector<std::string>& v, const std::string& x) {
  for (size_t i = 0; i < v.size(); i++)
    if (v[i] == x) {
      v.erase(v.begin() + (long)i);
      return;
    }
  v.push_back(x);
}

// One choice among a few, as a row of chips (radio role): the type and the
// visibility fit on one line even on a phone, keeping the form short.
bool Chip(const char* label, bool active, float width) {
  mirror::SetNextRole(mirror::Role::Radio);
  mirror::SetNextChecked(active);
  mirror::SetNextName(label);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  float h = ImGui::GetFrameHeight();
  ImGui::PushID(label);
  bool pressed = ImGui::InvisibleButton("##chip", ImVec2(width, h));
  ImGui::PopID();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 max(pos.x + width, pos.y + h);
  if (active) dl->AddRectFilled(pos, max, theme::ColPrimary(), h * 0.5f);
  else dl->AddRect(pos, max, ImGui::GetColorU32(ImGuiCol_Border), h * 0.5f, 0, 1.5f);
  ImVec2 ts = ImGui::CalcTextSize(label);
  dl->AddText(ImVec2(pos.x + (width - ts.x) * 0.5f, pos.y + (h - ts.y) * 0.5f),
              active ? IM_COL32_WHITE : ImGui::GetColorU32(ImGuiCol_Text), label);
  return pressed;
}

// Chips sharing the line, wrapping when a label would not fit.
template <class Item, size_t N, class IsActive, class Choose>
void ChipRow(const Item (&items)[N], IsActive is_active, Choose choose) {
  float avail = ImGui::GetContentRegionAvail().x;
  float gap = 8;
  float widest = 0;
  for (const Item& it : items) {
    float w = ImGui::CalcTextSize(T(it.label)).x + 28;
    if (w > widest) widest = w;
  }
  // Equal widths when they fit on one line, else two per line.
  float w = (avail - gap * (N - 1)) / (float)N;
  size_t per_line = N;
  if (w < widest) {
    per_line = 2;
    w = (avail - gap) / 2;
  }
  for (size_t i = 0; i < N; i++) {
    if (i % per_line != 0) ImGui::SameLine(0, gap);
    if (Chip(T(items[i].label), is_active(items[i]), w)) choose(items[i]);
  }
}

// Tags as checkboxes flowing on lines; tags stored on the note but not in the
// list (older lists, other devices) are shown too, so an edit keeps them.
void TagChoices(const char* title, const char* const* list, size_t n, std::vector<std::string>& chosen) {
  ui::SectionTitle(title);
  std::vector<std::string> all(list, list + n);
  for (const std::string& c : chosen)
    if (!Has(all, c)) all.push_back(c);
  float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  ImGui::PushID(title);
  for (size_t i = 0; i < all.size(); i++) {
    bool on = Has(chosen, all[i]);
    float w = ImGui::CalcTextSize(all[i].c_str()).x + ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
              ImGui::GetStyle().FramePadding.x * 2;
    if (i > 0) {
      ImGui::SameLine(0, 16);
      if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
    }
    if (ImGui::Checkbox(all[i].c_str(), &on)) Toggle(chosen, all[i]);
  }
  ImGui::PopID();
}

void Save(AppState& app) {
  g_note.error.clear();
  std::optional<std::string> date = ParseUserDate(g_note.date);
  if (!date || date->empty()) {
    g_note.error = T(Msg::DateInvalid);
    return;
  }
  Interaction n = g_note.note;
  n.occurred_on = *date;
  n.company_id = g_note.company_id;
  std::vector<FollowUpAction> actions;
  for (const ActionDraft& d : g_note.actions) {
    if (d.title.find_first_not_of(" \t") == std::string::npos) {
      g_note.error = T(Msg::FollowUpTitleMissing);
      return;
    }
    std::optional<std::string> due = ParseUserDate(d.due);
    if (!due) {
      g_note.error = std::string(T(Msg::DateInvalid)) + " (" + d.title + ")";
      return;
    }
    FollowUpAction a;
    a.id = d.id;
    a.title = d.title;
    if (!due->empty()) a.due_on = *due;
    a.status = d.status;
    if (!d.done_on.empty()) a.done_on = d.done_on;
    a.assignee_member_id = d.assignee;
    actions.push_back(std::move(a));
  }
  try {
    SaveNote(*app.store, app.session, n, actions);
  } catch (const std::exception& e) {
    g_note.error = std::string(T(Msg::SaveFailed)) + " " + e.what();
    return;
  }
  RememberNoteCommit(n.id, platform::LastCommit());
  std::string company = g_note.company_id;
  g_note = NoteForm();  // the next "new note" starts empty
  Navigate(app, Screen::CompanyFile, Route{company, ""});
}

}  // namespace

void DrawNoteEdit(AppState& app) {
  Load(app);
  std::optional<std::string> company = app.store->db.QueryText("SELECT name FROM companies WHERE id = ?", app.route.id);
  if (!company || !g_note.found) {
    ui::StatusText(T(company ? Msg::NoteNotFound : Msg::CompanyNotFound), theme::ColDanger());
    if (ui::Button(T(Msg::BackToList))) Navigate(app, Screen::Companies);
    return;
  }
  ui::Title(company->c_str());
  if (app.session.member_id.empty()) {
    ui::StatusText(T(Msg::SignInToWrite), theme::ColDanger());
    return;
  }
  if (!g_note.editable) {
    ui::StatusText(T(Msg::NotYourNote), theme::ColDanger());
    return;
  }
  Interaction& n = g_note.note;
  // The form scrolls; its buttons stay in view below it.
  const float footer_h = ImGui::GetFrameHeight() + ImGui::GetTextLineHeightWithSpacing() * (g_note.error.empty() ? 0.5f : 3.0f) + 16;
  ImGui::BeginChild("##noteform", ImVec2(0, -footer_h));

  ui::SectionTitle(T(Msg::NoteKind));
  static const struct { const char* kind; Msg label; } kKinds[] = {
      {"visit", Msg::KindVisit}, {"call", Msg::KindCall}, {"email", Msg::KindEmail}, {"event", Msg::KindEvent}};
  ChipRow(kKinds, [&](const auto& k) { return n.kind == k.kind; }, [&](const auto& k) { n.kind = k.kind; });

  ui::TextFieldOptions date_opt;
  date_opt.hint = T(Msg::DateHint);
  ui::TextField(T(Msg::NoteDate), &g_note.date, date_opt);
  if (!ParseUserDate(g_note.date) && g_note.date.size() >= 8) ui::StatusText(T(Msg::DateInvalid), theme::ColDanger());

  ui::TextFieldOptions text_opt;
  text_opt.multiline = true;
  ui::TextField(T(Msg::NoteText), &n.note, text_opt);

  ui::SectionTitle(T(Msg::FollowUpsTitle));
  for (size_t i = 0; i < g_note.actions.size(); i++) {
    ActionDraft& d = g_note.actions[i];
    ImGui::PushID((int)i);
    std::string what = std::string(T(Msg::FollowUpWhat)) + " " + std::to_string(i + 1);
    std::string due = std::string(T(Msg::FollowUpDue)) + " " + std::to_string(i + 1);
    ui::TextField(what.c_str(), &d.title);
    ui::TextFieldOptions o;
    o.hint = T(Msg::DateHint);
    ui::TextField(due.c_str(), &d.due, o);
    if (!ParseUserDate(d.due) && d.due.size() >= 8) ui::StatusText(T(Msg::DateInvalid), theme::ColDanger());
    std::string remove = std::string(T(Msg::Remove)) + " " + std::to_string(i + 1);
    bool removed = ui::Button(remove.c_str());
    // A new action's fields come into view, ready to be typed in.
    if (i + 1 == g_note.actions.size() && g_note.scroll_to_new) {
      ImGui::SetScrollHereY(1.0f);
      g_note.scroll_to_new = false;
    }
    ImGui::PopID();
    if (removed) {
      g_note.actions.erase(g_note.actions.begin() + (long)i);
      break;
    }
  }
  if (ui::Button(T(Msg::AddFollowUp))) {
    ActionDraft d;
    d.due = ShortDate(AddDaysIso(TodayIso(*app.store), 14));  // a usual follow-up delay, easy to change
    g_note.actions.push_back(std::move(d));
    g_note.scroll_to_new = true;
  }

  TagChoices(T(Msg::Topics), kTopics, sizeof kTopics / sizeof kTopics[0], n.topics);
  TagChoices(T(Msg::Services), kServices, sizeof kServices / sizeof kServices[0], n.services);

  ui::SectionTitle(T(Msg::Visibility));
  static const struct { const char* vis; Msg label; } kVis[] = {
      {"network", Msg::VisNetwork}, {"organisation", Msg::VisOrganisation}, {"author", Msg::VisAuthor}};
  ChipRow(kVis, [&](const auto& v) { return n.visibility == v.vis; }, [&](const auto& v) { n.visibility = v.vis; });
  ImGui::Dummy(ImVec2(0, 8));
  ImGui::EndChild();

  if (!g_note.error.empty()) ui::StatusText(g_note.error.c_str(), theme::ColDanger());
  if (ui::PrimaryButton(T(Msg::SaveNote))) Save(app);
  ImGui::SameLine();
  if (ui::Button(T(Msg::Cancel))) {
    std::string company_id = g_note.company_id;
    g_note = NoteForm();
    Navigate(app, Screen::CompanyFile, Route{company_id, ""});
  }
}

}  // namespace relais
