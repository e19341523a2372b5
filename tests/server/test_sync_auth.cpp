// Login, tokens (expiry, refresh, logout), throttling of failed logins, and
// what the database keeps of passwords and tokens.
#include <catch2/catch.hpp>
#include <thread>

#include "core/db/db.h"
#include "test_sync_support.h"

using namespace synctest;

namespace {

HttpReply PullWith(int port, const std::string& token) {
  return Post(port, "/api/pull", Encode(PullRequest{}, Format::Json), kJsonContentType, token);
}

HttpReply RefreshWith(int port, const std::string& refresh) {
  RefreshRequest r;
  r.refresh_token = refresh;
  return Post(port, "/api/refresh", Encode(r, Format::Json), kJsonContentType);
}

void Sleep(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

bool IsHex64(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

TEST_CASE("auth: login gives opaque tokens; every sync call needs one", "[server][auth]") {
  Network net;
  REQUIRE(net.server.running());
  Format f = GENERATE(Format::Json, Format::Binary);
  HttpReply r = LoginRaw(net.port(), "Claire ", kPassword, f);  // logins ignore case and spaces
  REQUIRE(r.status == 200);
  CHECK(r.content_type == ContentType(f));
  TokenResponse t;
  DecodeError err;
  REQUIRE(Decode(r.body, f, &t, &err));
  CHECK(IsHex64(t.access_token));
  CHECK(IsHex64(t.refresh_token));
  CHECK(t.access_token != t.refresh_token);
  CHECK(t.access_expires_ms > NowMs() + 3500 * 1000);
  CHECK(t.refresh_expires_ms > NowMs() + 29LL * 24 * 3600 * 1000);
  CHECK(t.user.login == "claire");
  CHECK(t.user.role == "advisor");
  CHECK(t.user.member_id == kMemberClaire);
  CHECK(t.user.id.size() == 32);

  CHECK(PullWith(net.port(), t.access_token).status == 200);

  struct Case {
    std::string token;
    const char* code;
  } cases[] = {{"", "missing_token"},
               {"abc", "invalid_token"},
               {std::string(64, 'a'), "invalid_token"},
               {t.refresh_token, "invalid_token"}};  // a refresh token is not an access token
  for (const Case& c : cases) {
    HttpReply bad = PullWith(net.port(), c.token);
    INFO(c.token);
    CHECK(bad.status == 401);
    CHECK(ErrorOf(bad).error == c.code);
    CHECK(bad.content_type == "application/json");
    bool www = false;
    for (const auto& h : bad.headers) www = www || (h.first == "WWW-Authenticate" && h.second == "Bearer");
    CHECK(www);
  }
  HttpReply wrong = LoginRaw(net.port(), "claire", "not-the-password");
  CHECK(wrong.status == 401);
  CHECK(ErrorOf(wrong).error == "invalid_credentials");
  CHECK(ErrorOf(wrong).message == "Identifiant ou mot de passe incorrect.");
  HttpReply nobody = LoginRaw(net.port(), "personne", kPassword);
  CHECK(nobody.status == 401);
  CHECK(ErrorOf(nobody).message == ErrorOf(wrong).message);  // no hint that the login exists
}

TEST_CASE("auth: access tokens expire, refresh renews them, logout revokes the session", "[server][auth]") {
  Network net({"--access-ttl", "1", "--refresh-ttl", "3"});
  REQUIRE(net.server.running());
  Session s;
  REQUIRE(Login(net.port(), "nina", kPassword, &s));
  CHECK(PullWith(net.port(), s.access).status == 200);
  Sleep(1100);
  HttpReply expired = PullWith(net.port(), s.access);
  CHECK(expired.status == 401);
  CHECK(ErrorOf(expired).error == "token_expired");
  CHECK_THAT(ErrorOf(expired).message, Catch::Contains("expiré"));

  HttpReply renewed = RefreshWith(net.port(), s.refresh);
  REQUIRE(renewed.status == 200);
  TokenResponse t;
  DecodeError err;
  REQUIRE(Decode(renewed.body, Format::Json, &t, &err));
  CHECK(t.refresh_token == s.refresh);  // not rotated: a retried refresh still works
  CHECK(t.access_token != s.access);
  CHECK(PullWith(net.port(), t.access_token).status == 200);
  CHECK(RefreshWith(net.port(), s.refresh).status == 200);  // the retry

  SECTION("logout revokes access and refresh tokens of that session only") {
    Session other;
    REQUIRE(Login(net.port(), "nina", kPassword, &other));
    HttpReply out =
        Post(net.port(), "/api/logout", Encode(LogoutRequest{}, Format::Json), kJsonContentType, t.access_token);
    CHECK(out.status == 204);
    HttpReply after = PullWith(net.port(), t.access_token);
    CHECK(after.status == 401);
    CHECK(ErrorOf(after).error == "token_revoked");
    CHECK(ErrorOf(RefreshWith(net.port(), s.refresh)).error == "token_revoked");
    CHECK(PullWith(net.port(), other.access).status == 200);
  }
  SECTION("refresh tokens expire too") {
    Sleep(3100);
    HttpReply late = RefreshWith(net.port(), s.refresh);
    CHECK(late.status == 401);
    CHECK(ErrorOf(late).error == "token_expired");
  }
}

TEST_CASE("auth: repeated failures are throttled with a growing delay", "[server][auth]") {
  Network net({"--login-delay-ms", "1000"});
  REQUIRE(net.server.running());
  for (int i = 0; i < 5; i++) CHECK(LoginRaw(net.port(), "marc", "wrong-password").status == 401);

  auto retry_after = [](const HttpReply& r) {
    for (const auto& h : r.headers)
      if (h.first == "Retry-After") return std::stoi(h.second);
    return -1;
  };
  HttpReply blocked = LoginRaw(net.port(), "marc", kPassword);  // even the right password waits
  REQUIRE(blocked.status == 429);
  CHECK(ErrorOf(blocked).error == "too_many_attempts");
  CHECK(retry_after(blocked) == 1);
  CHECK(ErrorOf(blocked).retry_after_s == 1);
  CHECK(LoginRaw(net.port(), "claire", kPassword).status == 200);  // other logins unaffected

  Sleep(1100);
  CHECK(LoginRaw(net.port(), "marc", "wrong-again").status == 401);  // 6th failure: 2 s now
  HttpReply longer = LoginRaw(net.port(), "marc", kPassword);
  REQUIRE(longer.status == 429);
  CHECK(retry_after(longer) == 2);
  Sleep(2100);
  CHECK(LoginRaw(net.port(), "marc", kPassword).status == 200);  // success clears the count
  CHECK(LoginRaw(net.port(), "marc", "wrong-password").status == 401);
  CHECK(LoginRaw(net.port(), "marc", kPassword).status == 200);
}

TEST_CASE("auth: 20 failures from one address block it for every login", "[server][auth]") {
  Network net({"--login-delay-ms", "1000"});
  REQUIRE(net.server.running());
  for (int i = 0; i < 20; i++) CHECK(LoginRaw(net.port(), "inconnu" + std::to_string(i), "x").status == 401);
  HttpReply addr = LoginRaw(net.port(), "nina", kPassword);
  CHECK(addr.status == 429);
  CHECK(ErrorOf(addr).retry_after_s >= 1);
}

TEST_CASE("auth: only Argon2id hashes and token hashes are stored", "[server][auth]") {
  Network net;
  REQUIRE(net.server.running());
  // An account with the default (moderate) cost, made by the CLI while the
  // server runs.
  REQUIRE(net.RunCli({"--add-user", "paul:un mot de passe:solide:advisor"}) == 0);
  Session s, p;
  REQUIRE(Login(net.port(), "claire", kPassword, &s));
  REQUIRE(Login(net.port(), "paul", "un mot de passe:solide", &p));
  REQUIRE(net.server.stop() == 0);

  Db db(net.data.path + "/relais.db");
  std::string paul_hash = db.QueryText("SELECT password_hash FROM users WHERE login = 'paul'").value_or("");
  CHECK(paul_hash.rfind("$argon2id$v=19$m=262144,t=3,", 0) == 0);  // libsodium MODERATE
  CHECK(db.QueryText("SELECT password_hash FROM users WHERE login = 'claire'").value_or("").rfind("$argon2id$", 0) ==
        0);
  CHECK(db.QueryInt("SELECT COUNT(*) FROM tokens").value_or(0) == 4);
  CHECK_FALSE(db.QueryInt("SELECT 1 FROM tokens WHERE hash IN (?, ?)", s.access, s.refresh).has_value());
  Stmt all = db.Prepare("SELECT * FROM users, tokens");
  while (all.Step())
    for (int c = 0; c < all.ColumnCount(); c++)
      if (!all.IsNull(c)) {
        std::string v = all.Text(c);
        CHECK(v.find(s.access) == std::string::npos);
        CHECK(v.find(kPassword) == std::string::npos);
      }
}

TEST_CASE("cli: account flags are checked, demo accounts work", "[server][auth][cli]") {
  TempDir data;
  struct {
    std::vector<std::string> args;
    const char* says;
  } bad[] = {
      {{"--add-user", "claire:short:advisor"}, "at least 8 characters"},
      {{"--add-user", "claire:long enough:boss"}, "role advisor, trainee"},
      {{"--add-user", "claire:long enough:advisor:not-an-id"}, "32 lowercase hex"},
      {{"--access-ttl", "0", "--seed-demo-users"}, "invalid --access-ttl"},
      {{"--password-cost", "cheap", "--seed-demo-users"}, "invalid --password-cost"},
  };
  for (const auto& c : bad) {
    std::vector<std::string> args = {"--data", data.path};
    args.insert(args.end(), c.args.begin(), c.args.end());
    ServerProcess p;
    CHECK_FALSE(p.start(args));
    INFO(p.describe());
    CHECK(p.exit_code == 2);
    CHECK_THAT(p.stderr_text(), Catch::Contains(c.says));
    CHECK(p.stderr_text().find("long enough") == std::string::npos);  // never echo a password
  }

  ServerProcess seed;
  CHECK_FALSE(seed.start({"--data", data.path, "--seed-demo-users", "--password-cost", "min"}));
  INFO(seed.describe());
  REQUIRE(seed.exit_code == 0);
  TempDir dist;
  std::ofstream(dist.path + "/index.html") << "<title>Relais</title>";
  ServerProcess server;
  REQUIRE(server.start({"--port", "0", "--data", data.path, "--dist", dist.path}));
  Device lea;
  lea.port = server.port();
  REQUIRE(Login(server.port(), "lea", "relais-demo", &lea.session));
  CHECK(lea.session.user.role == "trainee");
  lea.id = NewRowId();
  Replica r;
  PullAll(lea, &r);
  // The seed's catalogue: one course with one session, and the export course
  // of the University browser test with its 12-seat and 2-seat sessions.
  CHECK(r.CountTable("courses") == 2);
  CHECK(r.CountTable("course_sessions") == 3);
  CHECK(r.CountTable("members") == 1);
  for (const char* login : {"claire", "marc", "sophie", "admin"}) {
    Session s;
    CHECK(Login(server.port(), login, "relais-demo", &s));
  }
}

// Rights follow the member an account is linked to: the accounts screen
// refuses a second account on one member, and so does --add-user, before it
// saves anything. A member not in the directory yet is fine (the network's
// accounts here are made before its directory is pushed).
TEST_CASE("cli: --add-user refuses a member that already has an account, and saves nothing", "[server][auth][cli]") {
  Network net;  // claire is linked to kMemberClaire, marc to kMemberMarc
  const std::string pw = "un mot de passe solide";
  const std::string kMemberNew = "a00000000000000000000000000000ff";  // in no account, nor in the directory
  std::string err;
  CHECK(net.RunCli({"--password-cost", "min", "--add-user", "paul:" + pw + ":advisor:" + kMemberClaire}, &err) == 1);
  CHECK_THAT(err, Catch::Contains("--add-user 'paul': member " + kMemberClaire +
                                  " already has an account, 'claire'; nothing was saved"));
  // Two new accounts on one member in the same command: neither is saved,
  // nor the valid account before them.
  CHECK(net.RunCli({"--password-cost", "min", "--add-user", "rose:" + pw + ":trainee", "--add-user",
                    "ana:" + pw + ":advisor:" + kMemberNew, "--add-user", "bea:" + pw + ":advisor:" + kMemberNew},
                   &err) == 1);
  CHECK_THAT(err, Catch::Contains("member " + kMemberNew + " already has an account, 'ana'"));
  Session s;
  for (const char* login : {"paul", "rose", "ana", "bea"}) CHECK_FALSE(Login(net.port(), login, pw, &s));
  // Moving a member from one account to another in one command is fine, and
  // so is an account keeping its own member.
  CHECK(net.RunCli({"--password-cost", "min", "--add-user", "marc:" + pw + ":advisor:" + kMemberNew, "--add-user",
                    "paul:" + pw + ":advisor:" + kMemberMarc, "--add-user",
                    "claire:" + pw + ":advisor:" + kMemberClaire}) == 0);
  CHECK(Login(net.port(), "paul", pw, &s));
  CHECK(net.server.stop() == 0);
  Db db(net.data.path + "/relais.db");
  CHECK(db.QueryText("SELECT login FROM users WHERE member_id = ?", kMemberMarc).value_or("") == "paul");
  CHECK(db.QueryText("SELECT login FROM users WHERE member_id = ?", kMemberNew).value_or("") == "marc");
}
