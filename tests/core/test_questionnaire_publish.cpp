// Publishing a questionnaire version on the device: checked, numbered above
// every version known, stored with its outbox entry; refusals store nothing.
#include <catch2/catch.hpp>

#include "core/diagnosis/template.h"
#include "core/model/questionnaire.h"
#include "core/model/store.h"

using namespace relais;

namespace {

std::string Json(int version, const std::string& title) {
  diagnosis::LoadResult r = diagnosis::LoadTemplateFile(std::string(RELAIS_ASSETS_DIR) +
                                                        "/questionnaires/diagnostic-innovation-croissance.v1.json");
  REQUIRE(r.ok);
  r.tmpl.version = version;
  r.tmpl.title = title;
  return diagnosis::SaveTemplateJson(r.tmpl);
}

int64_t Outbox(Store& st) {
  return st.db.QueryInt("SELECT count(*) FROM outbox WHERE tbl = 'questionnaire_templates'").value_or(-1);
}

}  // namespace

TEST_CASE("PublishTemplate stores a new version and refuses the rest", "[questionnaires]") {
  StoreOptions o;
  o.now_ms = [] { return int64_t(1795000000000); };
  Store st = OpenStore(":memory:", o);

  // Not JSON, not a valid template, not a new version: refused, nothing stored.
  CHECK_THROWS_AS(PublishTemplate(st, "{pas du json", 1), ValidationError);
  CHECK_THROWS_AS(PublishTemplate(st, "{\"id\": \"x\", \"version\": 2}", 1), ValidationError);
  try {
    PublishTemplate(st, Json(1, "Copie"), 1);
    FAIL("version 1 again was accepted");
  } catch (const ValidationError& e) {
    CHECK(std::string(e.what()).find("existe déjà") != std::string::npos);
    CHECK(e.field == "version");
  }
  CHECK(ListPublishedTemplates(st).empty());
  CHECK(Outbox(st) == 0);

  QuestionnaireTemplate t = PublishTemplate(st, Json(2, "Diagnostic 2027"), 1);
  CHECK(t.template_id == "diag-innovation-croissance");
  CHECK(t.version == 2);
  CHECK(t.title == "Diagnostic 2027");
  CHECK(t.published_at == 1795000000000);
  std::vector<QuestionnaireTemplate> all = ListPublishedTemplates(st);
  REQUIRE(all.size() == 1);
  CHECK(all[0].id == t.id);
  CHECK(Outbox(st) == 1);
  // The stored body reads back as the same template.
  diagnosis::LoadResult back = diagnosis::LoadTemplateJson(all[0].body);
  REQUIRE(back.ok);
  CHECK(back.tmpl.version == 2);
  CHECK(back.tmpl.title == "Diagnostic 2027");
  CHECK(diagnosis::CountQuestions(back.tmpl) == 32);
}
