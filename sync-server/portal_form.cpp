// portal_form.cpp — see portal_form.h.
#include "portal_form.h"

#include "core/text.h"

namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Decode(const std::string& in, std::string* out) {
  out->clear();
  for (size_t i = 0; i < in.size(); i++) {
    char c = in[i];
    if (c == '+') {
      *out += ' ';
    } else if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexDigit(in[i + 1]), lo = HexDigit(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      *out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      *out += c;
    }
  }
  return relais::IsValidUtf8(*out);
}

// Control characters have no business in a name or an address; a message
// keeps its line breaks and tabs.
bool HasControl(const std::string& s, bool allow_lines) {
  for (unsigned char c : s) {
    if (c == 0x7f) return true;
    if (c < 0x20 && !(allow_lines && (c == '\n' || c == '\t'))) return true;
  }
  return false;
}

}  // namespace

bool ParseFormUrlEncoded(const std::string& body, FormFields* out) {
  out->clear();
  size_t start = 0;
  while (start <= body.size()) {
    size_t amp = body.find('&', start);
    if (amp == std::string::npos) amp = body.size();
    std::string pair = body.substr(start, amp - start);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      std::string name, value;
      if (!Decode(pair.substr(0, eq), &name)) return false;
      if (eq != std::string::npos && !Decode(pair.substr(eq + 1), &value)) return false;
      out->emplace(name, value);
    }
    start = amp + 1;
  }
  return true;
}

std::string FirstValue(const FormFields& f, const std::string& name) {
  auto it = f.find(name);
  return it == f.end() ? std::string() : it->second;
}

std::vector<std::string> AllValues(const FormFields& f, const std::string& name) {
  std::vector<std::string> out;
  auto range = f.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
  return out;
}

std::string CleanText(const std::string& s) {
  std::string t;
  for (size_t i = 0; i < s.size(); i++) {
    if (s[i] == '\r') {
      if (i + 1 < s.size() && s[i + 1] == '\n') continue;
      t += '\n';
      continue;
    }
    t += s[i];
  }
  auto is_space_at = [&](size_t i, size_t* len) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c == ' ' || c == '\t' || c == '\n') return *len = 1, true;
    if (c == 0xC2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xA0) return *len = 2, true;
    return false;
  };
  size_t b = 0, len = 0;
  while (b < t.size() && is_space_at(b, &len)) b += len;
  size_t e = t.size();
  for (;;) {
    if (e > b && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\n')) {
      e--;
    } else if (e >= b + 2 && static_cast<unsigned char>(t[e - 2]) == 0xC2 &&
               static_cast<unsigned char>(t[e - 1]) == 0xA0) {
      e -= 2;
    } else {
      break;
    }
  }
  return t.substr(b, e - b);
}

size_t CountChars(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsPlausibleEmail(const std::string& email) {
  if (email.size() > kMaxEmail) return false;
  size_t at = email.find('@');
  if (at == std::string::npos || at == 0 || at > 64 || email.find('@', at + 1) != std::string::npos) return false;
  std::string local = email.substr(0, at), domain = email.substr(at + 1);
  for (unsigned char c : local)
    if (c <= ' ' || c >= 0x7f || std::string("()<>,;:\\\"[]").find(static_cast<char>(c)) != std::string::npos)
      return false;
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string::npos) return false;
  // Domain: dot-separated labels of letters, digits and dashes, at least two.
  if (domain.size() < 3 || domain.find('.') == std::string::npos) return false;
  size_t label = 0;
  for (size_t i = 0; i <= domain.size(); i++) {
    if (i == domain.size() || domain[i] == '.') {
      if (label == 0 || domain[i - 1] == '-' || domain[i - label] == '-') return false;
      label = 0;
      continue;
    }
    char c = domain[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
    label++;
  }
  return true;
}

bool NormaliseFrenchPhone(const std::string& phone, std::string* normalised) {
  std::string digits;
  bool plus = false;
  for (size_t i = 0; i < phone.size(); i++) {
    char c = phone[i];
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '+' && i == 0) {
      plus = true;
    } else if (c == ' ' || c == '.' || c == '-') {
      continue;
    } else {
      return false;
    }
  }
  if (plus) {
    if (digits.size() != 11 || digits.compare(0, 2, "33") != 0 || digits[2] == '0') return false;
    digits = "0" + digits.substr(2);
  }
  if (digits.size() != 10 || digits[0] != '0' || digits[1] == '0') return false;
  normalised->clear();
  for (size_t i = 0; i < 10; i += 2) {
    if (i) *normalised += ' ';
    *normalised += digits.substr(i, 2);
  }
  return true;
}

