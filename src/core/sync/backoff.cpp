// backoff.cpp — see backoff.h.
#include "core/sync/backoff.h"

#include <algorithm>

namespace relais::sync {

uint64_t Backoff::Random() {
  if (random) return random();
  // xorshift64*
  seed ^= seed >> 12;
  seed ^= seed << 25;
  seed ^= seed >> 27;
  return seed * 0x2545F4914F6CDD1DULL;
}

int64_t Backoff::NextDelayMs() {
  int64_t d = std::max<int64_t>(1, base_ms);
  for (int i = 0; i < attempt && d < cap_ms; i++) d *= 2;
  d = std::min(d, std::max<int64_t>(1, cap_ms));
  if (attempt < 1000) attempt++;
  const int64_t half = d / 2;
  const int64_t span = d - half;
  return half + static_cast<int64_t>(Random() % static_cast<uint64_t>(span + 1));
}

}  // namespace relais::sync
