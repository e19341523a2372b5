#include "core/locale.h"

#include <cmath>
#include <cstdio>

namespace relais {

static const char* kNarrowNbsp = "\xE2\x80\xAF";  // U+202F, French thousands separator
static const char* kNbsp = "\xC2\xA0";            // U+00A0, before units

std::string FormatNumber(double value, int decimals, Lang lang) {
  if (decimals < 0) decimals = 0;
  if (decimals > 6) decimals = 6;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(value));
  std::string digits(buf);
  std::string frac;
  size_t dot = digits.find('.');
  if (dot != std::string::npos) {
    frac = digits.substr(dot + 1);
    digits.resize(dot);
  }
  const char* thousands = lang == Lang::Fr ? kNarrowNbsp : ",";
  std::string out;
  int lead = (int)digits.size() % 3;
  for (size_t i = 0; i < digits.size(); i++) {
    if (i != 0 && ((int)i - lead) % 3 == 0) out += thousands;
    out += digits[i];
  }
  if (!frac.empty()) out += (lang == Lang::Fr ? "," : ".") + frac;
  // "-0" would read oddly: only negative when something non-zero is shown.
  bool shows_nonzero = out.find_first_of("123456789") != std::string::npos;
  if (value < 0 && shows_nonzero) out = "-" + out;
  return out;
}

std::string FormatBytes(uint64_t bytes, Lang lang) {
  // French uses octets (o, ko, Mo, Go); decimal multiples as storage UIs do.
  static const char* fr[] = {"o", "ko", "Mo", "Go", "To"};
  static const char* en[] = {"B", "KB", "MB", "GB", "TB"};
  double v = (double)bytes;
  int unit = 0;
  while (v >= 1000.0 && unit < 4) {
    v /= 1000.0;
    unit++;
  }
  int decimals = (unit == 0 || v >= 100.0) ? 0 : 1;
  return FormatNumber(v, decimals, lang) + (lang == Lang::Fr ? kNbsp : " ") +
         (lang == Lang::Fr ? fr[unit] : en[unit]);
}

static const char* kMonthsFr[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                  "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
static const char* kMonthsEn[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};

std::string FormatDate(int year, int month, int day, Lang lang) {
  if (month < 1 || month > 12) return "?";
  char buf[64];
  if (lang == Lang::Fr)  // the 1st of the month is written "1er" in French
    std::snprintf(buf, sizeof buf, "%d%s %s %d", day, day == 1 ? "er" : "", kMonthsFr[month - 1], year);
  else
    std::snprintf(buf, sizeof buf, "%d %s %d", day, kMonthsEn[month - 1], year);
  return buf;
}

std::string FormatDateShort(int year, int month, int day, Lang lang) {
  char buf[32];
  if (lang == Lang::Fr)
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", day, month, year);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

}  // namespace relais
