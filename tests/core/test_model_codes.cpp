// Tests of the French identifier checks, the company name key and the JSON helpers.
#include <catch2/catch.hpp>

#include "core/model/company.h"
#include "core/model/french_codes.h"
#include "core/model/json.h"

using namespace relais;

TEST_CASE("Luhn checksum") {
  CHECK(LuhnValid("0"));
  CHECK(LuhnValid("79927398713"));  // the textbook example
  CHECK_FALSE(LuhnValid("79927398710"));
  CHECK_FALSE(LuhnValid(""));
  CHECK_FALSE(LuhnValid("7992739871a"));
}

TEST_CASE("SIREN validation") {
  CHECK(IsValidSiren("732829320"));
  CHECK_FALSE(IsValidSiren("732829321"));  // one digit off
  CHECK(IsValidSiren("552100554"));
  CHECK(IsValidSiren("356000000"));          // La Poste's SIREN itself is Luhn-valid
  CHECK_FALSE(IsValidSiren("73282932"));     // 8 digits
  CHECK_FALSE(IsValidSiren("7328293200"));   // 10 digits
  CHECK_FALSE(IsValidSiren("73282932O"));    // letter O
  CHECK_FALSE(IsValidSiren("732 829 320"));  // separators are stripped before, not accepted here
}

TEST_CASE("SIRET validation, including La Poste's rule") {
  CHECK(IsValidSiret("73282932000074"));
  CHECK(IsValidSiret("55210055400013"));
  CHECK_FALSE(IsValidSiret("73282932000075"));
  CHECK_FALSE(IsValidSiret("7328293200007"));  // 13 digits
  CHECK_FALSE(IsValidSiret("7328293200007X"));
  // La Poste establishments: digit sum a multiple of 5, Luhn not required.
  CHECK_FALSE(LuhnValid("35600000000010"));
  CHECK(IsValidSiret("35600000000010"));        // 3+5+6+1 = 15
  CHECK(IsValidSiret("35600000000015"));        // 20
  CHECK_FALSE(IsValidSiret("35600000012345"));  // 29
  CHECK(IsValidSiret("35600000000048"));        // the head office, Luhn-valid
}

TEST_CASE("Number separators are stripped") {
  CHECK(StripNumberSeparators("732 829 320") == "732829320");
  CHECK(StripNumberSeparators("732\xC2\xA0"
                              "829\xE2\x80\xAF"
                              "320 00074") == "73282932000074");
  CHECK(StripNumberSeparators("62.01Z") == "6201Z");
}

TEST_CASE("NAF code format and normalization") {
  CHECK(IsValidNaf("62.01Z"));
  CHECK(IsValidNaf("01.11Z"));
  CHECK(IsValidNaf("47.11F"));
  CHECK_FALSE(IsValidNaf("6201Z"));
  CHECK_FALSE(IsValidNaf("62.01z"));
  CHECK_FALSE(IsValidNaf("62.0AZ"));
  CHECK_FALSE(IsValidNaf("62.01"));
  CHECK_FALSE(IsValidNaf("62.01ZZ"));
  CHECK(NormalizeNaf("6201z") == "62.01Z");
  CHECK(NormalizeNaf(" 62 01 Z") == "62.01Z");
  CHECK(NormalizeNaf("62.01Z") == "62.01Z");
  CHECK(NormalizeNaf("62019") == std::nullopt);
  CHECK(NormalizeNaf("620") == std::nullopt);
}

TEST_CASE("INSEE codes, postcodes and dates") {
  CHECK(IsValidInseeCode("45234"));  // Orléans
  CHECK(IsValidInseeCode("2A004"));  // Ajaccio
  CHECK(IsValidInseeCode("97411"));  // Saint-Denis (La Réunion)
  CHECK_FALSE(IsValidInseeCode("2C004"));
  CHECK_FALSE(IsValidInseeCode("4523"));
  CHECK_FALSE(IsValidInseeCode("45A34"));
  CHECK(IsValidPostcode("45000"));
  CHECK_FALSE(IsValidPostcode("4500"));
  CHECK(IsValidIsoDate("2024-02-29"));
  CHECK_FALSE(IsValidIsoDate("2023-02-29"));
  CHECK_FALSE(IsValidIsoDate("2100-02-29"));
  CHECK(IsValidIsoDate("2000-02-29"));
  CHECK_FALSE(IsValidIsoDate("2024-13-01"));
  CHECK_FALSE(IsValidIsoDate("2024-04-31"));
  CHECK_FALSE(IsValidIsoDate("2024-4-1"));
  CHECK_FALSE(IsValidIsoDate("05/03/2024"));
}

TEST_CASE("Company name key ignores case, accents, punctuation and legal forms") {
  CHECK(CompanyNameKey("SARL Boulangerie Dupont & Fils") == "boulangerie dupont fils");
  CHECK(CompanyNameKey("Boulangerie DUPONT et fils (SARL)") == "boulangerie dupont et fils");
  CHECK(CompanyNameKey("Élan Numérique SAS") == "elan numerique");
  CHECK(CompanyNameKey("L\xE2\x80\x99"
                       "Œuvre Française, Ets.") == "l oeuvre francaise");
  CHECK(CompanyNameKey("  ") == "");
  CHECK(CompanyNameKey("ÿ-Ç") == "y c");
  CHECK(CompanyNameKey("Ωmega") == "Ωmega");  // outside Latin-1: kept
}

TEST_CASE("JSON string arrays round-trip") {
  std::vector<std::string> items = {"export", "propriété intellectuelle", "a\"b\\c", "tab\there", ""};
  std::string json = JsonStringArray(items);
  CHECK(json == "[\"export\",\"propriété intellectuelle\",\"a\\\"b\\\\c\",\"tab\\there\",\"\"]");
  std::vector<std::string> back;
  REQUIRE(ParseJsonStringArray(json, &back));
  CHECK(back == items);
  CHECK(JsonStringArray({}) == "[]");
  CHECK(JsonString(std::string("\x01", 1)) == "\"\\u0001\"");

  REQUIRE(ParseJsonStringArray(" [ \"a\" , \"\\u00e9\\ud83d\\ude00\\/\" ] ", &back));
  CHECK(back == std::vector<std::string>{"a", "é\xF0\x9F\x98\x80/"});
  REQUIRE(ParseJsonStringArray("[]", &back));
  CHECK(back.empty());
  for (const char* bad :
       {"", "[", "[1]", "[\"a\",]", "[\"a\"] x", "{\"a\":1}", "[\"\\ud83d\"]", "[\"a\nb\"]", "[\"\\x\"]", "[\"abc"})
    CHECK_FALSE(ParseJsonStringArray(bad, &back));
}
