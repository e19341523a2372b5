// Settings / About this device: language, server address, storage, version.
#include <string>

#include "imgui.h"
#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/platform.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

static std::string Trimmed(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// An address the client can sync with: http(s)://host[:port][/path].
static bool ValidServerAddress(const std::string& s) {
  size_t scheme = s.rfind("https://", 0) == 0 ? 8 : s.rfind("http://", 0) == 0 ? 7 : 0;
  if (scheme == 0 || s.size() == scheme) return false;
  return s.find_first_of(" \t\"<>\\") == std::string::npos;
}

static void SaveServer(AppState& app) {
  std::string value = Trimmed(app.server_edit);
  if (!ValidServerAddress(value)) {
    app.settings_message = T(Msg::InvalidServer);
    app.settings_message_error = true;
    return;
  }
  app.server_edit = value;
  app.server_address = value;
  platform::SavePref("server", value);
  app.settings_message = T(Msg::Saved);
  app.settings_message_error = false;
}

std::string DiagnosticsText(const AppState& app) {
  char buf[512];
  snprintf(buf, sizeof buf,
           "Relais %s (%s)\nserver: %s\nscreen: %.0fx%.0f CSS px, devicePixelRatio %.2f, %s\nlang: %s, %s, %s",
           app.version.c_str(), app.build.empty() ? "dev" : app.build.c_str(), app.server_address.c_str(),
           app.device.width, app.device.height, app.device.dpr, app.device.touch ? "touch" : "mouse",
           LangCode(app.lang), app.online ? "online" : "offline", app.offline_ready ? "offline-ready" : "not offline-ready");
  return buf;
}

void DrawSettings(AppState& app) {
  ui::SectionTitle(T(Msg::Language));
  if (ui::RadioOption(T(Msg::LangFrench), app.lang == Lang::Fr)) {
    app.lang = Lang::Fr;
    platform::SavePref("lang", "fr");
  }
  if (ui::RadioOption(T(Msg::LangEnglish), app.lang == Lang::En)) {
    app.lang = Lang::En;
    platform::SavePref("lang", "en");
  }

  ui::SectionTitle(T(Msg::Network));
  ui::TextFieldOptions opt;
  opt.hint = "https://relais.example.org";
  ui::TextField(T(Msg::ServerAddress), &app.server_edit, opt);
  ui::Muted(T(Msg::ServerAddressHelp));
  if (ui::PrimaryButton(T(Msg::Save))) SaveServer(app);
  if (!app.settings_message.empty())
    ui::StatusText(app.settings_message.c_str(), app.settings_message_error ? theme::ColDanger() : theme::ColSuccess());

  ui::SectionTitle(T(Msg::Storage));
  if (app.storage_used >= 0) {
    std::string amount = FormatBytes((uint64_t)app.storage_used, app.lang);
    if (app.storage_quota > 0)
      amount += std::string(" ") + T(Msg::StorageOf) + " " + FormatBytes((uint64_t)app.storage_quota, app.lang);
    std::string used = LabelValue(Msg::StorageUsed, amount);
    ui::Paragraph(used.c_str());
    if (app.storage_quota > 0) {
      float frac = (float)((double)app.storage_used / (double)app.storage_quota);
      ImGui::ProgressBar(frac < 0.01f && app.storage_used > 0 ? 0.01f : frac, ImVec2(-FLT_MIN, 8), "");
    }
  } else {
    ui::Muted(T(Msg::StorageUnknown));
  }
  ui::Muted(T(app.offline_ready ? Msg::OfflineReady : Msg::OfflineNotYet));
  if (app.local.state == LocalDataState::Ready) {
    ui::Muted(T(Msg::DataReady));
    if (app.local.bytes_last_commit > 0)
      ui::Muted(LabelValue(Msg::LastCommitSize, FormatBytes(app.local.bytes_last_commit, app.lang)).c_str());
  } else if (app.local.state == LocalDataState::Loading) {
    ui::Muted(T(Msg::DataLoading));
  }

  ui::SectionTitle(T(Msg::Version));
  std::string version = std::string(T(Msg::AppVersion)) + " " + app.version;
  if (!app.build.empty()) version += " (" + app.build + ")";
  ui::Paragraph(version.c_str());
  if (ui::Button(T(Msg::CheckUpdate))) {
    app.update = UpdateState::Checking;
    app.update_dismissed = false;
    platform::CheckForUpdate();
  }
  if (app.update == UpdateState::Checking) ui::Muted(T(Msg::UpdateChecking));
  if (app.update == UpdateState::UpToDate) ui::StatusText(T(Msg::UpdateNone), theme::ColSuccess());
  if (app.update == UpdateState::Available) {
    ui::Paragraph(T(Msg::UpdateAvailable));
    if (ui::PrimaryButton(T(Msg::UpdateApply))) platform::ApplyUpdate();
  }

  ui::SectionTitle(T(Msg::Device));
  std::string size = FormatNumber(app.device.width, 0, app.lang) + " \xC3\x97 " +
                     FormatNumber(app.device.height, 0, app.lang) + " px";
  ui::Paragraph(LabelValue(Msg::ScreenSize, size).c_str());
  ui::Paragraph(LabelValue(Msg::PixelRatio, FormatNumber(app.device.dpr, 2, app.lang)).c_str());
  ui::Paragraph(LabelValue(Msg::Input, T(app.device.touch ? Msg::InputTouch : Msg::InputMouse)).c_str());
  if (ui::Button(T(Msg::CopyDiagnostics))) {
    platform::CopyText(DiagnosticsText(app));
    app.copied_message = T(Msg::Copied);
  }
  if (!app.copied_message.empty()) ui::StatusText(app.copied_message.c_str(), theme::ColSuccess());
  ImGui::Dummy(ImVec2(0, 16));
}

}  // namespace relais
