// paris_time.h (core: shared by the sync server and the client) — civil time in Europe/Paris from UTC milliseconds, by the EU
// rule in force since 1996 (summer time from the last Sunday of March to the
// last Sunday of October, both at 01:00 UTC). The network works in one time
// zone; a table of rules for one zone beats depending on the host's tzdata.
#pragma once
#include <cstdint>
#include <string>

#include "core/civil_date.h"  // DaysFromCivil, CivilFromDays, IsoDate

namespace relais {

struct CivilTime {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
};

CivilTime UtcCivil(int64_t utc_ms);
// Offset from UTC in minutes at that instant: 60 (CET) or 120 (CEST).
int ParisOffsetMinutes(int64_t utc_ms);
CivilTime ParisCivil(int64_t utc_ms);
std::string ParisIsoDate(int64_t utc_ms);  // "2026-03-29"

}  // namespace relais
