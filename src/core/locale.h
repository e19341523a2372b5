// locale.h — numbers, sizes and dates the way French (or English) readers expect.
// French: decimal comma, narrow no-break space (U+202F) between thousands,
// a no-break space before units, day-month-year.
#pragma once
#include <cstdint>
#include <string>

namespace relais {

enum class Lang { Fr, En };

std::string FormatNumber(double value, int decimals, Lang lang);   // 12 345,50 | 12,345.50
std::string FormatBytes(uint64_t bytes, Lang lang);                // 1,2 Mo | 1.2 MB
std::string FormatDate(int year, int month, int day, Lang lang);   // 27 novembre 2026 | 27 November 2026
std::string FormatDateShort(int year, int month, int day, Lang lang);  // 27/11/2026 | 2026-11-27

}  // namespace relais
