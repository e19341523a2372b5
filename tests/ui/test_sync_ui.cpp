// Sign-in, offline unlock, sign-out, the sync status area and the conflicts
// screen, headless, with a native in-memory Store. The network and WebCrypto
// are the recording platform: tests read the requests and feed the answers.
#include <catch2/catch.hpp>

#include "core/model/company.h"
#include "core/model/repo.h"
#include "core/sync/protocol.h"
#include "core/sync/resolve.h"
#include "headless.h"
#include "ui/app.h"
#include "ui/companies/advisor_data.h"
#include "ui/i18n.h"
#include "ui/sync/sync_client.h"

using namespace relais;
using relais::mirror::Role;

namespace {

const std::string kKey(64, 'a'), kWrongKey(64, 'b');

struct Fixture {
  Headless h{1280, 800};
  Store store = OpenStore(":memory:");
  AppState app;
  std::function<void()> body = [this] { DrawApp(app); };

  Fixture() {
    SetLang(Lang::Fr);
    Platform() = PlatformLog();
    app.store = &store;
    app.server_address = "http://relais.test/";
    app.screen = Screen::SignIn;
    h.Frame(body);
    h.Frame(body);
  }
  SyncClient& C() { return Client(app); }
  void Tap(Role role, const std::string& name) {
    const mirror::Item* it = mirror::FindByName(role, name);
    INFO("tap " << name);
    REQUIRE(it != nullptr);
    h.Click(*it, body);
  }
  const PlatformLog::Http& LastHttp() {
    REQUIRE_FALSE(Platform().http.empty());
    return Platform().http.back();
  }
  void Answer(int status, const std::string& body_text) {
    OnHttpAnswer(app, LastHttp().id, status, body_text, NowMs());
    h.Settle(body);
  }
  std::string Key(const char* k) {
    return store.db.QueryText("SELECT CAST(value AS TEXT) FROM sync_state WHERE key = ?", std::string(k)).value_or("");
  }
  // A full online sign-in as claire, with the verifier derived as kKey.
  void SignIn() {
    C().form_login = "claire";
    C().form_password = "relais-demo";
    Tap(Role::Button, "Se connecter");
    sync::TokenResponse t;
    t.access_token = std::string(64, '1');
    t.refresh_token = std::string(64, '2');
    t.access_expires_ms = NowMs() + 3600000;
    t.refresh_expires_ms = NowMs() + 86400000;
    t.user = sync::UserInfo{"u-claire", "claire", "advisor", "", "Claire Martin"};
    Answer(200, sync::Encode(t, sync::Format::Json));
    REQUIRE_FALSE(Platform().derives.empty());
    OnKeyDerived(app, Platform().derives.back().id, kKey, NowMs());
    h.Settle(body);
  }
};

std::string LinkNames() {
  std::string out;
  for (const mirror::Item& it : mirror::Items())
    if (it.role == Role::Link) out += it.name + "\n";
  return out;
}

}  // namespace

