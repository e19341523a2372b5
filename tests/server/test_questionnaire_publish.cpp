// Questionnaire versions published by office staff: only staff publish, the
// server checks the template again, a version is published once and never
// changes, and every device but trainees' pulls it.
#include <catch2/catch.hpp>

#include "core/diagnosis/template.h"
#include "test_sync_support.h"

using namespace synctest;

namespace {

// The shipped template, renumbered: what "prepare the next version" makes.
std::string TemplateJson(int version, const std::string& title = "Diagnostic innovation croissance") {
  relais::diagnosis::LoadResult r =
      relais::diagnosis::LoadTemplateFile(std::string(RELAIS_ASSETS_DIR) + "/questionnaires/diagnostic-innovation-croissance.v1.json");
  REQUIRE(r.ok);
  r.tmpl.version = version;
  r.tmpl.title = title;
  return relais::diagnosis::SaveTemplateJson(r.tmpl);
}

Fields TemplateFields(const std::string& json, int version, const std::string& id = "diag-innovation-croissance") {
  return {{"template_id", id},
          {"version", int64_t(version)},
          {"title", std::string("Diagnostic")},
          {"body", json},
          {"published_at", NowMs()}};
}

}  // namespace

TEST_CASE("questionnaires: staff publish a version once; others pull it, nobody changes it",
          "[server][sync][questionnaires]") {
  Network net;
  Device staff = net.SeedNetwork();
  Device claire = net.NewDevice("claire"), lea = net.NewDevice("lea");
  const std::string v2 = NewRowId();

  // An advisor may not publish.
  Device::PushReply r = claire.Push({claire.Upsert("questionnaire_templates", NewRowId(), TemplateFields(TemplateJson(2), 2))});
  CHECK(r.http.status == 403);
  CHECK(r.error.error == "forbidden");

  // Staff: a body that is no valid template is refused, and so are columns
  // that disagree with it.
  r = staff.Push({staff.Upsert("questionnaire_templates", NewRowId(), TemplateFields("{\"id\": \"x\"}", 1, "x"))});
  CHECK(r.http.status == 422);
  CHECK(r.error.error == "invalid_template");
  r = staff.Push({staff.Upsert("questionnaire_templates", NewRowId(), TemplateFields(TemplateJson(2), 3))});
  CHECK(r.http.status == 422);

  // Published.
  r = staff.Push({staff.Upsert("questionnaire_templates", v2, TemplateFields(TemplateJson(2, "Diagnostic 2027"), 2))});
  INFO(r.http.body);
  REQUIRE(r.http.status == 200);
  // The same version again (another row) is refused; so is any change to it.
  r = staff.Push({staff.Upsert("questionnaire_templates", NewRowId(), TemplateFields(TemplateJson(2), 2))});
  CHECK(r.http.status == 409);
  CHECK(r.error.error == "version_exists");
  r = staff.Push({staff.Upsert("questionnaire_templates", v2, {{"title", std::string("Autre titre")}})});
  CHECK(r.http.status == 403);

  // Advisors pull it; trainees do not.
  Replica c, l;
  PullAll(claire, &c);
  PullAll(lea, &l);
  REQUIRE(c.Find("questionnaire_templates", v2));
  CHECK_FALSE(l.Find("questionnaire_templates", v2));
}
