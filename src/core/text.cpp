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

uint32_t DecodeUtf8(std::string_view s, size_t i, size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  *len = 1;
  if (c < 0x80) return c;
  size_t n = SeqLen(c);
  if (n == 1 || i + n > s.size()) return 0xFFFD;
  uint32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; k++) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0xFFFD;
  *len = n;
  return cp;
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0, len = 0; i < s.size(); i += len) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {  // ASCII, most of any text here: no decoding
      len = 1;
      continue;
    }
    uint32_t cp = DecodeUtf8(s, i, &len);
    // U+FFFD decoded from one byte is a malformed sequence; the real U+FFFD is 3 bytes.
    if (cp == 0xFFFD && len == 1) return false;
  }
  return true;
}

}  // namespace relais
