// "Lancer un diagnostic" from a company file: the runs still in progress for
// this company come first (a paused run is resumed, not started twice), then
// the templates shipped with the app. Starting one stores a draft response on
// the device at once, so even a run with no answer yet survives a reload.
#include <string>
#include <vector>

#include "core/paris_time.h"
#include "imgui.h"
#include "ui/app.h"
#include "ui/companies/advisor_data.h"
#include "ui/diagnosis/diagnosis_data.h"
#include "ui/i18n.h"
#include "ui/platform.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {

// Drafts read once per (company, data version), not per frame.
struct NewCache {
  Store* store = nullptr;
  std::string company_id;
  int64_t version = -1;
  std::optional<std::string> company_name;
  struct Draft {
    std::string id, title, progress;
  };
  std::vector<Draft> drafts;
  std::string error;
};
NewCache g_new;

void Load(AppState& app) {
  int64_t version = DataVersion(*app.store);
  if (g_new.store == app.store && g_new.company_id == app.route.id && g_new.version == version) return;
  std::string error = g_new.company_id == app.route.id ? g_new.error : "";
  g_new = NewCache();
  g_new.store = app.store;
  g_new.company_id = app.route.id;
  g_new.version = version;
  g_new.error = error;
  g_new.company_name = app.store->db.QueryText(
      "SELECT name FROM companies WHERE id = ? AND deleted_hlc IS NULL", app.route.id);
  for (const QuestionnaireResponse& d : DraftDiagnoses(*app.store, app.route.id)) {
    NewCache::Draft line{d.id, d.template_id, ""};
    std::optional<DiagnosisRun> run = LoadDiagnosis(*app.store, d.id);
    if (run && run->tmpl) {
      line.title = run->tmpl->title + " \xC2\xB7 " +
                   T(Msg::DiagStartedOn) + " " + ShortDate(ParisIsoDate(run->response.started_ms));
      diagnosis::Progress p = diagnosis::ComputeProgress(*run->tmpl, run->response.answers);
      line.progress = AnsweredText(p.answered, p.visible);
    }
    g_new.drafts.push_back(std::move(line));
  }
}

}  // namespace

void DrawDiagnosisNew(AppState& app) {
  Load(app);
  if (!g_new.company_name) {
    ui::StatusText(T(Msg::CompanyNotFound), theme::ColDanger());
    if (ui::Button(T(Msg::BackToList))) Navigate(app, Screen::Companies);
    return;
  }
  ui::Title(g_new.company_name->c_str());
  if (app.session.member_id.empty()) {
    ui::StatusText(T(Msg::DiagSignIn), theme::ColDanger());
    return;
  }
  if (!g_new.drafts.empty()) {
    ui::SectionTitle(T(Msg::DiagInProgress));
    for (const NewCache::Draft& d : g_new.drafts) {
      ImGui::PushID(d.id.c_str());
      ui::Paragraph(d.title.c_str());
      if (!d.progress.empty()) ui::Muted(d.progress.c_str());
      if (ui::PrimaryButton(T(Msg::DiagResume))) Navigate(app, Screen::DiagnosisRun, Route{app.route.id, d.id});
      ImGui::PopID();
    }
  }
  ui::SectionTitle(T(Msg::DiagChooseTemplate));
  const std::vector<const diagnosis::Template*> all = LatestTemplates();
  if (all.empty()) ui::StatusText(T(Msg::DiagNoTemplate), theme::ColDanger());
  for (const diagnosis::Template* tp : all) {
    const diagnosis::Template& t = *tp;
    ImGui::PushID(t.id.c_str());
    ImGui::Separator();
    ImGui::PushFont(theme::GetFonts().bold);
    ui::Paragraph(t.title.c_str());
    ImGui::PopFont();
    ui::Muted(t.description.c_str());
    std::string meta = std::to_string(diagnosis::CountQuestions(t)) + " " + T(Msg::DiagQuestions) + " \xC2\xB7 " +
                       std::to_string(t.sections.size()) + " " + T(Msg::DiagSections) + " \xC2\xB7 " +
                       T(Msg::DiagVersion) + " " + std::to_string(t.version);
    ui::Muted(meta.c_str());
    if (ui::PrimaryButton(LabelValue(Msg::DiagStart, t.title).c_str())) {
      try {
        DiagnosisRun run = StartDiagnosis(*app.store, app.session, app.route.id, t);
        RememberNoteCommit(run.row.id, platform::LastCommit());
        g_new.error.clear();
        Navigate(app, Screen::DiagnosisRun, Route{app.route.id, run.row.id});
      } catch (const std::exception& e) {
        g_new.error = std::string(T(Msg::SaveFailed)) + " " + e.what();
      }
    }
    ImGui::PopID();
  }
  if (!g_new.error.empty()) ui::StatusText(g_new.error.c_str(), theme::ColDanger());
  ImGui::Dummy(ImVec2(0, 8));
  if (ui::Button(T(Msg::DiagBackToFile))) Navigate(app, Screen::CompanyFile, Route{app.route.id, ""});
}

}  // namespace relais
