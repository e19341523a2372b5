// accounts.cpp — see accounts.h.
#include "accounts.h"

#include <httplib.h>
#include <sodium.h>

#include <cstdio>
#include <map>
#include <mutex>

#include "auth.h"
#include "core/sync/accounts_api.h"
#include "core/sync/ids.h"
#include "core/text.h"
#include "credentials.h"

using namespace relais::sync;

namespace {

// Account requests are a few hundred bytes; anything much bigger is not one.
constexpr size_t kMaxAccountBody = 16 * 1024;

// Check-then-write sequences (a free login, a member not yet linked) must not
// interleave: account changes are rare, one at a time is plenty.
std::mutex g_accounts_mu;

struct Refusal {
  int status = 0;  // 0: none
  const char* code = "";
  std::string message;
};

Refusal Refuse(int status, const char* code, std::string message) { return Refusal{status, code, std::move(message)}; }

void SendError(httplib::Response& res, int status, const char* code, const std::string& message) {
  ApiError e;
  e.error = code;
  e.message = message;
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  if (status == 401) res.set_header("WWW-Authenticate", "Bearer");
  res.set_content(EncodeError(e), kJsonContentType);
}

template <class T>
void Send(httplib::Response& res, const T& body, Format f) {
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
  res.set_content(Encode(body, f), ContentType(f));
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// "Prénom Nom" of a member row on the server ("" when absent).
std::string MemberName(const RowRecord& m) {
  if (!m.exists) return "";
  return Trim(m.Text("first_name") + " " + m.Text("last_name"));
}

AccountInfo Info(const UserRecord& u, const std::string& member_name) {
  AccountInfo a;
  a.id = u.id;
  a.login = u.login;
  a.display_name = u.display_name;
  a.role = u.role;
  a.member_id = u.member_id;
  a.member_name = member_name;
  a.disabled = u.disabled;
  a.created_ms = u.created_ms;
  a.last_login_ms = u.last_login_ms;
  return a;
}

AccountInfo InfoWithMember(ServerStore& store, const UserRecord& u) {
  std::string name;
  if (!u.member_id.empty()) store.Read([&](SyncTxn& tx) { name = MemberName(tx.GetRow("members", u.member_id)); });
  return Info(u, name);
}

// 16 letters and digits in four groups ("k7qm-x3td-9hpw-ra4e", about 79
// bits): easy to read out over the phone, no 0/o or 1/l to confuse.
std::string GeneratePassword() {
  static const char kAlphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
  std::string out;
  for (int i = 0; i < 16; i++) {
    if (i > 0 && i % 4 == 0) out += '-';
    out += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  }
  return out;
}

Refusal CheckDisplayName(std::string* name) {
  *name = Trim(*name);
  if (name->empty()) return Refuse(400, "invalid_display_name", "Le nom affiché est obligatoire.");
  if (name->size() > kMaxDisplayNameBytes)
    return Refuse(400, "invalid_display_name", "Le nom affiché est trop long (au plus 200 octets).");
  for (unsigned char c : *name)
    if (c < 0x20 || c == 0x7f)
      return Refuse(400, "invalid_display_name", "Le nom affiché contient un caractère de contrôle.");
  return {};
}

Refusal CheckRole(const UserRecord& actor, const std::string& role) {
  if (!IsAccountRole(role))
    return Refuse(400, "invalid_role",
                  "Rôle « " + role + " » inconnu : advisor, trainee, office_staff ou admin.");
  if (!MayManageRole(actor.role, role))
    return Refuse(403, "forbidden_role", "Seul un administrateur peut attribuer le rôle « " + role + " ».");
  return {};
}

Refusal CheckPassword(const std::string& password) {
  if (password.size() > kMaxPasswordBytes) return Refuse(400, "invalid_password", "Mot de passe trop long.");
  if (CountCodePoints(password) < kMinPasswordChars)
    return Refuse(400, "weak_password", "Le mot de passe doit compter au moins 8 caractères.");
  return {};
}

// A member link must name a live, active member of the directory that no
// other account uses (rights follow the member: two accounts on one member
// would share them). `self`: the account being edited.
Refusal CheckMember(ServerStore& store, const std::string& member_id, const std::string& self) {
  if (member_id.empty()) return {};
  if (!relais::IsValidId(member_id))
    return Refuse(400, "invalid_member", "Identifiant de membre invalide (32 chiffres hexadécimaux attendus).");
  bool usable = false;
  store.Read([&](SyncTxn& tx) {
    RowRecord m = tx.GetRow("members", member_id);
    usable = m.live() && m.Int("active").value_or(1) != 0;
  });
  if (!usable)
    return Refuse(422, "unknown_member",
                  "Ce membre n'existe pas dans l'annuaire du serveur, ou sa fiche a été supprimée ou désactivée.");
  for (const UserRecord& u : store.ListUsers())
    if (u.member_id == member_id && u.id != self)
      return Refuse(409, "member_taken", "Ce membre a déjà un compte : « " + u.login + " ».");
  return {};
}

// The account `id`, if the actor may manage it.
Refusal Target(ServerStore& store, const UserRecord& actor, const std::string& id, UserRecord* out) {
  std::optional<UserRecord> u = relais::IsValidId(id) ? store.UserById(id) : std::nullopt;
  if (!u) return Refuse(404, "unknown_account", "Ce compte n'existe pas (ou plus).");
  if (!MayManageRole(actor.role, u->role))
    return Refuse(403, "forbidden_account", "Seul un administrateur peut modifier un compte de ce rôle.");
  *out = *u;
  return {};
}

// Authenticates, checks the actor's role, bounds and decodes the body, then
// fn(request, format, actor) returns a refusal or answers itself. Nothing is
// looked at before the bearer token is.
template <class Req, class F>
void Handle(AuthService& auth, const httplib::Request& req, httplib::Response& res, F&& fn) {
  try {
    AuthResult a = auth.Authenticate(req.get_header_value("Authorization"));
    if (a.status) return SendError(res, a.status, a.error.error.c_str(), a.error.message);
    if (!MayManageAccounts(a.user.role))
      return SendError(res, 403, "forbidden",
                       "La gestion des comptes est réservée à l'équipe du réseau et aux administrateurs.");
    Format f;
    if (!FormatForContentType(req.get_header_value("Content-Type"), &f))
      return SendError(res, 415, "unsupported_media_type", "Corps attendu en application/json.");
    if (req.body.size() > kMaxAccountBody)
      return SendError(res, 413, "body_too_large", "Requête trop volumineuse (au plus 16 Ko).");
    Req r;
    DecodeError err;
    if (!Decode(req.body, f, &r, &err)) {
      if (err.kind == DecodeError::UnsupportedVersion) return SendError(res, 426, "update_required", err.message);
      return SendError(res, 400, "malformed", "Requête invalide : " + err.message);
    }
    std::lock_guard<std::mutex> lock(g_accounts_mu);
    Refusal refused = fn(r, f, a.user);
    if (refused.status) SendError(res, refused.status, refused.code, refused.message);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "relais-server: %s %s: %s\n", req.method.c_str(), req.path.c_str(), e.what());
    SendError(res, 500, "internal", "Erreur interne du serveur : rien n'a été enregistré, réessayez plus tard.");
  }
}

}  // namespace

