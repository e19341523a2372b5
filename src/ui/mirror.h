// mirror.h — the interactive items ImGui drew this frame, for the DOM mirror.
//
// ImGui draws everything into one canvas, so browsers, screen readers and test
// drivers see nothing. ImGui's test-engine hooks report every item it submits
// (id, rectangle, label, status); we keep this frame's list and the platform
// layer turns the differences from the previous frame into invisible DOM
// elements placed over the items (see shell/relais.js).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

typedef unsigned int ImGuiID;

namespace relais::mirror {

enum class Role : uint8_t { Button, Link, Checkbox, Radio, TextBox, Tab, MenuItem, Option, ComboBox, TreeItem, Slider, Status, Text };
const char* RoleName(Role role);  // the ARIA role

struct Item {
  ImGuiID id = 0;
  Role role = Role::Button;
  std::string name;          // accessible name: the visible label unless overridden
  float x = 0, y = 0, w = 0, h = 0;  // visible part, in CSS pixels
  int layer = 0;             // stacking order of the item's window (higher is on top)
  bool disabled = false;
  bool checked = false;      // checkbox, radio, selected tab or row
  bool expanded = false;     // combo, tree node
  bool multiline = false;    // textbox
  bool password = false;     // textbox
  std::string value;         // textbox text (UTF-8)
  bool operator==(const Item& o) const;
  bool operator!=(const Item& o) const { return !(*this == o); }
};

// Widgets whose ImGui status flags do not tell their role (tabs, radios, rows)
// or whose visible label is drawn apart from them (a field with its label above)
// say so just before submitting the item.
void SetNextRole(Role role);
void SetNextName(const char* name);
void SetNextChecked(bool checked);
void SetNextText(bool multiline, bool password);
// A text field's value, known only after its widget ran (edits apply inside).
void SetItemValue(ImGuiID id, const std::string& value);
// The text just drawn is a status message ("Saved on this device", a field's
// error): mirrored with role "status" and the text as its name, so screen
// readers and tests read it. Text is no ImGui item, hence this call.
void AddStatus(const std::string& text);
// The text just drawn is content to read (a note, a referral's message, a
// member's details): mirrored as a paragraph whose content is the text, so a
// screen reader reads the whole screen, not only its controls.
void AddText(const std::string& text);

void NewFrame();  // call right after ImGui::NewFrame()
const std::vector<Item>& Items();
const Item* Find(ImGuiID id);
const Item* FindByName(Role role, const std::string& name);  // for tests

// Keyboard users move through the page's elements with Tab: ImGui does not
// know, so the element holding the DOM focus gets a ring drawn around it.
void SetDomFocus(ImGuiID id);  // 0: none
void DrawFocusRing();          // after the app drew its frame, before Render()

// Differences from the previous call, encoded for the page: one record per
// changed or new item, one per removed item; empty when nothing changed.
// Records are separated by '\x1e' and fields by '\x1f':
//   U id role name x y w h layer flags value      (flags: d c e m p letters)
//   D id
std::string TakeDiff();

}  // namespace relais::mirror
