// My follow-ups: the open actions of the signed-in member, overdue first,
// each with its company one tap away and "done" to close it.
#include <string>
#include <vector>

#include "imgui.h"
#include "ui/companies/advisor_data.h"
#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {
struct FollowUpCache {
  Store* store = nullptr;
  int64_t version = -1;
  std::string member;
  std::vector<FollowUpLine> lines;
  std::string error;
};
FollowUpCache g_fu;
}  // namespace

void DrawFollowUps(AppState& app) {
  if (app.session.member_id.empty()) {
    ui::Muted(T(Msg::SignInForFollowUps));
    return;
  }
  int64_t version = DataVersion(*app.store);
  if (g_fu.store != app.store || g_fu.version != version || g_fu.member != app.session.member_id) {
    g_fu.store = app.store;
    g_fu.version = version;
    g_fu.member = app.session.member_id;
    g_fu.lines = MyFollowUps(*app.store, app.session.member_id);
  }
  if (!g_fu.error.empty()) ui::StatusText(g_fu.error.c_str(), theme::ColDanger());
  if (g_fu.lines.empty()) ui::Muted(T(Msg::NoFollowUps));
  for (const FollowUpLine& l : g_fu.lines) {
    ImGui::PushID(l.action.id.c_str());
    ImGui::Separator();
    if (l.overdue) ui::StatusText(T(Msg::Overdue), theme::ColDanger());
    ImGui::PushFont(theme::GetFonts().bold);
    ui::Paragraph(l.action.title.c_str());
    ImGui::PopFont();
    std::string detail = l.company_name + " \xC2\xB7 ";
    detail += l.action.due_on ? std::string(T(Msg::DueOn)) + " " + ShortDate(*l.action.due_on) : T(Msg::NoDueDate);
    ui::Muted(detail.c_str());
    // Short visible labels that fit a phone's line; the accessible names say
    // which company and which action.
    std::string open = std::string(T(Msg::OpenCompany)) + " " + l.company_name;
    mirror::SetNextName(open.c_str());
    if (ui::Button(T(Msg::OpenCompany))) Navigate(app, Screen::CompanyFile, Route{l.company_id, ""});
    ImGui::SameLine();
    std::string done = LabelValue(Msg::MarkDone, l.action.title);
    mirror::SetNextName(done.c_str());
    if (ui::PrimaryButton(T(Msg::MarkDone))) {
      FollowUpAction a = l.action;
      a.status = "done";
      a.done_on = TodayIso(*app.store);
      try {
        Update(*app.store, a);
        g_fu.error.clear();
      } catch (const std::exception& e) {
        g_fu.error = std::string(T(Msg::SaveFailed)) + " " + e.what();
      }
      ImGui::PopID();
      break;  // the list changes with the data version
    }
    ImGui::PopID();
  }
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
