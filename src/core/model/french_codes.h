// french_codes.h — checks for the French identifiers stored with companies,
// offices and members. Pure functions, no database.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace relais {

// Luhn (mod 10) checksum over a string of ASCII digits; false on a non-digit
// or an empty string.
bool LuhnValid(std::string_view digits);

// SIREN: the 9-digit company number, Luhn-checked.
bool IsValidSiren(std::string_view siren);
// SIRET: an establishment, SIREN + 5-digit NIC, Luhn-checked over 14 digits.
// Exception: the establishments of La Poste (SIREN 356000000) are numbered
// past what Luhn allows; INSEE checks them with "the sum of the digits is a
// multiple of 5" instead (its head office, 35600000000048, is Luhn-valid).
bool IsValidSiret(std::string_view siret);

// Removes the spaces (plain, no-break U+00A0, narrow U+202F) and dots people
// type into numbers: "732 829 320" -> "732829320".
std::string StripNumberSeparators(std::string_view s);

// NAF rev. 2 activity code, canonical form "62.01Z".
bool IsValidNaf(std::string_view naf);
// "6201z", "62 01 Z", "62.01Z" -> "62.01Z"; nullopt when it cannot be one.
std::optional<std::string> NormalizeNaf(std::string_view naf);

// INSEE commune code: 5 characters, digits, with "2A"/"2B" for Corsica
// ("45234" Orléans, "2A004" Ajaccio).
bool IsValidInseeCode(std::string_view code);
// French postcode: 5 digits.
bool IsValidPostcode(std::string_view code);
// "YYYY-MM-DD", a real calendar date.
bool IsValidIsoDate(std::string_view date);

}  // namespace relais
