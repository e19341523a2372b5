// Tests of the sync protocol encodings: JSON and binary round trips, the
// version check, and the strictness of decoding.
#include <catch2/catch.hpp>

#include "core/sync/protocol.h"

using namespace relais;
using namespace relais::sync;

namespace {

PushRequest SamplePush() {
  PushRequest r;
  r.device_id = "0190f1a2b3c4d5e6f708192a3b4c5d6e";
  r.cursor = "v1:12:abcd:1";
  Change c;
  c.table = "interactions";
  c.row_id = "0190f1a2b3c4d5e6f708192a3b4c5d6f";
  c.op = ChangeOp::Upsert;
  c.fields = {{"note", std::string("Visite « café » : œuvre, été, à, ç\nligne 2")},
              {"visibility", std::string("network")},
              {"contact_id", Value()},
              {"seats", int64_t(-42)},
              {"ratio", 0.1},
              {"big", int64_t(9007199254740993)}};
  c.hlc = (int64_t(1718000000000) << 16) | 7;
  c.device_seq = 17;
  r.changes.push_back(c);
  Change d;
  d.table = "companies";
  d.row_id = "0190f1a2b3c4d5e6f708192a3b4c5d70";
  d.op = ChangeOp::Delete;
  d.hlc = c.hlc + 1;
  d.device_seq = 18;
  r.changes.push_back(d);
  return r;
}

void CheckSame(const PushRequest& a, const PushRequest& b) {
  CHECK(a.protocol == b.protocol);
  CHECK(a.device_id == b.device_id);
  CHECK(a.cursor == b.cursor);
  REQUIRE(a.changes.size() == b.changes.size());
  for (size_t i = 0; i < a.changes.size(); i++) {
    const Change& x = a.changes[i];
    const Change& y = b.changes[i];
    CHECK(x.table == y.table);
    CHECK(x.row_id == y.row_id);
    CHECK(x.op == y.op);
    CHECK(x.hlc == y.hlc);
    CHECK(x.device_seq == y.device_seq);
    REQUIRE(x.fields.size() == y.fields.size());
    for (size_t j = 0; j < x.fields.size(); j++) {
      CHECK(x.fields[j].name == y.fields[j].name);
      CHECK(x.fields[j].value == y.fields[j].value);
    }
  }
}

PullResponse SamplePull() {
  PullResponse p;
  RowState row;
  row.table = "companies";
  row.row_id = "0190f1a2b3c4d5e6f708192a3b4c5d70";
  row.serial = 99;
  row.created_hlc = 1000;
  row.updated_hlc = 2000;
  row.author_id = "user-1";
  row.fields = {{"name", std::string("Dupont SARL"), 1000}, {"siren", Value(), 2000}, {"size", 3.5, 1500}};
  p.changes.push_back(row);
  p.removals.push_back({"interactions", "0190f1a2b3c4d5e6f708192a3b4c5d71"});
  Conflict c;
  c.id = "c1";
  c.table = "companies";
  c.row_id = row.row_id;
  c.field = "name";
  c.winner_value = std::string("Dupont SA");
  c.winner_hlc = 2000;
  c.winner_user = "u1";
  c.loser_value = int64_t(3);
  c.loser_hlc = 1999;
  c.loser_user = "u2";
  c.created_ms = 1718000000000;
  c.resolved = true;
  p.conflicts.push_back(c);
  p.cursor = "v1:99:ff:1";
  p.more = true;
  p.server_time_ms = 1718000000123;
  return p;
}

DecodeError MustFail(std::string_view body, Format f = Format::Json) {
  PushRequest out;
  DecodeError err;
  INFO(body);
  CHECK_FALSE(Decode(body, f, &out, &err));
  return err;
}

}  // namespace

TEST_CASE("protocol: push request round trips in JSON and binary", "[protocol]") {
  PushRequest in = SamplePush();
  for (Format f : {Format::Json, Format::Binary}) {
    std::string body = Encode(in, f);
    PushRequest out;
    DecodeError err;
    INFO(err.message);
    REQUIRE(Decode(body, f, &out, &err));
    CheckSame(in, out);
  }
  std::string json = Encode(in, Format::Json);
  CHECK(json.find("\"op\": \"delete\"") != std::string::npos);
  CHECK(json.find("\"contact_id\": null") != std::string::npos);
  CHECK(Encode(in, Format::Binary).size() < json.size());
}

