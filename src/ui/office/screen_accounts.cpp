// The accounts screen (/office/accounts, office staff and admins): the
// server's sign-in accounts, managed through its accounts API
// (core/sync/accounts_api.h). Online only — accounts live on the server, not
// in the device's database — so offline it says so and shows nothing stale.
// A list with a search and a role filter; "Nouveau compte" opens the creation
// form; "Gérer" opens an account under its row: display name, role (only the
// roles the signed-in user may grant), the member it is linked to (picked by
// name from the device's directory), disable / enable after a confirmation,
// and a password reset whose new password is shown once. The server checks
// every rule again and its French messages are shown as they come.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "core/paris_time.h"
#include "imgui.h"
#include "ui/app.h"
#include "ui/companies/advisor_data.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/office/account_data.h"
#include "ui/sync/sync_client.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {

// A member link being chosen (the creation form and the edit panel each have one).
struct MemberLink {
  std::string id, name;  // the chosen member ("" : none)
  std::string query;     // the search field
};

enum class Confirm { None, Disable, Reset };

struct AccountsState {
  std::string user_id;  // the session the list was loaded for (on that device database)
  std::string device_id;
  bool loaded = false, loading = false;
  std::vector<sync::AccountInfo> accounts;
  std::string list_error;
  // Filters.
  std::string search;
  int role_filter = 0;  // 0: all, else kRoles[i - 1]
  // Creation form.
  bool create_open = false;
  std::string login, display_name, password;
  std::string role = "advisor";
  MemberLink create_link;
  // The open account and its form.
  std::string open_id;
  std::string edit_name, edit_role;
  MemberLink edit_link;
  Confirm confirm = Confirm::None;
  // One request at a time; its outcome is said where it was asked.
  bool busy = false;
  std::string message;  // success, or the server's refusal
  bool message_error = false;
  std::string message_for;  // "create", or the account id
  std::string shown_password;  // a generated password, shown once
  // The device's directory, for member links (re-read when data changes).
  Store* store = nullptr;
  int64_t version = -1;
  std::vector<MemberChoice> members;
};
AccountsState g_acc;

const char* const kRoles[] = {"advisor", "trainee", "office_staff", "admin"};

void Say(const std::string& where, const std::string& text, bool error) {
  g_acc.message_for = where;
  g_acc.message = text;
  g_acc.message_error = error;
}

std::string Fmt(Msg m, const std::string& a, const std::string& b = "") {
  char buf[512];
  std::snprintf(buf, sizeof buf, T(m), a.c_str(), b.c_str());
  return buf;
}

std::string Day(int64_t ms) { return ShortDate(ParisIsoDate(ms)); }

// The server's refusal in its own words, or why there is no answer.
std::string Refusal(int status, const std::string& body) {
  if (status == 0) return T(Msg::AccNoAnswer);
  sync::ApiError e;
  if (sync::DecodeApiError(body, &e) && !e.message.empty()) return e.message;
  return T(Msg::AccBadAnswer);
}

// An account the server answered with takes its place (by login, like the list).
void Replace(const sync::AccountInfo& a) {
  std::vector<sync::AccountInfo>& all = g_acc.accounts;
  for (sync::AccountInfo& x : all)
    if (x.id == a.id) {
      x = a;
      return;
    }
  auto at = std::lower_bound(all.begin(), all.end(), a,
                             [](const sync::AccountInfo& x, const sync::AccountInfo& y) { return x.login < y.login; });
  all.insert(at, a);
}

void LoadList(AppState& app) {
  AccountsState& s = g_acc;
  s.list_error.clear();
  bool sent = CallApi(app, "/api/accounts/list", sync::Encode(sync::AccountListRequest{}, sync::Format::Json),
                      [](AppState&, int status, const std::string& body) {
                        AccountsState& st = g_acc;
                        st.loading = false;
                        sync::AccountListResponse r;
                        sync::DecodeError err;
                        if (status == 200 && sync::Decode(body, sync::Format::Json, &r, &err)) {
                          st.accounts = r.accounts;
                          st.loaded = true;
                        } else {
                          st.list_error = status == 200 ? T(Msg::AccBadAnswer) : Refusal(status, body);
                        }
                      });
  s.loading = sent;  // not sent (the session is still starting): asked again next frame
}

