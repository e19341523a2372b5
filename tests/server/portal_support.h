// portal_support.h — what the portal and calendar tests share: a network
// with two offices routed by department, public directory data, private data
// that must never reach a public page, and plain HTTP helpers.
#pragma once

#include <httplib.h>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "test_sync_support.h"

namespace portaltest {

using namespace synctest;

inline const std::string kOffice37 = "a0000000000000000000000000000012";  // Tours (37)
inline const std::string kMemberOlivier = "a0000000000000000000000000000026";  // office staff, Tours
inline const std::string kOrgLocal = "a0000000000000000000000000000003";  // CCI Loiret
inline const std::string kServiceLocal = "a0000000000000000000000000000041";
inline const std::string kServiceRegional = "a0000000000000000000000000000042";
inline const std::string kServiceTours = "a0000000000000000000000000000043";
inline const std::string kCompany = "a0000000000000000000000000000051";
inline const std::string kContact = "a0000000000000000000000000000052";
inline const std::string kNote = "a0000000000000000000000000000053";

// Strings of seeded private data: no public page may contain any of them.
inline std::vector<std::string> PrivateStrings() {
  return {"NOTE-CONFIDENTIELLE-7731", "contact.prive@secret-sme.example", "06 99 88 77 66",
          "Boulangerie Secrète SARL", "membre.prive@reseau.example", "RESUME-MEMBRE-PRIVE-4410",
          "73282932000074"};
}

inline std::vector<std::string> PortalArgs(int rate_limit = 1000) {
  return {"--add-user", "olivier:" + kPassword + ":office_staff:" + kMemberOlivier, "--portal-rate-limit",
          std::to_string(rate_limit)};
}

// Offices routed by department, a public directory, and private records.
inline void SeedPortal(Network& net) {
  Device staff = net.SeedNetwork();
  using S = std::string;
  std::vector<Change> c;
  c.push_back(staff.Upsert("offices", kOffice,
                           {{"name", S("Antenne du Loiret")},
                            {"address", S("6 rue Jeanne d'Arc")},
                            {"postcode", S("45000")},
                            {"commune_name", S("Orléans")},
                            {"departments", S("[\"45\"]")},
                            {"phone", S("02 38 70 00 10")},
                            {"email", S("loiret@devup-reseau.example")}}));
  c.push_back(staff.Upsert("offices", kOffice37,
                           {{"name", S("Antenne d'Indre-et-Loire")},
                            {"postcode", S("37000")},
                            {"commune_name", S("Tours")},
                            {"departments", S("[\"37\"]")},
                            {"phone", S("02 47 20 00 10")},
                            {"email", S("touraine@devup-reseau.example")}}));
  c.push_back(staff.Upsert("organisations", kOrgLocal,
                           {{"name", S("CCI Loiret <script>alert('org')</script>")},
                            {"website", S("https://cci-loiret.example")},
                            {"email", S("contact@cci-loiret.example")},
                            {"phone", S("02 38 77 77 77")}}));
  c.push_back(staff.Upsert("members", kMemberOlivier,
                           {{"first_name", S("Olivier")}, {"organisation_id", kOrgB}, {"office_id", kOffice37}}));
  c.push_back(staff.Upsert("members", kMemberClaire,
                           {{"email", S("membre.prive@reseau.example")},
                            {"phone", S("06 99 88 77 66")},
                            {"summary", S("RESUME-MEMBRE-PRIVE-4410")}}));
  c.push_back(staff.Upsert("service_offers", kServiceLocal,
                           {{"name", S("Diagnostic export")},
                            {"organisation_id", kOrgLocal},
                            {"description", S("Un conseiller fait le point sur vos marchés cibles.")},
                            {"themes", S("[\"export\",\"international\"]")},
                            {"office_ids", S("[\"" + kOffice + "\"]")},
                            {"url", S("https://cci-loiret.example/export")}}));
  c.push_back(staff.Upsert("service_offers", kServiceRegional,
                           {{"name", S("Prospection internationale")},
                            {"organisation_id", kOrgB},
                            {"description", S("Missions collectives et salons à l'étranger.")},
                            {"themes", S("[\"export\"]")},
                            {"url", S("javascript:alert(1)")}}));
  c.push_back(staff.Upsert("service_offers", kServiceTours,
                           {{"name", S("Export en Touraine")},
                            {"organisation_id", kOrgA},
                            {"themes", S("[\"export\"]")},
                            {"office_ids", S("[\"" + kOffice37 + "\"]")}}));
  REQUIRE(staff.Push(c).http.status == 200);

  Device claire = net.NewDevice("claire");
  std::vector<Change> p;
  p.push_back(claire.Upsert("companies", kCompany,
                            {{"name", S("Boulangerie Secrète SARL")},
                             {"siret", S("73282932000074")},
                             {"commune_insee", S("45234")}}));
  p.push_back(claire.Upsert("contacts", kContact,
                            {{"company_id", kCompany},
                             {"first_name", S("Paul")},
                             {"email", S("contact.prive@secret-sme.example")}}));
  p.push_back(claire.Upsert("interactions", kNote,
                            InteractionFields(kCompany, kMemberClaire, kOrgA, "network", "NOTE-CONFIDENTIELLE-7731")));
  REQUIRE(claire.Push(p).http.status == 200);
}

inline HttpReply Get(int port, const std::string& path) {
  httplib::Client cli("127.0.0.1", port);
  cli.set_connection_timeout(5);
  cli.set_read_timeout(30);
  auto res = cli.Get(path.c_str());
  HttpReply r;
  if (!res) return r;
  r.status = res->status;
  r.body = res->body;
  r.content_type = res->get_header_value("Content-Type");
  r.headers = res->headers;
  return r;
}

inline std::string Header(const HttpReply& r, const std::string& name) {
  auto it = r.headers.find(name);
  return it == r.headers.end() ? std::string() : it->second;
}

inline std::string UrlEncode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

using FormList = std::vector<std::pair<std::string, std::string>>;

// application/x-www-form-urlencoded, as a plain HTML form without enctype sends.
inline std::string UrlEncodedBody(const FormList& fields) {
  std::string body;
  for (const auto& f : fields) body += (body.empty() ? "" : "&") + UrlEncode(f.first) + "=" + UrlEncode(f.second);
  return body;
}

// A valid request from an SME of Olivet (45): routed to the Loiret office.
inline FormList ValidContact() {
  return {{"nom", "Amélie Durand"},
          {"entreprise", "Atelier Durand & Fils"},
          {"email", "amelie.durand@atelier-durand.example"},
          {"telephone", "0238700011"},
          {"commune", "45232"},
          {"besoin", "export"},
          {"besoin", "financement"},
          {"message", "Nous voulons vendre nos meubles en Allemagne, par où commencer ?"},
          {"consentement", "oui"},
          {"site_web", ""}};
}

// The portal's form as a browser sends it: multipart/form-data.
inline HttpReply PostForm(int port, const FormList& fields) {
  httplib::Client cli("127.0.0.1", port);
  cli.set_connection_timeout(5);
  cli.set_read_timeout(30);
  httplib::MultipartFormDataItems items;
  for (const auto& f : fields) items.push_back({f.first, f.second, "", ""});
  auto res = cli.Post("/portail/contact", items);
  HttpReply r;
  if (!res) return r;
  r.status = res->status;
  r.body = res->body;
  r.content_type = res->get_header_value("Content-Type");
  r.headers = res->headers;
  return r;
}

inline HttpReply PostRaw(int port, const std::string& body,
                         const std::string& type = "application/x-www-form-urlencoded") {
  return Post(port, "/portail/contact", body, type);
}

// Contact requests the user's device receives on a full pull.
inline std::vector<RowState> PulledRequests(Network& net, const std::string& login) {
  Device d = net.NewDevice(login);
  Replica r;
  PullAll(d, &r);
  std::vector<RowState> out;
  for (const auto& kv : r.rows)
    if (kv.first.first == "contact_requests") out.push_back(kv.second);
  return out;
}

inline std::string FieldText(const RowState& row, const std::string& name) {
  for (const VersionedField& f : row.fields)
    if (f.name == name)
      if (auto* s = std::get_if<std::string>(&f.value)) return *s;
  return "";
}

}  // namespace portaltest
