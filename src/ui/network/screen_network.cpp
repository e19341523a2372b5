// The network (/office/network), for office staff and admins: the members
// with their organisation, office, role and where their convention and
// code-of-conduct signatures stand; the organisations; the offices; and the
// active members who have not signed everything, by office, with a CSV
// export. Each record opens on /office/network/<kind>/<id> (screen_network_edit.cpp).
// The lists are read from the device's store (core/model/network.h), so they
// work offline and follow syncs.
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "core/model/network.h"
#include "core/search/fold.h"
#include "imgui.h"
#include "ui/app.h"
#include "ui/companies/advisor_data.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/network/network_data.h"
#include "ui/platform.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {

enum class Tab { Members, Organisations, Offices, NotSigned };

struct NetworkState {
  Tab tab = Tab::Members;
  // Filters (kept while the user opens a record and comes back).
  std::string member_text, org_text;
  int show = 0;  // 0 active, 1 inactive, 2 all
  std::string office_id, not_signed_office;
  size_t member_limit = 100;
  // Cache, valid for (store, device, data version, filters).
  Store* store = nullptr;
  std::string device, key;
  int64_t version = -1;
  std::vector<NetworkMemberLine> members;
  std::vector<Organisation> orgs;
  std::vector<Office> offices;
  std::map<std::string, int> org_counts, office_counts;  // active members
  std::vector<std::pair<std::string, std::string>> office_choices;
  std::vector<NotSignedLine> not_signed;
  std::string exported;
  float scroll_y = 0;  // where the list was, restored when coming back from a record
  int last_frame = -10;
};
NetworkState g_net;

int ActiveFilter(int show) { return show == 0 ? 1 : show == 1 ? 0 : -1; }

void Load(AppState& app) {
  NetworkState& s = g_net;
  const int64_t version = DataVersion(*app.store);
  const std::string key = s.member_text + '\x1f' + std::to_string(s.show) + '\x1f' + s.office_id + '\x1f' +
                          s.not_signed_office + '\x1f' + s.org_text;
  if (s.store == app.store && s.device == app.store->device_id && s.version == version && s.key == key) return;
  s.store = app.store;
  s.device = app.store->device_id;
  s.version = version;
  s.key = key;
  Store& st = *app.store;
  NetworkMemberFilter f;
  f.text = s.member_text;
  f.active = ActiveFilter(s.show);
  f.office_id = s.office_id;
  s.members = ListNetworkMembers(st, f);
  s.orgs = List<Organisation>(st);
  s.offices = List<Office>(st);
  s.org_counts.clear();
  s.office_counts.clear();
  {
    Stmt q = st.db.Prepare(
        "SELECT organisation_id, coalesce(office_id, '') FROM members WHERE deleted_hlc IS NULL AND active = 1");
    while (q.Step()) {
      s.org_counts[q.Text(0)]++;
      s.office_counts[q.Text(1)]++;
    }
  }
  s.office_choices = ActiveOfficeChoices(st);
  s.not_signed = ListNotSigned(st, s.not_signed_office);
}

void Open(AppState& app, const char* kind, const std::string& id) {
  Route r;
  r.sub = kind;
  r.id = id;
  Navigate(app, Screen::NetworkEdit, r);
}

float FieldWidth(AppState& app, float max) {
  const float avail = ImGui::GetContentRegionAvail().x;
  return app.device.Compact() ? avail : std::min(avail, max);
}

void Count(Msg one, Msg many, int n) {
  char buf[128];
  std::snprintf(buf, sizeof buf, T(n == 1 ? one : many), n);
  ui::Muted(buf);
}

