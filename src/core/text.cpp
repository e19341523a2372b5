#include "core/text.h"

namespace relais {

// Length of the UTF-8 sequence that starts with byte c (1 for stray bytes, so
// malformed input still advances).
static size_t SeqLen(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}

size_t Utf16ToByteOffset(std::string_view s, size_t utf16_offset) {
  size_t i = 0, units = 0;
  while (i < s.size() && units < utf16_offset) {
    size_t n = SeqLen((unsigned char)s[i]);
    if (i + n > s.size()) n = s.size() - i;
    size_t u = (n == 4) ? 2 : 1;  // astral characters are a surrogate pair in UTF-16
    if (units + u > utf16_offset) break;  // offset falls between a surrogate pair
    units += u;
    i += n;
  }
  return i;
}

size_t ByteToUtf16Offset(std::string_view s, size_t byte_offset) {
  size_t i = 0, units = 0;
  if (byte_offset > s.size()) byte_offset = s.size();
  while (i < byte_offset) {
    size_t n = SeqLen((unsigned char)s[i]);
    if (i + n > byte_offset) break;
    units += (n == 4) ? 2 : 1;
    i += n;
  }
  return units;
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = (unsigned char)s[i];
    size_t n = SeqLen(c);
    if (n == 1) {
      if (c >= 0x80) return false;
      i++;
      continue;
    }
    if (i + n > s.size()) return false;
    unsigned cp = c & (0x7F >> n);
    for (size_t k = 1; k < n; k++) {
      unsigned char cc = (unsigned char)s[i + k];
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

}  // namespace relais