TEST_CASE("sign-in: missing fields and a wrong password change nothing; the right one signs in", "[sync-ui]") {
  Fixture f;
  CHECK(f.app.screen == Screen::SignIn);
  REQUIRE(mirror::FindByName(Role::TextBox, "Identifiant") != nullptr);
  REQUIRE(mirror::FindByName(Role::TextBox, "Mot de passe") != nullptr);
  CHECK(mirror::FindByName(Role::Tab, "Synchro") == nullptr);  // gated until signed in

  f.Tap(Role::Button, "Se connecter");
  CHECK(f.C().message == T(Msg::SignInMissing));
  CHECK(Platform().http.empty());

  f.C().form_login = "  claire ";
  f.C().form_password = "nope";
  f.Tap(Role::Button, "Se connecter");
  CHECK(f.LastHttp().url == "http://relais.test/api/login");
  CHECK(f.LastHttp().body.find("\"claire\"") != std::string::npos);
  f.Answer(401, R"({"error":"invalid_credentials","message":"Identifiant ou mot de passe incorrect."})");
  CHECK(f.C().message == T(Msg::SignInWrong));
  CHECK(f.C().message_error);
  CHECK_FALSE(f.app.session.signed_in);
  CHECK(f.C().form_password.empty());
  CHECK(Platform().derives.empty());

  f.SignIn();
  CHECK(f.app.session.signed_in);
  CHECK(f.app.session.user_id == "u-claire");
  CHECK(f.app.session.role == "advisor");
  CHECK(f.app.session.display_name == "Claire Martin");
  CHECK(f.app.screen == Screen::Companies);
  CHECK(f.store.author_id == "u-claire");
  // The verifier: iterations, a random salt, the derived key; never the password.
  const PlatformLog::Derive& d = Platform().derives.back();
  CHECK(d.iterations >= 100000);
  CHECK(d.salt.size() == 32);
  CHECK(f.Key("auth.verifier") == std::to_string(d.iterations) + "$" + d.salt + "$" + kKey);
  CHECK(f.store.db.QueryInt("SELECT count(*) FROM sync_state WHERE CAST(value AS TEXT) LIKE '%relais-demo%'") == 0);
  // The engine started at once: its first request carries the access token.
  CHECK(f.LastHttp().url == "http://relais.test/api/pull");
  CHECK(f.LastHttp().bearer == std::string(64, '1'));
  CHECK(mirror::FindByName(Role::Tab, "Synchro") != nullptr);
  CHECK(mirror::FindByName(Role::Button, "Synchroniser") != nullptr);
}

TEST_CASE("sign-in: the session survives a reload; offline unlock checks the verifier and throttles", "[sync-ui]") {
  Fixture f;
  f.SignIn();
  f.Answer(0, "");  // the pull found no network

  // A reload: a new app on the same device database opens signed in.
  AppState again;
  again.store = &f.store;
  again.online = false;
  again.screen = Screen::SignIn;
  f.body = [&] { DrawApp(again); };
  f.h.Settle(f.body);
  CHECK(again.session.signed_in);
  CHECK(again.screen == Screen::Companies);  // the home screen once signed in

  Lock(again);
  f.h.Settle(f.body);
  CHECK_FALSE(again.session.signed_in);
  CHECK(again.screen == Screen::SignIn);
  REQUIRE(mirror::FindByName(Role::Button, "Déverrouiller") != nullptr);
  Platform().http.clear();

  SyncClient& c = Client(again);
  auto attempt = [&](const std::string& key) {
    c.form_password = "typed";
    f.Tap(Role::Button, "Déverrouiller");
    if (c.derive_request) {
      CHECK(Platform().derives.back().password == "typed");
      CHECK(Platform().derives.back().salt == f.Key("auth.verifier").substr(7, 32));
      OnKeyDerived(again, Platform().derives.back().id, key, NowMs());
      f.h.Settle(f.body);
      return true;
    }
    return false;
  };
  REQUIRE(attempt(kWrongKey));
  CHECK(c.message == T(Msg::SignInWrongOffline));
  CHECK_FALSE(again.session.signed_in);
  CHECK(Platform().http.empty());  // offline: no request at all
  REQUIRE(attempt(kWrongKey));
  REQUIRE(attempt(kWrongKey));
  CHECK(f.Key("auth.offline_failures") == "3");
  // Throttled: the next attempt is refused before any key is derived.
  CHECK_FALSE(attempt(kKey));
  CHECK(c.message.find("réessayez dans") != std::string::npos);
  CHECK_FALSE(again.session.signed_in);

  c.offline_wait_until_ms = 0;  // the wait is over
  REQUIRE(attempt(kKey));
  CHECK(again.session.signed_in);
  CHECK(f.Key("auth.locked") == "0");
  CHECK(f.Key("auth.offline_failures") == "0");
}

TEST_CASE("sign-in offline without a stored session needs the network", "[sync-ui]") {
  Fixture f;
  f.app.online = false;
  f.C().form_login = "claire";
  f.C().form_password = "relais-demo";
  f.Tap(Role::Button, "Se connecter");
  CHECK(f.C().message == T(Msg::SignInNeedsNetwork));
  CHECK(Platform().http.empty());
  CHECK(Platform().derives.empty());
  CHECK_FALSE(f.app.session.signed_in);
}

