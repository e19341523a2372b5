// The sync screen: open conflicts (keep either value), changes the server
// refused with its reason (so a refused write never looks saved), and the
// account section.
#include <cstdio>
#include <string>
#include <vector>

#include "core/model/fields.h"
#include "core/sync/hlc.h"
#include "core/sync/resolve.h"
#include "imgui.h"
#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/sync/sync_client.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

void DrawAccount(AppState& app);  // screen_sign_in.cpp

// A table in words, as the user knows it.
static const char* TableName(const std::string& t) {
  struct Named { const char* table; Msg name; };
  static const Named kNames[] = {
      {"companies", Msg::TableCompanies},       {"contacts", Msg::TableContacts},
      {"interactions", Msg::TableInteractions}, {"follow_up_actions", Msg::TableActions},
      {"referrals", Msg::TableReferrals},       {"members", Msg::TableMembers},
      {"registrations", Msg::TableRegistrations}, {"legal_questions", Msg::TableQuestions},
      {"questionnaire_responses", Msg::TableResponses},
  };
  for (const Named& n : kNames)
    if (t == n.table) return T(n.name);
  return T(Msg::TableOther);
}

// A column in words (the common ones; others keep their technical name).
static std::string FieldLabel(const std::string& f) {
  struct Named { const char* field; Msg name; };
  static const Named kNames[] = {
      {"name", Msg::FieldName},       {"phone", Msg::FieldPhone}, {"email", Msg::FieldEmail},
      {"website", Msg::FieldWebsite}, {"address", Msg::FieldAddress}, {"note", Msg::FieldNote},
      {"status", Msg::FieldStatus},
  };
  for (const Named& n : kNames)
    if (f == n.field) return T(n.name);
  return f;
}

// A row in words: "Entreprise « Boulangerie Martin »" when it has a name.
static std::string RowName(Store& st, const std::string& table, const std::string& row_id) {
  std::string label;
  for (const char* col : {"name", "title", "subject", "last_name"}) {
    try {
      Stmt s = st.db.Prepare("SELECT CAST(" + std::string(col) + " AS TEXT) FROM \"" + table + "\" WHERE id = ?");
      s.BindText(1, row_id);
      if (s.Step() && !s.IsNull(0)) label = s.Text(0);
      break;
    } catch (const DbError&) {  // no such column: try the next one
    }
  }
  std::string out = TableName(table);
  if (!label.empty()) out += " « " + label + " »";
  return out;
}

static std::string ValueText(const Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return T(Msg::ConflictEmpty);
  if (const int64_t* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const double* d = std::get_if<double>(&v)) return FormatNumber(*d, 2, CurrentLang());
  const std::string& s = std::get<std::string>(v);
  return s.empty() ? T(Msg::ConflictEmpty) : s;
}

// "par vous, 27/11/2026 09:42" — the HLC carries the wall time of the write.
static std::string WhoWhen(const AppState& app, const std::string& user, const std::string& name, int64_t hlc) {
  std::string who = user == app.session.user_id ? T(Msg::ConflictByYou) : !name.empty() ? name : T(Msg::ConflictByOther);
  time_t secs = (time_t)(Hlc{hlc}.millis() / 1000);
  struct tm tm_local;
  localtime_r(&secs, &tm_local);
  char hm[16];
  std::snprintf(hm, sizeof hm, " %02d:%02d", tm_local.tm_hour, tm_local.tm_min);
  return std::string(T(Msg::ConflictBy)) + " " + who + ", " +
         FormatDateShort(tm_local.tm_year + 1900, tm_local.tm_mon + 1, tm_local.tm_mday, CurrentLang()) + hm;
}