// Sends one account request; on success `done` gets the answer.
template <class Req>
void Send(AppState& app, const char* path, const Req& req, const std::string& where,
          std::function<void(const sync::AccountResponse&)> done) {
  AccountsState& s = g_acc;
  s.shown_password.clear();
  bool sent = CallApi(app, path, sync::Encode(req, sync::Format::Json),
                      [where, done](AppState&, int status, const std::string& body) {
                        g_acc.busy = false;
                        sync::AccountResponse r;
                        sync::DecodeError err;
                        if (status == 200 && sync::Decode(body, sync::Format::Json, &r, &err)) {
                          Replace(r.account);
                          done(r);
                        } else {
                          Say(where, status == 200 ? T(Msg::AccBadAnswer) : Refusal(status, body), true);
                        }
                      });
  s.busy = sent;
  if (sent)
    Say(where, T(Msg::AccBusy), false);
  else
    Say(where, T(Msg::AccOffline), true);
}

void LoadMembers(AppState& app) {
  AccountsState& s = g_acc;
  const int64_t v = DataVersion(*app.store);
  if (s.store == app.store && s.version == v) return;
  s.store = app.store;
  s.version = v;
  s.members = ActiveMemberChoices(*app.store);
}

std::string LocalMemberName(const std::string& id) {
  for (const MemberChoice& m : g_acc.members)
    if (m.id == id) return m.name;
  return "";
}

float FieldWidth(const AppState& app) {
  const float avail = ImGui::GetContentRegionAvail().x;
  return app.device.Compact() ? avail : std::min(avail, 460.0f);
}

// The member link: the chosen member with "Retirer le lien", then a search by
// name whose matches are buttons "Lier : Prénom Nom".
void DrawMemberLink(MemberLink& link) {
  ImGui::PushID(&link);
  ui::Paragraph(LabelValue(Msg::AccLinked, link.id.empty() ? T(Msg::AccNoMember) : link.name).c_str());
  if (!link.id.empty() && ui::Button(T(Msg::AccUnlink))) link.id.clear(), link.name.clear();
  ui::TextFieldOptions o;
  o.hint = T(Msg::AccMemberHint);
  ui::TextField(T(Msg::AccMemberSearch), &link.query, o);
  std::vector<const MemberChoice*> found = MatchMembers(g_acc.members, link.query, 6);
  if (!link.query.empty() && found.empty()) ui::Muted(T(Msg::AccMemberNone));
  for (const MemberChoice* m : found) {
    ImGui::PushID(m->id.c_str());
    const std::string name = LabelValue(Msg::AccLink, m->name);
    mirror::SetNextName(name.c_str());
    ui::SameLineIfFits(m->name.c_str());
    if (ui::Button(m->name.c_str())) {
      link.id = m->id;
      link.name = m->name;
      link.query.clear();
    }
    ImGui::PopID();
  }
  ImGui::PopID();
}

// A role picker limited to what the signed-in user may grant.
void DrawRolePicker(AppState& app, std::string* role) {
  std::vector<std::string> roles = sync::GrantableRoles(app.session.role);
  std::vector<std::string> labels;
  int current = 0;
  for (size_t i = 0; i < roles.size(); i++) {
    labels.push_back(T(RoleMsg(roles[i])));
    if (roles[i] == *role) current = (int)i;
  }
  int c = ui::Picker(T(Msg::AccRole), current, labels, FieldWidth(app));
  if (c >= 0) *role = roles[(size_t)c];
}

void DrawMessage(const std::string& where) {
  AccountsState& s = g_acc;
  if (s.message_for != where || s.message.empty()) return;
  ui::StatusText(s.message.c_str(), s.message_error ? theme::ColDanger() : theme::ColSuccess());
  if (!s.shown_password.empty()) {
    // Text (in the mirror too), so it can be read out or copied.
    ImGui::PushFont(theme::GetFonts().bold);
    ui::Paragraph(s.shown_password.c_str());
    ImGui::PopFont();
  }
}

void DrawCreate(AppState& app) {
  AccountsState& s = g_acc;
  ui::SectionTitle(T(Msg::AccNew));
  ui::TextFieldOptions login;
  login.help = T(Msg::AccLoginHelp);
  ui::TextField(T(Msg::AccLogin), &s.login, login);
  ui::TextField(T(Msg::AccDisplayName), &s.display_name);
  DrawRolePicker(app, &s.role);
  DrawMemberLink(s.create_link);
  ui::TextFieldOptions pw;
  pw.help = T(Msg::AccPasswordHelp);
  ui::TextField(T(Msg::AccPassword), &s.password, pw);
  DrawMessage("create");
  ImGui::BeginDisabled(s.busy);
  if (ui::PrimaryButton(T(Msg::AccCreate))) {
    sync::AccountCreateRequest r;
    r.login = s.login;
    r.display_name = s.display_name;
    r.role = s.role;
    r.member_id = s.create_link.id;
    r.password = s.password;
    Send(app, "/api/accounts/create", r, "create", [](const sync::AccountResponse& a) {
      AccountsState& st = g_acc;
      Say("create", Fmt(Msg::AccCreatedMsg, a.account.login), false);
      if (!a.password.empty()) st.shown_password = Fmt(Msg::AccNewPassword, a.account.login, a.password);
      st.login.clear();
      st.display_name.clear();
      st.password.clear();
      st.create_link = MemberLink();
    });
  }
  ui::SameLineIfFits(T(Msg::AccClose));
  if (ui::Button(T(Msg::AccClose))) {
    s.create_open = false;
    if (s.message_for == "create") s.message.clear(), s.shown_password.clear();
  }
  ImGui::EndDisabled();
  ImGui::Separator();
}

