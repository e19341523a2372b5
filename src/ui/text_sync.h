// text_sync.h — a DOM text input is the editing engine behind each ImGui field.
//
// Phones only open their keyboard for a focused DOM input, and IME, dead keys,
// dictation, autocorrect and paste only reach one. So while a field is active
// the page's (invisible) input owns the text: every change there arrives here as
// the whole new value plus selection, and the field takes it as is. Pointer
// clicks still place ImGui's caret; that selection goes back to the DOM input.
// Offsets cross the boundary in UTF-16 units, as JavaScript counts them.
#pragma once
#include <cstdint>
#include <string>

typedef unsigned int ImGuiID;
struct ImGuiInputTextCallbackData;

namespace relais::textsync {

// From the page.
void ExternalEdit(ImGuiID id, uint32_t seq, const std::string& value, uint32_t sel_start, uint32_t sel_end);
void RequestFocus(ImGuiID id);  // the DOM input got focus: activate the ImGui field
void Blurred(ImGuiID id);       // the DOM input lost focus: deactivate the field

// From the frame loop.
void NewFrame();  // after ImGui::NewFrame: runs pending activations
// The field's InputText callback (ImGuiInputTextFlags_CallbackAlways).
int FieldCallback(ImGuiInputTextCallbackData* data, ImGuiID id);

// What the page needs to follow ImGui: the active field (or the one being
// activated), the last edit applied, its text and selection. Returns an
// encoded record "F id seq selstart selend" when it changed since last time,
// else "".
std::string TakeFocusRecord();
ImGuiID ActiveField();

}  // namespace relais::textsync
