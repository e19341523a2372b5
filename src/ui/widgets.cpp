#include "ui/widgets.h"

#include <algorithm>
#include <unordered_map>

#include "core/search/snippet.h"
#include "imgui_internal.h"
#include "imgui_stdlib.h"
#include "ui/companies/advisor_data.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/text_sync.h"
#include "ui/theme.h"

namespace relais::ui {

static std::unordered_map<std::string, int> g_activations;

static bool Counted(const char* label, bool pressed) {
  if (pressed) g_activations[std::string(label, ImGui::FindRenderedTextEnd(label))]++;
  return pressed;
}

int Activations(const std::string& name) {
  auto it = g_activations.find(name);
  return it == g_activations.end() ? 0 : it->second;
}

void SameLineIfFits(const char* next_label) {
  const ImGuiStyle& st = ImGui::GetStyle();
  float w = ImGui::CalcTextSize(next_label, nullptr, true).x + st.FramePadding.x * 2;
  float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + st.ItemSpacing.x + w <= right) ImGui::SameLine();
}

void RowLine(ImVec2 pos, float max_w, unsigned int color, const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  const float right = pos.x + max_w;
  ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), pos, ImVec2(right, pos.y + ImGui::GetTextLineHeight()), right,
                            right, text, nullptr, nullptr);
  ImGui::PopStyleColor();
}

void SnippetLine(ImVec2 pos, float max_w, unsigned int color, const std::string& marked) {
  ImFont* regular = ImGui::GetFont();
  ImFont* bold = theme::GetFonts().bold ? theme::GetFonts().bold : regular;
  const float size = ImGui::GetFontSize();
  const unsigned int strong = ImGui::GetColorU32(ImGuiCol_Text);
  // The runs: text between marks is a match.
  struct Run {
    const char *begin, *end;
    bool match;
  };
  std::vector<Run> runs;
  bool match = false;
  const char* at = marked.c_str();
  for (const char* p = at;; p++) {
    if (*p == search::kMarkBegin || *p == search::kMarkEnd || *p == 0) {
      if (p > at) runs.push_back({at, p, match});
      if (*p == 0) break;
      match = *p == search::kMarkBegin;
      at = p + 1;
    }
  }
  auto width_of = [&](const Run& r) {
    return (r.match ? bold : regular)->CalcTextSizeA(size, FLT_MAX, 0, r.begin, r.end).x;
  };
  auto total_width = [&] {
    float w = 0;
    for (const Run& r : runs) w += width_of(r);
    return w;
  };
  const float ellipsis_w = regular->CalcTextSizeA(size, FLT_MAX, 0, search::kEllipsis).x;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float x = pos.x;
  // On a narrow row the first match may fall past the end: the text before
  // it is then cut at a space, leaving about a quarter of the row before it.
  if (total_width() > max_w && runs.size() > 1 && !runs[0].match &&
      width_of(runs[0]) + width_of(runs[1]) > max_w - 2 * ellipsis_w) {
    const float keep = max_w / 4;
    const char* from = runs[0].end;
    for (const char* p = runs[0].end; p > runs[0].begin; p--)
      if (p[-1] == ' ') {
        if (regular->CalcTextSizeA(size, FLT_MAX, 0, p, runs[0].end).x > keep) break;
        from = p;
      }
    runs[0].begin = from;
    dl->AddText(regular, size, pos, color, search::kEllipsis);
    x += ellipsis_w;
  }
  const bool cut = x - pos.x + total_width() > max_w;
  const float right = pos.x + max_w - (cut ? ellipsis_w : 0);
  for (const Run& r : runs) {
    ImFont* f = r.match ? bold : regular;
    const char* end = r.end;
    if (x >= right) break;
    float w = f->CalcTextSizeA(size, right - x, 0, r.begin, r.end, &end).x;
    dl->AddText(f, size, ImVec2(x, pos.y), r.match ? strong : color, r.begin, end);
    x += w;
    if (end != r.end) break;
  }
  if (cut) dl->AddText(regular, size, ImVec2(x, pos.y), color, search::kEllipsis);
}

