// ids.h — globally unique row ids, generated on the device with no server.
//
// An id is a UUIDv7 (RFC 9562) written as 32 lowercase hex digits, no dashes:
//   48 bits  milliseconds since the epoch  -> ids sort by creation time
//    4 bits  version (7)
//   12 bits  counter, seeded at random each millisecond (RFC 9562 §6.2
//            method 1) -> ids from one device sort in creation order even
//            within a millisecond
//    2 bits  variant (10)
//   62 bits  random
// Two devices collide only if they pick the same 62+ random bits in the same
// millisecond: negligible at any size this network will reach.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace relais {

// 64 random bits per call. Injectable so tests get reproducible ids.
using RandomSource = std::function<uint64_t()>;

// Backed by std::random_device (getrandom natively, crypto.getRandomValues in
// the browser).
RandomSource SystemRandom();

struct IdGenerator {
  RandomSource random;   // SystemRandom() when empty
  int64_t last_ms = -1;  // millisecond of the previous id
  uint32_t counter = 0;  // 12-bit counter within last_ms

  // now_ms may go backwards (clock set back): ids keep increasing anyway.
  std::string Next(int64_t now_ms);
};

// 32 lowercase hex digits (any 128-bit id, not only ours).
bool IsValidId(std::string_view id);
// The creation time in an id made by IdGenerator, -1 if not a valid id.
int64_t IdMillis(std::string_view id);

}  // namespace relais
