// sync_client.cpp — see sync_client.h.
#include "ui/sync/sync_client.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "core/model/profile.h"
#include "core/sync/resolve.h"
#include "ui/i18n.h"
#include "ui/platform.h"

namespace relais {

int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

SyncClient& Client(AppState& app) {
  if (!app.sync) app.sync = std::make_shared<SyncClient>();
  return *app.sync;
}

// --- the session on the device (sync_state "auth.*") --------------------------

static std::string GetKey(Store& st, const char* key) {
  return st.db.QueryText("SELECT CAST(value AS TEXT) FROM sync_state WHERE key = ?", std::string(key)).value_or("");
}
static void SetKey(Store& st, const char* key, const std::string& value) {
  st.db.Exec("INSERT INTO sync_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
             std::string(key), value);
}
static int64_t GetInt(Store& st, const char* key) {
  std::string v = GetKey(st, key);
  return v.empty() ? 0 : std::strtoll(v.c_str(), nullptr, 10);
}

static void SaveTokens(Store& st, const sync::Tokens& t) {
  Tx tx(st.db);
  SetKey(st, "auth.access", t.access);
  SetKey(st, "auth.access_expires", std::to_string(t.access_expires_ms));
  SetKey(st, "auth.refresh", t.refresh);
  SetKey(st, "auth.refresh_expires", std::to_string(t.refresh_expires_ms));
  tx.Commit();
}

// The session screens read: the profile, plus the member's organisation and
// office once the directory has synced.
static void FillSession(AppState& app) {
  SyncClient& c = Client(app);
  Store& st = *app.store;
  SessionInfo s;
  std::optional<LocalProfile> p = GetLocalProfile(st);
  if (p && !GetKey(st, "auth.refresh").empty()) {
    s.signed_in = !c.locked;
    s.user_id = p->user_id;
    s.login = c.login;
    s.display_name = p->display_name;
    s.role = p->role;
    s.member_id = p->member_id.value_or("");
    if (!s.member_id.empty()) {
      Stmt m = st.db.Prepare("SELECT organisation_id, coalesce(office_id, '') FROM members WHERE id = ?");
      m.BindText(1, s.member_id);
      if (m.Step()) {
        s.organisation_id = m.Text(0);
        s.office_id = m.Text(1);
      }
    }
  }
  app.session = s;
}

static void StartEngine(AppState& app) {
  SyncClient& c = Client(app);
  Store& st = *app.store;
  sync::Tokens t{GetKey(st, "auth.access"), GetInt(st, "auth.access_expires"), GetKey(st, "auth.refresh"),
                 GetInt(st, "auth.refresh_expires")};
  c.engine.reset();
  c.engine_request = 0;
  if (t.refresh.empty()) return;
  // cereal's binary archive: a pull page decodes several times faster than
  // its JSON (initial sync of an advisor's scope: 5 s instead of 7.5 s
  // natively, more in wasm), for 20 % more bytes once gzipped.
  sync::SyncEngineOptions o;
  o.format = sync::Format::Binary;
  o.prefetch_pages = true;  // SendEngineRequest writes a page while the next is fetched
  c.engine = std::make_unique<sync::SyncEngine>(st, o);
  c.engine->SetTokens(t);
  c.engine->RequestSync();  // at start and after each sign-in
}

// Reads everything from a (new) store: at start, and if the platform reopens it.
static void Load(AppState& app) {
  SyncClient& c = Client(app);
  Store& st = *app.store;
  c.store = app.store;
  c.login = GetKey(st, "auth.login");
  c.locked = GetInt(st, "auth.locked") != 0;
  c.verifier = GetKey(st, "auth.verifier");
  c.offline_failures = (int)GetInt(st, "auth.offline_failures");
  c.offline_wait_until_ms = GetInt(st, "auth.offline_wait_until");
  if (c.form_login.empty()) c.form_login = c.login;
  if (std::optional<LocalProfile> p = GetLocalProfile(st)) st.author_id = p->user_id;
  FillSession(app);
  StartEngine(app);
}

// --- requests -----------------------------------------------------------------

static std::string Url(const AppState& app, const std::string& path) {
  std::string base = app.server_address;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + path;
}

static int Send(AppState& app, const std::string& path, const std::string& content_type, const std::string& body,
                const std::string& bearer) {
  SyncClient& c = Client(app);
  int id = c.next_id++;
  platform::HttpRequest(id, "POST", Url(app, path), content_type, body, bearer);
  return id;
}

bool CallApi(AppState& app, const std::string& path, const std::string& json_body, ApiAnswer on_answer) {
  SyncClient& c = Client(app);
  if (!app.online || !app.session.signed_in || !c.engine || c.engine->AccessToken().empty()) return false;
  int id = Send(app, path, sync::kJsonContentType, json_body, c.engine->AccessToken());
  c.api_calls[id] = std::move(on_answer);
  return true;
}

static void SendEngineRequest(AppState& app, int64_t now_ms) {
  SyncClient& c = Client(app);
  if (!c.engine || c.engine_request || !app.online) return;
  std::optional<sync::OutgoingRequest> req = c.engine->Next(now_ms);
  if (!req) return;
  c.engine_request = Send(app, req->path, req->content_type, req->body, req->needs_auth ? c.engine->AccessToken() : "");
  c.engine->ApplyKept(now_ms);  // the fetch runs in the browser meanwhile
}

static void ArmTimer(AppState& app, int64_t now_ms) {
  SyncClient& c = Client(app);
  int64_t at = -1;
  if (c.engine && !c.engine_request && app.online) at = c.engine->NextWakeMs(now_ms);
  // Coarse on purpose: an idle app wakes once a minute at most, not per frame.
  if (at >= 0) at = std::max(at, now_ms + 1000);
  if (at == c.wake_at_ms || (at >= 0 && c.wake_at_ms >= 0 && std::llabs(at - c.wake_at_ms) < 1000)) return;
  c.wake_at_ms = at;
  platform::WakeAfter(at < 0 ? -1 : at - now_ms);
}

static bool SameStatus(const sync::SyncStatus& a, const sync::SyncStatus& b) {
  return a.state == b.state && a.pending == b.pending && a.rejected == b.rejected && a.conflicts == b.conflicts &&
         a.last_sync_ms == b.last_sync_ms && a.last_error == b.last_error;
}

void Tick(AppState& app, int64_t now_ms) {
  if (!app.store) return;
  SyncClient& c = Client(app);
  if (c.store != app.store) Load(app);
  if (!c.engine) {
    ArmTimer(app, now_ms);
    return;
  }
  SendEngineRequest(app, now_ms);
  sync::SyncStatus s = c.engine->Status();
  bool changed = !SameStatus(s, c.status);
  c.status = s;
  if (changed) {
    FillSession(app);  // the member's organisation may just have arrived
    platform::RequestFrame();
  }
  ArmTimer(app, now_ms);
}

void RequestSync(AppState& app) {
  SyncClient& c = Client(app);
  if (!c.engine) return;
  c.engine->RequestSync();
  platform::RequestFrame();
}

void OnOnline(AppState& app, bool online, int64_t now_ms) {
  app.online = online;
  if (online) RequestSync(app);
  Tick(app, now_ms);
}

// --- sign-in --------------------------------------------------------------------

static void Say(SyncClient& c, const std::string& text, bool error) {
  c.message = text;
  c.message_error = error;
}

static void StartDerive(AppState& app, const std::string& password, const std::string& salt, bool check) {
  SyncClient& c = Client(app);
  c.derive_request = c.next_id++;
  c.derive_checks = check;
  c.derive_salt = salt;
  platform::DerivePasswordKey(c.derive_request, password, salt, kVerifierIterations);
}

static bool CanUnlockOffline(const SyncClient& c) {
  return c.locked && !c.verifier.empty() && c.form_login == c.login;
}

static void TryOfflineUnlock(AppState& app, int64_t now_ms) {
  SyncClient& c = Client(app);
  if (!CanUnlockOffline(c)) {
    Say(c, T(Msg::SignInNeedsNetwork), true);
    return;
  }
  if (now_ms < c.offline_wait_until_ms) {
    char buf[160];
    std::snprintf(buf, sizeof buf, T(Msg::SignInWait), (int)((c.offline_wait_until_ms - now_ms + 999) / 1000));
    Say(c, buf, true);
    return;
  }
  size_t a = c.verifier.find('$'), b = c.verifier.find('$', a + 1);
  if (a == std::string::npos || b == std::string::npos) {
    Say(c, T(Msg::SignInNeedsNetwork), true);
    return;
  }
  Say(c, T(Msg::SignInBusy), false);
  StartDerive(app, c.form_password, c.verifier.substr(a + 1, b - a - 1), true);
  c.form_password.clear();
}

void SubmitSignIn(AppState& app, int64_t now_ms) {
  SyncClient& c = Client(app);
  if (!app.store || c.login_request || c.derive_request) return;
  size_t b = c.form_login.find_first_not_of(" \t"), e = c.form_login.find_last_not_of(" \t");
  c.form_login = b == std::string::npos ? "" : c.form_login.substr(b, e - b + 1);
  if (c.form_login.empty() || c.form_password.empty()) {
    Say(c, T(Msg::SignInMissing), true);
    return;
  }
  if (!app.online) {
    TryOfflineUnlock(app, now_ms);
    return;
  }
  sync::LoginRequest req;
  req.login = c.form_login;
  req.password = c.form_password;
  c.login_request = Send(app, "/api/login", sync::kJsonContentType, sync::Encode(req, sync::Format::Json), "");
  Say(c, T(Msg::SignInBusy), false);
}

// The server said yes: this account's session becomes the device's.
static void AcceptSignIn(AppState& app, const sync::TokenResponse& t, int64_t now_ms) {
  SyncClient& c = Client(app);
  Store& st = *app.store;
  const std::string previous = GetKey(st, "auth.user_id");
  if (!previous.empty() && previous != t.user.id) {
    // Another account's data is on this device. Its unsynced changes must not
    // be sent (or shown) as this user's: they stay until their owner syncs.
    int64_t unsynced = sync::UnsyncedCount(st);
    if (unsynced > 0) {
      Say(c, std::string(T(Msg::SignInOtherUser)) + " " + GetKey(st, "auth.last_login") + ".", true);
      Send(app, "/api/logout", sync::kJsonContentType, sync::Encode(sync::LogoutRequest{}, sync::Format::Json),
           t.access_token);
      return;
    }
    sync::WipeLocalData(st);
  }
  {
    Tx tx(st.db);
    LocalProfile p;
    p.user_id = t.user.id;
    if (!t.user.member_id.empty()) p.member_id = t.user.member_id;
    p.display_name = t.user.display_name.empty() ? t.user.login : t.user.display_name;
    p.role = t.user.role;
    p.lang = LangCode(app.lang);
    p.signed_in_at = now_ms;
    SaveLocalProfile(st, p);
    SetKey(st, "auth.user_id", t.user.id);
    SetKey(st, "auth.login", t.user.login);
    SetKey(st, "auth.last_login", t.user.login);
    SetKey(st, "auth.locked", "0");
    SetKey(st, "auth.offline_failures", "0");
    SetKey(st, "auth.offline_wait_until", "0");
    SaveTokens(st, sync::Tokens{t.access_token, t.access_expires_ms, t.refresh_token, t.refresh_expires_ms});
    tx.Commit();
  }
  c.login = t.user.login;
  c.form_login = t.user.login;
  c.locked = false;
  c.offline_failures = 0;
  c.offline_wait_until_ms = 0;
  Say(c, "", false);
  FillSession(app);
  StartEngine(app);
  // A new verifier for offline unlock, from a fresh random salt.
  StartDerive(app, c.form_password, NewId(st), false);
  c.form_password.clear();
  if (app.screen == Screen::SignIn) Navigate(app, Home(app));
}

static void OnLoginAnswer(AppState& app, int status, const std::string& body, int64_t now_ms) {
  SyncClient& c = Client(app);
  if (status == 0) {  // no server: a locked session may still be unlocked here
    TryOfflineUnlock(app, now_ms);
    return;
  }
  if (status == 200) {
    sync::TokenResponse t;
    sync::DecodeError err;
    if (!sync::Decode(body, sync::Format::Json, &t, &err)) {
      Say(c, T(Msg::SignInBadAnswer), true);
      c.form_password.clear();
      return;
    }
    AcceptSignIn(app, t, now_ms);
    return;
  }
  c.form_password.clear();
  sync::ApiError e;
  sync::DecodeApiError(body, &e);
  if (status == 401) Say(c, T(Msg::SignInWrong), true);
  else if (status == 426) Say(c, T(Msg::SignInUpdateRequired), true);
  else Say(c, e.message.empty() ? T(Msg::SignInBadAnswer) : e.message, true);
}

// Constant time: how long the comparison takes says nothing about the key.
static bool SameKey(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char d = 0;
  for (size_t i = 0; i < a.size(); i++) d |= (unsigned char)(a[i] ^ b[i]);
  return d == 0;
}

void OnKeyDerived(AppState& app, int id, const std::string& key_hex, int64_t now_ms) {
  SyncClient& c = Client(app);
  if (id != c.derive_request || !app.store) return;
  c.derive_request = 0;
  Store& st = *app.store;
  if (!c.derive_checks) {  // after an online sign-in: keep the verifier
    if (key_hex.empty()) return;  // no WebCrypto: offline unlock will ask for the network
    c.verifier = std::to_string(kVerifierIterations) + "$" + c.derive_salt + "$" + key_hex;
    SetKey(st, "auth.verifier", c.verifier);
    return;
  }
  const std::string stored = c.verifier.substr(c.verifier.rfind('$') + 1);
  if (key_hex.empty()) {
    Say(c, T(Msg::SignInNoCrypto), true);
  } else if (SameKey(key_hex, stored)) {
    c.locked = false;
    c.offline_failures = 0;
    c.offline_wait_until_ms = 0;
    Tx tx(st.db);
    SetKey(st, "auth.locked", "0");
    SetKey(st, "auth.offline_failures", "0");
    SetKey(st, "auth.offline_wait_until", "0");
    tx.Commit();
    Say(c, "", false);
    FillSession(app);
    if (app.screen == Screen::SignIn) Navigate(app, Home(app));
  } else {
    // Kept on the device, so reloading the page does not reset the count.
    c.offline_failures++;
    if (c.offline_failures >= kOfflineFailuresFree)
      c.offline_wait_until_ms = now_ms + (kOfflineWaitMs << std::min(c.offline_failures - kOfflineFailuresFree, 8));
    Tx tx(st.db);
    SetKey(st, "auth.offline_failures", std::to_string(c.offline_failures));
    SetKey(st, "auth.offline_wait_until", std::to_string(c.offline_wait_until_ms));
    tx.Commit();
    Say(c, T(Msg::SignInWrongOffline), true);
  }
  platform::RequestFrame();
}

void OnHttpAnswer(AppState& app, int id, int status, const std::string& body, int64_t now_ms) {
  SyncClient& c = Client(app);
  if (id != 0 && id == c.engine_request) {
    c.engine_request = 0;
    if (c.engine && c.engine->InFlight()) {
      if (status == 0) c.engine->OnNetworkError(now_ms);
      else c.engine->OnResponse(status, body, now_ms);
      if (c.engine->TakeTokensChanged() && app.store) SaveTokens(*app.store, c.engine->tokens());
    }
  } else if (id != 0 && id == c.login_request) {
    c.login_request = 0;
    if (app.store) OnLoginAnswer(app, status, body, now_ms);
  } else if (id != 0 && id == c.logout_request) {
    c.logout_request = 0;  // best effort: the tokens are already gone here
  } else if (auto call = c.api_calls.find(id); id != 0 && call != c.api_calls.end()) {
    ApiAnswer on_answer = std::move(call->second);
    c.api_calls.erase(call);
    on_answer(app, status, body);
  }
  Tick(app, now_ms);
  platform::RequestFrame();
}

// --- lock and sign-out -------------------------------------------------------------

void Lock(AppState& app) {
  SyncClient& c = Client(app);
  if (!app.store || !app.session.signed_in) return;
  c.locked = true;
  SetKey(*app.store, "auth.locked", "1");
  c.form_login = c.login;
  c.form_password.clear();
  Say(c, "", false);
  FillSession(app);
  Navigate(app, Screen::SignIn);
}

bool SignOut(AppState& app, bool wipe, bool confirmed, int64_t now_ms) {
  SyncClient& c = Client(app);
  if (!app.store) return false;
  Store& st = *app.store;
  const int64_t unsynced = sync::UnsyncedCount(st);
  if (wipe && unsynced > 0 && !confirmed) {
    c.sign_out_message = std::to_string(unsynced) + " " + T(Msg::SignOutUnsynced);
    return false;
  }
  const std::string access = c.engine ? c.engine->AccessToken() : GetKey(st, "auth.access");
  if (app.online && !access.empty())
    c.logout_request = Send(app, "/api/logout", sync::kJsonContentType,
                            sync::Encode(sync::LogoutRequest{}, sync::Format::Json), access);
  c.engine.reset();
  c.engine_request = 0;
  c.status = sync::SyncStatus();
  if (wipe) {
    sync::WipeLocalData(st);
  } else {
    // The data stays, and auth.user_id with it: another account cannot sign
    // in over this one's unsynced changes (AcceptSignIn).
    Tx tx(st.db);
    st.db.Exec("DELETE FROM sync_state WHERE key IN ('auth.access', 'auth.access_expires', 'auth.refresh', "
               "'auth.refresh_expires', 'auth.verifier', 'auth.login', 'auth.locked')");
    ClearLocalProfile(st);
    tx.Commit();
  }
  c.login.clear();
  c.verifier.clear();
  c.locked = false;
  c.form_password.clear();
  c.sign_out_open = false;
  c.wipe = c.wipe_confirmed = false;
  c.sign_out_message.clear();
  Say(c, T(Msg::SignedOut), false);
  FillSession(app);
  Navigate(app, Screen::SignIn);
  ArmTimer(app, now_ms);
  return true;
}

}  // namespace relais
