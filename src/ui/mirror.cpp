#include "ui/mirror.h"

#include <cstdio>
#include <unordered_map>

#include "imgui.h"
#include "imgui_internal.h"

namespace relais::mirror {

struct Pending {
  bool has_role = false, has_name = false, has_checked = false, has_text = false;
  Role role = Role::Button;
  std::string name;
  bool checked = false;
  bool multiline = false, password = false;
};

static std::vector<Item> g_items;
static std::unordered_map<ImGuiID, Item> g_sent;  // what the page has now
static Pending g_next;
static ImGuiID g_dom_focus = 0;

const char* RoleName(Role role) {
  switch (role) {
    case Role::Button: return "button";
    case Role::Link: return "link";
    case Role::Checkbox: return "checkbox";
    case Role::Radio: return "radio";
    case Role::TextBox: return "textbox";
    case Role::Tab: return "tab";
    case Role::MenuItem: return "menuitem";
    case Role::Option: return "option";
    case Role::ComboBox: return "combobox";
    case Role::TreeItem: return "treeitem";
    case Role::Slider: return "slider";
    case Role::Status: return "status";
    case Role::Text: return "paragraph";
  }
  return "button";
}

bool Item::operator==(const Item& o) const {
  return id == o.id && role == o.role && name == o.name && x == o.x && y == o.y && w == o.w && h == o.h &&
         layer == o.layer && disabled == o.disabled && checked == o.checked && expanded == o.expanded &&
         multiline == o.multiline && password == o.password && value == o.value;
}

void SetNextRole(Role role) { g_next.has_role = true; g_next.role = role; }
void SetNextName(const char* name) { g_next.has_name = true; g_next.name = name; }
void SetNextChecked(bool checked) { g_next.has_checked = true; g_next.checked = checked; }
void SetNextText(bool multiline, bool password) {
  g_next.has_text = true;
  g_next.multiline = multiline;
  g_next.password = password;
}

void SetItemValue(ImGuiID id, const std::string& value) {
  for (Item& it : g_items)
    if (it.id == id) it.value = value;
}

void NewFrame() {
  g_items.clear();
  g_next = Pending();
  ImGui::GetCurrentContext()->TestEngineHookItems = true;
}

const std::vector<Item>& Items() { return g_items; }

const Item* Find(ImGuiID id) {
  for (const Item& it : g_items)
    if (it.id == id) return &it;
  return nullptr;
}

const Item* FindByName(Role role, const std::string& name) {
  for (const Item& it : g_items)
    if (it.role == role && it.name == name) return &it;
  return nullptr;
}

// "Save##settings" shows "Save"; "Save###id" too.
static std::string VisibleLabel(const char* label) {
  const char* end = ImGui::FindRenderedTextEnd(label);
  std::string s(label, end);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

// Called by ImGui for every item it adds, before clipping. A scrolled-out item
// never reaches OnItemInfo: what a widget said for it (SetNextRole, name...)
// must not stick to the next visible item (a clipped radio row would name the
// button below it).
static void OnItemAdd(ImGuiContext* ctx, ImGuiID, const ImRect& bb) {
  ImGuiWindow* window = ctx->CurrentWindow;
  if (window && !bb.Overlaps(window->ClipRect)) g_next = Pending();
}

// Called by ImGui for every visible interactive item, after its ItemAdd().
static void OnItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
  ImGuiContext& g = *ctx;
  // Windows (and the child window of a multiline field) report through the
  // same hook: not items, and they must not consume what the widget said.
  if (ImGui::FindWindowByID(id) != nullptr) return;
  ImGuiWindow* window = g.CurrentWindow;
  if (!window) return;
  Pending next = std::move(g_next);
  g_next = Pending();

  ImRect r = g.LastItemData.Rect;
  r.ClipWith(window->ClipRect);
  if (r.GetWidth() < 1.0f || r.GetHeight() < 1.0f) return;  // scrolled out of view

  Item it;
  it.id = id;
  if (next.has_role) it.role = next.role;
  else if (flags & ImGuiItemStatusFlags_Inputable) it.role = Role::TextBox;
  else if (flags & ImGuiItemStatusFlags_Checkable) it.role = Role::Checkbox;
  else if (flags & ImGuiItemStatusFlags_Openable) it.role = Role::TreeItem;
  it.name = next.has_name ? next.name : VisibleLabel(label ? label : "");
  it.x = r.Min.x;
  it.y = r.Min.y;
  it.w = r.GetWidth();
  it.h = r.GetHeight();
  ImGuiWindow* root = window->RootWindow;
  for (int i = 0; i < g.Windows.Size; i++)
    if (g.Windows[i] == root) it.layer = i;
  it.disabled = (g.LastItemData.InFlags & ImGuiItemFlags_Disabled) != 0;
  it.checked = next.has_checked ? next.checked : (flags & ImGuiItemStatusFlags_Checked) != 0;
  it.expanded = (flags & ImGuiItemStatusFlags_Opened) != 0;
  if (next.has_text) {
    it.role = Role::TextBox;
    it.multiline = next.multiline;
    it.password = next.password;
  }
  // One item per id: a widget may report twice (e.g. multiline text frames).
  for (Item& existing : g_items)
    if (existing.id == id) {
      existing = it;
      return;
    }
  g_items.push_back(std::move(it));
}

// Text is no ImGui item: these add the last drawn text by hand.
static void AddDrawnText(Role role, const char* prefix, const std::string& text) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  ImGuiWindow* window = g.CurrentWindow;
  if (!window || text.empty()) return;
  ImRect r = g.LastItemData.Rect;
  r.ClipWith(window->ClipRect);
  if (r.GetWidth() < 1.0f || r.GetHeight() < 1.0f) return;  // scrolled out of view
  Item it;
  it.id = window->GetID((prefix + text).c_str());
  it.role = role;
  it.name = text;
  it.x = r.Min.x;
  it.y = r.Min.y;
  it.w = r.GetWidth();
  it.h = r.GetHeight();
  ImGuiWindow* root = window->RootWindow;
  for (int i = 0; i < g.Windows.Size; i++)
    if (g.Windows[i] == root) it.layer = i;
  for (const Item& existing : g_items)
    if (existing.id == it.id) return;  // the same message twice in a window: once is enough
  g_items.push_back(std::move(it));
}