void OpenAccount(const sync::AccountInfo& a) {
  AccountsState& s = g_acc;
  s.open_id = a.id;
  s.edit_name = a.display_name.empty() ? a.login : a.display_name;
  s.edit_role = a.role;
  s.edit_link = MemberLink{a.member_id, a.member_name.empty() ? LocalMemberName(a.member_id) : a.member_name, ""};
  if (!a.member_id.empty() && s.edit_link.name.empty()) s.edit_link.name = a.member_id;
  s.confirm = Confirm::None;
  s.shown_password.clear();  // a new password is shown once, never again
  if (s.message_for != a.id) s.message.clear();
}

void DrawEdit(AppState& app, const sync::AccountInfo& a) {
  AccountsState& s = g_acc;
  const bool self = a.id == app.session.user_id;
  ImGui::Indent(12);
  ImGui::BeginDisabled(s.busy);
  ui::TextField(T(Msg::AccDisplayName), &s.edit_name);
  if (self)
    ui::Paragraph(LabelValue(Msg::AccRole, T(RoleMsg(a.role))).c_str());
  else
    DrawRolePicker(app, &s.edit_role);
  DrawMemberLink(s.edit_link);
  if (ui::PrimaryButton(T(Msg::AccSave))) {
    sync::AccountUpdateRequest r;
    r.id = a.id;
    r.display_name = s.edit_name;
    r.role = s.edit_role;
    r.member_id = s.edit_link.id;
    Send(app, "/api/accounts/update", r, a.id, [id = a.id](const sync::AccountResponse&) {
      Say(id, T(Msg::AccSaved), false);
    });
  }
  if (self) {
    ui::Muted(T(Msg::AccOwnLimits));
  } else if (s.confirm == Confirm::None) {
    const char* toggle = T(a.disabled ? Msg::AccEnable : Msg::AccDisable);
    ui::SameLineIfFits(toggle);
    if (ui::Button(toggle)) {
      if (a.disabled) {
        sync::AccountDisableRequest r;
        r.id = a.id;
        r.disabled = false;
        Send(app, "/api/accounts/disable", r, a.id, [](const sync::AccountResponse& x) {
          Say(x.account.id, Fmt(Msg::AccEnabledDone, x.account.login), false);
        });
      } else {
        s.confirm = Confirm::Disable;
      }
    }
    ui::SameLineIfFits(T(Msg::AccReset));
    if (ui::Button(T(Msg::AccReset))) s.confirm = Confirm::Reset;
  } else {
    const bool disable = s.confirm == Confirm::Disable;
    ui::StatusText(Fmt(disable ? Msg::AccDisableAsk : Msg::AccResetAsk, a.login).c_str(), theme::ColDanger());
    if (ui::PrimaryButton(T(disable ? Msg::AccConfirmDisable : Msg::AccConfirmReset))) {
      s.confirm = Confirm::None;
      if (disable) {
        sync::AccountDisableRequest r;
        r.id = a.id;
        r.disabled = true;
        Send(app, "/api/accounts/disable", r, a.id, [](const sync::AccountResponse& x) {
          Say(x.account.id, Fmt(Msg::AccDisabledDone, x.account.login), false);
        });
      } else {
        sync::AccountPasswordRequest r;
        r.id = a.id;
        Send(app, "/api/accounts/password", r, a.id, [](const sync::AccountResponse& x) {
          Say(x.account.id, T(Msg::AccSaved), false);
          g_acc.shown_password = Fmt(Msg::AccNewPassword, x.account.login, x.password);
        });
      }
    }
    ui::SameLineIfFits(T(Msg::AccCancel));
    if (ui::Button(T(Msg::AccCancel))) s.confirm = Confirm::None;
  }
  ImGui::EndDisabled();
  DrawMessage(a.id);
  ImGui::Unindent(12);
}

