// theme.h — fonts, colours and sizes. Sizes are CSS pixels; fonts are
// rasterised at devicePixelRatio so text stays crisp, then scaled back.
#pragma once

struct ImFont;

namespace relais::theme {

struct Fonts { ImFont* body = nullptr; ImFont* bold = nullptr; ImFont* title = nullptr; };

// Body text is 16 CSS px (the phone minimum for comfortable reading).
constexpr float kBodyPx = 16.0f;
constexpr float kTitlePx = 22.0f;
constexpr float kTouchTarget = 44.0f;  // minimum height of anything tappable on touch screens

// A font file in memory, which must outlive ImGui's atlas (the web client's
// are compiled in: src/platform/embed_fonts.cmake).
struct FontData {
  const unsigned char* bytes;
  unsigned int size;
};
// Loads Noto Sans regular/bold for this pixel ratio (with the glyphs French
// needs: é è ê à ç ô œ « » – — … € ’). Returns false and keeps ImGui's
// default font if they cannot be read.
bool LoadFonts(FontData regular, FontData bold, float dpr);
const Fonts& GetFonts();

// Paddings and colours; `touch` makes every frame at least kTouchTarget tall.
void ApplyStyle(bool touch);

// Colours used outside ImGui's style (nav bars, chips).
unsigned int ColPrimary();
unsigned int ColPrimaryText();
unsigned int ColMuted();
unsigned int ColBar();
unsigned int ColSuccess();
unsigned int ColDanger();

}  // namespace relais::theme