TEST_CASE("status area: pending count, error, sync now", "[sync-ui]") {
  Fixture f;
  f.SignIn();
  Company co;
  co.name = "Boulangerie Martin";
  Insert(f.store, co);
  f.h.Settle(f.body);
  CHECK(LinkNames().find("1 en attente") != std::string::npos);
  // The engine's pull (sent at sign-in) fails: the error is shown.
  f.Answer(0, "");
  INFO(LinkNames());
  CHECK(f.C().status.state == sync::SyncState::BackingOff);
  CHECK_FALSE(f.C().status.last_error.empty());
  CHECK(LinkNames().find(f.C().status.last_error) != std::string::npos);
  CHECK(f.C().wake_at_ms > 0);  // the retry is a timer, not frames
  // "Synchroniser" does not wait out the backoff: the failed pull goes again at once.
  const size_t before = Platform().http.size();
  f.Tap(Role::Button, "Synchroniser");
  REQUIRE(Platform().http.size() == before + 1);
  CHECK(f.LastHttp().url == "http://relais.test/api/pull");
}

TEST_CASE("conflicts screen: keep either value; the kept other value becomes a change that syncs", "[sync-ui]") {
  Fixture f;
  f.SignIn();
  Company co;
  co.name = "Martin SARL";
  Insert(f.store, co);
  f.store.db.Exec("DELETE FROM outbox");
  for (const char* id : {"k1", "k2"})
    f.store.db.Exec(
        "INSERT INTO sync_conflicts (id, tbl, row_id, field, winner_value, winner_hlc, winner_user, loser_value, "
        "loser_hlc, loser_user, created_ms) VALUES (?, 'companies', ?, 'name', 'Martin SARL', ?, 'u-marc', "
        "'Martin & Fils', ?, 'u-claire', 1)",
        std::string(id), co.id, int64_t(1) << 20, int64_t(1) << 19);
  Navigate(f.app, Screen::Conflicts);
  f.h.Settle(f.body);
  CHECK(f.C().status.conflicts == 2);
  CHECK(LinkNames().find("2 conflits") != std::string::npos);
  REQUIRE(mirror::FindByName(Role::Button, "Garder l’autre valeur") != nullptr);

  f.Tap(Role::Button, "Garder l’autre valeur");
  CHECK(f.store.db.QueryText("SELECT name FROM companies WHERE id = ?", co.id) == "Martin & Fils");
  CHECK(f.store.db.QueryInt("SELECT count(*) FROM outbox WHERE tbl = 'companies' AND state = 'pending'") == 1);
  CHECK(f.store.db.QueryInt("SELECT count(*) FROM sync_conflicts WHERE resolved = 0") == 1);

  f.Tap(Role::Button, "Garder la valeur actuelle");
  CHECK(f.store.db.QueryText("SELECT name FROM companies WHERE id = ?", co.id) == "Martin & Fils");
  CHECK(f.store.db.QueryInt("SELECT count(*) FROM sync_conflicts WHERE resolved = 0") == 0);
  CHECK(mirror::FindByName(Role::Button, "Garder l’autre valeur") == nullptr);
}

TEST_CASE("conflicts screen: refused changes show their reason", "[sync-ui]") {
  Fixture f;
  f.SignIn();
  f.store.db.Exec("INSERT INTO outbox (tbl, row_id, op, fields, hlc, state, error) VALUES "
                  "('interactions', 'x1', 'upsert', '{}', 5, 'rejected', 'Un stagiaire ne peut pas écrire de note.')");
  Navigate(f.app, Screen::Conflicts);
  f.h.Settle(f.body);
  CHECK(LinkNames().find("1 refusée") != std::string::npos);
  f.Tap(Role::Button, "J’ai compris");
  CHECK(f.store.db.QueryInt("SELECT count(*) FROM outbox") == 0);
}