ContactInput ReadContactInput(const FormFields& f) {
  ContactInput in;
  in.contact_name = CleanText(FirstValue(f, "nom"));
  in.company_name = CleanText(FirstValue(f, "entreprise"));
  in.email = CleanText(FirstValue(f, "email"));
  in.phone = CleanText(FirstValue(f, "telephone"));
  in.commune = CleanText(FirstValue(f, "commune"));
  in.message = CleanText(FirstValue(f, "message"));
  for (const std::string& n : AllValues(f, "besoin")) {
    bool seen = false;
    for (const std::string& k : in.needs) seen = seen || k == n;
    if (!seen) in.needs.push_back(n);
  }
  in.consent = FirstValue(f, "consentement") == "oui";
  in.honeypot_filled = !FirstValue(f, "site_web").empty();
  return in;
}

std::vector<FieldError> ValidateContact(ContactInput* in, bool (*known_commune)(const std::string&),
                                        bool (*known_need)(const std::string&)) {
  std::vector<FieldError> errors;
  auto fail = [&](const char* field, const std::string& message) { errors.push_back({field, message}); };

  if (in->contact_name.empty())
    fail("nom", "Indiquez votre nom.");
  else if (CountChars(in->contact_name) > kMaxName || HasControl(in->contact_name, false))
    fail("nom", "Votre nom doit tenir en " + std::to_string(kMaxName) + " caractères, sur une ligne.");

  if (CountChars(in->company_name) > kMaxCompany || HasControl(in->company_name, false))
    fail("entreprise", "Le nom de l'entreprise doit tenir en " + std::to_string(kMaxCompany) +
                           " caractères, sur une ligne.");

  if (in->email.empty())
    fail("email", "Indiquez votre adresse e-mail, pour que l'antenne puisse vous répondre.");
  else if (!IsPlausibleEmail(in->email))
    fail("email", "L'adresse e-mail n'est pas valide (exemple : prenom.nom@entreprise.fr).");

  if (!in->phone.empty()) {
    std::string normal;
    if (!NormaliseFrenchPhone(in->phone, &normal))
      fail("telephone", "Le numéro de téléphone n'est pas valide (exemple : 02 38 70 00 10 ou +33 2 38 70 00 10).");
    else
      in->phone = normal;
  }

  if (in->commune.empty())
    fail("commune", "Choisissez votre commune.");
  else if (!known_commune(in->commune))
    fail("commune", "Cette commune n'est pas dans la liste des communes de Centre-Val de Loire couvertes.");

  for (const std::string& n : in->needs)
    if (!known_need(n)) {
      fail("besoin", "Un des besoins choisis n'existe pas : choisissez dans la liste.");
      break;
    }

  size_t len = CountChars(in->message);
  if (in->message.empty())
    fail("message", "Décrivez votre besoin en quelques phrases.");
  else if (len < kMinMessage)
    fail("message", "Votre message est trop court (" + std::to_string(len) + " caractères, au moins " +
                        std::to_string(kMinMessage) + ").");
  else if (len > kMaxMessage)
    fail("message", "Votre message est trop long (" + std::to_string(len) + " caractères, au plus " +
                        std::to_string(kMaxMessage) + ").");
  else if (HasControl(in->message, true))
    fail("message", "Votre message contient des caractères de contrôle : retirez-les.");

  if (!in->consent)
    fail("consentement", "Cochez la case pour accepter d'être recontacté : sans cela, l'antenne ne peut pas vous répondre.");
  return errors;
}