void DrawTabs() {
  bool first = true;
  for (auto [tab, msg] : {std::pair<Tab, Msg>{Tab::Members, Msg::NetTabMembers},
                          {Tab::Organisations, Msg::NetTabOrganisations},
                          {Tab::Offices, Msg::NetTabOffices},
                          {Tab::NotSigned, Msg::NetTabNotSigned}}) {
    const char* label = T(msg);
    if (!first) ui::SameLineIfFits(label);
    first = false;
    const bool on = g_net.tab == tab;
    mirror::SetNextRole(mirror::Role::Radio);
    mirror::SetNextChecked(on);
    mirror::SetNextName(label);
    if (on ? ui::PrimaryButton(label) : ui::Button(label)) {
      g_net.tab = tab;
      g_net.exported.clear();
      ImGui::SetScrollY(0);
    }
  }
}

// An office picker: "all offices" (or none) then the active offices.
bool OfficePicker(AppState& app, const char* label, std::string* office_id) {
  std::vector<std::string> items = {T(Msg::NetAnyOffice)};
  int current = 0;
  for (const auto& o : g_net.office_choices) {
    if (o.first == *office_id) current = (int)items.size();
    items.push_back(o.second);
  }
  const int c = ui::Picker(label, current, items, FieldWidth(app, 320));
  if (c < 0) return false;
  *office_id = c == 0 ? "" : g_net.office_choices[(size_t)c - 1].first;
  return true;
}

int ShowPicker(AppState& app, int show) {
  const std::vector<std::string> items = {T(Msg::NetShowActive), T(Msg::NetShowInactive), T(Msg::NetShowAll)};
  const int c = ui::Picker(T(Msg::NetShow), show, items, FieldWidth(app, 200));
  return c < 0 ? show : c;
}

// Two pickers side by side on wide screens, one under the other on phones.
void NextColumn(AppState& app) {
  if (!app.device.Compact()) ImGui::SameLine(0, 16);
}

void DrawMembers(AppState& app) {
  NetworkState& s = g_net;
  ui::TextFieldOptions opt;
  opt.hint = T(Msg::NetSearchMembersHint);
  ui::TextField(T(Msg::NetSearch), &s.member_text, opt);
  ImGui::BeginGroup();
  s.show = ShowPicker(app, s.show);
  ImGui::EndGroup();
  NextColumn(app);
  ImGui::BeginGroup();
  OfficePicker(app, T(Msg::NetOffice), &s.office_id);
  ImGui::EndGroup();
  Load(app);
  Count(Msg::NetCountMembersOne, Msg::NetCountMembersMany, (int)s.members.size());
  if (s.members.empty()) ui::Muted(T(Msg::NetNone));
  size_t shown = 0;
  for (const NetworkMemberLine& l : s.members) {
    if (shown++ >= s.member_limit) break;
    const Member& m = l.member;
    const std::string name = m.first_name + " " + m.last_name;
    ImGui::PushID(m.id.c_str());
    ImGui::Separator();
    ImGui::PushFont(theme::GetFonts().bold);
    ui::Paragraph(name.c_str());
    ImGui::PopFont();
    mirror::AddText(name);
    std::string meta = l.organisation_name;
    if (!l.office_name.empty()) meta += " \xC2\xB7 " + l.office_name;
    meta += " \xC2\xB7 " + RoleLabel(m.role);
    if (!m.job_title.empty()) meta += " \xC2\xB7 " + m.job_title;
    ui::Muted(meta.c_str());
    mirror::AddText(meta);
    if (!m.active) ui::StatusText(T(Msg::NetInactive), theme::ColMuted());
    const std::string sig = SignatureStatusText(l.signatures);
    ui::StatusText(sig.c_str(), l.signatures.complete() ? theme::ColSuccess() : theme::ColDanger());
    const std::string open = LabelValue(Msg::NetOpen, name);
    mirror::SetNextName(open.c_str());
    if (ui::Button(T(Msg::NetOpen))) Open(app, "members", m.id);
    ImGui::PopID();
  }
  if (s.members.size() > s.member_limit) {
    ImGui::Separator();
    if (ui::Button(T(Msg::NetShowMore))) s.member_limit += 100;
  }
}

