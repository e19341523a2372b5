// The account administration API (sync-server/accounts.cpp) over real HTTP
// with the real binary: who may manage whom, tokens revoked on disable and
// password reset, deactivated members refused at sign-in, and bad input
// answered with a French message and nothing changed.
#include <catch2/catch.hpp>

#include "core/sync/accounts_api.h"
#include "test_sync_support.h"

using namespace synctest;

namespace {

const std::string kMemberPaul = "a0000000000000000000000000000026";  // a member with no account

HttpReply Call(int port, const std::string& path, const std::string& body, const std::string& token) {
  return Post(port, path, body, kJsonContentType, token);
}

std::string Token(Network& net, const std::string& login) {
  Session s;
  REQUIRE(Login(net.port(), login, kPassword, &s));
  return s.access;
}

std::vector<AccountInfo> List(int port, const std::string& token) {
  HttpReply r = Call(port, "/api/accounts/list", Encode(AccountListRequest{}, Format::Json), token);
  REQUIRE(r.status == 200);
  AccountListResponse out;
  DecodeError err;
  REQUIRE(Decode(r.body, Format::Json, &out, &err));
  return out.accounts;
}

const AccountInfo* Find(const std::vector<AccountInfo>& all, const std::string& login) {
  for (const AccountInfo& a : all)
    if (a.login == login) return &a;
  return nullptr;
}

AccountResponse Answer(const HttpReply& r) {
  AccountResponse out;
  DecodeError err;
  Decode(r.body, Format::Json, &out, &err);
  return out;
}

HttpReply Create(int port, const std::string& token, const std::string& login, const std::string& role,
                 const std::string& member = "", const std::string& password = "") {
  AccountCreateRequest c;
  c.login = login;
  c.display_name = "Compte " + login;
  c.role = role;
  c.member_id = member;
  c.password = password;
  return Call(port, "/api/accounts/create", Encode(c, Format::Json), token);
}

HttpReply Update(int port, const std::string& token, const AccountInfo& a, const std::string& role,
                 const std::string& name, const std::string& member) {
  AccountUpdateRequest u;
  u.id = a.id;
  u.role = role;
  u.display_name = name;
  u.member_id = member;
  return Call(port, "/api/accounts/update", Encode(u, Format::Json), token);
}

HttpReply SetDisabled(int port, const std::string& token, const std::string& id, bool disabled) {
  AccountDisableRequest d;
  d.id = id;
  d.disabled = disabled;
  return Call(port, "/api/accounts/disable", Encode(d, Format::Json), token);
}

HttpReply ResetPassword(int port, const std::string& token, const std::string& id, const std::string& password = "") {
  AccountPasswordRequest p;
  p.id = id;
  p.password = password;
  return Call(port, "/api/accounts/password", Encode(p, Format::Json), token);
}

int PullStatus(int port, const std::string& access) {
  return Post(port, "/api/pull", Encode(PullRequest{}, Format::Json), kJsonContentType, access).status;
}

HttpReply Refresh(int port, const std::string& refresh) {
  RefreshRequest r;
  r.refresh_token = refresh;
  return Post(port, "/api/refresh", Encode(r, Format::Json), kJsonContentType);
}

// The test network's directory plus Paul, a member with no account yet.
void SeedDirectory(Network& net) {
  Device staff = net.SeedNetwork();
  REQUIRE(net.last_seed_status == 200);
  REQUIRE(staff.Push({staff.Upsert("members", kMemberPaul,
                                   {{"first_name", std::string("Paul")},
                                    {"last_name", std::string("Girard")},
                                    {"organisation_id", kOrgA},
                                    {"office_id", kOffice}})})
              .http.status == 200);
}

}  // namespace

