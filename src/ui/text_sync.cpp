#include "ui/text_sync.h"

#include <unordered_map>

#include "core/text.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace relais::textsync {

struct Edit {
  uint32_t seq = 0;
  std::string value;
  uint32_t sel_start = 0, sel_end = 0;
};

struct Active {
  ImGuiID id = 0;
  uint32_t seq = 0;  // last edit from the page applied to this field
  uint32_t sel_start = 0, sel_end = 0;
  bool operator!=(const Active& o) const {
    return id != o.id || seq != o.seq || sel_start != o.sel_start || sel_end != o.sel_end;
  }
};

static std::unordered_map<ImGuiID, Edit> g_pending;
static ImGuiID g_focus_request = 0;
static int g_focus_request_frames = 0;
static bool g_focus_requested_from_imgui = false;
static Active g_active, g_sent;
static uint32_t g_applied_seq = 0;

void ExternalEdit(ImGuiID id, uint32_t seq, const std::string& value, uint32_t sel_start, uint32_t sel_end) {
  if (!IsValidUtf8(value)) return;  // the page only sends what a DOM input holds
  Edit& e = g_pending[id];
  e.seq = seq;
  e.value = value;
  e.sel_start = sel_start;
  e.sel_end = sel_end;
}

void RequestFocus(ImGuiID id) {
  g_focus_request = id;
  g_focus_request_frames = 0;
  g_focus_requested_from_imgui = false;
}

void Blurred(ImGuiID id) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (g_focus_request == id) g_focus_request = 0;
  if (g.NavNextActivateId == id) g.NavNextActivateId = 0;  // an activation still queued
  if (g.ActiveId == id) ImGui::ClearActiveID();
}

void NewFrame() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (g_focus_request == 0) return;
  if (g.ActiveId == g_focus_request || ++g_focus_request_frames > 4) {
    g_focus_request = 0;  // done, or the field is gone
    return;
  }
  if (g_focus_requested_from_imgui) return;  // queued: the field takes it when submitted
  // PreferInput makes InputText take the activation as a request to edit.
  ImGui::ActivateItemByID(g_focus_request);
  g.NavNextActivateFlags = ImGuiActivateFlags_PreferInput | ImGuiActivateFlags_TryToPreserveState;
  g_focus_requested_from_imgui = true;
}

int FieldCallback(ImGuiInputTextCallbackData* d, ImGuiID id) {
  if (d->EventFlag != ImGuiInputTextFlags_CallbackAlways) return 0;
  auto it = g_pending.find(id);
  if (it != g_pending.end()) {
    const Edit& e = it->second;
    if (std::string(d->Buf, (size_t)d->BufTextLen) != e.value) {
      d->DeleteChars(0, d->BufTextLen);
      d->InsertChars(0, e.value.c_str(), e.value.c_str() + e.value.size());
    }
    std::string_view text(d->Buf, (size_t)d->BufTextLen);
    d->SelectionStart = (int)Utf16ToByteOffset(text, e.sel_start);
    d->SelectionEnd = (int)Utf16ToByteOffset(text, e.sel_end);
    d->CursorPos = d->SelectionEnd;
    g_applied_seq = e.seq;
    g_pending.erase(it);
  }
  std::string_view text(d->Buf, (size_t)d->BufTextLen);
  int lo = d->SelectionStart < d->SelectionEnd ? d->SelectionStart : d->SelectionEnd;
  int hi = d->SelectionStart < d->SelectionEnd ? d->SelectionEnd : d->SelectionStart;
  if (lo == hi) lo = hi = d->CursorPos;
  g_active.id = id;
  g_active.seq = g_applied_seq;
  g_active.sel_start = (uint32_t)ByteToUtf16Offset(text, (size_t)lo);
  g_active.sel_end = (uint32_t)ByteToUtf16Offset(text, (size_t)hi);
  return 0;
}

ImGuiID ActiveField() { return g_active.id ? g_active.id : g_focus_request; }

std::string TakeFocusRecord() {
  // The field called FieldCallback this frame only if it is active.
  Active now = g_active;
  if (now.id == 0) now.id = g_focus_request;
  g_active = Active();
  // Edits for fields that are no longer active are dropped: the field's own
  // value, mirrored to the page, is the truth again.
  for (auto i = g_pending.begin(); i != g_pending.end();)
    i = (i->first == now.id) ? std::next(i) : g_pending.erase(i);
  if (!(now != g_sent)) return "";
  g_sent = now;
  return "F\x1f" + std::to_string(now.id) + "\x1f" + std::to_string(now.seq) + "\x1f" +
         std::to_string(now.sel_start) + "\x1f" + std::to_string(now.sel_end);
}

}  // namespace relais::textsync
