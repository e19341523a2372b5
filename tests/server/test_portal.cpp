// The public orientation portal over real HTTP: pages, routing of contact
// requests to the right office and to its staff only, validation, abuse
// limits (rate, honeypot, size) and what a public page must never show.
#include <catch2/catch.hpp>

#include "portal_support.h"

using namespace portaltest;

namespace {

bool Contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::vector<std::pair<std::string, std::string>> With(std::vector<std::pair<std::string, std::string>> fields,
                                                      const std::string& name, const std::string& value) {
  bool found = false;
  for (auto& f : fields)
    if (f.first == name) {
      f.second = value;
      found = true;
    }
  if (!found) fields.push_back({name, value});
  return fields;
}

std::vector<std::pair<std::string, std::string>> Without(std::vector<std::pair<std::string, std::string>> fields,
                                                         const std::string& name) {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& f : fields)
    if (f.first != name) out.push_back(f);
  return out;
}

}  // namespace

TEST_CASE("portal: pages render in French for a phone, without an account", "[server][portal]") {
  Network net(PortalArgs());
  SeedPortal(net);

  HttpReply home = Get(net.port(), "/portail");
  REQUIRE(home.status == 200);
  CHECK(home.content_type == "text/html; charset=utf-8");
  CHECK(Contains(home.body, "<html lang=\"fr\">"));
  CHECK(Contains(home.body, "name=\"viewport\""));
  CHECK(Contains(home.body, "<label for=\"besoin-export\">Exporter, se développer à l'international</label>"));
  CHECK(Contains(home.body, "<option value=\"45234\">Orléans (45000)</option>"));
  CHECK(Contains(home.body, "<label class=\"field\" for=\"commune\">"));
  CHECK(!Contains(home.body, "<script"));
  CHECK(Contains(Header(home, "Content-Security-Policy"), "default-src 'none'"));

  HttpReply css = Get(net.port(), "/portail/style.css");
  CHECK(css.status == 200);
  CHECK(css.content_type == "text/css; charset=utf-8");

  SECTION("results: the commune's office, its services and the region's, never another office's") {
    HttpReply r = Get(net.port(), "/portail/resultats?besoin=export&commune=45232");
    REQUIRE(r.status == 200);
    CHECK(Contains(r.body, "Le réseau près de Olivet"));
    CHECK(Contains(r.body, "Antenne du Loiret"));
    CHECK(Contains(r.body, "02 38 70 00 10"));
    CHECK(Contains(r.body, "href=\"tel:0238700010\""));
    CHECK(Contains(r.body, "loiret@devup-reseau.example"));
    CHECK(Contains(r.body, "Diagnostic export"));
    CHECK(Contains(r.body, "Prospection internationale"));  // region-wide
    CHECK(!Contains(r.body, "Export en Touraine"));         // Tours office only
    CHECK(!Contains(r.body, "Antenne d'Indre-et-Loire"));
    // Names from the directory are escaped; a javascript: URL never becomes a link.
    CHECK(Contains(r.body, "CCI Loiret &lt;script&gt;alert('org')&lt;/script&gt;"));
    CHECK(!Contains(r.body, "<script"));
    CHECK(!Contains(r.body, "javascript:"));
    // The contact form comes prefilled with the search.
    CHECK(Contains(r.body, "<option value=\"45232\" selected>"));
    CHECK(Contains(r.body, "value=\"export\" checked"));
  }
  SECTION("results in another department: its own office") {
    HttpReply r = Get(net.port(), "/portail/resultats?besoin=export&commune=37261");
    REQUIRE(r.status == 200);
    CHECK(Contains(r.body, "Antenne d'Indre-et-Loire"));
    CHECK(Contains(r.body, "Export en Touraine"));
    CHECK(!Contains(r.body, "Diagnostic export"));
  }
  SECTION("a bad search is shown again with its errors") {
    HttpReply r = Get(net.port(), "/portail/resultats?besoin=export&commune=75056");
    CHECK(r.status == 422);
    CHECK(Contains(r.body, "Cette commune n'est pas dans la liste"));
    CHECK(Contains(r.body, "value=\"export\" checked"));
    HttpReply none = Get(net.port(), "/portail/resultats?besoin=%3Cscript%3E&commune=");
    CHECK(none.status == 422);
    CHECK(Contains(none.body, "Choisissez votre commune."));
    CHECK(!Contains(none.body, "<script>"));
  }
  SECTION("unknown portal paths are the portal's 404, not the web app") {
    HttpReply r = Get(net.port(), "/portail/nimporte-quoi");
    CHECK(r.status == 404);
    CHECK(Contains(r.body, "Page introuvable"));
  }
}

