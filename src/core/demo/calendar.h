// calendar.h — internal to demo/: civil dates as days since 1970-01-01, and
// the dataset's calendar.
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>

#include "core/civil_date.h"

namespace relais::demo {

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
