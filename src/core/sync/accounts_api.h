// accounts_api.h — the account administration API of relais-server (office
// staff and admins manage sign-in accounts from the client's Comptes screen).
// The messages travel like the sync protocol's (protocol.cpp encodes and
// decodes them with the same strict rules: unknown or repeated members,
// wrong types and a missing `protocol` are refused), and the rules of who may
// manage whom are here so the server enforces them and the client offers
// only what the server will accept.
//
//   POST /api/accounts/list      AccountListRequest     -> AccountListResponse
//   POST /api/accounts/create    AccountCreateRequest   -> AccountResponse (201)
//   POST /api/accounts/update    AccountUpdateRequest   -> AccountResponse
//   POST /api/accounts/disable   AccountDisableRequest  -> AccountResponse
//   POST /api/accounts/password  AccountPasswordRequest -> AccountResponse
// All need a Bearer access token of an office_staff or admin account.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/sync/protocol.h"

namespace relais::sync {

struct AccountInfo {
  std::string id;
  std::string login;
  std::string display_name;
  std::string role;         // advisor | trainee | office_staff | admin
  std::string member_id;    // "" when not linked to a directory member
  std::string member_name;  // "Prénom Nom" of that member on the server, "" if unknown
  bool disabled = false;
  int64_t created_ms = 0;
  int64_t last_login_ms = 0;  // 0: never signed in since it was recorded
};

struct AccountListRequest {
  int protocol = kProtocolVersion;
};

struct AccountListResponse {
  int protocol = kProtocolVersion;
  std::vector<AccountInfo> accounts;  // by login
};

struct AccountCreateRequest {
  int protocol = kProtocolVersion;
  std::string login;
  std::string display_name;
  std::string role;
  std::string member_id;  // optional: a live member of the directory
  std::string password;   // optional: "" -> the server makes one and returns it once
};

// The account's editable state as a whole (what the screen shows).
struct AccountUpdateRequest {
  int protocol = kProtocolVersion;
  std::string id;
  std::string display_name;
  std::string role;
  std::string member_id;  // "" unlinks
};

struct AccountDisableRequest {
  int protocol = kProtocolVersion;
  std::string id;
  bool disabled = true;  // false: enable again
};

struct AccountPasswordRequest {
  int protocol = kProtocolVersion;
  std::string id;
  std::string password;  // optional: "" -> generated and returned once
};

struct AccountResponse {
  int protocol = kProtocolVersion;
  AccountInfo account;
  std::string password;  // only when the server generated it
};

std::string Encode(const AccountListRequest& v, Format f);
std::string Encode(const AccountListResponse& v, Format f);
std::string Encode(const AccountCreateRequest& v, Format f);
std::string Encode(const AccountUpdateRequest& v, Format f);
std::string Encode(const AccountDisableRequest& v, Format f);
std::string Encode(const AccountPasswordRequest& v, Format f);
std::string Encode(const AccountResponse& v, Format f);
bool Decode(std::string_view body, Format f, AccountListRequest* out, DecodeError* err);
bool Decode(std::string_view body, Format f, AccountListResponse* out, DecodeError* err);
bool Decode(std::string_view body, Format f, AccountCreateRequest* out, DecodeError* err);
bool Decode(std::string_view body, Format f, AccountUpdateRequest* out, DecodeError* err);
bool Decode(std::string_view body, Format f, AccountDisableRequest* out, DecodeError* err);
bool Decode(std::string_view body, Format f, AccountPasswordRequest* out, DecodeError* err);
bool Decode(std::string_view body, Format f, AccountResponse* out, DecodeError* err);

// --- the rules ---------------------------------------------------------------

constexpr size_t kMinPasswordChars = 8;   // code points
constexpr size_t kMaxPasswordBytes = 1024;
constexpr size_t kMaxLoginChars = 64;
constexpr size_t kMaxDisplayNameBytes = 200;

bool IsAccountRole(const std::string& role);
// Office staff and admins open the accounts API; everyone else gets 403.
bool MayManageAccounts(const std::string& actor_role);
// Whether actor_role may act on an account holding `role`, or give it
// `role`: admins every role, office staff advisor and trainee only.
bool MayManageRole(const std::string& actor_role, const std::string& role);
// The roles actor_role may grant, in the order a picker shows them.
std::vector<std::string> GrantableRoles(const std::string& actor_role);
// Logins are lowercase a-z 0-9 . _ - @, 2 to kMaxLoginChars long, starting
// with a letter or digit (they are typed on phones and read aloud).
bool IsValidLogin(const std::string& normalized_login);
size_t CountCodePoints(std::string_view utf8);

}  // namespace relais::sync
