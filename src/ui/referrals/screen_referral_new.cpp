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
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {

constexpr size_t kPickMax = 6;  // results offered under a picker's search field

struct Form {
  std::string route_key;  // the route the form was opened for: a new route resets it
  std::string company_id, member_id, message;
  std::string company_search, member_search;
  bool tried = false;
  std::string error;
  // The pickers' results, per (search text, data version): not queried per frame.
  std::string company_key, member_key;
  std::vector<std::string> company_ids, member_ids;
};
Form g_new;

// Runs `query` only when the text or the data changed since the last call.
template <class F>
const std::vector<std::string>& Cached(Store& st, const std::string& text, std::string* key,
                                       std::vector<std::string>* ids, F query) {
  std::string k = text + '\x1f' + std::to_string(DataVersion(st));
  if (k != *key) {
    *ids = query();
    // The search brings its index up to date first (a write): not a data change.
    *key = text + '\x1f' + std::to_string(DataVersion(st));
  }
  return *ids;
}

std::string CompanyName(Store& st, const std::string& id) {
  std::optional<Company> c = Get<Company>(st, id);
  return c ? c->name : std::string();
}

// A chosen value with "Changer", or a search field with matching choices.
void DrawCompanyPicker(AppState& app) {
  ImGui::TextUnformatted(T(Msg::RefCompany));
  if (!g_new.company_id.empty()) {
    ImGui::PushFont(theme::GetFonts().bold);
    ui::Paragraph(CompanyName(*app.store, g_new.company_id).c_str());
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
  const std::vector<std::string>& ids = Cached(*app.store, q.text, &g_new.company_key, &g_new.company_ids,
                                               [&] { return QueryCompanyIds(*app.store, q, app.session.member_id); });
  for (size_t i = 0; i < ids.size() && i < kPickMax; i++) {
    std::optional<CompanyLine> l = ReadCompanyLine(*app.store, ids[i]);
    if (!l) continue;
    ImGui::PushID(ids[i].c_str());
    if (ui::Button(l->name.c_str())) g_new.company_id = ids[i];
    ImGui::PopID();
  }
  if (ids.size() > kPickMax) ui::Muted(T(Msg::RefMore));
}

void DrawMemberPicker(AppState& app) {
  ImGui::TextUnformatted(T(Msg::RefRecipient));
  if (!g_new.member_id.empty()) {
    ImGui::PushFont(theme::GetFonts().bold);
    ui::Paragraph(MemberName(*app.store, g_new.member_id).c_str());
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
  const std::vector<std::string>& ids =
      Cached(*app.store, q.text, &g_new.member_key, &g_new.member_ids, [&] { return QueryMemberIds(*app.store, q); });
  size_t shown = 0;
  for (const std::string& id : ids) {
    if (id == app.session.member_id) continue;  // not to oneself
    if (shown++ == kPickMax) {
      ui::Muted(T(Msg::RefMore));
      break;
    }
    ImGui::PushID(id.c_str());
    if (ui::Button(MemberName(*app.store, id).c_str())) g_new.member_id = id;
    ImGui::PopID();
  }
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
  ShowSentReferrals();
  Navigate(app, Screen::Referrals);
}

}  // namespace

void DrawReferralNew(AppState& app) {
  if (!app.store) {
    ui::Muted(T(Msg::NoStoreYet));
    return;
  }
  if (app.session.member_id.empty()) {
    ui::Muted(T(Msg::RefSignIn));
    return;
  }
  std::string key = app.route.id + "/" + app.route.sub;
  if (key != g_new.route_key) {
    g_new = Form();
    g_new.route_key = key;
    g_new.company_id = app.route.id;
    g_new.member_id = app.route.sub;
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
