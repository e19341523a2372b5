// Tests of the Store: opening, reopening (clock, device id, author), the
// local profile, and refusing a database from a newer app.
#include <catch2/catch.hpp>
#include <cstdio>
#include <memory>

#include "core/db/migrations.h"
#include "core/model/company.h"
#include "core/model/profile.h"
#include "core/model/schema.h"

using namespace relais;

namespace {

const int64_t kT = 1718000000000;

void RemoveDbFiles(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((path + suffix).c_str());
}

StoreOptions ClockAt(std::shared_ptr<int64_t> now) {
  StoreOptions o;
  o.now_ms = [now] { return *now; };
  return o;
}

}  // namespace

TEST_CASE("A store opens at the latest schema with a device id") {
  Store st = OpenStore(":memory:");
  CHECK(SchemaVersion(st.db) == LatestSchemaVersion());
  CHECK(IsValidId(st.device_id));
  CHECK(st.author_id.empty());
  CHECK(st.db.QueryInt("PRAGMA foreign_keys") == 1);
  // The system clock and random source work.
  Company c;
  c.name = "Horloge réelle";
  Insert(st, c);
  CHECK(Hlc{c.created_hlc}.millis() > kT);
  CHECK(IdMillis(c.id) > kT);
}

TEST_CASE("Reopening keeps the device id, the author and a clock that never goes back") {
  std::string path = "relais_test_store_reopen.sqlite";
  RemoveDbFiles(path);
  auto now = std::make_shared<int64_t>(kT);
  std::string device, company_id;
  int64_t last_hlc = 0;
  {
    Store st = OpenStore(path, ClockAt(now));
    device = st.device_id;
    LocalProfile p;
    p.user_id = "user-claire";
    p.display_name = "Claire Martin";
    p.email = "claire@cci.example";
    p.role = "advisor";
    p.signed_in_at = kT;
    SaveLocalProfile(st, p);
    CHECK(st.author_id == "user-claire");
    Company c;
    c.name = "Persistante";
    for (int i = 0; i < 3; i++) {
      c.id.clear();
      Insert(st, c);
    }
    company_id = c.id;
    last_hlc = c.created_hlc;
  }
  *now = kT - 24 * 3600 * 1000;  // the device's clock was set back a day meanwhile
  {
    Store st = OpenStore(path, ClockAt(now));
    CHECK(st.device_id == device);
    CHECK(st.author_id == "user-claire");
    CHECK(st.clock.last.packed == last_hlc);
    std::optional<Company> c = Get<Company>(st, company_id);
    REQUIRE(c);
    c->name = "Persistante et modifiée";
    Update(st, *c);
    CHECK(c->updated_hlc > last_hlc);
    CHECK(c->author_id == "user-claire");

    std::optional<LocalProfile> p = GetLocalProfile(st);
    REQUIRE(p);
    CHECK(p->display_name == "Claire Martin");
    CHECK(p->lang == "fr");
    CHECK_FALSE(p->member_id);
    ClearLocalProfile(st);
    CHECK(st.author_id.empty());
    CHECK_FALSE(GetLocalProfile(st));
  }
  {
    Store st = OpenStore(path, ClockAt(now));
    CHECK(st.author_id.empty());
  }
  RemoveDbFiles(path);
}

TEST_CASE("A profile is replaced at the next sign-in and checked") {
  Store st = OpenStore(":memory:");
  LocalProfile p;
  CHECK_THROWS_AS(SaveLocalProfile(st, p), ValidationError);
  p.user_id = "u1";
  SaveLocalProfile(st, p);
  p.user_id = "u2";
  p.lang = "en";
  p.member_id = "0123456789abcdef0123456789abcdef";  // not synced yet: no foreign key to wait for
  SaveLocalProfile(st, p);
  CHECK(st.db.QueryInt("SELECT count(*) FROM local_profile") == 1);
  CHECK(GetLocalProfile(st)->user_id == "u2");
  CHECK(GetLocalProfile(st)->member_id == p.member_id);
  p.lang = "de";
  CHECK_THROWS_AS(SaveLocalProfile(st, p), DbError);
  CHECK(GetLocalProfile(st)->lang == "en");
}

TEST_CASE("A store refuses a database written by a newer app") {
  std::string path = "relais_test_store_newer.sqlite";
  RemoveDbFiles(path);
  {
    Store st = OpenStore(path);
    st.db.ExecScript("PRAGMA user_version = " + std::to_string(LatestSchemaVersion() + 1));
  }
  CHECK_THROWS_AS(OpenStore(path), SchemaTooNewError);
  RemoveDbFiles(path);
}