static void DrawConflict(AppState& app, const sync::Conflict& k) {
  Store& st = *app.store;
  SyncClient& c = Client(app);
  ImGui::PushID(k.id.c_str());
  ImGui::Separator();
  std::string title = RowName(st, k.table, k.row_id);
  const bool deleted = k.field == "_deleted";
  if (!deleted) title += " — " + std::string(T(Msg::ConflictField)) + " " + FieldLabel(k.field);
  else title += " — " + std::string(T(Msg::ConflictDeletedRow));
  ui::Paragraph(title.c_str());
  const unsigned text = ImGui::GetColorU32(ImGuiCol_Text);
  ui::StatusText(LabelValue(Msg::ConflictKept, ValueText(k.winner_value)).c_str(), text);
  // Status lines: read out by screen readers (and checked by the tests).
  ui::StatusText(WhoWhen(app, k.winner_user, k.winner_name, k.winner_hlc).c_str(), theme::ColMuted());
  ui::StatusText(LabelValue(Msg::ConflictOther, ValueText(k.loser_value)).c_str(), text);
  ui::StatusText(WhoWhen(app, k.loser_user, k.loser_name, k.loser_hlc).c_str(), theme::ColMuted());
  if (ui::Button(T(Msg::ConflictKeepKept))) {
    sync::ResolveConflict(st, k.id);
    RequestSync(app);
  }
  if (!deleted) {
    if (!app.device.Compact()) ImGui::SameLine();
    if (ui::Button(T(Msg::ConflictKeepOther))) {
      // Written as a new change: it syncs and wins by being the newest.
      if (sync::KeepLoserValue(st, k.id)) RequestSync(app);
      else c.conflicts_message = T(Msg::ConflictFailed);
    }
  }
  ImGui::PopID();
}

static void DrawRejected(AppState& app, const sync::RejectedChange& r) {
  ImGui::PushID((int)r.seq);
  ImGui::Separator();
  ui::Paragraph(RowName(*app.store, r.table, r.row_id).c_str());
  ui::StatusText(LabelValue(Msg::RejectedReason, r.error).c_str(), theme::ColDanger());
  if (ui::Button(T(Msg::RejectedDismiss))) {
    SyncClient& c = Client(app);
    if (c.engine) c.engine->DismissRejected(r.seq);
  }
  ImGui::PopID();
}

void DrawConflicts(AppState& app) {
  SyncClient& c = Client(app);
  if (!app.store) return;
  ui::SectionTitle(T(Msg::ConflictsTitle));
  if (!c.conflicts_message.empty()) ui::StatusText(c.conflicts_message.c_str(), theme::ColDanger());
  std::vector<sync::Conflict> open = sync::OpenConflicts(*app.store);
  if (open.empty()) {
    ui::Muted(T(Msg::ConflictsNone));
  } else {
    ui::Paragraph(T(Msg::ConflictsIntro));
    for (const sync::Conflict& k : open) DrawConflict(app, k);
  }
  if (c.engine) {
    std::vector<sync::RejectedChange> rejected = c.engine->Rejected();
    if (!rejected.empty()) {
      ImGui::Spacing();
      ui::SectionTitle(T(Msg::RejectedTitle));
      ui::Paragraph(T(Msg::RejectedIntro));
      for (const sync::RejectedChange& r : rejected) DrawRejected(app, r);
    }
  }
  ImGui::Spacing();
  ImGui::Separator();
  DrawAccount(app);
  // On a phone the bottom bar keeps the working sections: these live here.
  if (app.device.Compact()) {
    ImGui::Spacing();
    ImGui::Separator();
    if (app.session.role != "trainee" && ui::Button(T(Msg::NavUniversity))) Navigate(app, Screen::University);
    if (app.session.role != "trainee" && ui::Button(T(Msg::NavHotline))) Navigate(app, Screen::Hotline);
    const bool staff = app.session.role == "office_staff" || app.session.role == "admin";
    if (staff && ui::Button(T(Msg::NavReports))) Navigate(app, Screen::Reports);
    if (staff && ui::Button(T(Msg::NavContactRequests))) Navigate(app, Screen::ContactRequests);
    if (staff && ui::Button(T(Msg::NavQuestionnaires))) Navigate(app, Screen::Questionnaires);
    if (staff && ui::Button(T(Msg::NavNetwork))) Navigate(app, Screen::Network);
    if (staff && ui::Button(T(Msg::NavUniversityAdmin))) Navigate(app, Screen::UniversityAdmin);
    if (staff && ui::Button(T(Msg::NavAccounts))) Navigate(app, Screen::Accounts);
    if (ui::Button(T(Msg::NavSettings))) Navigate(app, Screen::Settings);
    ImGui::SameLine();
    if (ui::Button(T(Msg::NavAbout))) Navigate(app, Screen::About);
  }
}

}  // namespace relais
