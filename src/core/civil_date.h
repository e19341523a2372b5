// civil_date.h — calendar dates as days since 1970-01-01 (no time zone):
// what the demo generator and the screens need to move dates by days.
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>

namespace relais {

// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
constexpr int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct CivilDate {
  int year = 1970, month = 1, day = 1;
};

// The civil date of a day number (the reverse of DaysFromCivil).
constexpr CivilDate CivilFromDays(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int m = static_cast<int>(mp + (mp < 10 ? 3 : -9));
  return {static_cast<int>(yoe + era * 400 + (m <= 2)), m, static_cast<int>(doy - (153 * mp + 2) / 5 + 1)};
}

// YYYY-MM-DD of a day number.
inline std::string IsoDate(int64_t days) {
  const CivilDate c = CivilFromDays(days);
  char buf[32];  // room for any int year: no truncation warning
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

}  // namespace relais
