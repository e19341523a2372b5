// french_codes.cpp — see french_codes.h.
#include "core/model/french_codes.h"

namespace relais {

namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int DigitSum(std::string_view s) {
  int sum = 0;
  for (char c : s) sum += c - '0';
  return sum;
}

}  // namespace

bool LuhnValid(std::string_view digits) {
  if (!AllDigits(digits)) return false;
  int sum = 0;
  bool doubled = false;  // every second digit from the right
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (doubled) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    doubled = !doubled;
  }
  return sum % 10 == 0;
}

bool IsValidSiren(std::string_view siren) { return siren.size() == 9 && LuhnValid(siren); }

bool IsValidSiret(std::string_view siret) {
  if (siret.size() != 14 || !AllDigits(siret)) return false;
  if (siret.substr(0, 9) == "356000000" && siret != "35600000000048") return DigitSum(siret) % 5 == 0;
  return LuhnValid(siret);
}

std::string StripNumberSeparators(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); i++) {
    char c = s[i];
    if (c == ' ' || c == '.' || c == '\t') continue;
    if (s.compare(i, 2, "\xC2\xA0") == 0) {  // U+00A0
      i += 1;
      continue;
    }
    if (s.compare(i, 3, "\xE2\x80\xAF") == 0) {  // U+202F
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

bool IsValidNaf(std::string_view naf) {
  return naf.size() == 6 && AllDigits(naf.substr(0, 2)) && naf[2] == '.' && AllDigits(naf.substr(3, 2)) &&
         naf[5] >= 'A' && naf[5] <= 'Z';
}

std::optional<std::string> NormalizeNaf(std::string_view naf) {
  std::string compact = StripNumberSeparators(naf);  // also drops the dot
  if (compact.size() != 5) return std::nullopt;
  char letter = compact[4];
  if (letter >= 'a' && letter <= 'z') letter = static_cast<char>(letter - 'a' + 'A');
  std::string out = compact.substr(0, 2) + "." + compact.substr(2, 2) + letter;
  if (!IsValidNaf(out)) return std::nullopt;
  return out;
}

bool IsValidInseeCode(std::string_view code) {
  if (code.size() != 5 || !AllDigits(code.substr(2))) return false;
  std::string_view dep = code.substr(0, 2);
  return AllDigits(dep) || dep == "2A" || dep == "2B";
}

bool IsValidPostcode(std::string_view code) { return code.size() == 5 && AllDigits(code); }

bool IsValidIsoDate(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  std::string_view y = date.substr(0, 4), m = date.substr(5, 2), d = date.substr(8, 2);
  if (!AllDigits(y) || !AllDigits(m) || !AllDigits(d)) return false;
  int year = std::stoi(std::string(y)), month = std::stoi(std::string(m)), day = std::stoi(std::string(d));
  if (month < 1 || month > 12 || day < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int max = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= max;
}

}  // namespace relais
