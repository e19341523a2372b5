// auth.cpp — see auth.h.
#include "auth.h"

#include <algorithm>
#include <cctype>
#include <chrono>

using relais::sync::ApiError;
using relais::sync::TokenResponse;

namespace {

int64_t SystemNowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

constexpr int64_t kFailureMemoryMs = 3600 * 1000;
constexpr int64_t kMaxDelayMs = 3600 * 1000;

AuthResult Fail(int status, const char* code, const std::string& message) {
  AuthResult r;
  r.status = status;
  r.error.error = code;
  r.error.message = message;
  return r;
}

}  // namespace

relais::sync::UserInfo ToUserInfo(const UserRecord& u) {
  return relais::sync::UserInfo{u.id, u.login, u.role, u.member_id, u.display_name.empty() ? u.login : u.display_name};
}

bool MemberDeactivated(ServerStore& store, const std::string& member_id) {
  if (member_id.empty()) return false;
  bool off = false;
  store.Read([&](SyncTxn& tx) {
    RowRecord m = tx.GetRow("members", member_id);
    off = m.exists && m.Int("active").value_or(1) == 0;
  });
  return off;
}

namespace {
const char* const kMemberInactive =
    "Votre fiche membre a été désactivée : ce compte ne peut plus se connecter ni synchroniser. Adressez-vous à "
    "l'équipe du réseau.";
const char* const kAccountDisabled = "Ce compte est désactivé : adressez-vous à l'équipe du réseau.";
}  // namespace