void register_account_routes(httplib::Server& svr, AuthService& auth) {
  svr.Post("/api/accounts/list", [&auth, &store = auth.store()](const httplib::Request& req, httplib::Response& res) {
    Handle<AccountListRequest>(auth, req, res, [&](const AccountListRequest&, Format f, const UserRecord&) {
      std::vector<UserRecord> users = store.ListUsers();
      std::vector<std::string> member_ids;
      for (const UserRecord& u : users)
        if (!u.member_id.empty()) member_ids.push_back(u.member_id);
      std::map<std::string, std::string> names;
      store.Read([&](SyncTxn& tx) {
        for (const RowPtr& m : tx.GetRows("members", member_ids)) names[m->row_id] = MemberName(*m);
      });
      AccountListResponse out;
      for (const UserRecord& u : users) out.accounts.push_back(Info(u, u.member_id.empty() ? "" : names[u.member_id]));
      Send(res, out, f);
      return Refusal{};
    });
  });

  svr.Post("/api/accounts/create", [&auth, &store = auth.store()](const httplib::Request& req, httplib::Response& res) {
    Handle<AccountCreateRequest>(auth, req, res, [&](const AccountCreateRequest& r, Format f, const UserRecord& actor) {
      UserRecord u;
      u.login = NormalizeLogin(r.login);
      if (!IsValidLogin(u.login))
        return Refuse(400, "invalid_login",
                      "Identifiant invalide : 2 à 64 caractères parmi les lettres minuscules sans accent, les chiffres "
                      "et . _ - @, en commençant par une lettre ou un chiffre.");
      u.display_name = r.display_name;
      if (Refusal x = CheckDisplayName(&u.display_name); x.status) return x;
      if (Refusal x = CheckRole(actor, r.role); x.status) return x;
      std::string password = r.password;
      const bool generated = password.empty();
      if (generated) password = GeneratePassword();
      if (Refusal x = CheckPassword(password); x.status) return x;
      if (store.UserByLogin(u.login))
        return Refuse(409, "login_taken", "L'identifiant « " + u.login + " » est déjà pris.");
      if (Refusal x = CheckMember(store, r.member_id, ""); x.status) return x;
      u.id = NewRandomId();
      u.role = r.role;
      u.member_id = r.member_id;
      u.created_ms = auth.Now();
      u.password_hash = HashPassword(password, auth.cost());
      store.PutUser(u);
      AccountResponse out;
      out.account = InfoWithMember(store, u);
      if (generated) out.password = password;
      Send(res, out, f);
      return Refusal{};
    });
  });

  svr.Post("/api/accounts/update", [&auth, &store = auth.store()](const httplib::Request& req, httplib::Response& res) {
    Handle<AccountUpdateRequest>(auth, req, res, [&](const AccountUpdateRequest& r, Format f, const UserRecord& actor) {
      UserRecord u;
      if (Refusal x = Target(store, actor, r.id, &u); x.status) return x;
      std::string name = r.display_name;
      if (Refusal x = CheckDisplayName(&name); x.status) return x;
      if (Refusal x = CheckRole(actor, r.role); x.status) return x;
      if (u.id == actor.id && r.role != u.role)
        return Refuse(403, "own_account", "Vous ne pouvez pas changer le rôle de votre propre compte.");
      if (r.member_id != u.member_id)
        if (Refusal x = CheckMember(store, r.member_id, u.id); x.status) return x;
      u.display_name = name;
      u.role = r.role;
      u.member_id = r.member_id;
      store.PutUser(u);
      AccountResponse out;
      out.account = InfoWithMember(store, u);
      Send(res, out, f);
      return Refusal{};
    });
  });

  svr.Post("/api/accounts/disable", [&auth, &store = auth.store()](const httplib::Request& req, httplib::Response& res) {
    Handle<AccountDisableRequest>(auth, req, res, [&](const AccountDisableRequest& r, Format f, const UserRecord& actor) {
      UserRecord u;
      if (Refusal x = Target(store, actor, r.id, &u); x.status) return x;
      if (u.id == actor.id)
        return Refuse(403, "own_account", "Vous ne pouvez pas désactiver votre propre compte.");
      u.disabled = r.disabled;
      if (u.disabled)
        store.PutUserRevokingTokens(u);  // every session ends now, not at its token's expiry
      else
        store.PutUser(u);
      AccountResponse out;
      out.account = InfoWithMember(store, u);
      Send(res, out, f);
      return Refusal{};
    });
  });

  svr.Post("/api/accounts/password", [&auth, &store = auth.store()](const httplib::Request& req, httplib::Response& res) {
    Handle<AccountPasswordRequest>(auth, req, res, [&](const AccountPasswordRequest& r, Format f, const UserRecord& actor) {
      UserRecord u;
      if (Refusal x = Target(store, actor, r.id, &u); x.status) return x;
      if (u.id == actor.id)
        return Refuse(403, "own_account",
                      "Vous ne pouvez pas réinitialiser votre propre mot de passe ici : demandez-le à un "
                      "administrateur.");
      std::string password = r.password;
      const bool generated = password.empty();
      if (generated) password = GeneratePassword();
      if (Refusal x = CheckPassword(password); x.status) return x;
      u.password_hash = HashPassword(password, auth.cost());
      store.PutUserRevokingTokens(u);  // whoever knew the old one is signed out everywhere
      AccountResponse out;
      out.account = InfoWithMember(store, u);
      if (generated) out.password = password;
      Send(res, out, f);
      return Refusal{};
    });
  });
}
