// calendar.cpp — see calendar.h.
#include "calendar.h"

#include <httplib.h>
#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>

#include "api.h"
#include "auth.h"
#include "core/ics.h"
#include "store.h"

using relais::IcsCalendar;
using relais::IcsEvent;
using relais::kIcsContentType;

namespace {

int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string Hex(const unsigned char* p, size_t n) {
  static const char* kDigits = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; i++) {
    s += kDigits[p[i] >> 4];
    s += kDigits[p[i] & 15];
  }
  return s;
}

bool IsHexId(const std::string& s, size_t len) {
  if (s.size() != len) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string MetaKey(const std::string& user_id) { return "calendar_feed:" + user_id; }

// generation > 0: the feed of that generation works; <= 0 (or none): no feed.
int64_t Generation(ServerStore& store, const std::string& user_id) {
  int64_t g = 0;
  store.Read([&](SyncTxn& tx) { g = tx.GetMeta(MetaKey(user_id)).value_or(0); });
  return g;
}

std::string FeedMac(const std::string& key, const std::string& user_id, int64_t generation) {
  std::string msg = "relais-calendar-feed:" + user_id + ":" + std::to_string(generation);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(msg.data()), msg.size());
  crypto_auth_hmacsha256_final(&st, mac);
  return Hex(mac, sizeof mac);
}

// The session as an event (core/ics.h: the device builds the same one offline).
IcsEvent SessionEvent(const RowRecord& session, const RowRecord& course, const std::string& registration_status) {
  relais::IcsSession s;
  s.id = session.row_id;
  s.starts_ms = session.Int("starts_at").value_or(0);
  s.ends_ms = session.Int("ends_at").value_or(s.starts_ms);
  s.place = session.Text("place");
  s.trainer = session.Text("trainer");
  s.course_title = course.Text("title");
  s.course_description = course.Text("description");
  return relais::UniversitySessionEvent(s, registration_status);
}

void SendIcs(httplib::Response& res, const std::string& body, const std::string& filename) {
  res.status = 200;
  res.set_header("Cache-Control", "private, max-age=0, must-revalidate");
  if (!filename.empty()) res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  res.set_content(body, kIcsContentType);
}

void NotFound(httplib::Response& res, const char* what) {
  res.status = 404;
  res.set_header("Cache-Control", "no-store");
  res.set_content(std::string(what) + "\n", "text/plain; charset=utf-8");
}

std::vector<IcsEvent> FeedEvents(ServerStore& store, const UserRecord& user) {
  std::vector<IcsEvent> events;
  store.Read([&](SyncTxn& tx) {
    std::map<std::string, std::string> by_session;  // session -> status (one event per session)
    for (const RowRecord& r : tx.TableRows("registrations")) {
      bool own = r.created_by == user.id || (!user.member_id.empty() && r.Text("member_id") == user.member_id);
      std::string status = r.Text("status");
      if (!own || (status != "requested" && status != "confirmed" && status != "waitlisted")) continue;
      std::string& kept = by_session[r.Text("session_id")];
      if (kept != "confirmed") kept = status;  // two rows for one session: the best status wins
    }
    for (const auto& kv : by_session) {
      RowRecord session = tx.GetRow("course_sessions", kv.first);
      if (!session.live()) continue;
      events.push_back(SessionEvent(session, tx.GetRow("courses", session.Text("course_id")), kv.second));
    }
  });
  std::sort(events.begin(), events.end(),
            [](const IcsEvent& a, const IcsEvent& b) { return a.starts_ms < b.starts_ms; });
  return events;
}

// The feed's absolute address as the client reached us (a reverse proxy
// terminating TLS says so in X-Forwarded-Proto). "" when Host looks wrong.
std::string AbsoluteUrl(const httplib::Request& req, const std::string& path) {
  std::string host = req.get_header_value("Host");
  if (host.empty() || host.size() > 255) return "";
  for (char c : host)
    if (!(isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']'))
      return "";
  std::string scheme = req.get_header_value("X-Forwarded-Proto") == "https" ? "https" : "http";
  return scheme + "://" + host + path;
}

bool Authenticated(CalendarContext& ctx, const httplib::Request& req, httplib::Response& res, UserRecord* user) {
  AuthResult a = ctx.auth.Authenticate(req.get_header_value("Authorization"));
  if (a.status) {
    if (a.status == 401) res.set_header("WWW-Authenticate", "Bearer");
    set_json_error(res, a.status, a.error.error.c_str(), a.error.message);
    return false;
  }
  *user = a.user;
  return true;
}

}  // namespace