void DrawOrganisations(AppState& app) {
  NetworkState& s = g_net;
  ui::TextFieldOptions opt;
  opt.hint = T(Msg::NetSearchHint);
  ui::TextField(T(Msg::NetSearch), &s.org_text, opt);
  s.show = ShowPicker(app, s.show);
  Load(app);
  const int active = ActiveFilter(s.show);
  std::vector<const Organisation*> shown;
  for (const Organisation& o : s.orgs) {
    if (active >= 0 && o.active != (active == 1)) continue;
    // The same folding as the members' search: accents and case ignored.
    if (!s.org_text.empty() && search::FoldWords(o.name).find(search::FoldWords(s.org_text)) == std::string::npos)
      continue;
    shown.push_back(&o);
  }
  Count(Msg::NetCountOrgsOne, Msg::NetCountOrgsMany, (int)shown.size());
  if (shown.empty()) ui::Muted(T(Msg::NetNone));
  for (const Organisation* o : shown) {
    ImGui::PushID(o->id.c_str());
    ImGui::Separator();
    ImGui::PushFont(theme::GetFonts().bold);
    ui::Paragraph(o->name.c_str());
    ImGui::PopFont();
    mirror::AddText(o->name);
    char members[64];
    std::snprintf(members, sizeof members, T(Msg::NetMembersOfCount), s.org_counts[o->id]);
    std::string meta = KindLabel(o->kind);
    if (o->siren) meta += (meta.empty() ? "" : " \xC2\xB7 ") + std::string("SIREN ") + *o->siren;
    meta += (meta.empty() ? "" : " \xC2\xB7 ") + std::string(members);
    ui::Muted(meta.c_str());
    if (!o->active) ui::StatusText(T(Msg::NetInactiveF), theme::ColMuted());
    const std::string open = LabelValue(Msg::NetOpen, o->name);
    mirror::SetNextName(open.c_str());
    if (ui::Button(T(Msg::NetOpen))) Open(app, "organisations", o->id);
    ImGui::PopID();
  }
}

void DrawOffices(AppState& app) {
  NetworkState& s = g_net;
  s.show = ShowPicker(app, s.show);
  Load(app);
  const int active = ActiveFilter(s.show);
  int n = 0;
  for (const Office& o : s.offices) n += active < 0 || o.active == (active == 1);
  Count(Msg::NetCountOfficesOne, Msg::NetCountOfficesMany, n);
  if (n == 0) ui::Muted(T(Msg::NetNone));
  for (const Office& o : s.offices) {
    if (active >= 0 && o.active != (active == 1)) continue;
    ImGui::PushID(o.id.c_str());
    ImGui::Separator();
    ImGui::PushFont(theme::GetFonts().bold);
    ui::Paragraph(o.name.c_str());
    ImGui::PopFont();
    mirror::AddText(o.name);
    char members[64];
    std::snprintf(members, sizeof members, T(Msg::NetMembersOfCount), s.office_counts[o.id]);
    std::string meta = o.commune_name;
    if (!o.departments.empty())
      meta += (meta.empty() ? "" : " \xC2\xB7 ") + LabelValue(Msg::NetDepartments, JoinList(o.departments));
    meta += (meta.empty() ? "" : " \xC2\xB7 ") + std::string(members);
    ui::Muted(meta.c_str());
    if (!o.active) ui::StatusText(T(Msg::NetInactiveF), theme::ColMuted());
    const std::string open = LabelValue(Msg::NetOpen, o.name);
    mirror::SetNextName(open.c_str());
    if (ui::Button(T(Msg::NetOpen))) Open(app, "offices", o.id);
    ImGui::PopID();
  }
}

