// About: what Relais is, and the components it ships with their licences
// (the licences ask for their notices to travel with the app).
#include <string>

#include "imgui.h"
#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/widgets.h"

namespace relais {

static const char kMit[] =
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this software and "
    "associated documentation files (the \"Software\"), to deal in the Software without restriction, including "
    "without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell "
    "copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the "
    "following conditions:\n\nThe above copyright notice and this permission notice shall be included in all "
    "copies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF "
    "ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A "
    "PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY "
    "CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF "
    "OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.";

static const char kBsd3[] =
    "Redistribution and use in source and binary forms, with or without modification, are permitted provided "
    "that the following conditions are met:\n1. Redistributions of source code must retain the above copyright "
    "notice, this list of conditions and the following disclaimer.\n2. Redistributions in binary form must "
    "reproduce the above copyright notice, this list of conditions and the following disclaimer in the "
    "documentation and/or other materials provided with the distribution.\n3. Neither the name of the copyright "
    "holder nor the names of its contributors may be used to endorse or promote products derived from this "
    "software without specific prior written permission.\n\nTHIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS "
    "AND CONTRIBUTORS \"AS IS\" AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED "
    "WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE "
    "COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR "
    "CONSEQUENTIAL DAMAGES ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE "
    "POSSIBILITY OF SUCH DAMAGE.";

static const char kOfl[] =
    "This Font Software is licensed under the SIL Open Font License, Version 1.1. The fonts may be used, "
    "studied, modified and redistributed freely as long as they are not sold by themselves. The fonts, including "
    "any derivative works, can be bundled, embedded, redistributed and/or sold with any software provided that "
    "any reserved names are not used by derivative works. The font files shipped with Relais are subsets of "
    "Noto Sans and carry the full licence text in their metadata (name table, IDs 13 and 14).";

static const char kPublicDomain[] =
    "The author disclaims copyright to this source code. In place of a legal notice, here is a blessing: May you "
    "do good and not evil. May you find forgiveness for yourself and forgive others. May you share freely, never "
    "taking more than you give.";

struct Component {
  const char* name;
  const char* role_fr;
  const char* role_en;
  const char* licence;
  const char* copyright;
  const char* text;
};

static const Component kComponents[] = {
    {"Dear ImGui 1.90.1", "Interface graphique", "User interface", "MIT", "Copyright (c) 2014-2024 Omar Cornut", kMit},
    {"SQLite 3.46", "Base de données sur l’appareil", "On-device database", "Public domain", "D. Richard Hipp and contributors", kPublicDomain},
    {"Noto Sans", "Police de caractères", "Typeface", "SIL OFL 1.1", "Copyright 2022 The Noto Project Authors", kOfl},
    {"cereal 1.3.2", "Sérialisation", "Serialization", "BSD-3-Clause", "Copyright (c) 2013-2022, Randolph Voorhies, Shane Grant", kBsd3},
    {"RapidJSON", "Lecture du JSON", "JSON parsing", "MIT", "Copyright (C) 2015 THL A29 Limited, a Tencent company, and Milo Yip", kMit},
    {"cpp-httplib", "Serveur de synchronisation", "Sync server", "MIT", "Copyright (c) 2023 Yuji Hirose", kMit},
    {"Emscripten", "Compilation vers WebAssembly", "WebAssembly compiler", "MIT", "Copyright (c) 2010-2014 Emscripten authors", kMit},
};

void DrawAbout(AppState& app) {
  static bool open[sizeof kComponents / sizeof kComponents[0]] = {};
  ui::Paragraph(T(Msg::AboutText));
  std::string version = std::string(T(Msg::AppVersion)) + " " + app.version;
  if (!app.build.empty()) version += " (" + app.build + ")";
  ui::Muted(version.c_str());

  ui::SectionTitle(T(Msg::Licences));
  int i = 0;
  for (const Component& c : kComponents) {
    ImGui::PushID(i);
    ImGui::Separator();
    ImGui::Dummy(ImVec2(0, 4));
    ui::SectionTitle(c.name);
    ui::Paragraph(LabelValue(Msg::UsedFor, app.lang == Lang::Fr ? c.role_fr : c.role_en).c_str());
    ui::Paragraph(LabelValue(Msg::LicenceLabel, c.licence).c_str());
    ui::Muted(c.copyright);
    // The visible label changes with the state; the id stays (###).
    std::string label = LabelValue(open[i] ? Msg::HideLicence : Msg::ShowLicence, c.name) + "###lic";
    if (ui::Button(label.c_str())) open[i] = !open[i];
    if (open[i]) ui::Muted(c.text);
    ImGui::Dummy(ImVec2(0, 4));
    ImGui::PopID();
    i++;
  }
}

}  // namespace relais
