// Sign-in (online the first time, offline unlock of a locked session) and the
// account section: lock, sign out, optionally erasing the device's data.
#include <string>

#include "imgui.h"
#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/sync/sync_client.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

void DrawSignIn(AppState& app) {
  SyncClient& c = Client(app);
  ui::SectionTitle(T(Msg::SignInTitle));
  ui::Paragraph(T(c.locked ? Msg::SignInLockedIntro : Msg::SignInIntro));
  ImGui::Spacing();
  ui::TextField(T(Msg::SignInLogin), &c.form_login);
  ui::TextFieldOptions pw;
  pw.password = true;
  bool enter = false;
  ui::TextField(T(Msg::SignInPassword), &c.form_password, pw);
  if (ImGui::IsItemFocused() && ImGui::IsKeyPressed(ImGuiKey_Enter)) enter = true;
  ImGui::Spacing();
  const bool busy = c.login_request != 0 || c.derive_request != 0;
  ImGui::BeginDisabled(busy || !app.store);
  const float w = app.device.Compact() ? ImGui::GetContentRegionAvail().x : 0.0f;
  if (ui::PrimaryButton(T(c.locked ? Msg::SignInUnlock : Msg::SignInSubmit), w) || enter) SubmitSignIn(app, NowMs());
  ImGui::EndDisabled();
  if (!c.message.empty()) ui::StatusText(c.message.c_str(), c.message_error ? theme::ColDanger() : theme::ColMuted());
}

// On the sync screen: who is signed in, lock, sign out.
void DrawAccount(AppState& app) {
  SyncClient& c = Client(app);
  ui::SectionTitle(T(Msg::Account));
  ui::Paragraph(LabelValue(Msg::SignedInAs, app.session.display_name + " (" + app.session.login + ")").c_str());
  if (!c.sign_out_open) {
    if (ui::Button(T(Msg::Lock))) Lock(app);
    ImGui::SameLine();
    if (ui::Button(T(Msg::SignOut))) {
      c.sign_out_open = true;
      c.wipe = false;
      c.sign_out_message.clear();
    }
    return;
  }
  // Sign-out: erasing is a choice, and never silent about unsynced changes.
  if (ImGui::Checkbox(T(Msg::SignOutWipe), &c.wipe)) c.sign_out_message.clear();
  if (!c.sign_out_message.empty()) {
    ui::StatusText(c.sign_out_message.c_str(), theme::ColDanger());
    if (ui::Button(T(Msg::SignOutConfirm))) SignOut(app, true, true, NowMs());
    if (ui::Button(T(Msg::SignOutKeep))) SignOut(app, false, false, NowMs());
  } else if (ui::PrimaryButton(T(Msg::SignOut))) {
    SignOut(app, c.wipe, false, NowMs());
  }
  if (ui::Button(T(Msg::Cancel))) {
    c.sign_out_open = false;
    c.sign_out_message.clear();
  }
}

}  // namespace relais