TEST_CASE("accounts: only office staff and admins reach the API", "[server][accounts]") {
  Network net;
  REQUIRE(net.server.running());
  const std::string body = Encode(AccountListRequest{}, Format::Json);
  for (const char* login : {"claire", "lea"}) {
    HttpReply r = Call(net.port(), "/api/accounts/list", body, Token(net, login));
    INFO(login);
    CHECK(r.status == 403);
    CHECK(ErrorOf(r).error == "forbidden");
    CHECK_THAT(ErrorOf(r).message, Catch::Contains("réservée"));
    // Not even a creation gets through.
    CHECK(Create(net.port(), Token(net, login), "pirate", "admin", "", "long enough").status == 403);
  }
  CHECK(Call(net.port(), "/api/accounts/list", body, "").status == 401);
  CHECK(Call(net.port(), "/api/accounts/list", body, std::string(64, 'a')).status == 401);
  CHECK(List(net.port(), Token(net, "sophie")).size() == 6);
  std::vector<AccountInfo> all = List(net.port(), Token(net, "admin"));
  REQUIRE(all.size() == 6);
  CHECK(all[0].login == "admin");  // by login
  const AccountInfo* claire = Find(all, "claire");
  REQUIRE(claire);
  CHECK(claire->role == "advisor");
  CHECK(claire->member_id == kMemberClaire);
  CHECK(claire->last_login_ms > NowMs() - 60000);  // claire signed in above
  CHECK(claire->created_ms > 0);
  CHECK_FALSE(claire->disabled);
  CHECK(Find(all, "nina")->last_login_ms == 0);  // never signed in
}

TEST_CASE("accounts: an admin creates an account linked to a member; it signs in", "[server][accounts]") {
  Network net;
  REQUIRE(net.server.running());
  SeedDirectory(net);
  const std::string admin = Token(net, "admin");

  HttpReply made = Create(net.port(), admin, " Paul.Girard ", "advisor", kMemberPaul);
  REQUIRE(made.status == 200);
  AccountResponse a = Answer(made);
  CHECK(a.account.login == "paul.girard");  // trimmed, lowercase
  CHECK(a.account.role == "advisor");
  CHECK(a.account.member_id == kMemberPaul);
  CHECK(a.account.member_name == "Paul Girard");
  CHECK(a.account.display_name == "Compte  Paul.Girard");
  // A generated password, given once: 16 letters and digits in 4 groups.
  REQUIRE(a.password.size() == 19);
  CHECK(a.password[4] == '-');
  Session paul;
  REQUIRE(Login(net.port(), "paul.girard", a.password, &paul));
  CHECK(paul.user.role == "advisor");
  CHECK(paul.user.member_id == kMemberPaul);
  CHECK(PullStatus(net.port(), paul.access) == 200);
  const AccountInfo* listed = Find(List(net.port(), admin), "paul.girard");
  REQUIRE(listed);
  CHECK(listed->member_name == "Paul Girard");
  CHECK(listed->last_login_ms > 0);

  // The admin gives every role; a chosen password works as given.
  HttpReply staff = Create(net.port(), admin, "agnes", "office_staff", "", "un mot de passe sûr");
  REQUIRE(staff.status == 200);
  CHECK(Answer(staff).password.empty());  // not echoed back
  Session agnes;
  CHECK(Login(net.port(), "agnes", "un mot de passe sûr", &agnes));
  CHECK(Create(net.port(), admin, "root2", "admin", "", "encore un autre").status == 200);

  SECTION("the admin edits role, name and member link; the role holds at the next sign-in") {
    AccountInfo p = *Find(List(net.port(), admin), "paul.girard");
    HttpReply up = Update(net.port(), admin, p, "trainee", "Paul Girard (stagiaire)", "");
    REQUIRE(up.status == 200);
    CHECK(Answer(up).account.role == "trainee");
    CHECK(Answer(up).account.member_id.empty());
    Session again;
    REQUIRE(Login(net.port(), "paul.girard", a.password, &again));
    CHECK(again.user.role == "trainee");
    CHECK(again.user.display_name == "Paul Girard (stagiaire)");
    // Linking back: Claire's member is taken by her account.
    CHECK(Update(net.port(), admin, p, "advisor", "Paul", kMemberClaire).status == 409);
    CHECK(Update(net.port(), admin, p, "advisor", "Paul", kMemberPaul).status == 200);
  }
}

