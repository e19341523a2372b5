// text.h — UTF-8 helpers shared by the UI, search and the server.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace relais {

// Offsets in a UTF-8 string counted in UTF-16 code units (what JavaScript's
// String indices and a DOM input's selectionStart use) <-> bytes.
// Out-of-range offsets clamp to the string's end; a byte offset inside a
// multi-byte sequence rounds down to the sequence's start.
size_t Utf16ToByteOffset(std::string_view utf8, size_t utf16_offset);
size_t ByteToUtf16Offset(std::string_view utf8, size_t byte_offset);

// True when every byte sequence is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view s);

}  // namespace relais
