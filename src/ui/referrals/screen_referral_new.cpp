// Nouvelle orientation: refer a company to a member with a message. Opened
// from a company file (the company is set), from a member card (the
// recipient is set), or empty; what is not set is picked with a search.
// Saved on the device at once; the recipient gets it at their next sync.
#include <string>
#include <vector>

#include "core/model/directory.h"
#include "imgui.h"
#include "ui/app.h"
#include "ui/companies/advisor_data.h"
#include "ui/i18n.h"
#include "ui/referrals/referral_data.h"
#include "ui/sync/sync_client.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {

constexpr size_t kPickMax = 6;  // results offered under a picker's search field

struct Form {
  std::string route_key;  // the route the form was opened for: a new route resets it
  std::string company_id, member_id, message;
  std::string company_name, member_name;  // of the chosen ones, read once
  std::string company_search, member_search;
  bool tried = false;
  std::string error;
  // The pickers' results, per (search text, data version): not queried per frame.
  std::string company_key, member_key;
  using Choices = std::vector<std::pair<std::string, std::string>>;  // id, label; at most kPickMax + 1
  Choices companies, members;
};
Form g_new;

// Runs `query` only when the text or the data changed since the last call.
template <class F>
const Form::Choices& Cached(Store& st, const std::string& text, std::string* key, Form::Choices* ids, F query) {
  std::string k = text + '\x1f' + std::to_string(DataVersion(st));
  if (k != *key) {
    *ids = query();
    // The search brings its index up to date first (a write): not a data change.
    *key = text + '\x1f' + std::to_string(DataVersion(st));
  }
  return *ids;
}

void ChooseCompany(Store& st, const std::string& id) {
  std::optional<Company> c = Get<Company>(st, id);
  g_new.company_id = id;
  g_new.company_name = c ? c->name : std::string();
}

void ChooseMember(Store& st, const std::string& id) {
  g_new.member_id = id;
  g_new.member_name = MemberName(st, id);
}

// A chosen value with "Changer", or a search field with matching choices.
void DrawCompanyPicker(AppState& app) {
  ImGui::TextUnformatted(T(Msg::RefCompany));
  if (!g_new.company_id.empty()) {
    ImGui::PushFont(theme::GetFonts().bold);
    ui::Paragraph(g_new.company_name.c_str());
    ImGui::PopFont();
    if (ui::Button((std::string(T(Msg::RefChange)) + "##company").c_str())) g_new.company_id.clear();
    return;
  }
  ui::TextFieldOptions opt;
  opt.hint = T(Msg::SearchHint);
  ui::TextField(T(Msg::RefPickCompany), &g_new.company_search, opt);
  if (g_new.company_search.find_first_not_of(" ") == std::string::npos) return;
  CompanyQuery q;
  q.text = g_new.company_search;
  const Form::Choices& choices = Cached(*app.store, q.text, &g_new.company_key, &g_new.companies, [&] {
    Form::Choices out;
    for (const std::string& id : QueryCompanyIds(*app.store, q, app.session.member_id)) {
      if (out.size() > kPickMax) break;
      if (std::optional<CompanyLine> l = ReadCompanyLine(*app.store, id)) out.emplace_back(id, l->name);
    }
    return out;
  });
  for (size_t i = 0; i < choices.size() && i < kPickMax; i++) {
    ImGui::PushID(choices[i].first.c_str());
    if (ui::Button(choices[i].second.c_str())) ChooseCompany(*app.store, choices[i].first);
    ImGui::PopID();
  }
  if (choices.size() > kPickMax) ui::Muted(T(Msg::RefMore));
}