void DrawNotSigned(AppState& app) {
  NetworkState& s = g_net;
  if (OfficePicker(app, T(Msg::NetOffice), &s.not_signed_office)) s.exported.clear();
  Load(app);
  if (s.not_signed.empty()) {
    ui::StatusText(T(Msg::NetNotSignedNone), theme::ColSuccess());
    return;
  }
  char count[160];
  const int n = (int)s.not_signed.size();
  std::snprintf(count, sizeof count, T(n == 1 ? Msg::NetNotSignedCountOne : Msg::NetNotSignedCountMany), n);
  ui::StatusText(count, theme::ColDanger());
  if (ui::Button(T(Msg::NetExportCsv))) {
    std::string office = "toutes-antennes";
    for (const auto& o : s.office_choices)
      if (o.first == s.not_signed_office) office = search::FoldWords(o.second);
    for (char& c : office)
      if (c == ' ') c = '-';
    s.exported = "relais-signatures-manquantes_" + office + "_" + TodayIso(*app.store) + ".csv";
    platform::DownloadFile(s.exported, reports::kCsvMimeType, reports::ToCsv(NotSignedTable(s.not_signed)));
  }
  if (!s.exported.empty()) ui::StatusText(LabelValue(Msg::NetExported, s.exported).c_str(), theme::ColSuccess());
  std::string group = "\x01";  // no office name is this
  for (const NotSignedLine& l : s.not_signed) {
    if (l.office_name != group) {
      group = l.office_name;
      int in_group = 0;
      for (const NotSignedLine& k : s.not_signed) in_group += k.office_name == group;
      const std::string title =
          (group.empty() ? std::string(T(Msg::NetNoOffice)) : group) + " (" + std::to_string(in_group) + ")";
      ui::SectionTitle(title.c_str());
      mirror::AddText(title);
    }
    ImGui::PushID(l.member_id.c_str());
    ImGui::Separator();
    ImGui::PushFont(theme::GetFonts().bold);
    ui::Paragraph(l.name.c_str());
    ImGui::PopFont();
    mirror::AddText(l.name);
    ui::Muted(l.organisation_name.c_str());
    const std::string missing = MissingText(l.missing);
    ui::StatusText(missing.c_str(), theme::ColDanger());
    const std::string open = LabelValue(Msg::NetOpen, l.name);
    mirror::SetNextName(open.c_str());
    if (ui::Button(T(Msg::NetOpen))) Open(app, "members", l.member_id);
    ImGui::PopID();
  }
}

}  // namespace

void DrawNetwork(AppState& app) {
  if (app.session.role != "office_staff" && app.session.role != "admin") {
    ui::Muted(T(Msg::NetStaffOnly));
    return;
  }
  if (g_net.store != app.store || (app.store && g_net.device != app.store->device_id)) g_net = NetworkState();
  // Back from a record (the screen was not drawn last frame): the list where
  // it was left, not where the record's page was scrolled.
  if (ImGui::GetFrameCount() != g_net.last_frame + 1)
    ImGui::SetScrollY(g_net.scroll_y);  // applies next frame: GetScrollY is still the record's now
  else
    g_net.scroll_y = ImGui::GetScrollY();
  g_net.last_frame = ImGui::GetFrameCount();
  DrawTabs();  // the top bar says "Réseau"
  ImGui::Dummy(ImVec2(0, 4));
  bool first = true;
  for (auto [kind, msg] : {std::pair<const char*, Msg>{"members", Msg::NetNewMember},
                           {"organisations", Msg::NetNewOrganisation},
                           {"offices", Msg::NetNewOffice}}) {
    if (!first) ui::SameLineIfFits(T(msg));
    first = false;
    if (ui::Button(T(msg))) Open(app, kind, "");
  }
  ImGui::Dummy(ImVec2(0, 4));
  switch (g_net.tab) {
    case Tab::Members:
      DrawMembers(app);
      break;
    case Tab::Organisations:
      DrawOrganisations(app);
      break;
    case Tab::Offices:
      DrawOffices(app);
      break;
    case Tab::NotSigned:
      DrawNotSigned(app);
      break;
  }
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
