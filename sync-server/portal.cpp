// portal.cpp — see portal.h. Routes, rate limit and storage; the pages are in
// portal_html.cpp, input rules in portal_form.cpp, data in portal_data.cpp.
#include "portal.h"

#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "core/model/json.h"
#include "core/text.h"
#include "credentials.h"
#include "core/paris_time.h"
#include "portal_data.h"
#include "portal_html.h"
#include "sync_service.h"

namespace {

int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Sliding window per client address, in memory: a restart forgets it, which
// is fine for a limit measured in minutes.
class RateLimiter {
 public:
  RateLimiter(int limit, int64_t window_ms) : limit_(limit), window_ms_(window_ms) {}

  // 0 when the hit is allowed (and counted); else seconds until one is.
  int64_t Hit(const std::string& key, int64_t now) {
    std::lock_guard<std::mutex> lock(mu_);
    if (hits_.size() > 100000) Prune(now);  // many addresses: forget the idle ones
    std::deque<int64_t>& q = hits_[key];
    while (!q.empty() && q.front() <= now - window_ms_) q.pop_front();
    if (static_cast<int>(q.size()) >= limit_) return (q.front() + window_ms_ - now + 999) / 1000;
    q.push_back(now);
    return 0;
  }

 private:
  void Prune(int64_t now) {
    for (auto it = hits_.begin(); it != hits_.end();)
      it = (it->second.empty() || it->second.back() <= now - window_ms_) ? hits_.erase(it) : std::next(it);
  }
  std::mutex mu_;
  int limit_;
  int64_t window_ms_;
  std::unordered_map<std::string, std::deque<int64_t>> hits_;
};

struct Portal {
  Portal(ServerStore& st, SyncService& sy, const PortalOptions& o)
      : store(st), sync(sy), opts(o), limiter(o.rate_limit, o.rate_window_ms) {}
  ServerStore& store;
  SyncService& sync;
  PortalOptions opts;
  RateLimiter limiter;
};

void SendPage(httplib::Response& res, int status, const std::string& title, const std::string& body) {
  res.status = status;
  // The pages can echo what was typed: never cached, never framed, no script.
  res.set_header("Cache-Control", "no-store");
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
                 "frame-ancestors 'none'");
  res.set_header("X-Frame-Options", "DENY");
  res.set_content(PortalPage(title, body), "text/html; charset=utf-8");
}

// Known needs from a query, in the taxonomy's order, each once.
std::vector<std::string> KnownNeeds(const std::vector<std::string>& asked) {
  std::vector<std::string> out;
  for (const PortalNeed& n : PortalNeeds())
    for (const std::string& a : asked)
      if (a == n.key) {
        out.push_back(n.key);
        break;
      }
  return out;
}

std::vector<std::string> QueryValues(const httplib::Request& req, const char* name) {
  std::vector<std::string> out;
  auto range = req.params.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
  return out;
}

void Results(Portal& p, const httplib::Request& req, httplib::Response& res) {
  std::vector<std::string> asked = QueryValues(req, "besoin");
  std::vector<std::string> needs = KnownNeeds(asked);
  std::string insee = req.get_param_value("commune");
  const PortalCommune* commune = FindPortalCommune(insee);
  std::vector<FieldError> errors;
  if (needs.size() != asked.size()) errors.push_back({"besoin", "Un des besoins choisis n'existe pas : choisissez dans la liste."});
  if (!commune)
    errors.push_back({"commune", insee.empty() ? "Choisissez votre commune."
                                               : "Cette commune n'est pas dans la liste des communes couvertes."});
  if (!errors.empty())
    return SendPage(res, 422, "Recherche à corriger", HomeBody(needs, commune ? insee : "", errors));
  PublicDirectory dir = LoadPublicDirectory(p.store);
  ContactInput form;
  form.commune = insee;
  form.needs = needs;
  SendPage(res, 200, "Le réseau près de " + commune->name,
           ResultsBody(dir, *commune, dir.OfficeFor(*commune), needs, form, {}));
}

std::string ClientAddress(const Portal& p, const httplib::Request& req) {
  bool from_proxy = req.remote_addr == "127.0.0.1" || req.remote_addr == "::1";
  std::string xff = req.get_header_value("X-Forwarded-For");
  if (!p.opts.trust_forwarded_for || !from_proxy || xff.empty()) return req.remote_addr;
  size_t comma = xff.rfind(',');
  std::string last = comma == std::string::npos ? xff : xff.substr(comma + 1);
  while (!last.empty() && last.front() == ' ') last.erase(0, 1);
  while (!last.empty() && last.back() == ' ') last.pop_back();
  return last.empty() || last.size() > 64 ? req.remote_addr : last;
}

