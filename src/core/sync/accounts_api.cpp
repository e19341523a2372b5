// accounts_api.cpp — the rules of accounts_api.h (the messages are encoded in
// protocol.cpp, beside the sync protocol's).
#include "core/sync/accounts_api.h"

namespace relais::sync {

bool IsAccountRole(const std::string& r) {
  return r == "advisor" || r == "trainee" || r == "office_staff" || r == "admin";
}

bool MayManageAccounts(const std::string& actor_role) { return actor_role == "admin" || actor_role == "office_staff"; }

bool MayManageRole(const std::string& actor_role, const std::string& role) {
  if (actor_role == "admin") return IsAccountRole(role);
  if (actor_role == "office_staff") return role == "advisor" || role == "trainee";
  return false;
}

std::vector<std::string> GrantableRoles(const std::string& actor_role) {
  std::vector<std::string> out;
  for (const char* r : {"advisor", "trainee", "office_staff", "admin"})
    if (MayManageRole(actor_role, r)) out.push_back(r);
  return out;
}

bool IsValidLogin(const std::string& s) {
  if (s.size() < 2 || s.size() > kMaxLoginChars) return false;
  for (size_t i = 0; i < s.size(); i++) {
    char c = s[i];
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-' && c != '@'))) return false;
  }
  return true;
}

size_t CountCodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace relais::sync
