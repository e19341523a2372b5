// identifiers.cpp — see identifiers.h.
#include "core/demo/identifiers.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/demo/french_data.h"
#include "core/model/french_codes.h"

namespace relais::demo {

// A Luhn check digit making digits + check valid.
char LuhnDigit(const std::string& digits) {
  for (char c = '0'; c <= '9'; c++)
    if (LuhnValid(digits + c)) return c;
  return '0';  // unreachable: one digit always fits
}

std::string NewSiren(Rng& rng, std::set<std::string>& used) {
  for (;;) {
    std::string s(1, static_cast<char>('1' + rng.Below(9)));  // no leading zero, as most SIRENs
    for (int i = 0; i < 7; i++) s += static_cast<char>('0' + rng.Below(10));
    s += LuhnDigit(s);
    if (s != "356000000" && used.insert(s).second) return s;
  }
}

std::string SiretOf(const std::string& siren, int establishment) {
  char nic[16];
  std::snprintf(nic, sizeof nic, "%04d", establishment % 10000);
  std::string s = siren + nic;
  return s + LuhnDigit(s);
}

std::string Phone(Rng& rng, const std::string& department, bool mobile) {
  static const std::map<std::string, std::string> kArea = {{"18", "48"}, {"28", "37"}, {"36", "54"},
                                                           {"37", "47"}, {"41", "54"}, {"45", "38"}};
  auto it = kArea.find(department);
  std::string p = mobile ? (rng.Chance(0.5) ? "06" : "07") : "02";
  p += ' ';
  p += mobile || it == kArea.end() ? std::to_string(rng.Between(10, 99)) : it->second;
  for (int i = 0; i < 3; i++) {
    char buf[16];
    std::snprintf(buf, sizeof buf, " %02d", static_cast<int>(rng.Below(100)));
    p += buf;
  }
  return p;
}

std::string Slug(const std::string& name) {
  std::string s = EmailLocalPart(name, "");
  std::replace(s.begin(), s.end(), '.', '-');
  if (s.size() > 30) s.resize(30);
  while (!s.empty() && s.back() == '-') s.pop_back();
  return s.empty() ? "entreprise" : s;
}

}  // namespace relais::demo
