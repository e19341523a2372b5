// calendar.h — the University in calendar apps (served by relais-server):
//
//   GET  /calendrier/session/<id>.ics      one session (public catalogue data)
//   GET  /calendrier/flux/<token>.ics      a user's subscription feed: the
//                                          sessions of their requested,
//                                          confirmed and waitlisted registrations
//   POST /api/calendar/feed                (bearer) -> {"path","url"} of the feed
//   POST /api/calendar/feed/revoke         (bearer) -> 204; the address stops working
//
// Calendar apps cannot send a bearer token, so the feed's address carries its
// own credential: <user id>.<HMAC-SHA256(server key, user id, generation)>.
// Nothing secret is stored per user (only the generation, in the store's
// meta table), so asking again on another device gives the same address;
// revoking moves to the next generation, and asking again afterwards gives a
// new address. The key (32 random bytes) is made once in the data folder
// (calendar-feed.key, mode 0600). An unknown, malformed or revoked address
// gets 404: it says nothing about which part was wrong.
#pragma once
#include <string>

namespace httplib { class Server; }
class AuthService;
class ServerStore;

struct CalendarContext {
  ServerStore& store;
  AuthService& auth;
  std::string feed_key;  // 32 bytes
};

// Reads <data_dir>/calendar-feed.key, creating it when missing. Throws
// std::runtime_error when it cannot.
std::string LoadOrCreateFeedKey(const std::string& data_dir);

// Before the /api catch-all and the static routes. ctx must outlive svr.
void register_calendar_routes(httplib::Server& svr, CalendarContext& ctx);
