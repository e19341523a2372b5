// Poser une question: a subject, the question, and optionally the company it
// is about (picked with a search among the companies on the device, or set
// when opened from a company file: AskHotlineAbout). Bad input is said field
// by field and nothing is stored; a good question is saved on the device at
// once (offline too) and goes out at the next sync. The draft stays while the
// user looks elsewhere.
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

constexpr size_t kPickMax = 6;  // companies offered under the search field

struct AskForm {
  std::string subject, body;
  std::string company_id, company_name;
  std::string company_search;
  bool tried = false;
  std::string error;
  // The picker's results, per (search text, data version): not queried per frame.
  std::string picker_key;
  std::vector<std::pair<std::string, std::string>> picks;  // id, name; at most kPickMax + 1
};
AskForm g_ask;

std::string Format2(Msg m, size_t a, size_t b) {
  char buf[256];
  std::snprintf(buf, sizeof buf, T(m), (int)a, (int)b);
  return buf;
}

void DrawCompanyPicker(AppState& app) {
  AskForm& f = g_ask;
  ImGui::TextUnformatted(T(Msg::HotCompanyOptional));
  if (!f.company_id.empty()) {
    ImGui::PushFont(theme::GetFonts().bold);
    ui::Paragraph(f.company_name.c_str());
    ImGui::PopFont();
    if (ui::Button(T(Msg::HotCompanyRemove))) {
      f.company_id.clear();
      f.company_name.clear();
    }
    return;
  }
  ui::TextFieldOptions opt;
  opt.hint = T(Msg::SearchHint);
  ui::TextField(T(Msg::HotCompanySearch), &f.company_search, opt);
  if (IsBlank(f.company_search)) return;
  Store& st = *app.store;
  std::string key = f.company_search + '\x1f' + std::to_string(DataVersion(st));
  if (key != f.picker_key) {
    f.picks.clear();
    CompanyQuery q;
    q.text = f.company_search;
    for (const std::string& id : QueryCompanyIds(st, q, app.session.member_id)) {
      if (f.picks.size() > kPickMax) break;
      if (std::optional<CompanyLine> l = ReadCompanyLine(st, id)) f.picks.emplace_back(id, l->name);
    }
    // The search brings its index up to date first (a write): not a data change.
    f.picker_key = f.company_search + '\x1f' + std::to_string(DataVersion(st));
  }
  for (size_t i = 0; i < f.picks.size() && i < kPickMax; i++) {
    ImGui::PushID(f.picks[i].first.c_str());
    if (ui::Button(f.picks[i].second.c_str())) {
      f.company_id = f.picks[i].first;
      f.company_name = f.picks[i].second;
      f.company_search.clear();
    }
    ImGui::PopID();
  }
  if (f.picks.size() > kPickMax) ui::Muted(T(Msg::HotMoreCompanies));
}

void Send(AppState& app) {
  AskForm& f = g_ask;
  f.tried = true;
  f.error.clear();
  if (!CheckAsk(f.subject, f.body).ok()) return;  // the fields say what is wrong
  LegalQuestion q;
  try {
    q = AskQuestion(*app.store, app.session, f.subject, f.body, f.company_id);
  } catch (const std::exception& e) {
    f.error = std::string(T(Msg::SaveFailed)) + " " + e.what();
    return;
  }
  RememberNoteCommit(q.id, platform::LastCommit());
  g_ask = AskForm();
  RequestSync(app);  // the legal team waits for it: out at once when online
  Navigate(app, Screen::HotlineQuestion, Route{q.id, ""});
}

}  // namespace

void SetAskCompany(Store& st, const std::string& company_id) {
  g_ask.company_id.clear();
  g_ask.company_name.clear();
  std::optional<Company> c = Get<Company>(st, company_id);
  if (!c || c->deleted()) return;
  g_ask.company_id = company_id;
  g_ask.company_name = c->name;
}

void DrawHotlineAsk(AppState& app) {
  AskForm& f = g_ask;
  if (app.session.member_id.empty()) {
    ui::Muted(T(Msg::HotNoMember));
    if (ui::Button(T(Msg::Back))) Navigate(app, Screen::Hotline);
    return;
  }
  ui::Muted(T(Msg::HotAskIntro));
  ImGui::Dummy(ImVec2(0, 4));
  ui::TextFieldOptions subject_opt;
  subject_opt.hint = T(Msg::HotSubjectHint);
  ui::TextField(T(Msg::HotSubject), &f.subject, subject_opt);
  AskCheck check = CheckAsk(f.subject, f.body);
  // Too long is said as soon as it is; missing only after a try.
  if (check.subject_too_long)
    ui::StatusText(Format2(Msg::HotSubjectTooLong, check.subject_chars, kSubjectMax).c_str(), theme::ColDanger());
  else if (f.tried && check.subject_missing)
    ui::StatusText(T(Msg::HotSubjectMissing), theme::ColDanger());
  ImGui::Dummy(ImVec2(0, 4));
  ui::TextFieldOptions body_opt;
  body_opt.multiline = true;
  body_opt.height = ImGui::GetTextLineHeight() * 7 + ImGui::GetStyle().FramePadding.y * 2;
  ui::TextField(T(Msg::HotBody), &f.body, body_opt);
  if (check.body_too_long)
    ui::StatusText(Format2(Msg::HotBodyTooLong, check.body_chars, kBodyMax).c_str(), theme::ColDanger());
  else if (f.tried && check.body_missing)
    ui::StatusText(T(Msg::HotBodyMissing), theme::ColDanger());
  ImGui::Dummy(ImVec2(0, 4));
  DrawCompanyPicker(app);
  ImGui::Dummy(ImVec2(0, 8));
  if (ui::PrimaryButton(T(Msg::HotSendQuestion))) {
    Send(app);
    return;  // the form is gone (or shows its errors next frame)
  }
  ui::SameLineIfFits(T(Msg::Cancel));
  if (ui::Button(T(Msg::Cancel))) {
    g_ask = AskForm();
    Navigate(app, Screen::Hotline);
    return;
  }
  // After a try, while a field is still wrong: nothing was saved.
  if (f.tried && !CheckAsk(f.subject, f.body).ok()) ui::StatusText(T(Msg::FixErrors), theme::ColDanger());
  if (!f.error.empty()) ui::StatusText(f.error.c_str(), theme::ColDanger());
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
