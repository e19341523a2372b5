// Annuaire: the skills search of the network. Free text (name, skills,
// organisation, office, summary) as the user types, and filters by skill,
// office, organisation and language; a row opens the member card. The
// matching ids are queried once per (query, data version) and only the rows
// on screen are read.
#include <string>
#include <unordered_map>
#include <vector>

#include "core/model/directory.h"
#include "imgui.h"
#include "ui/app.h"
#include "ui/companies/advisor_data.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {

struct MemberLine {
  std::string name, detail;
};

struct DirectoryState {
  MemberQuery query;
  bool show_filters = false;
  Store* store = nullptr;
  std::string device;
  int64_t version = -1;
  MemberQuery cached_query;
  std::vector<std::string> ids;
  std::unordered_map<std::string, MemberLine> lines;
  std::vector<std::pair<std::string, std::string>> offices, organisations;  // id, name
  std::vector<std::string> tags, languages;
  std::string error;
};
DirectoryState g_dir;

void Refresh(AppState& app) {
  DirectoryState& s = g_dir;
  int64_t version = DataVersion(*app.store);
  bool same_store = s.store == app.store && s.device == app.store->device_id;
  if (same_store && s.version == version && s.cached_query == s.query) return;
  if (!same_store || s.version != version) {
    s.lines.clear();
    s.offices.clear();
    s.organisations.clear();
    for (const Office& o : List<Office>(*app.store, "active = 1")) s.offices.emplace_back(o.id, o.name);
    for (const Organisation& o : List<Organisation>(*app.store, "active = 1")) s.organisations.emplace_back(o.id, o.name);
    s.tags = ListExpertiseTags(*app.store);
    s.languages = ListMemberLanguages(*app.store);
  }
  s.store = app.store;
  s.device = app.store->device_id;
  s.cached_query = s.query;
  s.error.clear();
  try {
    s.ids = QueryMemberIds(*app.store, s.query);
  } catch (const std::exception& e) {
    s.ids.clear();
    s.error = e.what();
  }
  s.version = DataVersion(*app.store);  // the search's index update is not a data change
}

const std::string& NameOf(const std::vector<std::pair<std::string, std::string>>& v, const std::string& id) {
  static const std::string none;
  for (const auto& p : v)
    if (p.first == id) return p.second;
  return none;
}

const MemberLine* Line(const std::string& id) {
  auto it = g_dir.lines.find(id);
  if (it == g_dir.lines.end()) {
    std::optional<Member> m = Get<Member>(*g_dir.store, id);
    if (!m) return nullptr;
    MemberLine l;
    l.name = m->first_name + " " + m->last_name;
    l.detail = NameOf(g_dir.organisations, m->organisation_id);
    if (m->office_id) {
      const std::string& office = NameOf(g_dir.offices, *m->office_id);
      if (!office.empty()) l.detail += " \xC2\xB7 " + office;
    }
    std::string tags;
    for (const std::string& t : m->expertise) tags += (tags.empty() ? "" : ", ") + t;
    if (!tags.empty()) l.detail += " \xC2\xB7 " + tags;
    it = g_dir.lines.emplace(id, std::move(l)).first;
  }
  return &it->second;
}

// One filter: "any" first, then the values; sets *value to the chosen id.
void Filter(Msg label, Msg any, const std::vector<std::pair<std::string, std::string>>& values, std::string* value,
            float width) {
  std::vector<std::string> items = {T(any)};
  int current = 0;
  for (const auto& v : values) {
    if (v.first == *value) current = (int)items.size();
    items.push_back(v.second);
  }
  int c = ui::Picker(T(label), current, items, width);
  if (c == 0) value->clear();
  if (c > 0) *value = values[c - 1].first;
}

std::vector<std::pair<std::string, std::string>> Pairs(const std::vector<std::string>& v) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& s : v) out.emplace_back(s, s);
  return out;
}

void DrawFilters(float width) {
  MemberQuery& q = g_dir.query;
  // Two per row on wide screens, one per row on phones.
  bool two = width >= 520;
  float w = two ? (width - ImGui::GetStyle().ItemSpacing.x) * 0.5f : width;
  ImGui::BeginGroup();
  Filter(Msg::DirExpertise, Msg::DirAnyExpertise, Pairs(g_dir.tags), &q.expertise, w);
  ImGui::EndGroup();
  if (two) ImGui::SameLine();
  ImGui::BeginGroup();
  Filter(Msg::FilterOffice, Msg::AnyOffice, g_dir.offices, &q.office_id, w);
  ImGui::EndGroup();
  ImGui::BeginGroup();
  Filter(Msg::DirOrganisation, Msg::DirAnyOrganisation, g_dir.organisations, &q.organisation_id, w);
  ImGui::EndGroup();
  if (two) ImGui::SameLine();
  ImGui::BeginGroup();
  Filter(Msg::DirLanguage, Msg::DirAnyLanguage, Pairs(g_dir.languages), &q.language, w);
  ImGui::EndGroup();
}

void DrawRows(AppState& app) {
  const float row_h = app.device.touch ? 60.0f : 52.0f;
  const float line_h = ImGui::GetTextLineHeight();
  ImGuiListClipper clipper;
  clipper.Begin((int)g_dir.ids.size(), row_h);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; i++) {
      const std::string& id = g_dir.ids[i];
      const MemberLine* l = Line(id);
      if (!l) {
        ImGui::Dummy(ImVec2(0, row_h));
        continue;
      }
      ImGui::PushID(i);
      ImVec2 pos = ImGui::GetCursorScreenPos();
      mirror::SetNextRole(mirror::Role::Link);
      mirror::SetNextName(l->name.c_str());
      if (ImGui::Selectable("##row", false, 0, ImVec2(0, row_h - ImGui::GetStyle().ItemSpacing.y)))
        Navigate(app, Screen::MemberCard, Route{id, ""});
      float x = pos.x + 12, w = ImGui::GetItemRectSize().x - 24;
      ImGui::PushFont(theme::GetFonts().bold);
      ui::RowLine(ImVec2(x, pos.y + 6), w, ImGui::GetColorU32(ImGuiCol_Text), l->name.c_str());
      ImGui::PopFont();
      ui::RowLine(ImVec2(x, pos.y + 8 + line_h), w, theme::ColMuted(), l->detail.c_str());
      ImGui::PopID();
    }
  }
}

}  // namespace

void DrawDirectory(AppState& app) {
  Refresh(app);
  float width = ImGui::GetContentRegionAvail().x;
  ui::TextFieldOptions opt;
  opt.hint = T(Msg::RefPickMemberHint);
  ui::TextField(T(Msg::RefPickMember), &g_dir.query.text, opt);
  if (ui::Button(T(Msg::Filters))) g_dir.show_filters = !g_dir.show_filters;
  if (g_dir.show_filters) DrawFilters(width);
  Refresh(app);  // the text or a filter may have changed this frame
  if (!g_dir.error.empty()) ui::StatusText(g_dir.error.c_str(), theme::ColDanger());
  if (g_dir.ids.empty()) ui::Muted(T(Msg::DirNoMember));
  else ui::Muted(CountText((long)g_dir.ids.size(), Msg::DirMemberOne, Msg::DirMemberMany).c_str());
  ImGui::BeginChild("##members", ImVec2(0, 0));
  DrawRows(app);
  ImGui::EndChild();
}

}  // namespace relais