TEST_CASE("accounts: office staff manage advisors and trainees only", "[server][accounts]") {
  Network net;
  REQUIRE(net.server.running());
  SeedDirectory(net);
  const std::string sophie = Token(net, "sophie");
  std::vector<AccountInfo> before = List(net.port(), sophie);

  CHECK(Create(net.port(), sophie, "stagiaire1", "trainee", "", "mot de passe 1").status == 200);
  CHECK(Create(net.port(), sophie, "conseil1", "advisor", kMemberPaul).status == 200);
  for (const char* role : {"office_staff", "admin"}) {
    HttpReply r = Create(net.port(), sophie, std::string("x") + role, role, "", "mot de passe 1");
    INFO(role);
    CHECK(r.status == 403);
    CHECK(ErrorOf(r).error == "forbidden_role");
    CHECK_THAT(ErrorOf(r).message, Catch::Contains("administrateur"));
  }
  const AccountInfo& claire = *Find(before, "claire");
  const AccountInfo& admin = *Find(before, "admin");
  CHECK(Update(net.port(), sophie, claire, "office_staff", "Claire", claire.member_id).status == 403);
  CHECK(Update(net.port(), sophie, claire, "trainee", "Claire M.", claire.member_id).status == 200);
  // Admin accounts are out of reach: edit, disable, password.
  CHECK(ErrorOf(Update(net.port(), sophie, admin, "admin", "Moi", "")).error == "forbidden_account");
  CHECK(SetDisabled(net.port(), sophie, admin.id, true).status == 403);
  CHECK(ResetPassword(net.port(), sophie, admin.id).status == 403);
  // So is her own (an office_staff account), and other staff's.
  const AccountInfo& self = *Find(before, "sophie");
  CHECK(Update(net.port(), sophie, self, "office_staff", "Sophie", self.member_id).status == 403);
  CHECK(SetDisabled(net.port(), sophie, Find(before, "marc")->id, true).status == 200);

  std::vector<AccountInfo> after = List(net.port(), sophie);
  CHECK(after.size() == before.size() + 2);
  CHECK(Find(after, "admin")->display_name == admin.display_name);
  CHECK(Find(after, "admin")->disabled == false);
  CHECK(Find(after, "claire")->role == "trainee");
  CHECK(Find(after, "marc")->disabled);
  CHECK(Find(after, "xadmin") == nullptr);
  Session still;
  CHECK(Login(net.port(), "admin", kPassword, &still));  // its password untouched
}

TEST_CASE("accounts: nobody disables, demotes or resets themselves", "[server][accounts]") {
  Network net;
  REQUIRE(net.server.running());
  const std::string admin = Token(net, "admin");
  const AccountInfo self = *Find(List(net.port(), admin), "admin");
  HttpReply off = SetDisabled(net.port(), admin, self.id, true);
  CHECK(off.status == 403);
  CHECK(ErrorOf(off).error == "own_account");
  CHECK_THAT(ErrorOf(off).message, Catch::Contains("votre propre compte"));
  CHECK(Update(net.port(), admin, self, "office_staff", "Admin", "").status == 403);
  CHECK(ResetPassword(net.port(), admin, self.id).status == 403);
  // Renaming oneself is fine.
  CHECK(Update(net.port(), admin, self, "admin", "Administratrice", "").status == 200);
  CHECK(PullStatus(net.port(), admin) == 200);  // still signed in
  const AccountInfo now = *Find(List(net.port(), admin), "admin");
  CHECK(now.role == "admin");
  CHECK_FALSE(now.disabled);
}

