// sync_api.h — the HTTP side of login and sync: /api/login, /api/refresh,
// /api/logout, /api/push, /api/pull (see core/sync/protocol.h for the
// payloads). Content negotiation, body limits, decoding with the version
// check, bearer authentication, and the JSON error answers.
#pragma once

namespace httplib {
class Server;
}
class AuthService;
class SyncService;

struct ApiContext {
  AuthService& auth;
  SyncService& sync;
};

// ctx must outlive svr. Call before the /api catch-all.
void register_sync_routes(httplib::Server& svr, ApiContext& ctx);
