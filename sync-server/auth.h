// auth.h — accounts, sessions and tokens.
//
//   login    Argon2id-verified password -> a session with an access token
//            (short, default 1 h) and a refresh token (default 30 days);
//            only BLAKE2b hashes of tokens are stored
//   refresh  valid refresh token -> a new access token in the same session
//            (the refresh token is kept: a retried refresh must not log out)
//   logout   revokes every token of the session
// A disabled account, or one whose member record staff deactivated, is
// refused at sign-in with 403 and a French reason (only once the password
// matched: the answer tells nothing to someone guessing); its tokens stop
// working too (disabling revokes them; a deactivated member's get 403).
// Failed logins are throttled per login (5 failures) and per address (20):
// past the threshold every attempt gets 429 with Retry-After until a delay
// that doubles at each further failure (from --login-delay-ms, at most 1 h);
// counters forget failures older than an hour, and a success clears the
// login's counter (not the address's: one good account must not unlock
// guessing at the others).
#pragma once
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

#include "core/sync/protocol.h"
#include "credentials.h"
#include "store.h"

struct AuthOptions {
  int64_t access_ttl_ms = 3600 * 1000;
  int64_t refresh_ttl_ms = int64_t(30) * 24 * 3600 * 1000;
  int64_t login_delay_ms = 30 * 1000;  // first lock-out; doubles after
  int login_threshold = 5;
  int address_threshold = 20;
  PasswordCost cost = PasswordCost::Moderate;  // of the dummy hash for unknown logins
  std::function<int64_t()> now_ms;             // the system clock when empty
};

struct AuthResult {
  int status = 0;  // 0: success; else the HTTP status of `error`
  relais::sync::ApiError error;
  relais::sync::TokenResponse tokens;  // login, refresh
  UserRecord user;                     // authenticate
  std::string session_id;              // authenticate
};

class AuthService {
 public:
  AuthService(ServerStore& store, AuthOptions opts);

  AuthResult Login(const relais::sync::LoginRequest& req, const std::string& address);
  AuthResult Refresh(const relais::sync::RefreshRequest& req);
  // From the Authorization header's value ("Bearer <token>").
  AuthResult Authenticate(const std::string& authorization);
  void Logout(const std::string& session_id);

  // For the accounts API (accounts.cpp): the same store, clock and password cost.
  ServerStore& store() { return store_; }
  int64_t Now() const { return opts_.now_ms(); }
  PasswordCost cost() const { return opts_.cost; }

 private:
  relais::sync::TokenResponse NewSession(const UserRecord& u, int64_t now);
  void RecordFailure(const std::string& key, int threshold, int64_t now);

  ServerStore& store_;
  AuthOptions opts_;
  std::mutex throttle_mu_;  // read-modify-write of the counters
};

relais::sync::UserInfo ToUserInfo(const UserRecord& u);
// The member row behind an account, as the server holds it, was deactivated
// by staff (members.active = 0): its account may no longer sign in, refresh
// or sync. False for "" and for an id with no row (accounts made before the
// directory synced).
bool MemberDeactivated(ServerStore& store, const std::string& member_id);
std::string NormalizeLogin(const std::string& login);  // trimmed, lowercase ASCII
