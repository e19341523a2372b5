// widgets.h — the few widgets every screen uses, on top of ImGui. Each one
// tells the accessibility mirror its role and name, and sizes itself for
// fingers on touch screens.
#pragma once
#include <string>
#include <vector>

#include "imgui.h"
#include "ui/i18n.h"

namespace relais {
enum class SaveState;  // ui/companies/advisor_data.h
}

namespace relais::ui {

bool Button(const char* label, float width = 0.0f);
// Buttons flow like words: call before a button that follows another, and it
// goes on the same line if it fits, else on the next (never off the side).
void SameLineIfFits(const char* next_label);
// A line of a list row drawn at pos in the current font, cut with "…" when
// wider than max_w (a long company name on a phone).
void RowLine(ImVec2 pos, float max_w, unsigned int color, const char* text);
// RowLine for a search snippet (core/search/snippet.h): the matching words,
// between its marks, in bold and the text colour, the rest in `color`.
void SnippetLine(ImVec2 pos, float max_w, unsigned int color, const std::string& marked);
bool PrimaryButton(const char* label, float width = 0.0f);
bool RadioOption(const char* label, bool active);
// An entry of the app's navigation: bottom tabs are centred, side entries not.
bool NavTab(const char* label, bool selected, ImVec2 size, bool centered);

struct TextFieldOptions {
  const char* hint = nullptr;
  bool multiline = false;
  bool password = false;
  float height = 0.0f;  // multiline only
  const char* help = nullptr;  // explanation between the label and the field
};
// A labelled text field (label above, full width). Editing goes through a DOM
// input on the web (ui/text_sync.h); returns true when the text changed.
bool TextField(const char* label, std::string* value, const TextFieldOptions& options = {});

// A labelled choice, label above: a button showing the current item, named
// "Label : item" for the mirror, opens the items as radio rows (named as the
// items). ImGui's own combo reports no item to the mirror, so every choice in
// the app is this one. width <= 0: the line's width minus -width. Returns the
// index chosen this frame, or -1.
int Picker(const char* label, int current, const std::vector<std::string>& items, float width);

void Title(const char* text);
void SectionTitle(const char* text);
void Paragraph(const char* text);      // wrapped body text
void Muted(const char* text);          // wrapped secondary text
void StatusText(const char* text, unsigned int color);

// What a screen says of a row's save state; the app's usual words by default.
struct SaveStateWords {
  Msg saved = Msg::SavedOnDevice;  // waiting in the outbox, on the disk
  Msg synced = Msg::Synced;
  Msg rejected = Msg::RejectedByServer;
  bool saved_muted = false;  // grey, not green: forms that do not follow the write's commit
};
// The save state as a status line ("Saving…" muted, refused in red); reason:
// the server's: "Refusé par le serveur : <reason>" instead of words.rejected.
void SaveStateLine(SaveState state, const std::string& reason, const SaveStateWords& words = {});

// How many times each button (by accessible name) was activated: lets tests
// check that one tap is exactly one click.
int Activations(const std::string& name);

}  // namespace relais::ui