std::string NormalizeLogin(const std::string& login) {
  size_t b = login.find_first_not_of(" \t"), e = login.find_last_not_of(" \t");
  std::string s = b == std::string::npos ? "" : login.substr(b, e - b + 1);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

AuthService::AuthService(ServerStore& store, AuthOptions opts) : store_(store), opts_(std::move(opts)) {
  if (!opts_.now_ms) opts_.now_ms = SystemNowMs;
}

TokenResponse AuthService::NewSession(const UserRecord& u, int64_t now) {
  TokenResponse t;
  std::string session = NewRandomId();
  t.access_token = NewToken();
  t.refresh_token = NewToken();
  t.access_expires_ms = now + opts_.access_ttl_ms;
  t.refresh_expires_ms = now + opts_.refresh_ttl_ms;
  store_.PutToken(TokenRecord{TokenHash(t.access_token), "access", session, u.id, now, t.access_expires_ms, false});
  store_.PutToken(TokenRecord{TokenHash(t.refresh_token), "refresh", session, u.id, now, t.refresh_expires_ms, false});
  t.user = ToUserInfo(u);
  return t;
}

void AuthService::RecordFailure(const std::string& key, int threshold, int64_t now) {
  ThrottleRecord t = store_.GetThrottle(key);
  if (now - t.last_failure_ms > kFailureMemoryMs) t.failures = 0;
  t.failures++;
  t.last_failure_ms = now;
  if (t.failures >= threshold) {
    int doublings = std::min(t.failures - threshold, 20);
    t.blocked_until_ms = now + std::min(opts_.login_delay_ms << doublings, kMaxDelayMs);
  }
  store_.PutThrottle(t);
}

AuthResult AuthService::Login(const relais::sync::LoginRequest& req, const std::string& address) {
  const int64_t now = opts_.now_ms();
  const std::string login = NormalizeLogin(req.login);
  const std::string login_key = "login:" + login, addr_key = "addr:" + address;
  {
    std::lock_guard<std::mutex> lock(throttle_mu_);
    int64_t until =
        std::max(store_.GetThrottle(login_key).blocked_until_ms, store_.GetThrottle(addr_key).blocked_until_ms);
    if (until > now) {
      AuthResult r =
          Fail(429, "too_many_attempts", "Trop d'essais de connexion infructueux : réessayez dans quelques instants.");
      r.error.retry_after_s = (until - now + 999) / 1000;
      return r;
    }
  }
  std::optional<UserRecord> u = login.empty() ? std::nullopt : store_.UserByLogin(login);
  bool ok = false;
  if (u)
    ok = VerifyPassword(u->password_hash, req.password);
  else
    VerifyAgainstDummy(req.password, opts_.cost);  // same time whether the login exists or not
  std::lock_guard<std::mutex> lock(throttle_mu_);
  if (!ok) {
    RecordFailure(login_key, opts_.login_threshold, now);
    RecordFailure(addr_key, opts_.address_threshold, now);
    return Fail(401, "invalid_credentials", "Identifiant ou mot de passe incorrect.");
  }
  store_.PutThrottle(ThrottleRecord{login_key, 0, 0, 0});
  // The password was right: saying why the account cannot sign in helps its
  // owner and tells a guesser nothing.
  if (u->disabled) return Fail(403, "account_disabled", kAccountDisabled);
  if (MemberDeactivated(store_, u->member_id)) return Fail(403, "member_inactive", kMemberInactive);
  store_.PurgeExpired(now);  // logins are rare: a fine moment for housekeeping
  store_.RecordLogin(u->id, now);
  AuthResult r;
  r.tokens = NewSession(*u, now);
  r.user = *u;
  return r;
}

AuthResult AuthService::Refresh(const relais::sync::RefreshRequest& req) {
  const int64_t now = opts_.now_ms();
  std::optional<TokenRecord> t;
  if (LooksLikeToken(req.refresh_token)) t = store_.TokenByHash(TokenHash(req.refresh_token));
  if (!t || t->kind != "refresh")
    return Fail(401, "invalid_token", "Jeton de renouvellement inconnu : reconnectez-vous.");
  if (t->revoked) return Fail(401, "token_revoked", "Cette session a été fermée : reconnectez-vous.");
  if (t->expires_ms <= now) return Fail(401, "token_expired", "Votre session a expiré : reconnectez-vous.");
  std::optional<UserRecord> u = store_.UserById(t->user_id);
  if (!u || u->disabled) return Fail(401, "account_disabled", kAccountDisabled);
  if (MemberDeactivated(store_, u->member_id)) return Fail(403, "member_inactive", kMemberInactive);
  AuthResult r;
  r.tokens.access_token = NewToken();
  r.tokens.access_expires_ms = std::min(now + opts_.access_ttl_ms, t->expires_ms);
  r.tokens.refresh_token = req.refresh_token;
  r.tokens.refresh_expires_ms = t->expires_ms;
  r.tokens.user = ToUserInfo(*u);
  store_.PutToken(TokenRecord{TokenHash(r.tokens.access_token), "access", t->session_id, u->id, now,
                              r.tokens.access_expires_ms, false});
  r.user = *u;
  return r;
}

AuthResult AuthService::Authenticate(const std::string& authorization) {
  if (authorization.empty())
    return Fail(401, "missing_token", "Connexion requise : envoyez l'en-tête « Authorization: Bearer <jeton> ».");
  std::string scheme = authorization.substr(0, 7);
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string token = scheme == "bearer " ? authorization.substr(7) : "";
  std::optional<TokenRecord> t;
  if (LooksLikeToken(token)) t = store_.TokenByHash(TokenHash(token));
  if (!t || t->kind != "access") return Fail(401, "invalid_token", "Jeton d'accès inconnu : reconnectez-vous.");
  if (t->revoked) return Fail(401, "token_revoked", "Cette session a été fermée : reconnectez-vous.");
  if (t->expires_ms <= opts_.now_ms())
    return Fail(401, "token_expired", "Jeton d'accès expiré : renouvelez-le (/api/refresh) ou reconnectez-vous.");
  std::optional<UserRecord> u = store_.UserById(t->user_id);
  if (!u || u->disabled) return Fail(401, "account_disabled", kAccountDisabled);
  if (MemberDeactivated(store_, u->member_id)) return Fail(403, "member_inactive", kMemberInactive);
  AuthResult r;
  r.user = *u;
  r.session_id = t->session_id;
  return r;
}

void AuthService::Logout(const std::string& session_id) { store_.RevokeSession(session_id); }
