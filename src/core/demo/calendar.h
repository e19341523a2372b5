// calendar.h — internal to demo/: civil dates as days since 1970-01-01, and
// the dataset's calendar.
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>

namespace relais::demo {

// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
constexpr int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

inline std::string IsoDate(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp + (mp < 10 ? 3 : -9);
  const int64_t y = yoe + era * 400 + (m <= 2);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(y), static_cast<int>(m), static_cast<int>(d));
  return buf;
}

constexpr int64_t kDayMs = 86400000;
constexpr int64_t DayMs(int64_t days) { return days * kDayMs; }
constexpr bool IsWeekend(int64_t days) {
  int64_t wd = (days + 4) % 7;  // 0 = Sunday; 1970-01-01 was a Thursday
  return wd == 0 || wd == 6;
}
// A weekend day moved to the Friday before.
constexpr int64_t Weekday(int64_t days) {
  while (IsWeekend(days)) days--;
  return days;
}

// The dataset's calendar: the network is set up, then two years of activity
// up to its "today".
constexpr int64_t kSetupDay = DaysFromCivil(2024, 9, 2);
constexpr int64_t kFirstDay = DaysFromCivil(2024, 10, 1);
constexpr int64_t kLastDay = DaysFromCivil(2026, 10, 30);
constexpr int64_t kToday = DaysFromCivil(2026, 10, 31);

}  // namespace relais::demo