void ContactPost(Portal& p, const httplib::Request& req, httplib::Response& res) {
  if (int64_t wait = p.limiter.Hit(ClientAddress(p, req), NowMs())) {
    res.set_header("Retry-After", std::to_string(wait));
    int minutes = static_cast<int>((wait + 59) / 60);
    return SendPage(res, 429, "Trop de demandes",
                    MessageBody("Trop de demandes envoyées",
                                "Trop de demandes ont été envoyées depuis votre connexion. Réessayez dans " +
                                    std::to_string(minutes) + (minutes > 1 ? " minutes" : " minute") +
                                    ", ou appelez directement l'antenne de votre territoire."));
  }
  // The form posts multipart/form-data: httplib refuses url-encoded bodies
  // over 8 KB before any handler runs, and a 3,000-character French message
  // percent-encodes to more than that. Url-encoded bodies are accepted too.
  size_t size = req.body.size();
  for (const auto& kv : req.files) size += kv.second.content.size();
  if (size > p.opts.max_body)
    return SendPage(res, 413, "Demande trop volumineuse",
                    MessageBody("Demande trop volumineuse",
                                "Votre demande dépasse " + std::to_string(p.opts.max_body / 1024) +
                                    " Ko : raccourcissez votre message (au plus " + std::to_string(kMaxMessage) +
                                    " caractères) et renvoyez-la."));
  FormFields fields;
  bool readable = false;
  if (req.is_multipart_form_data()) {
    readable = true;
    for (const auto& kv : req.files) {
      // No file belongs in this form; every value must be UTF-8 text.
      readable = readable && kv.second.filename.empty() && relais::IsValidUtf8(kv.second.content);
      fields.emplace(kv.second.name, kv.second.content);
    }
  } else if (req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) == 0) {
    readable = ParseFormUrlEncoded(req.body, &fields);
  }
  if (!readable)
    return SendPage(res, 400, "Demande illisible",
                    MessageBody("Demande illisible",
                                "Le formulaire n'a pas pu être lu. Revenez au portail et envoyez-le à nouveau."));

  ContactInput in = ReadContactInput(fields);
  if (in.honeypot_filled) {
    // Looks like success to the sender; nothing is kept.
    std::fprintf(stderr, "relais-server: portal: honeypot filled from %s, request dropped\n", req.remote_addr.c_str());
    res.status = 303;
    res.set_header("Location", "/portail/merci");
    return;
  }
  std::vector<FieldError> errors = ValidateContact(&in, IsKnownCommune, IsKnownNeed);
  const PortalCommune* commune = FindPortalCommune(in.commune);
  PublicDirectory dir;
  const PublicOffice* office = nullptr;
  if (errors.empty()) {
    dir = LoadPublicDirectory(p.store);
    office = dir.OfficeFor(*commune);
    if (!office)
      errors.push_back({"commune", "Aucune antenne du réseau ne couvre encore cette commune : la demande ne peut pas "
                                   "lui être transmise."});
  }
  if (!errors.empty()) return SendPage(res, 422, "Demande à corriger", ContactFormHtml(in, errors, true));

  const int64_t now = p.sync.Now();
  using S = std::string;
  p.sync.SeedRow("contact_requests", NewRandomId(),
                 {{"office_id", office->id},
                  {"commune_insee", commune->insee},
                  {"commune_name", commune->name},
                  {"company_name", in.company_name},
                  {"contact_name", in.contact_name},
                  {"email", in.email},
                  {"phone", in.phone},
                  {"needs", relais::JsonStringArray(in.needs)},
                  {"message", in.message},
                  {"consent_basis", S("consent")},
                  {"consent_date", relais::ParisIsoDate(now)},
                  {"consent_source", S("portal")},
                  {"consent_text", S(kConsentText)},
                  {"submitted_at", now},
                  {"status", S("new")}});
  // Post/redirect/get: reloading the confirmation does not send it twice.
  res.status = 303;
  res.set_header("Location", "/portail/merci?antenne=" + office->id);
}

}  // namespace

void register_portal_routes(httplib::Server& svr, ServerStore& store, SyncService& sync, const PortalOptions& opts) {
  auto p = std::make_shared<Portal>(store, sync, opts);

  svr.Get("/portail/style.css", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "public, max-age=3600");
    res.set_content(PortalCss(), "text/css; charset=utf-8");
  });
  svr.Get("/portail", [](const httplib::Request&, httplib::Response& res) {
    SendPage(res, 200, "Qui peut aider votre entreprise ?", HomeBody({}, "", {}));
  });
  svr.Get("/portail/", [](const httplib::Request&, httplib::Response& res) {
    res.status = 301;
    res.set_header("Location", "/portail");
  });
  svr.Get("/portail/resultats", [p](const httplib::Request& req, httplib::Response& res) { Results(*p, req, res); });
  svr.Get("/portail/contact", [](const httplib::Request& req, httplib::Response& res) {
    ContactInput form;
    if (IsKnownCommune(req.get_param_value("commune"))) form.commune = req.get_param_value("commune");
    form.needs = KnownNeeds(QueryValues(req, "besoin"));
    SendPage(res, 200, "Être recontacté", ContactFormHtml(form, {}, true));
  });
  svr.Post("/portail/contact", [p](const httplib::Request& req, httplib::Response& res) {
    try {
      ContactPost(*p, req, res);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "relais-server: POST /portail/contact: %s\n", e.what());
      SendPage(res, 500, "Erreur", MessageBody("Votre demande n'a pas pu être enregistrée",
                                               "Une erreur du serveur l'a empêchée : rien n'a été enregistré. "
                                               "Réessayez dans quelques minutes."));
    }
  });
  svr.Get("/portail/merci", [p](const httplib::Request& req, httplib::Response& res) {
    PublicDirectory dir = LoadPublicDirectory(p->store);
    const PublicOffice* office = nullptr;
    for (const PublicOffice& o : dir.offices)
      if (o.id == req.get_param_value("antenne")) office = &o;
    SendPage(res, 200, "Demande envoyée", ThanksBody(office));
  });
  // Anything else under /portail is not the web app's business.
  auto not_found = [](const httplib::Request&, httplib::Response& res) {
    SendPage(res, 404, "Page introuvable",
             MessageBody("Page introuvable", "Cette adresse n'existe pas sur le portail."));
  };
  svr.Get("/portail/.*", not_found);
  svr.Post("/portail(/.*)?", [](const httplib::Request&, httplib::Response& res) {
    SendPage(res, 405, "Méthode non permise", MessageBody("Méthode non permise", "Utilisez le formulaire du portail."));
  });
}