TEST_CASE("protocol: a pull answer assembled from rows encoded once is the same bytes", "[protocol]") {
  PullResponse in = SamplePull();
  RowState second = in.changes[0];
  second.row_id = "0190f1a2b3c4d5e6f708192a3b4c5d72";
  second.serial = 100;
  second.deleted_hlc = 2500;
  second.fields.push_back({"text", std::string("Note élevée, œuvre"), 2400});
  in.changes.push_back(second);

  std::vector<std::string> rows;
  for (const RowState& r : in.changes) rows.push_back(EncodeRow(r));
  std::vector<std::string_view> views(rows.begin(), rows.end());
  PullResponse head = in;
  head.changes.clear();
  const std::string body = EncodePull(head, views);
  CHECK(body == Encode(in, Format::Binary));

  PullResponse out;
  DecodeError err;
  REQUIRE(Decode(body, Format::Binary, &out, &err));
  REQUIRE(out.changes.size() == 2);
  CHECK(out.changes[1].deleted_hlc == 2500);
  CHECK(out.changes[1].fields.back().value == Value(std::string("Note élevée, œuvre")));
  CHECK(out.cursor == in.cursor);

  // No rows at all: still a well-formed answer.
  CHECK(EncodePull(head, {}) == Encode(head, Format::Binary));
}

TEST_CASE("protocol: pull response and the other messages round trip", "[protocol]") {
  PullResponse in = SamplePull();
  for (Format f : {Format::Json, Format::Binary}) {
    PullResponse out;
    DecodeError err;
    REQUIRE(Decode(Encode(in, f), f, &out, &err));
    REQUIRE(out.changes.size() == 1);
    CHECK(out.changes[0].serial == 99);
    REQUIRE(out.changes[0].fields.size() == 3);
    CHECK(out.changes[0].fields[1].value == Value());
    CHECK(out.changes[0].fields[2].value == Value(3.5));
    CHECK(out.changes[0].fields[2].hlc == 1500);
    REQUIRE(out.removals.size() == 1);
    CHECK(out.removals[0].table == "interactions");
    REQUIRE(out.conflicts.size() == 1);
    CHECK(out.conflicts[0].loser_value == Value(int64_t(3)));
    CHECK(out.conflicts[0].resolved);
    CHECK(out.cursor == in.cursor);
    CHECK(out.more);
    CHECK(out.server_time_ms == in.server_time_ms);

    PushResponse pr;
    pr.acked_seq = 18;
    pr.results = {{17, ResultKind::Applied, {}}, {18, ResultKind::Decided, {{"status", std::string("waitlisted")}}}};
    PushResponse pr2;
    REQUIRE(Decode(Encode(pr, f), f, &pr2, &err));
    CHECK(pr2.acked_seq == 18);
    REQUIRE(pr2.results.size() == 2);
    CHECK(pr2.results[1].result == ResultKind::Decided);
    CHECK(pr2.results[1].decided[0].value == Value(std::string("waitlisted")));

    TokenResponse t;
    t.access_token = std::string(64, 'a');
    t.refresh_token = std::string(64, 'b');
    t.access_expires_ms = 5;
    t.user = {"id1", "claire", "advisor", "m1", "Claire Martin"};
    TokenResponse t2;
    REQUIRE(Decode(Encode(t, f), f, &t2, &err));
    CHECK(t2.user.display_name == "Claire Martin");
    CHECK(t2.refresh_token == t.refresh_token);

    LoginRequest l{kProtocolVersion, "élodie", "mot de passe"};
    LoginRequest l2;
    REQUIRE(Decode(Encode(l, f), f, &l2, &err));
    CHECK(l2.login == "élodie");
    PullRequest q{kProtocolVersion, "v1:1:2:0", 50};
    PullRequest q2;
    REQUIRE(Decode(Encode(q, f), f, &q2, &err));
    CHECK(q2.limit == 50);
  }
}

