// portal.h — the public orientation portal, served by relais-server at
// /portail with no account: an SME picks needs and a commune, sees the
// matching services, organisations and its local office, and leaves a contact
// request that is stored as a synced contact_requests row routed to that
// office (commune -> department -> office).
//
//   GET  /portail                 needs and commune chooser
//   GET  /portail/resultats       ?besoin=...&commune=INSEE: services, office, contact form
//   GET  /portail/contact         the contact form alone (?commune=&besoin= prefill it)
//   POST /portail/contact         multipart/form-data (what the form sends) or
//                                 application/x-www-form-urlencoded -> 303 /portail/merci
//   GET  /portail/merci           confirmation
//   GET  /portail/style.css
//
// Abuse: every POST counts against its client address (rate_limit per
// rate_window_ms, then 429 with Retry-After); bodies above max_body get 413;
// a filled honeypot field (site_web, hidden from people and screen readers)
// gets the normal confirmation but nothing is stored, so a bot learns nothing.
// A refused form is shown again (422) with the input kept and each error next
// to its field; nothing is stored.
#pragma once
#include <cstdint>
#include <cstddef>

namespace httplib { class Server; }
class ServerStore;
class SyncService;

struct PortalOptions {
  int rate_limit = 10;                     // contact POSTs per address per window
  int64_t rate_window_ms = 3600 * 1000;
  size_t max_body = 16 * 1024;             // a full form with a 3,000-character message is ~10 KB
  // Behind a reverse proxy every request comes from the proxy: then the
  // client address is the last one the proxy appended to X-Forwarded-For
  // (only believed when the peer is loopback, i.e. the proxy itself).
  bool trust_forwarded_for = false;
};

// Before the static routes (which match every path). The store and sync
// service must outlive svr.
void register_portal_routes(httplib::Server& svr, ServerStore& store, SyncService& sync, const PortalOptions& opts);