bool Button(const char* label, float width) {
  return Counted(label, ImGui::Button(label, ImVec2(width, 0)));
}

bool PrimaryButton(const char* label, float width) {
  ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(theme::ColPrimary()));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.16f, 0.37f, 0.62f, 1));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(0.09f, 0.24f, 0.43f, 1));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  bool pressed = Counted(label, ImGui::Button(label, ImVec2(width, 0)));
  ImGui::PopStyleColor(4);
  return pressed;
}

bool RadioOption(const char* label, bool active) {
  std::string name(label, ImGui::FindRenderedTextEnd(label));
  mirror::SetNextRole(mirror::Role::Radio);
  mirror::SetNextChecked(active);
  mirror::SetNextName(name.c_str());
  // A full-width selectable row is an easier target than ImGui's small circle.
  ImGuiStyle& s = ImGui::GetStyle();
  float h = ImGui::GetFrameHeight();
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(label);
  bool pressed = ImGui::Selectable("##radio", active, 0, ImVec2(0, h));
  ImGui::PopID();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float r = h * 0.25f;
  ImVec2 c(pos.x + s.FramePadding.x + r, pos.y + h * 0.5f);
  dl->AddCircle(c, r, ImGui::GetColorU32(ImGuiCol_Border), 0, 1.5f);
  if (active) dl->AddCircleFilled(c, r * 0.55f, theme::ColPrimary());
  dl->AddText(ImVec2(c.x + r + s.ItemInnerSpacing.x * 1.5f, pos.y + (h - ImGui::GetTextLineHeight()) * 0.5f),
              ImGui::GetColorU32(ImGuiCol_Text), label, ImGui::FindRenderedTextEnd(label));
  return Counted(label, pressed);
}

bool NavTab(const char* label, bool selected, ImVec2 size, bool centered) {
  std::string name(label, ImGui::FindRenderedTextEnd(label));
  mirror::SetNextRole(mirror::Role::Tab);
  mirror::SetNextChecked(selected);
  mirror::SetNextName(name.c_str());
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(label);
  ImGui::PushStyleColor(ImGuiCol_Header, ImVec4(0.91f, 0.94f, 0.98f, 1));
  bool pressed = ImGui::Selectable("##tab", selected, 0, size);
  ImGui::PopStyleColor();
  ImGui::PopID();
  // Selected: an accent bar on the side (vertical nav) or on top (bottom tabs).
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 max = ImGui::GetItemRectMax();
  if (selected) {
    if (centered) dl->AddRectFilled(pos, ImVec2(max.x, pos.y + 3), theme::ColPrimary());
    else dl->AddRectFilled(pos, ImVec2(pos.x + 4, max.y), theme::ColPrimary(), 2);
  }
  ImFont* font = selected ? theme::GetFonts().bold : theme::GetFonts().body;
  ImGui::PushFont(font);
  ImVec2 ts = ImGui::CalcTextSize(name.c_str());
  // A bottom tab narrower than its label draws it smaller (never below 12
  // px) rather than over its neighbours.
  float font_size = ImGui::GetFontSize();
  const float room = max.x - pos.x - 8;
  if (centered && ts.x > room) {
    float scaled = font_size * room / ts.x;
    font_size = scaled < 12 ? 12 : scaled;
    ts = ImVec2(ts.x * font_size / ImGui::GetFontSize(), ts.y * font_size / ImGui::GetFontSize());
  }
  ImVec2 tp(centered ? pos.x + (max.x - pos.x - ts.x) * 0.5f : pos.x + 16, pos.y + (max.y - pos.y - ts.y) * 0.5f);
  dl->AddText(font, font_size, tp, selected ? theme::ColPrimary() : ImGui::GetColorU32(ImGuiCol_Text), name.c_str());
  ImGui::PopFont();
  return Counted(label, pressed);
}