void DrawMemberPicker(AppState& app) {
  ImGui::TextUnformatted(T(Msg::RefRecipient));
  if (!g_new.member_id.empty()) {
    ImGui::PushFont(theme::GetFonts().bold);
    ui::Paragraph(g_new.member_name.c_str());
    ImGui::PopFont();
    if (ui::Button((std::string(T(Msg::RefChange)) + "##member").c_str())) g_new.member_id.clear();
    return;
  }
  ui::TextFieldOptions opt;
  opt.hint = T(Msg::RefPickMemberHint);
  ui::TextField(T(Msg::RefPickMember), &g_new.member_search, opt);
  if (g_new.member_search.find_first_not_of(" ") == std::string::npos) return;
  MemberQuery q;
  q.text = g_new.member_search;
  const Form::Choices& choices = Cached(*app.store, q.text, &g_new.member_key, &g_new.members, [&] {
    Form::Choices out;
    for (const std::string& id : QueryMemberIds(*app.store, q)) {
      if (out.size() > kPickMax) break;
      if (id != app.session.member_id) out.emplace_back(id, MemberName(*app.store, id));  // not to oneself
    }
    return out;
  });
  for (size_t i = 0; i < choices.size() && i < kPickMax; i++) {
    ImGui::PushID(choices[i].first.c_str());
    if (ui::Button(choices[i].second.c_str())) ChooseMember(*app.store, choices[i].first);
    ImGui::PopID();
  }
  if (choices.size() > kPickMax) ui::Muted(T(Msg::RefMore));
}

void Send(AppState& app) {
  g_new.tried = true;
  g_new.error.clear();
  bool blank = g_new.message.find_first_not_of(" \t\r\n") == std::string::npos;
  if (g_new.company_id.empty() || g_new.member_id.empty() || blank) {
    g_new.error = T(Msg::FixErrors);
    return;
  }
  Referral r;
  r.company_id = g_new.company_id;
  r.to_member_id = g_new.member_id;
  r.message = g_new.message;
  try {
    SendReferralFrom(*app.store, r, app.session.member_id);
  } catch (const std::exception& e) {
    g_new.error = std::string(T(Msg::SaveFailed)) + " " + e.what();
    return;
  }
  g_new = Form();
  RequestSync(app);  // a referral is meant to reach its recipient: send it now if online
  ShowSentReferrals();
  Navigate(app, Screen::Referrals);
}

}  // namespace

void DrawReferralNew(AppState& app) {
  if (app.session.member_id.empty()) {
    ui::Muted(T(Msg::RefSignIn));
    return;
  }
  std::string key = app.route.id + "/" + app.route.sub;
  if (key != g_new.route_key) {
    g_new = Form();
    g_new.route_key = key;
    if (!app.route.id.empty()) ChooseCompany(*app.store, app.route.id);
    if (!app.route.sub.empty()) ChooseMember(*app.store, app.route.sub);
  }
  DrawCompanyPicker(app);
  if (g_new.tried && g_new.company_id.empty()) ui::StatusText(T(Msg::RefCompanyRequired), theme::ColDanger());
  ImGui::Dummy(ImVec2(0, 4));
  DrawMemberPicker(app);
  if (g_new.tried && g_new.member_id.empty()) ui::StatusText(T(Msg::RefRecipientRequired), theme::ColDanger());
  ImGui::Dummy(ImVec2(0, 4));
  ui::TextFieldOptions opt;
  opt.multiline = true;
  ui::TextField(T(Msg::RefMessage), &g_new.message, opt);
  if (g_new.tried && g_new.message.find_first_not_of(" \t\r\n") == std::string::npos)
    ui::StatusText(T(Msg::RefMessageRequired), theme::ColDanger());
  ImGui::Dummy(ImVec2(0, 4));
  if (ui::PrimaryButton(T(Msg::RefSend))) Send(app);
  ImGui::SameLine();
  if (ui::Button(T(Msg::Cancel))) {
    g_new = Form();
    Navigate(app, Screen::Referrals);
  }
  if (!g_new.error.empty()) ui::StatusText(g_new.error.c_str(), theme::ColDanger());
}

}  // namespace relais