void DrawRow(AppState& app, const sync::AccountInfo& a) {
  AccountsState& s = g_acc;
  ImGui::PushID(a.id.c_str());
  ImGui::Separator();
  const std::string shown = a.display_name.empty() ? a.login : a.display_name;
  ImGui::PushFont(theme::GetFonts().bold);
  ui::Paragraph((shown + " (" + a.login + ")").c_str());
  ImGui::PopFont();
  std::string meta = T(RoleMsg(a.role));
  const std::string member = a.member_name.empty() ? LocalMemberName(a.member_id) : a.member_name;
  if (!a.member_id.empty()) meta += " \xC2\xB7 " + LabelValue(Msg::AccMember, member.empty() ? a.member_id : member);
  ui::Muted(meta.c_str());
  std::string dates = std::string(T(Msg::AccCreatedOn)) + " " + Day(a.created_ms) + " \xC2\xB7 " +
                      LabelValue(Msg::AccLastLogin, a.last_login_ms > 0 ? Day(a.last_login_ms) : T(Msg::AccNever));
  ui::Muted(dates.c_str());
  if (a.disabled) ui::StatusText(T(Msg::AccDisabled), theme::ColDanger());
  if (a.id == app.session.user_id) ui::StatusText(T(Msg::AccYou), theme::ColPrimary());
  const bool open = s.open_id == a.id;
  if (sync::MayManageRole(app.session.role, a.role)) {
    const char* label = T(open ? Msg::AccClose : Msg::AccManage);
    const std::string name = LabelValue(open ? Msg::AccClose : Msg::AccManage, a.login);
    mirror::SetNextName(name.c_str());
    if (ui::Button(label)) {
      if (open) {
        s.open_id.clear();
        s.shown_password.clear();
      } else
        OpenAccount(a);
    }
    if (s.open_id == a.id) DrawEdit(app, a);
  } else {
    ui::Muted(T(Msg::AccAdminOnly));
  }
  ImGui::PopID();
}

void DrawList(AppState& app) {
  AccountsState& s = g_acc;
  ui::TextFieldOptions o;
  o.hint = T(Msg::AccSearchHint);
  ui::TextField(T(Msg::AccSearch), &s.search, o);
  std::vector<std::string> roles = {T(Msg::AccAllRoles)};
  for (const char* r : kRoles) roles.push_back(T(RoleMsg(r)));
  int c = ui::Picker(T(Msg::AccRoleFilter), s.role_filter, roles, FieldWidth(app));
  if (c >= 0) s.role_filter = c;
  std::vector<const sync::AccountInfo*> shown;
  for (const sync::AccountInfo& a : s.accounts)
    if ((s.role_filter == 0 || a.role == kRoles[s.role_filter - 1]) && AccountMatches(a, s.search))
      shown.push_back(&a);
  ui::Muted(CountText((long)shown.size(), Msg::AccCountOne, Msg::AccCountMany).c_str());
  if (shown.empty()) ui::Muted(T(Msg::AccNone));
  for (const sync::AccountInfo* a : shown) DrawRow(app, *a);
}

}  // namespace

void DrawAccounts(AppState& app) {
  AccountsState& s = g_acc;
  if (!sync::MayManageAccounts(app.session.role)) {
    ui::Muted(T(Msg::AccStaffOnly));
    return;
  }
  if (s.user_id != app.session.user_id || s.device_id != app.store->device_id) {
    s = AccountsState();
    s.user_id = app.session.user_id;
    s.device_id = app.store->device_id;
  }
  ui::Muted(T(Msg::AccIntro));
  if (!app.online) {
    // Nothing stale: what was loaded may have changed on the server since.
    s.loaded = false;
    ui::StatusText(T(Msg::AccOffline), theme::ColDanger());
    return;
  }
  LoadMembers(app);
  if (!s.loaded && !s.loading && s.list_error.empty()) LoadList(app);
  ImGui::BeginDisabled(s.loading);
  if (!s.create_open && ui::PrimaryButton(T(Msg::AccNew))) s.create_open = true;
  if (!s.create_open) ui::SameLineIfFits(T(Msg::AccRefresh));
  if (ui::Button(T(Msg::AccRefresh))) LoadList(app);
  ImGui::EndDisabled();
  if (!s.list_error.empty()) ui::StatusText(s.list_error.c_str(), theme::ColDanger());
  if (s.create_open) DrawCreate(app);
  if (s.loading && !s.loaded) ui::Muted(T(Msg::AccLoading));
  if (s.loaded) DrawList(app);
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
