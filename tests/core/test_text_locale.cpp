#include <catch2/catch.hpp>

#include "core/locale.h"
#include "core/text.h"

using namespace relais;

TEST_CASE("UTF-16 offsets map to UTF-8 byte offsets and back") {
  std::string s = "Crème brûlée — « œuvre » 12,50 €";
  // 'C','r' are 1 byte; 'è' is 2 bytes but one UTF-16 unit.
  CHECK(Utf16ToByteOffset(s, 0) == 0);
  CHECK(Utf16ToByteOffset(s, 3) == 4);  // after "Crè"
  CHECK(ByteToUtf16Offset(s, 4) == 3);
  CHECK(Utf16ToByteOffset(s, 1000) == s.size());
  CHECK(ByteToUtf16Offset(s, s.size()) == 32);
  // A byte offset inside 'è' rounds down to its start.
  CHECK(ByteToUtf16Offset(s, 3) == 2);
  // Astral characters are two UTF-16 units.
  std::string astral = "a\xF0\x9F\x98\x80" "b";  // a😀b
  CHECK(ByteToUtf16Offset(astral, 5) == 3);
  CHECK(Utf16ToByteOffset(astral, 3) == 5);
  CHECK(Utf16ToByteOffset(astral, 2) == 1);  // between the surrogates: stays before the emoji
  for (size_t u = 0; u <= 32; u++) CHECK(ByteToUtf16Offset(s, Utf16ToByteOffset(s, u)) == u);
}

TEST_CASE("UTF-8 validation rejects malformed input") {
  CHECK(IsValidUtf8("Élève à ça œuvre"));
  CHECK(IsValidUtf8(""));
  CHECK_FALSE(IsValidUtf8("\xC3"));              // truncated
  CHECK_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));      // UTF-16 surrogate
  CHECK_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(IsValidUtf8("a\x80z"));
}

TEST_CASE("French number formatting") {
  CHECK(FormatNumber(12.5, 2, Lang::Fr) == "12,50");
  CHECK(FormatNumber(12345.5, 2, Lang::Fr) == "12\xE2\x80\xAF" "345,50");
  CHECK(FormatNumber(1234567, 0, Lang::Fr) == "1\xE2\x80\xAF" "234\xE2\x80\xAF" "567");
  CHECK(FormatNumber(12345.5, 2, Lang::En) == "12,345.50");
  CHECK(FormatNumber(-3.14159, 2, Lang::Fr) == "-3,14");
  CHECK(FormatNumber(-0.001, 1, Lang::Fr) == "0,0");
  CHECK(FormatNumber(999, 0, Lang::Fr) == "999");
}

TEST_CASE("Byte sizes use French units") {
  CHECK(FormatBytes(0, Lang::Fr) == "0\xC2\xA0o");
  CHECK(FormatBytes(1234567, Lang::Fr) == "1,2\xC2\xA0Mo");
  CHECK(FormatBytes(1234567, Lang::En) == "1.2 MB");
  CHECK(FormatBytes(250000000, Lang::Fr) == "250\xC2\xA0Mo");
}

TEST_CASE("Dates read the French way") {
  CHECK(FormatDate(2026, 11, 27, Lang::Fr) == "27 novembre 2026");
  CHECK(FormatDate(2026, 8, 1, Lang::Fr) == "1er août 2026");
  CHECK(FormatDate(2026, 11, 27, Lang::En) == "27 November 2026");
  CHECK(FormatDateShort(2026, 3, 5, Lang::Fr) == "05/03/2026");
  CHECK(FormatDate(2026, 13, 1, Lang::Fr) == "?");
}
