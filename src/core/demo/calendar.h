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
// up to its "today". Tests and benches keep the default "today", so a seed
// always gives the same data; the demo server ends the activity on the day
// it is seeded, so its demo never looks stale (DemoOptions::today).
struct Calendar {
  int64_t setup, first, last, today;
};
constexpr int64_t kDefaultToday = DaysFromCivil(2026, 10, 31);
constexpr Calendar CalendarEnding(int64_t today) {
  return {today - (kDefaultToday - DaysFromCivil(2024, 9, 2)), today - (kDefaultToday - DaysFromCivil(2024, 10, 1)),
          today - 1, today};
}

}  // namespace relais::demo
