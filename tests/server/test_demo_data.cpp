// --seed-demo-data: the core's demo dataset loaded into the real server, the
// demo accounts mapped onto demo members. The test regenerates the same
// dataset (same seed and scale: the generator is deterministic) to know what
// each account must and must not receive.
#include <catch2/catch.hpp>

#include "core/demo/demo.h"
#include "core/model/store.h"
#include "core/sync/ids.h"
#include "test_sync_support.h"

using namespace synctest;

namespace {

const double kScale = 0.05;  // 100 companies, 1,000 notes: a few seconds
const std::string kDemoPassword = "relais-demo";

std::vector<std::string> DemoArgs(const TempDir& dist, const TempDir& data) {
  return {"--port", "0", "--dist", dist.path, "--data", data.path, "--password-cost", "min",
          "--seed-demo-data", "--demo-scale", "0.05", "--demo-today", "2026-10-31"};  // generated again here
}

Device DemoDevice(int port, const std::string& login) {
  Device d;
  d.port = port;
  d.format = Format::Binary;
  REQUIRE(Login(port, login, kDemoPassword, &d.session));
  d.id = NewRowId();
  return d;
}

std::set<std::string> Ids(const Replica& r, const std::string& table) {
  std::set<std::string> ids;
  for (const auto& kv : r.rows)
    if (kv.first.first == table) ids.insert(kv.first.second);
  return ids;
}

std::set<std::string> Query(Db& db, const std::string& sql) {
  std::set<std::string> ids;
  Stmt s = db.Prepare(sql);
  while (s.Step()) ids.insert(s.Text(0));
  return ids;
}

}  // namespace

TEST_CASE("demo data: claire pulls her scope of the demo dataset and no other organisation's private note",
          "[server][sync][demo]") {
  TempDir dist, data;
  std::ofstream(dist.path + "/index.html") << "<!doctype html><title>Relais</title>";
  ServerProcess server;
  REQUIRE(server.start(DemoArgs(dist, data), {}, 120000));

  // The same dataset, generated here.
  Store local = OpenStore(":memory:");
  demo::DemoOptions o;
  o.scale = kScale;
  o.write_outbox = false;
  o.questionnaire_path = std::string(RELAIS_ASSETS_DIR) + "/questionnaires/diagnostic-innovation-croissance.v1.json";
  demo::GenerateDemo(local, o);

  Device claire = DemoDevice(server.port(), "claire");
  const std::string me = claire.session.user.member_id;
  REQUIRE(IsValidId(me));
  const std::string org = local.db.QueryText("SELECT organisation_id FROM members WHERE id = ?", me).value_or("");
  REQUIRE_FALSE(org.empty());
  Replica r;
  PullAll(claire, &r);
  REQUIRE(r.last_status == 200);

  // Her member row carries her account's name.
  CHECK(r.Text("members", me, "first_name") == "Claire");
  CHECK(r.Text("members", me, "last_name") == "Martin");
  // Case notes: exactly the network's, her organisation's and her own.
  std::set<std::string> expected = Query(
      local.db, "SELECT id FROM interactions WHERE visibility = 'network' OR (visibility = 'organisation' AND "
                "organisation_id = '" + org + "') OR (visibility = 'author' AND author_member_id = '" + me + "')");
  std::set<std::string> got = Ids(r, "interactions");
  CHECK(got.size() > 500);
  CHECK(got == expected);
  std::set<std::string> hidden = Query(
      local.db, "SELECT id FROM interactions WHERE (visibility = 'author' AND author_member_id <> '" + me +
                    "') OR (visibility = 'organisation' AND organisation_id <> '" + org + "')");
  REQUIRE(hidden.size() > 10);  // the dataset has private notes of others to leak
  for (const std::string& id : hidden) CHECK(got.count(id) == 0);
  CHECK(r.removed.empty());
  CHECK(r.conflicts.empty());
  // Her own notes, of each visibility, are there.
  CHECK(Query(local.db, "SELECT id FROM interactions WHERE author_member_id = '" + me + "'").size() > 5);
  // The directory, the companies and the catalogue, whole.
  for (const char* t : {"offices", "organisations", "members", "companies", "courses", "course_sessions",
                        "service_offers", "questionnaire_responses"}) {
    INFO(t);
    CHECK(Ids(r, t) == Query(local.db, std::string("SELECT id FROM ") + t));
  }
  // The hotline: the knowledge base (published answers, with their
  // questions) and her own questions with their answers; nothing else.
  CHECK(Ids(r, "legal_answers") ==
        Query(local.db, "SELECT a.id FROM legal_answers a JOIN legal_questions q ON q.id = a.question_id "
                        "WHERE a.published = 1 OR q.asker_member_id = '" + me + "'"));
  CHECK(Ids(r, "legal_questions") ==
        Query(local.db, "SELECT q.id FROM legal_questions q WHERE q.asker_member_id = '" + me +
                            "' OR EXISTS (SELECT 1 FROM legal_answers a WHERE a.question_id = q.id AND a.published = 1)"));
  CHECK(Ids(r, "legal_answers").size() < Query(local.db, "SELECT id FROM legal_answers").size());
  CHECK(Ids(r, "courses").size() == 80);
  CHECK(Ids(r, "course_sessions").size() == 300);

  // Lea, trainee: the catalogue, her registrations, her own directory rows.
  Device lea = DemoDevice(server.port(), "lea");
  Replica l;
  PullAll(lea, &l);
  CHECK(Ids(l, "interactions").empty());
  CHECK(Ids(l, "companies").empty());
  CHECK(Ids(l, "members") == std::set<std::string>{lea.session.user.member_id});
  CHECK(Ids(l, "course_sessions").size() == 300);
  std::set<std::string> regs = Ids(l, "registrations");
  CHECK_FALSE(regs.empty());
  CHECK(regs == Query(local.db, "SELECT id FROM registrations WHERE member_id = '" + lea.session.user.member_id + "'"));

  // Marc is an advisor of another organisation; sophie is office staff.
  Device marc = DemoDevice(server.port(), "marc");
  CHECK(local.db.QueryText("SELECT organisation_id FROM members WHERE id = ?", marc.session.user.member_id) != org);
  Device sophie = DemoDevice(server.port(), "sophie");
  CHECK(sophie.session.user.role == "office_staff");
  // Nora answers the legal hotline: an advisor whose member row is a legal expert's.
  Device nora = DemoDevice(server.port(), "nora");
  CHECK(nora.session.user.role == "advisor");
  CHECK(local.db.QueryText("SELECT role FROM members WHERE id = ?", nora.session.user.member_id) == "legal_expert");

  // A second start on the same folder seeds nothing more: same rows, same serials.
  const std::string first_cursor = claire.cursor;
  server.stop();
  ServerProcess again;
  REQUIRE(again.start(DemoArgs(dist, data), {}, 120000));
  Device claire2 = DemoDevice(again.port(), "claire");
  CHECK(claire2.session.user.member_id == me);
  Replica r2;
  PullAll(claire2, &r2);
  CHECK(r2.rows.size() == r.rows.size());
  CHECK(claire2.cursor.substr(0, claire2.cursor.find('.')) == first_cursor.substr(0, first_cursor.find('.')));
}
