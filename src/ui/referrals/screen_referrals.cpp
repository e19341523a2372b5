// Orientations: the referrals the member received and sent. The recipient
// answers (accept, decline with a reason, then mark done); both sides see the
// status, and a referral unanswered for 7 days is flagged "à relancer" on
// both sides so that nobody's SME waits unnoticed.
#include <string>
#include <vector>

#include "core/paris_time.h"
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

struct ReferralsState {
  bool sent_side = false;
  // Cache per (store, device, version, member).
  Store* store = nullptr;
  std::string device, member;
  int64_t version = -1;
  std::vector<ReferralLine> received, sent;
  // The decline (or done) form open under one referral.
  std::string answering_id, answering_status, answer_text;
  std::string error;
};
ReferralsState g_ref;

void Load(AppState& app) {
  int64_t version = DataVersion(*app.store);
  if (g_ref.store == app.store && g_ref.device == app.store->device_id && g_ref.version == version &&
      g_ref.member == app.session.member_id)
    return;
  g_ref.store = app.store;
  g_ref.device = app.store->device_id;
  g_ref.version = version;
  g_ref.member = app.session.member_id;
  int64_t now = app.store->now_ms();
  g_ref.received = ReceivedReferrals(*app.store, app.session.member_id, now);
  g_ref.sent = SentReferrals(*app.store, app.session.member_id, now);
}


void Answer(AppState& app, const Referral& r, const std::string& status, const std::string& reason) {
  g_ref.error.clear();
  Referral copy = r;
  try {
    RespondToReferral(*app.store, copy, app.session.member_id, status, reason);
    RequestSync(app);  // the sender waits for the answer
    g_ref.answering_id.clear();
    g_ref.answer_text.clear();
  } catch (const std::exception& e) {
    g_ref.error = std::string(T(Msg::SaveFailed)) + " " + e.what();
  }
}

// The decline reason (required) or the outcome (optional) under a referral.
void DrawAnswerForm(AppState& app, const Referral& r) {
  const bool decline = g_ref.answering_status == "declined";
  ui::TextFieldOptions opt;
  opt.multiline = true;
  opt.height = ImGui::GetTextLineHeight() * 3 + ImGui::GetStyle().FramePadding.y * 2;
  ui::TextField(T(decline ? Msg::RefDeclineReason : Msg::RefOutcome), &g_ref.answer_text, opt);
  if (ui::PrimaryButton(T(decline ? Msg::RefConfirmDecline : Msg::RefMarkDone))) {
    if (decline && g_ref.answer_text.find_first_not_of(" \t\r\n") == std::string::npos)
      g_ref.error = T(Msg::RefReasonRequired);
    else
      Answer(app, r, g_ref.answering_status, g_ref.answer_text);
  }
  ImGui::SameLine();
  if (ui::Button(T(Msg::Cancel))) {
    g_ref.answering_id.clear();
    g_ref.error.clear();
  }
}

void DrawLine(AppState& app, const ReferralLine& l, bool received) {
  const Referral& r = l.referral;
  ImGui::PushID(r.id.c_str());
  ImGui::Separator();
  ImGui::PushFont(theme::GetFonts().bold);
  ui::Paragraph(l.company_name.c_str());
  ImGui::PopFont();
  std::string who = received ? std::string(T(Msg::RefFrom)) + " " + l.from_name : std::string(T(Msg::RefTo)) + " " + l.to_name;
  who += " \xC2\xB7 " + std::string(T(Msg::RefOn)) + " " + ShortDate(ParisIsoDate(r.sent_at));
  ui::Muted(who.c_str());
  DrawReferralStatus(r.status, l.save);
  if (l.reminder) ui::StatusText(T(Msg::RefReminder), theme::ColDanger());
  if (!r.message.empty()) ui::Paragraph(r.message.c_str());
  if (!r.reason.empty()) ui::Muted(LabelValue(Msg::RefReasonLabel, r.reason).c_str());

  const bool compact = app.device.Compact();
  if (received && g_ref.answering_id == r.id) {
    DrawAnswerForm(app, r);
  } else if (received && CanRespondToReferral(r, app.session.member_id) && r.status == "sent") {
    if (ui::PrimaryButton(T(Msg::RefAccept))) Answer(app, r, "accepted", "");
    ImGui::SameLine();
    if (ui::Button(T(Msg::RefDecline))) {
      g_ref.answering_id = r.id;
      g_ref.answering_status = "declined";
      g_ref.answer_text.clear();
      g_ref.error.clear();
    }
    if (!compact) ImGui::SameLine();
  } else if (received && CanRespondToReferral(r, app.session.member_id) && r.status == "accepted") {
    if (ui::Button(T(Msg::RefMarkDone))) {
      g_ref.answering_id = r.id;
      g_ref.answering_status = "done";
      g_ref.answer_text.clear();
      g_ref.error.clear();
    }
    if (!compact) ImGui::SameLine();
  }
  if (ui::Button(T(Msg::RefOpenCompany))) Navigate(app, Screen::CompanyFile, Route{r.company_id, ""});
  ImGui::PopID();
}

}  // namespace

void ShowSentReferrals() { g_ref.sent_side = true; }

void DrawReferralStatus(const std::string& status, SaveState save) {
  if (status == "sent" && save != SaveState::Synced) {  // written here, not sent yet
    ui::StatusText(T(save == SaveState::Rejected ? Msg::RejectedByServer : Msg::RefNotSentYet), save == SaveState::Rejected ? theme::ColDanger() : theme::ColMuted());
    return;
  }
  unsigned color = theme::ColMuted();
  if (status == "accepted" || status == "done") color = theme::ColSuccess();
  if (status == "declined") color = theme::ColDanger();
  ui::StatusText(ReferralStatusText(status), color);
  if (save == SaveState::SavedOnDevice) ui::StatusText(T(Msg::RefAnswerOnDevice), theme::ColMuted());
  if (save == SaveState::Rejected) ui::StatusText(T(Msg::RejectedByServer), theme::ColDanger());
}

void DrawReferrals(AppState& app) {
  if (app.session.member_id.empty()) {
    ui::Muted(T(Msg::RefSignIn));
    return;
  }
  Load(app);
  // The two sides, side by side.
  if (ImGui::BeginTable("##sides", 2)) {
    ImGui::TableNextColumn();
    if (ui::RadioOption(T(Msg::RefReceived), !g_ref.sent_side)) g_ref.sent_side = false;
    ImGui::TableNextColumn();
    if (ui::RadioOption(T(Msg::RefSentTab), g_ref.sent_side)) g_ref.sent_side = true;
    ImGui::EndTable();
  }
  if (!g_ref.error.empty()) ui::StatusText(g_ref.error.c_str(), theme::ColDanger());
  const std::vector<ReferralLine>& lines = g_ref.sent_side ? g_ref.sent : g_ref.received;
  if (lines.empty()) ui::Muted(T(g_ref.sent_side ? Msg::RefNoneSent : Msg::RefNoneReceived));
  // An answer writes the store; the cache is re-read next frame, not under this loop.
  for (const ReferralLine& l : lines) DrawLine(app, l, !g_ref.sent_side);
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
