// company.cpp — see company.h.
#include "core/model/company.h"

#include "core/model/french_codes.h"

namespace relais {

namespace {

// An optional text field left blank in a form means "unknown".
void BlankToNull(std::optional<std::string>& v) {
  if (v && v->empty()) v.reset();
}

// Latin-1 letters U+00C0..U+00FF without their accents ("" for × and ÷).
const char* const kLatin1Folded[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // À..Ï
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // Ð..ß
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // à..ï
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};  // ð..ÿ

// Words that say what legal form a company has, not which company it is.
bool IsLegalFormWord(const std::string& w) {
  static const char* const kWords[] = {"sa",   "sas",     "sasu", "sarl",           "eurl",   "sci",  "snc",
                                       "scop", "scp",     "ei",   "eirl",           "selarl", "earl", "gaec",
                                       "ste",  "societe", "ets",  "etablissements", "cie"};
  for (const char* k : kWords)
    if (w == k) return true;
  return false;
}

}  // namespace

std::string CompanyNameKey(std::string_view name) {
  // Fold to lower-case ASCII words; anything else that is not a letter or a
  // digit separates words. Letters outside Latin-1 are kept as they are.
  std::vector<std::string> words(1);
  auto separate = [&] {
    if (!words.back().empty()) words.emplace_back();
  };
  for (size_t i = 0; i < name.size(); i++) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z')
        words.back() += static_cast<char>(c - 'A' + 'a');
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        words.back() += static_cast<char>(c);
      else
        separate();
      continue;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    std::string_view seq = name.substr(i, len);
    i += seq.size() - 1;
    if (seq.size() == 2 && c == 0xC3) {
      unsigned char c2 = static_cast<unsigned char>(seq[1]);
      if (c2 >= 0x80 && c2 < 0xC0) {
        const char* f = kLatin1Folded[c2 - 0x80];
        if (*f)
          words.back() += f;
        else
          separate();
        continue;
      }
    }
    if (seq == "\xC5\x92" || seq == "\xC5\x93") {  // Œ œ
      words.back() += "oe";
      continue;
    }
    if (seq == "\xC2\xA0" || seq == "\xE2\x80\x99" || seq == "\xE2\x80\xAF" || seq == "\xC2\xAB" || seq == "\xC2\xBB" ||
        seq == "\xE2\x80\x93" || seq == "\xE2\x80\x94") {  // spaces ’ « » – —
      separate();
      continue;
    }
    words.back() += seq;
  }
  std::string key;
  for (const std::string& w : words) {
    if (w.empty() || IsLegalFormWord(w)) continue;
    if (!key.empty()) key += ' ';
    key += w;
  }
  return key;
}

void BeforeWrite(Company& c) {
  Require(!c.name.empty(), "name", "a company needs a name");
  if (c.siren) c.siren = StripNumberSeparators(*c.siren);
  if (c.siret) c.siret = StripNumberSeparators(*c.siret);
  if (c.naf && StripNumberSeparators(*c.naf).empty()) c.naf.reset();
  BlankToNull(c.siren);
  BlankToNull(c.siret);
  BlankToNull(c.commune_insee);
  BlankToNull(c.size_band);

  Require(!c.siret || IsValidSiret(*c.siret), "siret", "not a valid SIRET: " + c.siret.value_or(""));
  if (c.siret && !c.siren) c.siren = c.siret->substr(0, 9);
  Require(!c.siren || IsValidSiren(*c.siren), "siren", "not a valid SIREN: " + c.siren.value_or(""));
  Require(!c.siret || c.siret->compare(0, 9, *c.siren) == 0, "siret",
          "SIRET " + c.siret.value_or("") + " does not belong to SIREN " + c.siren.value_or(""));
  if (c.naf) {
    std::optional<std::string> naf = NormalizeNaf(*c.naf);
    Require(naf.has_value(), "naf", "not a NAF code like 62.01Z: " + *c.naf);
    c.naf = naf;
  }
  Require(c.postcode.empty() || IsValidPostcode(c.postcode), "postcode", "not a French postcode: " + c.postcode);
  Require(!c.commune_insee || IsValidInseeCode(*c.commune_insee), "commune_insee",
          "not an INSEE commune code: " + c.commune_insee.value_or(""));
  c.name_key = CompanyNameKey(c.name);
}

std::vector<Company> FindDuplicateCompanies(Store& st, const Company& c) {
  std::optional<std::string> siret, siren, commune = c.commune_insee;
  if (c.siret) siret = StripNumberSeparators(*c.siret);
  if (c.siren) siren = StripNumberSeparators(*c.siren);
  if (siret && !siren && siret->size() == 14) siren = siret->substr(0, 9);
  BlankToNull(siret);
  BlankToNull(siren);
  BlankToNull(commune);
  std::string key = CompanyNameKey(c.name);
  return List<Company>(st,
                       "id <> ? AND ((siret = ?) OR (siren = ?) OR "
                       "(? <> '' AND name_key = ? AND commune_insee IS ?))",
                       c.id, siret, siren, key, key, commune);
}

void BeforeWrite(Contact& c) {
  BlankToNull(c.consent_basis);
  BlankToNull(c.consent_date);
  Require(!c.consent_basis || c.consent_date, "consent_date", "a GDPR basis needs the date it was obtained");
  Require(!c.consent_date || IsValidIsoDate(*c.consent_date), "consent_date",
          "not a date (YYYY-MM-DD): " + c.consent_date.value_or(""));
  Require(!c.first_name.empty() || !c.last_name.empty(), "last_name", "a contact needs a name");
}

std::vector<Contact> ListContacts(Store& st, std::string_view company_id) {
  return List<Contact>(st, "company_id = ?", company_id);
}

}  // namespace relais