void AddStatus(const std::string& text) { AddDrawnText(Role::Status, "status:", text); }
void AddText(const std::string& text) { AddDrawnText(Role::Text, "text:", text); }

void SetDomFocus(ImGuiID id) { g_dom_focus = id; }

void DrawFocusRing() {
  if (!g_dom_focus) return;
  const Item* it = Find(g_dom_focus);
  if (!it || it->role == Role::TextBox) return;  // fields show their own caret
  ImU32 col = ImGui::GetColorU32(ImGuiCol_NavHighlight);
  ImGui::GetForegroundDrawList()->AddRect(ImVec2(it->x - 2, it->y - 2), ImVec2(it->x + it->w + 2, it->y + it->h + 2),
                                          col, 6.0f, 0, 2.5f);
}

static void AppendFloat(std::string& out, float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  out += buf;
}

std::string TakeDiff() {
  std::string out;
  std::unordered_map<ImGuiID, bool> seen;
  for (const Item& it : g_items) {
    seen[it.id] = true;
    auto old = g_sent.find(it.id);
    if (old != g_sent.end() && old->second == it) continue;
    if (!out.empty()) out += '\x1e';
    out += "U\x1f" + std::to_string(it.id) + '\x1f' + RoleName(it.role) + '\x1f' + it.name + '\x1f';
    AppendFloat(out, it.x); out += '\x1f';
    AppendFloat(out, it.y); out += '\x1f';
    AppendFloat(out, it.w); out += '\x1f';
    AppendFloat(out, it.h); out += '\x1f';
    out += std::to_string(it.layer) + '\x1f';
    if (it.disabled) out += 'd';
    if (it.checked) out += 'c';
    if (it.expanded) out += 'e';
    if (it.multiline) out += 'm';
    if (it.password) out += 'p';
    out += '\x1f';
    out += it.value;
    g_sent[it.id] = it;
  }
  for (auto i = g_sent.begin(); i != g_sent.end();) {
    if (seen.count(i->first)) { ++i; continue; }
    if (!out.empty()) out += '\x1e';
    out += "D\x1f" + std::to_string(i->first);
    i = g_sent.erase(i);
  }
  return out;
}

}  // namespace relais::mirror

// ImGui's test-engine hooks (IMGUI_ENABLE_TEST_ENGINE): the mirror is our test engine.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData*) {
  relais::mirror::OnItemAdd(ctx, id, bb);
}
void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags flags) {
  relais::mirror::OnItemInfo(ctx, id, label, flags);
}
void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