TEST_CASE("accounts: disabling revokes every session; a reset password too", "[server][accounts]") {
  Network net;
  REQUIRE(net.server.running());
  const std::string admin = Token(net, "admin");
  Session phone, tablet;
  REQUIRE(Login(net.port(), "claire", kPassword, &phone));
  REQUIRE(Login(net.port(), "claire", kPassword, &tablet));
  const AccountInfo claire = *Find(List(net.port(), admin), "claire");

  HttpReply off = SetDisabled(net.port(), admin, claire.id, true);
  REQUIRE(off.status == 200);
  CHECK(Answer(off).account.disabled);
  for (Session* s : {&phone, &tablet}) {
    CHECK(PullStatus(net.port(), s->access) == 401);
    HttpReply r = Refresh(net.port(), s->refresh);
    CHECK(r.status == 401);
    CHECK(ErrorOf(r).error == "token_revoked");
  }
  HttpReply login = LoginRaw(net.port(), "claire", kPassword);
  CHECK(login.status == 403);
  CHECK(ErrorOf(login).error == "account_disabled");
  CHECK_THAT(ErrorOf(login).message, Catch::Contains("désactivé"));
  CHECK(LoginRaw(net.port(), "claire", "wrong password").status == 401);  // no hint without the password

  REQUIRE(SetDisabled(net.port(), admin, claire.id, false).status == 200);
  Session back;
  REQUIRE(Login(net.port(), "claire", kPassword, &back));
  CHECK(PullStatus(net.port(), phone.access) == 401);  // old sessions stay closed

  HttpReply reset = ResetPassword(net.port(), admin, claire.id);
  REQUIRE(reset.status == 200);
  const std::string fresh = Answer(reset).password;
  CHECK(fresh.size() == 19);
  CHECK(PullStatus(net.port(), back.access) == 401);
  CHECK(LoginRaw(net.port(), "claire", kPassword).status == 401);
  Session with_new;
  CHECK(Login(net.port(), "claire", fresh, &with_new));
  CHECK(ResetPassword(net.port(), admin, claire.id, "choisi par l'admin").status == 200);
  CHECK(Login(net.port(), "claire", "choisi par l'admin", &with_new));
}

TEST_CASE("accounts: a deactivated member cannot sign in, refresh or sync", "[server][accounts]") {
  Network net;
  REQUIRE(net.server.running());
  Device staff = net.SeedNetwork();
  REQUIRE(net.last_seed_status == 200);
  Session marc;
  REQUIRE(Login(net.port(), "marc", kPassword, &marc));
  REQUIRE(staff.Push({staff.Upsert("members", kMemberMarc, {{"active", int64_t(0)}})}).http.status == 200);

  HttpReply login = LoginRaw(net.port(), "marc", kPassword);
  CHECK(login.status == 403);
  CHECK(ErrorOf(login).error == "member_inactive");
  CHECK_THAT(ErrorOf(login).message, Catch::StartsWith("Votre fiche membre a été désactivée"));
  HttpReply refresh = Refresh(net.port(), marc.refresh);
  CHECK(refresh.status == 403);
  CHECK(ErrorOf(refresh).error == "member_inactive");
  CHECK(PullStatus(net.port(), marc.access) == 403);
  CHECK(LoginRaw(net.port(), "claire", kPassword).status == 200);  // others unaffected
  // Nor can a new account be linked to that member.
  HttpReply link = Create(net.port(), Token(net, "admin"), "marc2", "advisor", kMemberMarc);
  CHECK(link.status == 422);
  CHECK(ErrorOf(link).error == "unknown_member");

  REQUIRE(staff.Push({staff.Upsert("members", kMemberMarc, {{"active", int64_t(1)}})}).http.status == 200);
  CHECK(LoginRaw(net.port(), "marc", kPassword).status == 200);
  CHECK(PullStatus(net.port(), marc.access) == 200);
}

