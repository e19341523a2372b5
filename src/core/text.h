// text.h — UTF-8 helpers shared by the UI, search and the server.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace relais {

// Offsets in a UTF-8 string counted in UTF-16 code units (what JavaScript's
// String indices and a DOM input's selectionStart use) <-> bytes.
// Out-of-range offsets clamp to the string's end; a byte offset inside a
// multi-byte sequence rounds down to the sequence's start.
size_t Utf16ToByteOffset(std::string_view utf8, size_t utf16_offset);
size_t ByteToUtf16Offset(std::string_view utf8, size_t byte_offset);

// Decodes the code point at s[i] and sets *len to its length in bytes.
// Malformed, overlong or truncated sequences decode as one byte, U+FFFD.
uint32_t DecodeUtf8(std::string_view s, size_t i, size_t* len);
// Appends code point cp encoded as UTF-8.
void AppendUtf8(std::string& out, uint32_t cp);

// True when every byte sequence is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view s);

}  // namespace relais