// What the save-state lines say (and the University screens' "Refusé par le
// serveur : <why>") comes from here.
TEST_CASE("a row's save state: a refusal still in the outbox wins, with its latest reason", "[sync-ui]") {
  Store store = OpenStore(":memory:");
  CHECK(RowSaveState(store, "courses", "c1").state == SaveState::Synced);
  store.db.Exec("INSERT INTO outbox (tbl, row_id, op, fields, hlc) VALUES ('courses', 'c1', 'upsert', '{}', 1)");
  SaveStatus s = RowSaveState(store, "courses", "c1");
  CHECK(s.state == SaveState::SavedOnDevice);
  CHECK(s.reason.empty());
  store.db.Exec("INSERT INTO outbox (tbl, row_id, op, fields, hlc, state, error) VALUES "
                "('courses', 'c1', 'upsert', '{}', 2, 'rejected', 'Trop tôt.'), "
                "('courses', 'c1', 'upsert', '{}', 3, 'rejected', 'Trop tard.'), "
                "('courses', 'c2', 'upsert', '{}', 4, 'rejected', 'Une autre formation.')");
  store.db.Exec("INSERT INTO outbox (tbl, row_id, op, fields, hlc) VALUES ('courses', 'c1', 'upsert', '{}', 5)");
  s = RowSaveState(store, "courses", "c1");
  CHECK(s.state == SaveState::Rejected);
  CHECK(s.reason == "Trop tard.");
  store.db.Exec("INSERT INTO outbox (tbl, row_id, op, fields, hlc, state) VALUES "
                "('courses', 'c3', 'upsert', '{}', 6, 'rejected')");
  s = RowSaveState(store, "courses", "c3");
  CHECK(s.state == SaveState::Rejected);
  CHECK(s.reason.empty());  // the server gave no reason: the words alone
}

TEST_CASE("sign-out: erasing with unsynced changes says how many and needs confirmation", "[sync-ui]") {
  Fixture f;
  f.SignIn();
  Company co;
  co.name = "Atelier Dubois";
  Insert(f.store, co);
  Navigate(f.app, Screen::Conflicts);
  f.h.Settle(f.body);
  f.Tap(Role::Button, "Se déconnecter");
  f.Tap(Role::Checkbox, "Effacer aussi les données de cet appareil");
  CHECK(f.C().wipe);
  f.Tap(Role::Button, "Se déconnecter");
  CHECK(f.C().sign_out_message.find("1 modification") == 0);
  CHECK(f.app.session.signed_in);
  CHECK(f.store.db.QueryInt("SELECT count(*) FROM companies") == 1);

  Platform().http.clear();
  f.Tap(Role::Button, "Effacer quand même");
  CHECK_FALSE(f.app.session.signed_in);
  CHECK(f.app.screen == Screen::SignIn);
  CHECK(f.store.db.QueryInt("SELECT count(*) FROM companies") == 0);
  CHECK(f.store.db.QueryInt("SELECT count(*) FROM outbox") == 0);
  CHECK(f.Key("auth.refresh").empty());
  CHECK(f.Key("device_id").size() == 32);
  REQUIRE_FALSE(Platform().http.empty());
  CHECK(Platform().http[0].url == "http://relais.test/api/logout");
}

TEST_CASE("sign-out keeping the data: another account cannot sign in over unsynced changes", "[sync-ui]") {
  Fixture f;
  f.SignIn();
  Company co;
  co.name = "Atelier Dubois";
  Insert(f.store, co);
  REQUIRE(SignOut(f.app, false, false, NowMs()));
  f.h.Settle(f.body);
  CHECK(f.store.db.QueryInt("SELECT count(*) FROM outbox WHERE state = 'pending'") == 1);

  f.C().form_login = "marc";
  f.C().form_password = "relais-demo";
  f.Tap(Role::Button, "Se connecter");
  sync::TokenResponse t;
  t.access_token = std::string(64, '3');
  t.refresh_token = std::string(64, '4');
  t.user = sync::UserInfo{"u-marc", "marc", "advisor", "", "Marc"};
  f.Answer(200, sync::Encode(t, sync::Format::Json));
  CHECK_FALSE(f.app.session.signed_in);
  CHECK(f.C().message.find("claire") != std::string::npos);
  CHECK(f.store.db.QueryInt("SELECT count(*) FROM companies") == 1);
  CHECK(f.LastHttp().url == "http://relais.test/api/logout");  // marc's new server session is ended
}
