// users_cli.h — accounts made from the command line: --add-user and
// --seed-demo-users (see config.cpp's usage text).
#pragma once
#include <string>
#include <vector>

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

// False, with why in *error, when a spec links a member that another account
// already has, stored or among `specs`: rights follow the member, so two
// accounts on one member would share them (the accounts screen refuses it
// too). A member not in the directory yet is accepted: a new server gets its
// accounts before office staff push its directory.
bool CheckMemberLinks(ServerStore& store, const std::vector<UserSpec>& specs, std::string* error);

// Creates the account, or updates password, role and member of an existing
// login (a change of role applies at the user's next request and sync).
void AddUser(ServerStore& store, const UserSpec& spec, PasswordCost cost, const std::string& display_name = "");

// Demo organisations, office, members, a course with a session, and five
// accounts, all with the password "relais-demo": claire and marc (advisors of
// two organisations), lea (trainee), sophie (office staff), admin. Idempotent.
void SeedDemo(ServerStore& store, SyncService& sync, PasswordCost cost);