TEST_CASE("protocol: an unsupported version is told apart from bad data", "[protocol]") {
  for (Format f : {Format::Json, Format::Binary}) {
    for (int v : {0, kProtocolVersion + 1, 99}) {
      PushRequest in = SamplePush();
      in.protocol = v;
      PushRequest out;
      DecodeError err;
      REQUIRE_FALSE(Decode(Encode(in, f), f, &out, &err));
      CHECK(err.kind == DecodeError::UnsupportedVersion);
      CHECK(err.protocol == v);
      CHECK_THAT(err.message, Catch::Contains("mettez l'application à jour"));
    }
  }
  // A newer client may change everything but "protocol": still 426, not 400.
  DecodeError err = MustFail(R"({"protocol":2,"changes":"a new shape","other":[1,2]})");
  CHECK(err.kind == DecodeError::UnsupportedVersion);
  err = MustFail(R"({"device_id":"x","changes":[]})");
  CHECK(err.kind == DecodeError::Malformed);
  CHECK_THAT(err.message, Catch::Contains("protocol"));
  err = MustFail(R"({"protocol":"1","device_id":"x","changes":[]})");
  CHECK(err.kind == DecodeError::Malformed);
}

TEST_CASE("protocol: JSON decoding is strict", "[protocol]") {
  const std::string ok_change =
      R"({"table":"companies","row_id":"r","op":"upsert","fields":{"name":"A"},"hlc":5,"device_seq":1})";
  {
    PushRequest out;
    DecodeError err;
    REQUIRE(Decode(R"({"protocol":1,"device_id":"d","changes":[)" + ok_change + "]}", Format::Json, &out, &err));
    CHECK(out.changes.at(0).fields.at(0).value == Value(std::string("A")));
    CHECK(out.cursor.empty());  // optional
  }
  struct Case {
    std::string body;
    const char* says;
  } cases[] = {
      {"", "JSON invalide"},
      {"{", "JSON invalide"},
      {"[1,2]", "objet JSON est attendu"},
      {"42", "objet JSON est attendu"},
      {R"({"protocol":1,"device_id":"d","changes":[]} x)", "JSON invalide"},
      {R"({"protocol":1,"device_id":"d","changes":[],"extra":1})", "membre inconnu « extra »"},
      {R"({"protocol":1,"device_id":"d"})", "« changes » manquant"},
      {R"({"protocol":1,"device_id":5,"changes":[]})", "device_id : texte attendu"},
      {R"({"protocol":1,"device_id":"d","device_id":"e","changes":[]})", "en double"},
      {R"({"protocol":1,"device_id":"d","changes":{}})", "tableau attendu"},
      {R"({"protocol":1,"device_id":"d","changes":[5]})", "objet attendu"},
      {R"({"protocol":1,"device_id":"d","changes":[[]]})", "objet attendu"},
      {R"({"protocol":1,"device_id":"d","changes":[{"table":"companies","row_id":"r","op":"merge","hlc":5,"device_seq":1}]})",
       "opération « merge » inconnue"},
      {R"({"protocol":1,"device_id":"d","changes":[{"table":"companies","row_id":"r","op":"upsert","hlc":"5","device_seq":1}]})",
       "hlc : entier attendu"},
      {R"({"protocol":1,"device_id":"d","changes":[{"table":"companies","row_id":"r","op":"upsert","hlc":5.5,"device_seq":1}]})",
       "hlc : entier attendu"},
      {R"({"protocol":1,"device_id":"d","changes":[{"table":"companies","row_id":"r","op":"upsert","fields":[1],"hlc":5,"device_seq":1}]})",
       "objet attendu"},
      {R"({"protocol":1,"device_id":"d","changes":[{"table":"companies","row_id":"r","op":"upsert","fields":{"a":true},"hlc":5,"device_seq":1}]})",
       "texte, nombre ou null"},
      {R"({"protocol":1,"device_id":"d","changes":[{"table":"companies","row_id":"r","op":"upsert","fields":{"a":{"b":1}},"hlc":5,"device_seq":1}]})",
       "texte, nombre ou null"},
      {R"({"protocol":1,"device_id":"d","changes":[{"table":"companies","row_id":"r","op":"upsert","fields":{"a":{"b":{"c":1}}},"hlc":5,"device_seq":1}]})",
       "imbrication trop profonde"},
      {R"({"protocol":1,"device_id":"d","changes":[{"table":"companies","row_id":"r","op":"upsert","fields":{"a":1,"a":2},"hlc":5,"device_seq":1}]})",
       "en double"},
      {R"({"protocol":1,"device_id":"a\u0000b","changes":[]})", "caractère nul"},
      {"{\"protocol\":1,\"device_id\":\"\xff\xfe\",\"changes\":[]}", "JSON invalide"},
      {R"({"protocol":1,"device_id":"d","changes":[],"x":NaN})", "JSON invalide"},
      {std::string(100000, '['), "objet JSON est attendu"},
      {R"({"protocol":1,"a":)" + std::string(100000, '['), "imbrication trop profonde"},
  };
  for (const Case& c : cases) {
    DecodeError err = MustFail(c.body);
    INFO(c.body.substr(0, 200));
    CHECK(err.kind == DecodeError::Malformed);
    CHECK_THAT(err.message, Catch::Contains(c.says));
  }
}

