// accounts.h — account administration over HTTP (core/sync/accounts_api.h
// for the endpoints and messages): list, create, edit (role, display name,
// member link), disable and enable, reset a password.
//
// Who may do what: admins manage every account; office staff manage advisor
// and trainee accounts only (they neither touch office_staff or admin
// accounts nor grant those roles); nobody disables, demotes or resets the
// password of their own account here; advisors and trainees get 403.
// Disabling and resetting a password revoke every token of the account at
// once (one transaction). A role change needs no new token: the server
// recomputes rights at each sync (access.cpp). Every refused request changes
// nothing and is answered {"error", "message" in French}.
#pragma once

namespace httplib {
class Server;
}
class AuthService;

// Before the /api catch-all. auth must outlive svr.
void register_account_routes(httplib::Server& svr, AuthService& auth);
