// Bad input of every kind gets a clear status and a JSON error in French, and
// stores nothing: checked through a pull and in the database file itself.
#include <catch2/catch.hpp>

#include "core/db/db.h"
#include "test_sync_support.h"

using namespace synctest;

namespace {

std::string Json(const std::string& device, const std::string& changes) {
  return R"({"protocol":1,"device_id":")" + device + R"(","changes":[)" + changes + "]}";
}

std::string ChangeJson(const std::string& table, const std::string& row, const std::string& fields, int64_t seq = 1,
                       const std::string& extra = "") {
  int64_t hlc = Hlc::Make(NowMs(), 0).packed;
  return R"({"table":")" + table + R"(","row_id":")" + row + R"(","op":"upsert","fields":)" + fields + R"(,"hlc":)" +
         std::to_string(hlc) + R"(,"device_seq":)" + std::to_string(seq) + extra + "}";
}

int64_t CountLog(const std::string& data_dir) {
  Db db(data_dir + "/relais.db");
  return db.QueryInt("SELECT COUNT(*) FROM change_log").value_or(-1);
}

}  // namespace

TEST_CASE("bad input: clear errors, nothing stored", "[server][sync][bad_input]") {
  Network net;
  Device staff = net.SeedNetwork();
  REQUIRE(net.last_seed_status == 200);
  Replica before;
  PullAll(staff, &before);
  Device claire = net.NewDevice("claire");
  const std::string dev = claire.id, row = NewRowId(), tok = claire.session.access;
  const std::string ok_fields = R"({"name":"Refusée"})";
  const int64_t log_before = CountLog(net.data.path);
  REQUIRE(log_before > 0);

  struct Case {
    const char* what;
    std::string path;
    std::string body;
    std::string content_type;
    std::string token;
    int status;
    const char* code;
  };
  std::string big_note(kMaxBatchBytes, 'x');
  std::string many;
  for (size_t i = 1; i <= kMaxBatchChanges + 1; i++)
    many += (i > 1 ? "," : "") + ChangeJson("companies", NewRowId(), ok_fields, static_cast<int64_t>(i));
  std::string expired_token;
  const std::string json = kJsonContentType;
  std::vector<Case> cases = {
      {"malformed JSON", "/api/push", "{\"protocol\":1,", json, tok, 400, "malformed"},
      {"not an object", "/api/push", "[]", json, tok, 400, "malformed"},
      {"wrong type", "/api/push",
       Json(dev,
            R"({"table":"companies","row_id":")" + row + R"(","op":"upsert","fields":{},"hlc":"5","device_seq":1})"),
       json, tok, 400, "malformed"},
      {"unknown member", "/api/push", Json(dev, ChangeJson("companies", row, ok_fields, 1, R"(,"author":"x")")), json,
       tok, 400, "malformed"},
      {"unknown table", "/api/push", Json(dev, ChangeJson("users", row, ok_fields)), json, tok, 400, "unknown_table"},
      {"unknown column", "/api/push", Json(dev, ChangeJson("companies", row, R"({"name":"A","owner":"B"})")), json, tok,
       400, "unknown_column"},
      {"a sync column", "/api/push", Json(dev, ChangeJson("companies", row, R"({"name":"A","author_id":"B"})")), json,
       tok, 400, "unknown_column"},
      {"a value of the wrong type", "/api/push", Json(dev, ChangeJson("course_sessions", row, R"({"seats":"douze"})")),
       json, tok, 400, "bad_value"},
      {"a text column given a number", "/api/push", Json(dev, ChangeJson("companies", row, R"({"name":12})")), json,
       tok, 400, "bad_value"},
      {"a bad row id", "/api/push", Json(dev, ChangeJson("companies", "../../etc", ok_fields)), json, tok, 400,
       "bad_row_id"},
      {"a bad device id", "/api/push", Json("phone", ChangeJson("companies", row, ok_fields)), json, tok, 400,
       "bad_device_id"},
      {"seqs going back", "/api/push",
       Json(dev, ChangeJson("companies", row, ok_fields, 5) + "," + ChangeJson("companies", NewRowId(), ok_fields, 4)),
       json, tok, 400, "bad_sequence"},
      {"a body over 1 MiB", "/api/push",
       Json(dev, ChangeJson("interactions", row, R"({"note":")" + big_note + R"("})")), json, tok, 413,
       "batch_too_large"},
      {"more than 500 changes", "/api/push", Json(dev, many), json, tok, 413, "batch_too_large"},
      {"a newer protocol", "/api/push", R"({"protocol":2,"device_id":")" + dev + R"(","changes":"whatever v2 sends"})",
       json, tok, 426, "update_required"},
      {"an older protocol", "/api/pull", R"({"protocol":0,"cursor":""})", json, tok, 426, "update_required"},
      {"no protocol", "/api/pull", R"({"cursor":""})", json, tok, 400, "malformed"},
      {"no token", "/api/push", Json(dev, ChangeJson("companies", row, ok_fields)), json, "", 401, "missing_token"},
      {"a forged token", "/api/push", Json(dev, ChangeJson("companies", row, ok_fields)), json, std::string(64, '0'),
       401, "invalid_token"},
      {"forbidden", "/api/push", Json(dev, ChangeJson("courses", kCourse, R"({"title":"Piraté"})")), json, tok, 403,
       "forbidden"},
      {"no content type", "/api/push", Json(dev, ChangeJson("companies", row, ok_fields)), "", tok, 415,
       "unsupported_media_type"},
      {"form data", "/api/login", "login=a&password=b", "application/x-www-form-urlencoded", "", 415,
       "unsupported_media_type"},
      {"binary garbage", "/api/push", std::string("\x01\x01\x00\x00\x00\xff\xff", 7), kBinaryContentType, tok, 400,
       "malformed"},
      {"a bad cursor", "/api/pull", R"({"protocol":1,"cursor":"0.x.n"})", json, tok, 400, "bad_cursor"},
      {"a bad page size", "/api/pull", R"({"protocol":1,"limit":100000})", json, tok, 400, "bad_limit"},
      {"a login with an unknown member", "/api/login", R"({"protocol":1,"login":"a","password":"b","admin":true})",
       json, "", 400, "malformed"},
      {"a CHECK constraint", "/api/push",
       Json(dev, ChangeJson("companies", row, R"({"name":"A","size_band":"énorme"})", 2)), json, tok, 422,
       "invalid_row"},
      {"a NOT NULL column missing", "/api/push",
       Json(dev, ChangeJson("contacts", row, R"({"last_name":"Sans entreprise"})", 3)), json, tok, 422,
       "invalid_row"},
  };
  // Each refused change has its own seq, as a device's would: a refused
  // (seq, HLC) is remembered and refused again (see store.h).
  for (const Case& c : cases) {
    INFO(c.what);
    HttpReply r = Post(net.port(), c.path, c.body, c.content_type, c.token);
    INFO(r.body.substr(0, 300));
    CHECK(r.status == c.status);
    CHECK(r.content_type == "application/json");
    ApiError e;
    REQUIRE(DecodeApiError(r.body, &e));
    CHECK(e.error == c.code);
    CHECK(e.message.size() > 10);
    if (c.status == 400 && std::string(c.code) != "malformed" && c.path == "/api/push" &&
        std::string(c.code) != "bad_device_id")
      CHECK(e.device_seq > 0);  // names the offending change
  }
  // A push whose good changes come before a bad one stores none of them.
  HttpReply mixed = Post(net.port(), "/api/push",
                         Json(dev, ChangeJson("companies", row, ok_fields, 1) + "," +
                                       ChangeJson("companies", NewRowId(), R"({"nom":"x"})", 2)),
                         json, tok);
  CHECK(mixed.status == 400);
  CHECK(ErrorOf(mixed).device_seq == 2);

  Device::PullReply p = staff.PullPage();
  REQUIRE(p.http.status == 200);
  CHECK(p.response.changes.empty());
  CHECK(CountLog(net.data.path) == log_before);
  REQUIRE(net.server.stop() == 0);
  CHECK(CountLog(net.data.path) == log_before);
  Db db(net.data.path + "/relais.db");
  CHECK(db.QueryInt("SELECT COUNT(*) FROM rows WHERE row_id = ?", row).value_or(-1) == 0);
  // No change counted as applied (refusals are remembered with a negative
  // serial, see store.h: bookkeeping, not data).
  CHECK(db.QueryInt("SELECT COUNT(*) FROM applied WHERE device_id = ? AND serial >= 0", dev).value_or(-1) == 0);
}

TEST_CASE("bad input: requests over 8 MiB are cut off with 413", "[server][sync][bad_input]") {
  Network net;
  Device claire = net.NewDevice("claire");
  HttpReply r =
      Post(net.port(), "/api/push", std::string(9u * 1024 * 1024, ' '), kJsonContentType, claire.session.access);
  CHECK(r.status == 413);
  CHECK(r.content_type == "application/json");
}