TEST_CASE("portal: a contact request is stored, routed by commune, and pulled by that office's staff only",
          "[server][portal]") {
  Network net(PortalArgs());
  SeedPortal(net);

  HttpReply sent = PostForm(net.port(), (ValidContact()));
  REQUIRE(sent.status == 303);
  CHECK(Header(sent, "Location") == "/portail/merci?antenne=" + kOffice);
  HttpReply thanks = Get(net.port(), Header(sent, "Location"));
  CHECK(thanks.status == 200);
  CHECK(Contains(thanks.body, "<strong>Antenne du Loiret</strong> a bien reçu votre demande"));

  std::vector<RowState> got = PulledRequests(net, "sophie");  // office staff, Loiret
  REQUIRE(got.size() == 1);
  const RowState& row = got[0];
  CHECK(FieldText(row, "office_id") == kOffice);
  CHECK(FieldText(row, "commune_insee") == "45232");
  CHECK(FieldText(row, "commune_name") == "Olivet");
  CHECK(FieldText(row, "contact_name") == "Amélie Durand");
  CHECK(FieldText(row, "company_name") == "Atelier Durand & Fils");
  CHECK(FieldText(row, "email") == "amelie.durand@atelier-durand.example");
  CHECK(FieldText(row, "phone") == "02 38 70 00 11");
  CHECK(FieldText(row, "needs") == "[\"export\",\"financement\"]");
  CHECK(FieldText(row, "consent_basis") == "consent");
  CHECK(FieldText(row, "consent_source") == "portal");
  CHECK(FieldText(row, "consent_date").size() == 10);
  CHECK(Contains(FieldText(row, "consent_text"), "recontacter"));
  CHECK(FieldText(row, "status") == "new");

  CHECK(PulledRequests(net, "admin").size() == 1);    // runs the whole network
  CHECK(PulledRequests(net, "olivier").empty());      // staff of another office
  CHECK(PulledRequests(net, "claire").empty());       // advisor
  CHECK(PulledRequests(net, "lea").empty());          // trainee

  // A request from Tours goes to Tours (sent url-encoded, as a form without enctype would).
  REQUIRE(PostRaw(net.port(), UrlEncodedBody(With(ValidContact(), "commune", "37261"))).status == 303);
  CHECK(PulledRequests(net, "olivier").size() == 1);
  CHECK(PulledRequests(net, "sophie").size() == 1);
  CHECK(PulledRequests(net, "admin").size() == 2);

  SECTION("staff assign and follow up; the SME's words and consent never change; others cannot") {
    Device sophie = net.NewDevice("sophie");
    auto r = sophie.Push({sophie.Upsert("contact_requests", row.row_id,
                                        {{"status", std::string("assigned")},
                                         {"assignee_member_id", kMemberSophie},
                                         {"assigned_at", NowMs()},
                                         {"staff_note", std::string("Rappel prévu mardi")}})});
    REQUIRE(r.http.status == 200);
    CHECK(FieldText(PulledRequests(net, "sophie")[0], "status") == "assigned");

    auto edit = sophie.Push({sophie.Upsert("contact_requests", row.row_id, {{"message", std::string("autre")}})});
    CHECK(edit.http.status == 403);
    auto del = sophie.Push({sophie.Delete("contact_requests", row.row_id)});
    CHECK(del.http.status == 403);
    auto bad = sophie.Push({sophie.Upsert("contact_requests", row.row_id, {{"status", std::string("perdu")}})});
    CHECK(bad.http.status == 422);

    Device olivier = net.NewDevice("olivier");
    auto other = olivier.Push({olivier.Upsert("contact_requests", row.row_id, {{"status", std::string("closed")}})});
    CHECK(other.http.status == 403);
    Device claire = net.NewDevice("claire");
    auto adv = claire.Push({claire.Upsert("contact_requests", row.row_id, {{"status", std::string("closed")}})});
    CHECK(adv.http.status == 403);
    auto forged = claire.Push({claire.Upsert("contact_requests", NewRowId(),
                                             {{"office_id", kOffice}, {"commune_insee", std::string("45234")}})});
    CHECK(forged.http.status == 403);
    CHECK(PulledRequests(net, "admin").size() == 2);

    // Re-routed to Tours: it leaves the Loiret staff's sight, Tours sees it.
    Device sophie2 = net.NewDevice("sophie");
    Replica before;
    PullAll(sophie2, &before);
    REQUIRE(before.Find("contact_requests", row.row_id));
    auto moved = sophie2.Push({sophie2.Upsert("contact_requests", row.row_id, {{"office_id", kOffice37}})});
    CHECK(moved.http.status == 200);
    PullAll(sophie2, &before);
    CHECK(!before.Find("contact_requests", row.row_id));
    CHECK(PulledRequests(net, "olivier").size() == 2);
  }
}

