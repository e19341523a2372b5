// Schema v5: contact requests from the public portal keep their consent
// record and route to an office; the client schema refuses a request without
// them (the server checks every row against these constraints too).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "core/db/migrations.h"
#include "core/model/schema.h"

using namespace relais;

namespace {

const char* const kBase =
    "INSERT INTO offices (id, created_hlc, updated_hlc, name, departments) VALUES ('o1', 1, 1, 'Loiret', '[\"45\"]');";

std::string Insert(const std::string& extra_cols, const std::string& extra_vals) {
  return "INSERT INTO contact_requests (id, created_hlc, updated_hlc, office_id, commune_insee, contact_name, email,"
         " message, consent_basis, consent_date, submitted_at" + extra_cols + ") VALUES ('r1', 2, 2, 'o1', '45234',"
         " 'Amélie', 'a@b.example', 'Un besoin export', 'consent', '2026-11-27', 1" + extra_vals + ")";
}

}  // namespace

TEST_CASE("schema v5: contact_requests", "[db][schema]") {
  Db db(":memory:");
  Migrate(db, RelaisMigrations());
  CHECK(LatestSchemaVersion() >= 5);
  db.ExecScript(kBase);

  db.ExecScript(Insert("", "") + ";");
  CHECK(db.QueryText("SELECT status FROM contact_requests WHERE id = 'r1'") == "new");
  CHECK(db.QueryText("SELECT consent_source FROM contact_requests WHERE id = 'r1'") == "portal");
  db.ExecScript("DELETE FROM contact_requests");

  CHECK_THROWS_AS(db.ExecScript(Insert("", "").replace(Insert("", "").find("'consent'"), 9, "'contract'")), DbError);
  CHECK_THROWS_AS(db.ExecScript(Insert(", status", ", 'lost'")), DbError);
  CHECK_THROWS_AS(db.ExecScript(Insert(", needs", ", 'export'")), DbError);  // not a JSON array
  CHECK_THROWS_AS(db.ExecScript(Insert("", "").replace(Insert("", "").find("'2026-11-27'"), 12, "'27/11/2026'")),
                  DbError);
  db.ExecScript("PRAGMA foreign_keys = ON");
  CHECK_THROWS_AS(db.ExecScript(Insert("", "").replace(Insert("", "").find("'o1'"), 4, "'o9'")), DbError);

  // Synced after the tables it references.
  const auto& t = SyncedTables();
  auto pos = [&](const char* name) { return std::find_if(t.begin(), t.end(), [&](const char* n) { return std::string(n) == name; }) - t.begin(); };
  CHECK(pos("contact_requests") < static_cast<long>(t.size()));
  CHECK(pos("offices") < pos("contact_requests"));
  CHECK(pos("members") < pos("contact_requests"));
}
