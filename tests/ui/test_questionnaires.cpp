// The questionnaire screen of office staff, headless: export a version as
// JSON, prepare the next one, check it (errors named, nothing stored), publish
// it (one outbox entry); a new diagnosis then runs the new version while past
// responses keep theirs.
#include <catch2/catch.hpp>

#include <memory>

#include "core/diagnosis/template.h"
#include "core/model/profile.h"
#include "core/model/questionnaire.h"
#include "headless.h"
#include "ui/app.h"
#include "ui/diagnosis/diagnosis_data.h"
#include "ui/i18n.h"
#include "ui_driver.h"

using namespace relais;
using relais::mirror::Role;

namespace {

const char* kId = "diag-innovation-croissance";

struct StaffWorld {
  Store st;
  AppState app;
  StaffWorld() {
    StoreOptions o;
    auto now = std::make_shared<int64_t>(1795780800000);
    o.now_ms = [now] { return (*now)++; };
    st = OpenStore(":memory:", o);
    app.store = &st;
    app.online = false;
    LocalProfile p;
    p.user_id = "0190aaaa000070008000000000000004";
    p.display_name = "Sophie Durand";
    p.role = "office_staff";
    SaveLocalProfile(st, p);
    st.db.Exec("INSERT INTO sync_state(key, value) VALUES ('auth.refresh', 'test-refresh-token')");
    st.author_id = p.user_id;
    Platform().downloads.clear();
    SetLang(Lang::Fr);
  }
};

}  // namespace

TEST_CASE("questionnaires: export, prepare the next version, check, publish", "[office][questionnaires]") {
  StaffWorld w;
  const int before = LatestTemplateVersion(kId);  // 1, or more if another test published here
  REQUIRE(before >= 1);
  const std::string title = "Diagnostic innovation croissance";
  UiDriver ui(w.app, 1280, 2400);  // tall: the whole screen in the mirror at once
  Navigate(w.app, Screen::Questionnaires);
  ui.Frames();
  REQUIRE(w.app.screen == Screen::Questionnaires);

  // Export: the JSON of the version shown, which reads back as that template.
  const std::string current = DiagnosisTitle(kId);
  ui.Tap(Role::Button, "Exporter en JSON\u00a0: " + current);
  REQUIRE(Platform().downloads.size() == 1);
  CHECK(Platform().downloads[0].filename == std::string(kId) + "-v" + std::to_string(before) + ".json");
  CHECK(Platform().downloads[0].mime_type == "application/json");
  diagnosis::LoadResult exported = diagnosis::LoadTemplateJson(Platform().downloads[0].content);
  REQUIRE(exported.ok);
  CHECK(exported.tmpl.version == before);

  // A pasted JSON that is no template: the errors, and no publish button.
  ui.Type("JSON du questionnaire", "{\"id\": \"x\"}");
  ui.Tap(Role::Button, "Vérifier");
  CHECK_FALSE(ui.Find(Role::Button, "Publier la version " + std::to_string(before + 1)));
  bool error_shown = false;
  for (const auto& it : mirror::Items()) error_shown |= it.role == Role::Status && it.name.find("version") != std::string::npos;
  CHECK(error_shown);

  // Prepared from the newest version, renamed, checked, published.
  ui.Tap(Role::Button, "Préparer la version suivante\u00a0: " + current);
  diagnosis::Template next = exported.tmpl;
  next.version = before + 1;
  next.title = title + " " + std::to_string(before + 1);
  ui.Type("JSON du questionnaire", diagnosis::SaveTemplateJson(next));
  ui.Tap(Role::Button, "Vérifier");
  ui.Tap(Role::Button, "Publier la version " + std::to_string(before + 1));
  CHECK(ui.HasStatus("Version publiée sur cet appareil\u00a0; elle part à la prochaine synchronisation. (" + next.title +
                     ", version " + std::to_string(before + 1) + ")"));
  CHECK(w.st.db.QueryInt("SELECT count(*) FROM outbox WHERE tbl = 'questionnaire_templates'") == 1);
  CHECK(LatestTemplateVersion(kId) == before + 1);
  CHECK(DiagnosisTitle(kId) == next.title);
  // The old version is still there for the responses made with it.
  CHECK(FindTemplate(kId, before) != nullptr);
  REQUIRE(FindTemplate(kId, before + 1) != nullptr);
  CHECK(FindTemplate(kId, before + 1)->title == next.title);

  // Publishing the same number again is refused, with the reason.
  ui.Type("JSON du questionnaire", diagnosis::SaveTemplateJson(next));
  ui.Tap(Role::Button, "Vérifier");
  ui.Tap(Role::Button, "Publier la version " + std::to_string(before + 1));
  CHECK(w.st.db.QueryInt("SELECT count(*) FROM outbox WHERE tbl = 'questionnaire_templates'") == 1);
  bool refused = false;
  for (const auto& it : mirror::Items()) refused |= it.role == Role::Status && it.name.find("existe déjà") != std::string::npos;
  CHECK(refused);
}

TEST_CASE("questionnaires: advisors do not reach the staff screen", "[office][questionnaires]") {
  StaffWorld w;
  w.st.db.Exec("UPDATE local_profile SET role = 'advisor'");
  UiDriver ui(w.app, 1280, 800);
  Navigate(w.app, Screen::Questionnaires);
  ui.Frames();
  CHECK(w.app.screen != Screen::Questionnaires);
  CHECK_FALSE(ui.Find(Role::Tab, "Questionnaires"));
}
