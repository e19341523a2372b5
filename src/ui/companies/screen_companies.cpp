// Companies: the list with as-you-type search, filters and sorting; on wide
// screens the list and the selected company's file side by side.
//
// 20,000 companies do not go through ImGui each frame: the query gives the
// ordered ids once per (query, data version), and only the rows the clipper
// shows are read, each once, into a cache.
#include <string>
#include <unordered_map>
#include <vector>

#include "core/model/directory.h"
#include "imgui.h"
#include "ui/companies/advisor_data.h"
#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {

struct ListState {
  CompanyQuery query;      // what the user set
  bool show_filters = false;
  // The cache: valid for (store, version, query, member). The device id tells
  // two stores apart even when one reuses the other's address.
  Store* store = nullptr;
  std::string device;
  int64_t version = -1;
  CompanyQuery cached_query;
  std::string cached_member;
  std::vector<std::string> ids;
  std::unordered_map<std::string, CompanyLine> lines;
  std::vector<std::pair<std::string, std::string>> offices;  // id, name
  std::string error;
};
ListState g_list;

void Refresh(AppState& app) {
  ListState& s = g_list;
  int64_t version = DataVersion(*app.store);
  bool same_store = s.store == app.store && s.device == app.store->device_id;
  if (same_store && s.version == version && s.cached_query == s.query && s.cached_member == app.session.member_id)
    return;
  if (!same_store || s.version != version) {
    s.lines.clear();
    s.offices.clear();
    for (const Office& o : List<Office>(*app.store, "active = 1")) s.offices.emplace_back(o.id, o.name);
  }
  s.store = app.store;
  s.device = app.store->device_id;
  s.version = version;
  s.cached_query = s.query;
  s.cached_member = app.session.member_id;
  s.error.clear();
  try {
    s.ids = QueryCompanyIds(*app.store, s.query, app.session.member_id);
  } catch (const std::exception& e) {
    s.ids.clear();
    s.error = e.what();
  }
  // The search brings its index up to date first (a write): that is not a
  // change of the data, and must not trigger the same query again next frame.
  s.version = DataVersion(*app.store);
}

const CompanyLine* Line(AppState& app, const std::string& id) {
  auto it = g_list.lines.find(id);
  if (it == g_list.lines.end()) {
    std::optional<CompanyLine> l = ReadCompanyLine(*app.store, id);
    if (!l) return nullptr;
    it = g_list.lines.emplace(id, std::move(*l)).first;
  }
  return &it->second;
}

const char* LastContactLabel(LastContact l) {
  switch (l) {
    case LastContact::Any: return T(Msg::AnyTime);
    case LastContact::Within3Months: return T(Msg::Within3Months);
    case LastContact::Within12Months: return T(Msg::Within12Months);
    case LastContact::Older: return T(Msg::OlderOrNever);
  }
  return "";
}

const char* SortLabel(CompanySort s) {
  switch (s) {
    case CompanySort::Relevance: return T(Msg::SortRelevance);
    case CompanySort::Name: return T(Msg::SortName);
    case CompanySort::LastContact: return T(Msg::SortLastContact);
    case CompanySort::Commune: return T(Msg::SortCommune);
  }
  return "";
}

void DrawFilters(AppState& app, float width) {
  CompanyQuery& q = g_list.query;
  float half = (width - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  // Office
  {
    std::vector<std::string> items = {T(Msg::AnyOffice)};
    int current = 0;
    for (const auto& o : g_list.offices) {
      if (o.first == q.office_id) current = (int)items.size();
      items.push_back(o.second);
    }
    int c = ui::Picker(T(Msg::FilterOffice), current, items, width);
    if (c == 0) q.office_id.clear();
    if (c > 0) q.office_id = g_list.offices[c - 1].first;
  }
  // Sector (NAF section) and last contact side by side.
  ImGui::BeginGroup();
  {
    std::vector<std::string> items = {T(Msg::AnySector)};
    for (char c = 'A'; c <= 'U'; c++) items.push_back(std::string(T(Msg::NafSectionPrefix)) + " " + c);
    int current = q.naf_section >= 'A' && q.naf_section <= 'U' ? q.naf_section - 'A' + 1 : 0;
    int c = ui::Picker(T(Msg::FilterSector), current, items, half);
    if (c == 0) q.naf_section = 0;
    if (c > 0) q.naf_section = (char)('A' + c - 1);
  }
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  {
    std::vector<std::string> items;
    for (LastContact l : {LastContact::Any, LastContact::Within3Months, LastContact::Within12Months, LastContact::Older})
      items.push_back(LastContactLabel(l));
    int c = ui::Picker(T(Msg::FilterLastContact), (int)q.last_contact, items, half);
    if (c >= 0) q.last_contact = (LastContact)c;
  }
  ImGui::EndGroup();
  ImGui::BeginGroup();
  {
    std::vector<std::string> items;
    for (CompanySort s : {CompanySort::Relevance, CompanySort::Name, CompanySort::LastContact, CompanySort::Commune})
      items.push_back(SortLabel(s));
    int c = ui::Picker(T(Msg::SortBy), (int)q.sort, items, half);
    if (c >= 0) q.sort = (CompanySort)c;
  }
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeight()));  // in line with the picker beside, under its label
  // "Mine" needs a member to be "me".
  ImGui::BeginDisabled(app.session.member_id.empty());
  ImGui::Checkbox(T(Msg::FilterMine), &q.mine);
  ImGui::EndDisabled();
  ImGui::EndGroup();
}

