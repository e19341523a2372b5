// company.h — the SMEs the network supports, and the people met there.
#pragma once
#include <string>
#include <vector>

#include "core/model/repo.h"

namespace relais {

// size_band: staff head-count band, one of "0", "1-9", "10-49", "50-249",
// "250+" (CHECK in the schema), or unknown.
struct Company : Row {
  static constexpr const char* kTable = "companies";
  static constexpr const char* kOrder = "name";
  std::string name;
  std::optional<std::string> siren;
  std::optional<std::string> siret;
  std::optional<std::string> naf;  // "62.01Z"
  std::string address;
  std::string postcode;
  std::optional<std::string> commune_insee;
  std::string commune_name;
  std::optional<std::string> size_band;
  std::string phone;
  std::string email;
  std::string website;
  std::string name_key;  // CompanyNameKey(name), set by BeforeWrite (schema v2)

  template <class S, class V>
  static void Visit(S& s, V&& v) {
    v("name", s.name);
    v("siren", s.siren);
    v("siret", s.siret);
    v("naf", s.naf);
    v("address", s.address);
    v("postcode", s.postcode);
    v("commune_insee", s.commune_insee);
    v("commune_name", s.commune_name);
    v("size_band", s.size_band);
    v("phone", s.phone);
    v("email", s.email);
    v("website", s.website);
    v("name_key", s.name_key);
  }
};
// Strips spaces from SIREN/SIRET, derives the SIREN from the SIRET, normalizes
// the NAF code, then checks them all (ValidationError).
void BeforeWrite(Company& c);

// The name reduced for duplicate detection: lower case, no accents, no
// punctuation, no legal form ("SARL Boulangerie Dupont & Fils" ->
// "boulangerie dupont fils").
std::string CompanyNameKey(std::string_view name);

// Live companies that look like the same one: same SIRET, or same SIREN, or
// same name key in the same commune. c itself (same id) is left out.
std::vector<Company> FindDuplicateCompanies(Store& st, const Company& c);

// A person at a company. consent_basis is the GDPR legal basis for keeping
// their details: "consent", "contract", "legal_obligation",
// "vital_interests", "public_task" or "legitimate_interests"; with a basis
// come the date it was obtained and where ("visit", "web form", ...).
struct Contact : Row {
  static constexpr const char* kTable = "contacts";
  static constexpr const char* kOrder = "last_name, first_name";
  std::string company_id;
  std::string first_name;
  std::string last_name;
  std::string job_title;
  std::string email;
  std::string phone;
  std::optional<std::string> consent_basis;
  std::optional<std::string> consent_date;  // YYYY-MM-DD
  std::string consent_source;

  template <class S, class V>
  static void Visit(S& s, V&& v) {
    v("company_id", s.company_id);
    v("first_name", s.first_name);
    v("last_name", s.last_name);
    v("job_title", s.job_title);
    v("email", s.email);
    v("phone", s.phone);
    v("consent_basis", s.consent_basis);
    v("consent_date", s.consent_date);
    v("consent_source", s.consent_source);
  }
};
void BeforeWrite(Contact& c);

std::vector<Contact> ListContacts(Store& st, std::string_view company_id);

}  // namespace relais