TEST_CASE("protocol: oversized batches are TooLarge", "[protocol]") {
  PushRequest in = SamplePush();
  Change c = in.changes[0];
  in.changes.clear();
  for (size_t i = 0; i <= kMaxBatchChanges; i++) {
    c.device_seq = static_cast<int64_t>(i + 1);
    in.changes.push_back(c);
  }
  for (Format f : {Format::Json, Format::Binary}) {
    PushRequest out;
    DecodeError err;
    REQUIRE_FALSE(Decode(Encode(in, f), f, &out, &err));
    CHECK(err.kind == DecodeError::TooLarge);
  }
  in.changes.pop_back();
  for (Format f : {Format::Json, Format::Binary}) {
    PushRequest out;
    DecodeError err;
    CHECK(Decode(Encode(in, f), f, &out, &err));
  }
}

TEST_CASE("protocol: binary decoding refuses truncated, forged and trailing bytes", "[protocol]") {
  std::string body = Encode(SamplePush(), Format::Binary);
  for (size_t n = 0; n < body.size(); n++) {
    PushRequest out;
    DecodeError err;
    CHECK_FALSE(Decode(std::string_view(body.data(), n), Format::Binary, &out, &err));
  }
  DecodeError err = MustFail(body + "x", Format::Binary);
  CHECK_THAT(err.message, Catch::Contains("octets en trop"));

  // A forged string length far beyond the body: refused without allocating it.
  std::string forged = body;
  // layout: endianness byte, protocol (4), device_id size (8)
  for (int i = 0; i < 8; i++) forged[5 + i] = '\x7f';
  err = MustFail(forged, Format::Binary);
  // Malformed natively; on wasm32 the 64-bit length overflows size_t first and
  // is caught by the size bound: refused either way, nothing allocated.
  CHECK((err.kind == DecodeError::Malformed || err.kind == DecodeError::TooLarge));

  // Invalid UTF-8 in a binary string is refused like in JSON.
  std::string bad = body;
  size_t at = bad.find("0190f1a2");
  REQUIRE(at != std::string::npos);
  bad[at] = '\xff';
  err = MustFail(bad, Format::Binary);
  CHECK_THAT(err.message, Catch::Contains("UTF-8"));
}

TEST_CASE("protocol: content types and error bodies", "[protocol]") {
  Format f;
  CHECK(FormatForContentType("application/json", &f));
  CHECK(f == Format::Json);
  CHECK(FormatForContentType("Application/JSON; charset=utf-8", &f));
  CHECK(f == Format::Json);
  CHECK(FormatForContentType("application/x-relais-binary", &f));
  CHECK(f == Format::Binary);
  CHECK_FALSE(FormatForContentType("text/plain", &f));
  CHECK_FALSE(FormatForContentType("", &f));

  ApiError e{"forbidden", "Vous ne pouvez pas modifier cette note.", 42, 0, 0};
  std::string json = EncodeError(e);
  ApiError back;
  REQUIRE(DecodeApiError(json, &back));
  CHECK(back.error == "forbidden");
  CHECK(back.message == e.message);
  CHECK(back.device_seq == 42);
  // Lenient: unknown members (even nested) are skipped.
  REQUIRE(DecodeApiError(R"({"error":"x","details":{"a":[1,2]},"message":"m","n":null})", &back));
  CHECK(back.error == "x");
  CHECK(back.message == "m");
  CHECK(back.device_seq == 0);
}
