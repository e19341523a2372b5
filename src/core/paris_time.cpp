// paris_time.cpp — see paris_time.h.
#include "core/paris_time.h"

#include <cstdio>

namespace relais {

CivilTime CivilFromDays(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  CivilTime c;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp + (mp < 10 ? 3 : -9));
  c.year = static_cast<int>(yoe + era * 400 + (c.month <= 2));
  return c;
}

namespace {

constexpr int64_t kDayMs = 86400000;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// 01:00 UTC on the last Sunday of the month, in ms.
int64_t LastSundayAt1Utc(int year, int month) {
  int64_t last = DaysFromCivil(year, month + 1, 1) - 1;  // month 3 or 10: month + 1 stays in the year
  int64_t weekday = ((last + 4) % 7 + 7) % 7;             // 0 = Sunday (1970-01-01 was a Thursday)
  return (last - weekday) * kDayMs + 3600 * 1000;
}

}  // namespace

CivilTime UtcCivil(int64_t utc_ms) {
  int64_t days = FloorDiv(utc_ms, kDayMs);
  int64_t ms = utc_ms - days * kDayMs;
  CivilTime c = CivilFromDays(days);
  c.hour = static_cast<int>(ms / 3600000);
  c.minute = static_cast<int>(ms / 60000 % 60);
  c.second = static_cast<int>(ms / 1000 % 60);
  return c;
}

int ParisOffsetMinutes(int64_t utc_ms) {
  int year = UtcCivil(utc_ms).year;
  bool summer = utc_ms >= LastSundayAt1Utc(year, 3) && utc_ms < LastSundayAt1Utc(year, 10);
  return summer ? 120 : 60;
}

CivilTime ParisCivil(int64_t utc_ms) { return UtcCivil(utc_ms + int64_t(ParisOffsetMinutes(utc_ms)) * 60000); }

std::string ParisIsoDate(int64_t utc_ms) {
  CivilTime c = ParisCivil(utc_ms);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

}  // namespace relais
