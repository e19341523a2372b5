#include "ui/theme.h"

#include <string>

#include "imgui.h"

namespace relais::theme {

static Fonts g_fonts;

// Latin, Latin-1 (« »), Latin Extended-A (œ Œ), the general punctuation
// French text uses (spaces, the narrow no-break space, – — ‘ ’ “ ” • … ‰ ′ ″
// ‹ › ⁄), the euro sign, arrows and the minus sign. The font files are subset
// to the same ranges at build time (src/platform/CMakeLists.txt).
static const ImWchar kRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x017F, 0x2000, 0x2027, 0x202F, 0x2030, 0x2032, 0x2033, 0x2039, 0x203A,
    0x2044, 0x2044, 0x20AC, 0x20AC, 0x2190, 0x2193, 0x2212, 0x2212, 0,
};

bool LoadFonts(FontData regular, FontData bold, float dpr) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig cfg;
  cfg.OversampleH = 1;  // rasterised at the real pixel size: no oversampling needed
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  cfg.FontDataOwnedByAtlas = false;  // ImGui would free the caller's bytes
  auto add = [&](FontData f, float px) {
    return f.bytes ? io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(f.bytes), static_cast<int>(f.size),
                                                     px * dpr, &cfg, kRanges)
                   : nullptr;
  };
  g_fonts.body = add(regular, kBodyPx);
  g_fonts.bold = g_fonts.body ? add(bold, kBodyPx) : nullptr;
  g_fonts.title = g_fonts.bold ? add(bold, kTitlePx) : nullptr;
  if (!g_fonts.body || !g_fonts.bold || !g_fonts.title) {
    io.Fonts->Clear();
    ImFontConfig def;
    def.SizePixels = kBodyPx * dpr;
    ImFont* f = io.Fonts->AddFontDefault(&def);
    g_fonts = Fonts{f, f, f};
    io.FontGlobalScale = 1.0f / dpr;
    return false;
  }
  io.FontDefault = g_fonts.body;
  io.FontGlobalScale = 1.0f / dpr;  // the atlas is in device pixels, layout in CSS pixels
  return true;
}

const Fonts& GetFonts() { return g_fonts; }

unsigned int ColPrimary() { return IM_COL32(0x1d, 0x4e, 0x89, 255); }
unsigned int ColPrimaryText() { return IM_COL32(255, 255, 255, 255); }
unsigned int ColMuted() { return IM_COL32(0x5b, 0x64, 0x70, 255); }
unsigned int ColBar() { return IM_COL32(255, 255, 255, 255); }
unsigned int ColSuccess() { return IM_COL32(0x1e, 0x7b, 0x45, 255); }
unsigned int ColDanger() { return IM_COL32(0xb0, 0x24, 0x1c, 255); }

void ApplyStyle(bool touch) {
  ImGuiStyle& s = ImGui::GetStyle();
  s = ImGuiStyle();
  ImGui::StyleColorsLight(&s);
  s.WindowRounding = 0;
  s.ChildRounding = 0;  // children are the app's panes and bars
  s.FrameRounding = 6;
  s.PopupRounding = 6;
  s.GrabRounding = 6;
  s.WindowBorderSize = 0;
  s.FrameBorderSize = 1;
  s.WindowPadding = ImVec2(16, 16);
  s.ItemSpacing = ImVec2(10, touch ? 12 : 8);
  s.ItemInnerSpacing = ImVec2(8, 6);
  // Frame height = font size (16 px) + 2 * padding: 44 px on touch screens.
  s.FramePadding = ImVec2(12, touch ? 14.0f : 7.0f);
  s.ScrollbarSize = touch ? 6 : 12;  // fingers scroll the content, not the bar
  s.ScrollbarRounding = 3;
  s.TouchExtraPadding = touch ? ImVec2(4, 4) : ImVec2(0, 0);

  ImVec4* c = s.Colors;
  const ImVec4 primary(0x1d / 255.f, 0x4e / 255.f, 0x89 / 255.f, 1);
  c[ImGuiCol_Text] = ImVec4(0.106f, 0.122f, 0.141f, 1);
  c[ImGuiCol_TextDisabled] = ImVec4(0.42f, 0.45f, 0.49f, 1);
  c[ImGuiCol_WindowBg] = ImVec4(0.965f, 0.969f, 0.976f, 1);
  c[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_PopupBg] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_Border] = ImVec4(0.80f, 0.82f, 0.85f, 1);
  c[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.93f, 0.95f, 0.98f, 1);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.90f, 0.93f, 0.97f, 1);
  c[ImGuiCol_Button] = ImVec4(0.91f, 0.93f, 0.96f, 1);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.85f, 0.89f, 0.95f, 1);
  c[ImGuiCol_ButtonActive] = ImVec4(0.78f, 0.84f, 0.93f, 1);
  c[ImGuiCol_Header] = ImVec4(0.88f, 0.92f, 0.97f, 1);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.84f, 0.89f, 0.96f, 1);
  c[ImGuiCol_HeaderActive] = ImVec4(0.78f, 0.85f, 0.94f, 1);
  c[ImGuiCol_CheckMark] = primary;
  c[ImGuiCol_SliderGrab] = primary;
  c[ImGuiCol_PlotHistogram] = primary;
  c[ImGuiCol_TextSelectedBg] = ImVec4(0.70f, 0.80f, 0.95f, 1);
  c[ImGuiCol_NavHighlight] = primary;
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
}

}  // namespace relais::theme
