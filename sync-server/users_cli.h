// users_cli.h — accounts made from the command line: --add-user and
// --seed-demo-users (see config.cpp's usage text).
#pragma once
#include <string>

#include "credentials.h"

class ServerStore;
class SyncService;

struct UserSpec {
  std::string login;
  std::string password;
  std::string role;
  std::string member_id;
};

// "login:password:role[:member_id]"; the password may itself contain ':'.
bool ParseUserSpec(const std::string& spec, UserSpec* out, std::string* error);

// Creates the account, or updates password, role and member of an existing
// login (a change of role applies at the user's next request and sync).
void AddUser(ServerStore& store, const UserSpec& spec, PasswordCost cost, const std::string& display_name = "");

// Demo organisations, office, members, a course with a session, and five
// accounts, all with the password "relais-demo": claire and marc (advisors of
// two organisations), lea (trainee), sophie (office staff), admin. Idempotent.
void SeedDemo(ServerStore& store, SyncService& sync, PasswordCost cost);