static int FieldCallback(ImGuiInputTextCallbackData* d) {
  return textsync::FieldCallback(d, *(ImGuiID*)d->UserData);
}

bool TextField(const char* label, std::string* value, const TextFieldOptions& o) {
  std::string name(label, ImGui::FindRenderedTextEnd(label));
  ImGui::TextUnformatted(name.c_str());
  if (o.help && *o.help) Muted(o.help);
  ImGui::PushID(label);
  ImGuiID id = ImGui::GetID("##field");
  mirror::SetNextName(name.c_str());
  mirror::SetNextText(o.multiline, o.password);
  ImGuiInputTextFlags flags = ImGuiInputTextFlags_CallbackAlways;
  if (o.password) flags |= ImGuiInputTextFlags_Password;
  bool changed;
  if (o.multiline) {
    float h = o.height > 0 ? o.height : ImGui::GetTextLineHeight() * 5 + ImGui::GetStyle().FramePadding.y * 2;
    changed = ImGui::InputTextMultiline("##field", value, ImVec2(-FLT_MIN, h), flags, FieldCallback, &id);
  } else {
    ImGui::SetNextItemWidth(-FLT_MIN);
    changed = ImGui::InputTextWithHint("##field", o.hint ? o.hint : "", value, flags, FieldCallback, &id);
  }
  // A password is never copied into the page's mirror: only its length (what
  // the screen shows as dots), so the page can tell when the app cleared it.
  mirror::SetItemValue(id, o.password ? std::string(value->size(), '*') : *value);
  // A phone's keyboard shrinks the screen under the field being edited: keep
  // that field in view when the display height changes.
  static float last_height = 0;
  float height = ImGui::GetIO().DisplaySize.y;
  if (ImGui::IsItemActive() && last_height != 0 && height != last_height) ImGui::ScrollToItem(ImGuiScrollFlags_KeepVisibleEdgeY);
  if (ImGui::IsItemActive() || last_height == 0) last_height = height;
  ImGui::PopID();
  return changed;
}

// "Label : value", with French spacing.
static std::string Colon(const std::string& label, const std::string& value) {
  return label + (CurrentLang() == Lang::Fr ? "\xC2\xA0: " : ": ") + value;
}