void DrawRows(AppState& app, const std::string& selected) {
  const float row_h = app.device.touch ? 60.0f : 52.0f;
  ImGuiListClipper clipper;
  clipper.Begin((int)g_list.ids.size(), row_h);
  const float line_h = ImGui::GetTextLineHeight();
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; i++) {
      const std::string& id = g_list.ids[i];
      const CompanyLine* l = Line(app, id);
      if (!l) {
        ImGui::Dummy(ImVec2(0, row_h));
        continue;
      }
      ImGui::PushID(i);
      ImVec2 pos = ImGui::GetCursorScreenPos();
      mirror::SetNextRole(mirror::Role::Link);
      mirror::SetNextName(l->name.c_str());
      mirror::SetNextChecked(id == selected);
      if (ImGui::Selectable("##row", id == selected, 0, ImVec2(0, row_h - ImGui::GetStyle().ItemSpacing.y)))
        Navigate(app, Screen::CompanyFile, Route{id, ""});
      float x = pos.x + 12, w = ImGui::GetItemRectSize().x - 24;
      ImGui::PushFont(theme::GetFonts().bold);
      ui::RowLine(ImVec2(x, pos.y + 6), w, ImGui::GetColorU32(ImGuiCol_Text), l->name.c_str());
      ImGui::PopFont();
      std::string detail = l->commune;
      if (!l->siret.empty()) detail += " \xC2\xB7 " + l->siret;
      detail += " \xC2\xB7 ";
      detail += l->last_contact.empty() ? T(Msg::NeverContacted) : ShortDate(l->last_contact);
      ui::RowLine(ImVec2(x, pos.y + 8 + line_h), w, theme::ColMuted(), detail.c_str());
      ImGui::PopID();
    }
  }
}

}  // namespace

// The list pane: search, filters, count, rows.
static void DrawCompanyList(AppState& app, const std::string& selected) {
  Refresh(app);  // before the widgets: offices for the filter
  float width = ImGui::GetContentRegionAvail().x;
  ui::TextFieldOptions opt;
  opt.hint = T(Msg::SearchHint);
  ui::TextField(T(Msg::SearchCompanies), &g_list.query.text, opt);
  if (ui::Button(T(Msg::Filters))) g_list.show_filters = !g_list.show_filters;
  ImGui::SameLine();
  if (ui::PrimaryButton(T(Msg::NewCompany))) Navigate(app, Screen::CompanyNew);
  if (g_list.show_filters) DrawFilters(app, width);
  Refresh(app);  // the text or a filter may have changed this frame
  if (!g_list.error.empty()) ui::StatusText(g_list.error.c_str(), theme::ColDanger());
  std::string count = FormatNumber((double)g_list.ids.size(), 0, app.lang) + " " +
                      T(g_list.ids.size() == 1 ? Msg::CompanyFoundOne : Msg::CompaniesFound);
  ui::Muted(g_list.ids.empty() ? T(Msg::NoCompanyFound) : count.c_str());
  ImGui::BeginChild("##rows", ImVec2(0, 0));
  DrawRows(app, selected);
  ImGui::EndChild();
}

// Side by side when there is room for a readable file beside the list.
static bool TwoPanes(const AppState& app) { return !app.device.Compact() && ImGui::GetContentRegionAvail().x >= 700; }

void DrawCompanyFileBody(AppState& app);  // screen_company.cpp

static void DrawPanes(AppState& app, bool with_file) {
  float avail = ImGui::GetContentRegionAvail().x;
  float list_w = avail * 0.42f < 360 ? 360 : avail * 0.42f > 460 ? 460 : avail * 0.42f;
  ImGui::BeginChild("##listpane", ImVec2(list_w, 0));
  DrawCompanyList(app, with_file ? app.route.id : "");
  ImGui::EndChild();
  ImGui::SameLine(0, 24);
  ImGui::BeginChild("##filepane", ImVec2(0, 0));
  if (with_file) DrawCompanyFileBody(app);
  else ui::Muted(T(Msg::SelectCompany));
  ImGui::EndChild();
}

void DrawCompanies(AppState& app) {
  if (TwoPanes(app)) DrawPanes(app, false);
  else DrawCompanyList(app, "");
}

void DrawCompanyFile(AppState& app) {
  if (TwoPanes(app)) DrawPanes(app, true);
  else DrawCompanyFileBody(app);
}

}  // namespace relais