TEST_CASE("portal: invalid requests are shown again with their errors and store nothing", "[server][portal]") {
  Network net(PortalArgs());
  SeedPortal(net);
  struct Case {
    const char* what;
    std::vector<std::pair<std::string, std::string>> fields;
    const char* message;
  } cases[] = {
      {"no name", Without(ValidContact(), "nom"), "Indiquez votre nom."},
      {"no e-mail", With(ValidContact(), "email", " "), "Indiquez votre adresse e-mail"},
      {"bad e-mail", With(ValidContact(), "email", "amelie@@example"), "L'adresse e-mail n'est pas valide"},
      {"bad e-mail domain", With(ValidContact(), "email", "amelie@localhost"), "L'adresse e-mail n'est pas valide"},
      {"bad phone", With(ValidContact(), "telephone", "12345"), "Le numéro de téléphone n'est pas valide"},
      {"short message", With(ValidContact(), "message", "Bonjour"), "Votre message est trop court (7 caractères"},
      {"long message", With(ValidContact(), "message", std::string(3001, 'a')), "Votre message est trop long (3001"},
      {"unknown commune", With(ValidContact(), "commune", "75056"), "Cette commune n'est pas dans la liste"},
      {"no commune", With(ValidContact(), "commune", ""), "Choisissez votre commune."},
      {"unknown need", With(ValidContact(), "besoin", "astrologie"), "Un des besoins choisis n'existe pas"},
      {"no consent", Without(ValidContact(), "consentement"), "Cochez la case pour accepter d'être recontacté"},
      {"control characters", With(ValidContact(), "nom", "Amélie\x01"), "Votre nom doit tenir en 100 caractères"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    HttpReply r = PostForm(net.port(), (c.fields));
    CHECK(r.status == 422);
    CHECK(r.content_type == "text/html; charset=utf-8");
    CHECK(Contains(r.body, c.message));
    CHECK(Contains(r.body, "role=\"alert\""));
    CHECK(Contains(r.body, "-erreur\">"));  // the message next to its field
  }
  SECTION("the input is kept, escaped") {
    auto fields = With(With(ValidContact(), "email", "pas-une-adresse"), "nom", "<script>alert('x')</script> Dupont");
    fields = With(fields, "message", "Projet « export » vers l'Allemagne & la Suisse </textarea><b>gras</b>");
    HttpReply r = PostForm(net.port(), (fields));
    CHECK(r.status == 422);
    CHECK(Contains(r.body, "value=\"&lt;script&gt;alert('x')&lt;/script&gt; Dupont\""));
    CHECK(!Contains(r.body, "<script>"));
    CHECK(Contains(r.body, "Projet « export » vers l'Allemagne &amp; la Suisse &lt;/textarea&gt;&lt;b&gt;gras"));
    CHECK(Contains(r.body, "value=\"pas-une-adresse\""));
    CHECK(Contains(r.body, "<option value=\"45232\" selected>"));
    CHECK(Contains(r.body, "value=\"financement\" checked"));
  }
  SECTION("unreadable bodies") {
    CHECK(PostRaw(net.port(), "nom=%ZZ").status == 400);
    CHECK(PostRaw(net.port(), "nom=%C3%28").status == 400);  // not UTF-8
    CHECK(PostRaw(net.port(), "{\"nom\":\"x\"}", "application/json").status == 400);
    CHECK(PostForm(net.port(), With(ValidContact(), "nom", "\xC3\x28")).status == 400);
  }
  CHECK(PulledRequests(net, "admin").empty());
}

TEST_CASE("portal: honeypot, size limit and rate limit", "[server][portal]") {
  SECTION("a filled honeypot looks accepted but nothing is stored") {
    Network net(PortalArgs());
    SeedPortal(net);
    HttpReply r = PostForm(net.port(), (With(ValidContact(), "site_web", "http://spam.example")));
    CHECK(r.status == 303);
    CHECK(Contains(Header(r, "Location"), "/portail/merci"));
    CHECK(PulledRequests(net, "admin").empty());
  }
  SECTION("a body over 16 KB gets 413 and stores nothing") {
    Network net(PortalArgs());
    SeedPortal(net);
    HttpReply r = PostForm(net.port(), (With(ValidContact(), "message", std::string(20000, 'a'))));
    CHECK(r.status == 413);
    CHECK(Contains(r.body, "Demande trop volumineuse"));
    CHECK(PulledRequests(net, "admin").empty());
    // A url-encoded body is refused at 8 KB by the HTTP layer, still with 413.
    CHECK(PostRaw(net.port(), UrlEncodedBody(With(ValidContact(), "message", std::string(9000, 'a')))).status == 413);
    // The longest message allowed, all in 3-byte characters, still fits.
    std::string longest;
    for (size_t i = 0; i < 3000; i++) longest += "’";
    CHECK(PostForm(net.port(), With(ValidContact(), "message", longest)).status == 303);
    CHECK(PulledRequests(net, "admin").size() == 1);
  }
  SECTION("past the limit per address: 429 with Retry-After and a clear message") {
    Network net(PortalArgs(3));
    SeedPortal(net);
    for (int i = 0; i < 3; i++) CHECK(PostForm(net.port(), (ValidContact())).status == 303);
    HttpReply r = PostForm(net.port(), (ValidContact()));
    CHECK(r.status == 429);
    CHECK(std::atoi(Header(r, "Retry-After").c_str()) > 0);
    CHECK(Contains(r.body, "Trop de demandes ont été envoyées depuis votre connexion"));
    CHECK(PulledRequests(net, "admin").size() == 3);
    // Reading the portal is not limited.
    CHECK(Get(net.port(), "/portail").status == 200);
  }
  SECTION("behind a trusted reverse proxy, the limit is per forwarded address") {
    std::vector<std::string> args = PortalArgs(2);
    args.push_back("--portal-trust-proxy");
    Network net(args);
    SeedPortal(net);
    auto post_from = [&](const std::string& address) {
      httplib::Client cli("127.0.0.1", net.port());
      auto res = cli.Post("/portail/contact", httplib::Headers{{"X-Forwarded-For", "198.51.100.1, " + address}},
                          UrlEncodedBody(ValidContact()), "application/x-www-form-urlencoded");
      return res ? res->status : 0;
    };
    CHECK(post_from("203.0.113.7") == 303);
    CHECK(post_from("203.0.113.7") == 303);
    CHECK(post_from("203.0.113.7") == 429);
    CHECK(post_from("203.0.113.8") == 303);
  }
}

TEST_CASE("portal: no public page shows private data, and the API still needs a token", "[server][portal]") {
  Network net(PortalArgs());
  SeedPortal(net);
  REQUIRE(PostForm(net.port(), (ValidContact())).status == 303);

  std::vector<HttpReply> pages;
  for (const char* path :
       {"/portail", "/portail/style.css", "/portail/resultats?commune=45234", "/portail/resultats?besoin=export&commune=45234",
        "/portail/resultats?besoin=creation&besoin=financement&besoin=innovation&besoin=export&besoin=pi&besoin=numerique"
        "&besoin=rh&besoin=implantation&besoin=transition&commune=45234",
        "/portail/resultats?commune=37261", "/portail/contact", "/portail/contact?commune=45234&besoin=export",
        "/portail/merci", "/portail/merci?antenne=a0000000000000000000000000000011", "/portail/inconnu"})
    pages.push_back(Get(net.port(), path));
  pages.push_back(PostForm(net.port(), (With(ValidContact(), "email", "x"))));
  pages.push_back(Get(net.port(), "/calendrier/session/" + kSession + ".ics"));
  for (const HttpReply& p : pages) {
    REQUIRE(p.status != 0);
    CHECK(p.status < 500);
    for (const std::string& secret : PrivateStrings()) {
      INFO(secret);
      CHECK(!Contains(p.body, secret));
    }
    // Nor the SME's own request, once sent.
    CHECK(!Contains(p.body, "amelie.durand@atelier-durand.example"));
  }
  for (const char* path : {"/api/pull", "/api/push", "/api/calendar/feed", "/api/calendar/feed/revoke"}) {
    INFO(path);
    HttpReply r = Post(net.port(), path, "{}", "application/json");
    CHECK(r.status == 401);
  }
}
