// Questionnaire templates, for office staff: every template with its newest
// version (shipped with the app or published), exported as JSON; a new
// version pasted as JSON, checked, then published. Publishing is a local
// write queued for sync (it works offline); the server accepts it from staff
// only, checks it again, and never lets a published version change
// (sync-server/access.cpp). Past diagnoses keep the version they were made with.
#include <map>
#include <string>
#include <vector>

#include "core/diagnosis/template.h"
#include "core/model/questionnaire.h"
#include "core/paris_time.h"
#include "imgui.h"
#include "ui/app.h"
#include "ui/companies/advisor_data.h"
#include "ui/diagnosis/diagnosis_data.h"
#include "ui/i18n.h"
#include "ui/mirror.h"
#include "ui/platform.h"
#include "ui/sync/sync_client.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace relais {

namespace {
struct QuestionnairesState {
  std::string json;     // the version being prepared or pasted
  std::string checked;  // the JSON last checked (the verdict below is about it)
  diagnosis::LoadResult verdict;
  std::string message;
  bool message_error = false;
};
QuestionnairesState g_qn;

// What ValidationError says after its "field: " prefix.
std::string Reason(const ValidationError& e) {
  std::string w = e.what();
  return w.size() > e.field.size() + 2 ? w.substr(e.field.size() + 2) : w;
}

void Check(QuestionnairesState& s) {
  s.message.clear();
  s.checked = s.json;
  s.verdict = diagnosis::LoadTemplateJson(s.json);
}

void Publish(AppState& app, QuestionnairesState& s) {
  try {
    QuestionnaireTemplate t = PublishTemplate(*app.store, s.json, LatestTemplateVersion(s.verdict.tmpl.id));
    LoadPublishedTemplates(*app.store);
    RequestSync(app);
    s.message = std::string(T(Msg::QnPublished)) + " (" + t.title + ", " + T(Msg::DiagVersion) + " " +
                std::to_string(t.version) + ")";
    s.message_error = false;
    s.json.clear();
    s.checked.clear();
  } catch (const ValidationError& e) {
    s.message = Reason(e);
    s.message_error = true;
  } catch (const std::exception& e) {
    s.message = std::string(T(Msg::SaveFailed)) + " " + e.what();
    s.message_error = true;
  }
}

// Where each newest version comes from: shipped, or published on a date (and
// whether that publication has reached the server yet). Read again only when
// the data changed: the published rows hold whole templates.
struct Origins {
  Store* store = nullptr;
  int64_t version = -1;
  Lang lang = Lang::Fr;
  std::map<std::pair<std::string, int>, std::string> text;  // (template id, version) -> origin
};
Origins g_origins;

std::string Origin(Store& st, const diagnosis::Template& t) {
  const int64_t version = DataVersion(st);
  if (g_origins.store != &st || g_origins.version != version || g_origins.lang != CurrentLang()) {
    g_origins.store = &st;
    g_origins.version = version;
    g_origins.lang = CurrentLang();
    g_origins.text.clear();
    for (const QuestionnaireTemplate& p : ListPublishedTemplates(st)) {
      std::string o = std::string(T(Msg::QnPublishedOn)) + " " + ShortDate(ParisIsoDate(p.published_at));
      if (RowSaveState(st, QuestionnaireTemplate::kTable, p.id).state != SaveState::Synced)
        o += std::string(" (") + T(Msg::QnOnDevice) + ")";
      g_origins.text[{p.template_id, p.version}] = o;
    }
  }
  auto it = g_origins.text.find({t.id, t.version});
  return it != g_origins.text.end() ? it->second : std::string(T(Msg::QnShipped));
}

}  // namespace

void DrawQuestionnaires(AppState& app) {
  QuestionnairesState& s = g_qn;
  ui::Muted(T(Msg::QnIntro));
  for (const diagnosis::Template* t : LatestTemplates()) {
    ImGui::PushID(t->id.c_str());
    ImGui::Separator();
    ImGui::PushFont(theme::GetFonts().bold);
    ui::Paragraph(t->title.c_str());
    ImGui::PopFont();
    std::string meta = t->id + " \xC2\xB7 " + T(Msg::DiagVersion) + " " + std::to_string(t->version) + " \xC2\xB7 " +
                       std::to_string(diagnosis::CountQuestions(*t)) + " " + T(Msg::DiagQuestions) + " \xC2\xB7 " +
                       Origin(*app.store, *t);
    ui::Muted(meta.c_str());
    // Short labels on screen; the accessible names say which questionnaire.
    mirror::SetNextName(LabelValue(Msg::QnExport, t->title).c_str());
    if (ui::Button(T(Msg::QnExport)))
      platform::DownloadFile(t->id + "-v" + std::to_string(t->version) + ".json", "application/json",
                             diagnosis::SaveTemplateJson(*t));
    if (!app.device.Compact()) ImGui::SameLine();
    mirror::SetNextName(LabelValue(Msg::QnPrepareNext, t->title).c_str());
    if (ui::Button(T(Msg::QnPrepareNext))) {
      diagnosis::Template next = *t;
      next.version = t->version + 1;
      s.json = diagnosis::SaveTemplateJson(next);
      s.message.clear();
      Check(s);
    }
    ImGui::PopID();
  }

  ImGui::Spacing();
  ui::SectionTitle(T(Msg::QnPublishTitle));
  ui::Muted(T(Msg::QnPublishHelp));
  ui::TextFieldOptions o;
  o.multiline = true;
  o.height = ImGui::GetTextLineHeight() * 12 + ImGui::GetStyle().FramePadding.y * 2;
  ui::TextField(T(Msg::QnJson), &s.json, o);
  if (ui::Button(T(Msg::QnCheck))) {
    if (s.json.find_first_not_of(" \t\r\n") == std::string::npos) {
      s.message = T(Msg::QnEmpty);
      s.message_error = true;
      s.checked.clear();
    } else {
      Check(s);
    }
  }
  // The verdict holds for the text it was made on: any edit asks for a new check.
  const bool fresh = !s.checked.empty() && s.checked == s.json;
  if (fresh && s.verdict.ok) {
    const diagnosis::Template& t = s.verdict.tmpl;
    std::string what = std::string(T(Msg::QnValid)) + "\u00A0: " + t.title + " (" + t.id + "), " +
                       T(Msg::DiagVersion) + " " + std::to_string(t.version) + ", " +
                       std::to_string(diagnosis::CountQuestions(t)) + " " + T(Msg::DiagQuestions) + ".";
    ui::StatusText(what.c_str(), theme::ColSuccess());
    if (ui::PrimaryButton((std::string(T(Msg::QnPublish)) + " " + std::to_string(t.version)).c_str())) Publish(app, s);
  } else if (fresh) {
    ui::StatusText(s.verdict.error.c_str(), theme::ColDanger());
  }
  if (!s.message.empty()) ui::StatusText(s.message.c_str(), s.message_error ? theme::ColDanger() : theme::ColSuccess());
}

}  // namespace relais