TEST_CASE("accounts: bad input gets a clear error and changes nothing", "[server][accounts]") {
  Network net;
  REQUIRE(net.server.running());
  SeedDirectory(net);
  const std::string admin = Token(net, "admin");
  const std::string before = Call(net.port(), "/api/accounts/list", Encode(AccountListRequest{}, Format::Json), admin).body;
  const AccountInfo claire = *Find(List(net.port(), admin), "claire");
  const std::string unknown_member = "a00000000000000000000000000000ff";
  struct Case {
    const char* what;
    std::string path, body;
    int status;
    const char* code;
  } cases[] = {
      {"not JSON", "/api/accounts/create", "{login:", 400, "malformed"},
      {"an array", "/api/accounts/create", "[]", 400, "malformed"},
      {"no protocol", "/api/accounts/create", R"({"login":"x1","display_name":"X","role":"advisor"})", 400, "malformed"},
      {"unknown field", "/api/accounts/create",
       R"({"protocol":1,"login":"x1","display_name":"X","role":"advisor","admin":true})", 400, "malformed"},
      {"wrong type", "/api/accounts/create", R"({"protocol":1,"login":"x1","display_name":"X","role":5})", 400,
       "malformed"},
      {"missing role", "/api/accounts/create", R"({"protocol":1,"login":"x1","display_name":"X"})", 400, "malformed"},
      {"repeated field", "/api/accounts/create",
       R"({"protocol":1,"login":"x1","login":"x2","display_name":"X","role":"advisor"})", 400, "malformed"},
      {"unknown role", "/api/accounts/create", R"({"protocol":1,"login":"x1","display_name":"X","role":"boss"})", 400,
       "invalid_role"},
      {"bad login", "/api/accounts/create", R"({"protocol":1,"login":"é t","display_name":"X","role":"advisor"})",
       400, "invalid_login"},
      {"empty name", "/api/accounts/create", R"({"protocol":1,"login":"x1","display_name":"  ","role":"advisor"})",
       400, "invalid_display_name"},
      {"short password", "/api/accounts/create",
       R"({"protocol":1,"login":"x1","display_name":"X","role":"advisor","password":"court"})", 400, "weak_password"},
      {"duplicate login", "/api/accounts/create",
       R"({"protocol":1,"login":"Claire","display_name":"X","role":"advisor"})", 409, "login_taken"},
      {"unknown member", "/api/accounts/create",
       R"({"protocol":1,"login":"x1","display_name":"X","role":"advisor","member_id":")" + unknown_member + R"("})",
       422, "unknown_member"},
      {"member id not an id", "/api/accounts/create",
       R"({"protocol":1,"login":"x1","display_name":"X","role":"advisor","member_id":"nope"})", 400,
       "invalid_member"},
      {"member with an account", "/api/accounts/create",
       R"({"protocol":1,"login":"x1","display_name":"X","role":"advisor","member_id":")" + kMemberNina + R"("})", 409,
       "member_taken"},
      {"oversized body", "/api/accounts/create",
       R"({"protocol":1,"login":"x1","display_name":")" + std::string(20000, 'a') + R"(","role":"advisor"})", 413,
       "body_too_large"},
      {"unknown account", "/api/accounts/update",
       R"({"protocol":1,"id":")" + unknown_member + R"(","display_name":"X","role":"advisor","member_id":""})", 404,
       "unknown_account"},
      {"update unknown member", "/api/accounts/update",
       R"({"protocol":1,"id":")" + claire.id + R"(","display_name":"X","role":"advisor","member_id":")" +
           unknown_member + R"("})",
       422, "unknown_member"},
      {"disable as text", "/api/accounts/disable", R"({"protocol":1,"id":")" + claire.id + R"(","disabled":"yes"})",
       400, "malformed"},
      {"future protocol", "/api/accounts/disable", R"({"protocol":99,"id":")" + claire.id + R"(","disabled":true})",
       426, "update_required"},
      {"weak reset", "/api/accounts/password", R"({"protocol":1,"id":")" + claire.id + R"(","password":"1234567"})",
       400, "weak_password"},
  };
  for (const Case& c : cases) {
    HttpReply r = Call(net.port(), c.path, c.body, admin);
    INFO(c.what << ": " << r.body);
    CHECK(r.status == c.status);
    CHECK(ErrorOf(r).error == c.code);
    CHECK(ErrorOf(r).message.size() > 10);
    CHECK(r.content_type == "application/json");
  }
  HttpReply text = Post(net.port(), "/api/accounts/create", "login=x1", "text/plain", admin);
  CHECK(text.status == 415);
  CHECK(Call(net.port(), "/api/accounts/list", Encode(AccountListRequest{}, Format::Json), admin).body == before);
  Session s;
  CHECK(Login(net.port(), "claire", kPassword, &s));  // claire's password untouched by the weak reset
}
