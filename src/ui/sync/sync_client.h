// sync_client.h — the signed-in session and the sync engine in the app: sign
// in (online once), unlock offline against a PBKDF2 verifier, lock, sign out
// (optionally wiping the device), and the engine's requests sent through the
// platform (fetch on the web) without ever blocking a frame.
//
// Everything is kept in the device's database, so a reload opens signed in,
// offline too: the profile in local_profile, the rest in sync_state under
// "auth.*" keys (tokens, login, lock flag, verifier, offline failures).
// The verifier is "iterations$salt$key" with key = PBKDF2-SHA256(password,
// salt): the password itself is never stored.
//
// How other screens use it: read app.session (signed_in, user_id, role,
// member/organisation/office ids); after a local write call RequestSync(app)
// so it goes out at once when online.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "core/sync/engine.h"
#include "ui/app.h"

namespace relais {

constexpr int kVerifierIterations = 150000;  // PBKDF2-SHA256; WebCrypto does this in ~0.1 s
constexpr int kOfflineFailuresFree = 3;      // wrong offline passwords before waiting
constexpr int64_t kOfflineWaitMs = 30000;    // then 30 s, doubling at each failure
constexpr int64_t kRequestRetryWaitMs = 5000;

struct SyncClient {
  Store* store = nullptr;  // the database everything below was read from
  std::unique_ptr<sync::SyncEngine> engine;
  sync::SyncStatus status;
  bool locked = false;      // signed in, but the password is asked again
  std::string login;        // of the stored session
  std::string verifier;     // "" until an online sign-in stored one
  int offline_failures = 0;
  int64_t offline_wait_until_ms = 0;

  // Requests in flight (0: none). One engine request at a time.
  int next_id = 1;
  int engine_request = 0, login_request = 0, logout_request = 0, derive_request = 0;
  bool derive_checks = false;  // the derived key is compared (offline unlock), not stored
  std::string derive_salt;

  // The sign-in form.
  std::string form_login, form_password;
  std::string message;  // under the form
  bool message_error = false;
  std::string password_in_use;  // kept only until the verifier is derived
  sync::TokenResponse signed_in;  // the server's answer being turned into a session

  // Sign-out.
  bool sign_out_open = false, wipe = false, wipe_confirmed = false;
  std::string sign_out_message;
  std::string conflicts_message;  // a value that could not be kept

  int64_t wake_at_ms = -1;  // the platform timer, to avoid re-arming it every frame

  // Other features' own API calls in flight (CallApi), by request id.
  std::map<int, std::function<void(AppState&, int status, const std::string& body)>> api_calls;
};

SyncClient& Client(AppState& app);

// Every frame (DrawApp) and on the platform's timer: binds to app.store,
// loads the session, lets the engine send what it has, arms the timer.
void Tick(AppState& app, int64_t now_ms);
void OnHttpAnswer(AppState& app, int id, int status, const std::string& body, int64_t now_ms);
void OnKeyDerived(AppState& app, int id, const std::string& key_hex, int64_t now_ms);
void OnOnline(AppState& app, bool online, int64_t now_ms);  // the browser's online/offline events

void RequestSync(AppState& app);  // "Synchroniser", and after a local write
void SubmitSignIn(AppState& app, int64_t now_ms);
void Lock(AppState& app);  // keeps everything; the password is asked again (offline too)
// Ends the session (on the server when online). wipe: also deletes the
// device's data — refused while unsynced changes exist unless confirmed.
// false (with app's sign-out message) when nothing was done.
bool SignOut(AppState& app, bool wipe, bool confirmed, int64_t now_ms);

int64_t NowMs();  // the wall clock, ms since the epoch

// A JSON POST to the server with the session's access token, for features
// with their own endpoint (the University's calendar feed). on_answer gets
// the status (0: no answer) and body, once. Returns false (nothing sent)
// when offline or not signed in.
using ApiAnswer = std::function<void(AppState&, int status, const std::string& body)>;
bool CallApi(AppState& app, const std::string& path, const std::string& json_body, ApiAnswer on_answer);

}  // namespace relais
