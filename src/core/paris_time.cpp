// paris_time.cpp — see paris_time.h.
#include "core/paris_time.h"

namespace relais {

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
  const CivilDate d = CivilFromDays(days);
  CivilTime c;
  c.year = d.year, c.month = d.month, c.day = d.day;
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
  return IsoDate(FloorDiv(utc_ms + int64_t(ParisOffsetMinutes(utc_ms)) * 60000, kDayMs));
}

}  // namespace relais