std::string LoadOrCreateFeedKey(const std::string& data_dir) {
  const std::string path = data_dir + "/calendar-feed.key";
  std::string key;
  {
    std::ifstream in(path, std::ios::binary);
    if (in) key.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (key.size() == 32) return key;
  if (!key.empty()) throw std::runtime_error("'" + path + "' is not a 32-byte key");
  unsigned char buf[32];
  randombytes_buf(buf, sizeof buf);
  key.assign(reinterpret_cast<char*>(buf), sizeof buf);
  // Written beside and renamed: a crash never leaves half a key.
  const std::string tmp = path + ".tmp";
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) throw std::runtime_error("cannot write '" + tmp + "'");
  chmod(tmp.c_str(), 0600);
  bool ok = std::fwrite(key.data(), 1, key.size(), f) == key.size();
  ok = (std::fflush(f) == 0) && ok;
  ok = (std::fclose(f) == 0) && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) throw std::runtime_error("cannot write '" + path + "'");
  return key;
}

void register_calendar_routes(httplib::Server& svr, CalendarContext& ctx) {
  svr.Get(R"(/calendrier/session/([^/]*)\.ics)", [&ctx](const httplib::Request& req, httplib::Response& res) {
    const std::string id = req.matches[1];
    if (!IsHexId(id, 32)) return NotFound(res, "Session inconnue.");
    std::string body;
    ctx.store.Read([&](SyncTxn& tx) {
      RowRecord session = tx.GetRow("course_sessions", id);
      if (!session.live()) return;
      RowRecord course = tx.GetRow("courses", session.Text("course_id"));
      IcsEvent e = SessionEvent(session, course, "");
      body = IcsCalendar(e.summary, {e}, NowMs());
    });
    if (body.empty()) return NotFound(res, "Session inconnue.");
    SendIcs(res, body, relais::UniversitySessionFileName(id));
  });

  svr.Get(R"(/calendrier/flux/([^/]*)\.ics)", [&ctx](const httplib::Request& req, httplib::Response& res) {
    const std::string token = req.matches[1];
    size_t dot = token.find('.');
    if (dot != 32 || !IsHexId(token.substr(0, 32), 32) || !IsHexId(token.substr(33), 64))
      return NotFound(res, "Adresse d'abonnement inconnue ou révoquée.");
    const std::string user_id = token.substr(0, 32);
    int64_t g = Generation(ctx.store, user_id);
    std::string expected = g > 0 ? FeedMac(ctx.feed_key, user_id, g) : std::string(64, '0');
    bool match = sodium_memcmp(expected.data(), token.data() + 33, 64) == 0 && g > 0;
    std::optional<UserRecord> user = match ? ctx.store.UserById(user_id) : std::nullopt;
    if (!user || user->disabled) return NotFound(res, "Adresse d'abonnement inconnue ou révoquée.");
    std::string name = "Mes sessions — Université dev'up";
    SendIcs(res, IcsCalendar(name, FeedEvents(ctx.store, *user), NowMs()), "");
  });

  svr.Post("/api/calendar/feed", [&ctx](const httplib::Request& req, httplib::Response& res) {
    UserRecord user;
    if (!Authenticated(ctx, req, res, &user)) return;
    int64_t g = 0;
    ctx.store.Write([&](SyncTxn& tx) {
      g = tx.GetMeta(MetaKey(user.id)).value_or(0);
      if (g <= 0) {
        g = -g + 1;  // after a revocation: the next generation, never an old one
        tx.PutMeta(MetaKey(user.id), g);
      }
    });
    const std::string path = "/calendrier/flux/" + user.id + "." + FeedMac(ctx.feed_key, user.id, g) + ".ics";
    res.set_header("Cache-Control", "no-store");
    res.set_content("{\"path\":\"" + path + "\",\"url\":\"" + AbsoluteUrl(req, path) + "\"}", "application/json");
  });

  svr.Post("/api/calendar/feed/revoke", [&ctx](const httplib::Request& req, httplib::Response& res) {
    UserRecord user;
    if (!Authenticated(ctx, req, res, &user)) return;
    ctx.store.Write([&](SyncTxn& tx) {
      int64_t g = tx.GetMeta(MetaKey(user.id)).value_or(0);
      if (g > 0) tx.PutMeta(MetaKey(user.id), -g);
    });
    res.status = 204;
    res.set_header("Cache-Control", "no-store");
  });

  svr.Get("/calendrier(/.*)?", [](const httplib::Request&, httplib::Response& res) {
    NotFound(res, "Aucun calendrier à cette adresse.");
  });
}