int Picker(const char* label, int current, const std::vector<std::string>& items, float width) {
  // The label drawn at the top of the line: a Text item placed SameLine after
  // a framed one would sit lower by the frame's padding, and two pickers side
  // by side would not line up.
  const ImVec2 lp = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddText(lp, ImGui::GetColorU32(ImGuiCol_Text), label);
  ImGui::Dummy(ImVec2(ImGui::CalcTextSize(label).x, ImGui::GetTextLineHeight()));
  mirror::AddText(label);
  if (current < 0 || current >= (int)items.size()) current = 0;
  if (width <= 0) width = std::max(ImGui::GetContentRegionAvail().x + width, 40.0f);  // -FLT_MIN: the whole line
  const std::string shown = items.empty() ? "" : items[(size_t)current];
  const std::string name = Colon(label, shown);
  ImGui::PushID(label);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetFrameHeight();
  mirror::SetNextName(name.c_str());
  const bool open = ImGui::Button("##picker", ImVec2(width, h));
  // The current item (cut with "…" when too long) and a chevron.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImGuiStyle& st = ImGui::GetStyle();
  const float chevron = h * 0.25f;
  const float text_right = pos.x + width - st.FramePadding.x - chevron * 2 - 6;
  RowLine(ImVec2(pos.x + st.FramePadding.x, pos.y + (h - ImGui::GetTextLineHeight()) * 0.5f),
          text_right - pos.x - st.FramePadding.x, ImGui::GetColorU32(ImGuiCol_Text), shown.c_str());
  const ImVec2 c(pos.x + width - st.FramePadding.x - chevron, pos.y + h * 0.5f);
  dl->AddTriangleFilled(ImVec2(c.x - chevron, c.y - chevron * 0.5f), ImVec2(c.x + chevron, c.y - chevron * 0.5f),
                        ImVec2(c.x, c.y + chevron * 0.6f), theme::ColMuted());
  if (open) ImGui::OpenPopup("##list");

  // Below the button, or above it when there is more room there.
  const float row_h = ImGui::GetFrameHeight() + st.ItemSpacing.y;
  const float want = row_h * (float)items.size() + st.WindowPadding.y * 2;
  const float display_h = ImGui::GetIO().DisplaySize.y;
  const float below = display_h - (pos.y + h) - 8, above = pos.y - 8;
  const bool up = want > below && above > below;
  const float max_h = std::max(row_h * 3, up ? above : below);
  const float popup_h = std::min(want, max_h);
  ImGui::SetNextWindowPos(ImVec2(pos.x, up ? pos.y - popup_h : pos.y + h));
  ImGui::SetNextWindowSize(ImVec2(std::max(width, 280.0f), popup_h));
  int chosen = -1;
  if (ImGui::BeginPopup("##list")) {
    // Radio rows, a long name cut with "…" (the mirror has it whole).
    const float rh = ImGui::GetFrameHeight();
    for (size_t i = 0; i < items.size(); i++) {
      ImGui::PushID((int)i);
      const bool on = (int)i == current;
      mirror::SetNextRole(mirror::Role::Radio);
      mirror::SetNextChecked(on);
      mirror::SetNextName(items[i].c_str());
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const float row_w = ImGui::GetContentRegionAvail().x;
      if (ImGui::Selectable("##option", on, 0, ImVec2(0, rh))) {
        chosen = (int)i;
        ImGui::CloseCurrentPopup();
      }
      const float r = rh * 0.25f;
      const ImVec2 dot(p.x + st.FramePadding.x + r, p.y + rh * 0.5f);
      ImDrawList* pl = ImGui::GetWindowDrawList();
      pl->AddCircle(dot, r, ImGui::GetColorU32(ImGuiCol_Border), 0, 1.5f);
      if (on) pl->AddCircleFilled(dot, r * 0.55f, theme::ColPrimary());
      const float tx = dot.x + r + st.ItemInnerSpacing.x * 1.5f;
      RowLine(ImVec2(tx, p.y + (rh - ImGui::GetTextLineHeight()) * 0.5f), p.x + row_w - tx - 4,
              ImGui::GetColorU32(ImGuiCol_Text), items[i].c_str());
      ImGui::PopID();
    }
    ImGui::EndPopup();
  }
  ImGui::PopID();
  return chosen;
}

void Title(const char* text) {
  ImGui::PushFont(theme::GetFonts().title);
  ImGui::TextWrapped("%s", text);
  ImGui::PopFont();
}

void SectionTitle(const char* text) {
  ImGui::Dummy(ImVec2(0, 4));
  ImGui::PushFont(theme::GetFonts().bold);
  ImGui::TextWrapped("%s", text);
  ImGui::PopFont();
}

void Paragraph(const char* text) {
  ImGui::TextWrapped("%s", text);
  mirror::AddText(text);
}

void Muted(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::ColMuted()));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
  mirror::AddText(text);
}

void StatusText(const char* text, unsigned int color) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
  mirror::AddStatus(text);
}

void SaveStateLine(SaveState state, const std::string& reason, const SaveStateWords& words) {
  switch (state) {
    case SaveState::Saving: StatusText(T(Msg::Saving), theme::ColMuted()); break;
    case SaveState::SavedOnDevice:
      StatusText(T(words.saved), words.saved_muted ? theme::ColMuted() : theme::ColSuccess());
      break;
    case SaveState::Synced: StatusText(T(words.synced), theme::ColSuccess()); break;
    case SaveState::Rejected: {
      // The server's reason, when there is one, says more than the screen's
      // words (some of which send the user to the Synchro screen for it).
      const std::string text = reason.empty() ? T(words.rejected) : LabelValue(Msg::RejectedByServer, reason);
      StatusText(text.c_str(), theme::ColDanger());
      break;
    }
  }
}

}  // namespace relais::ui
