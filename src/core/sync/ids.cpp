// ids.cpp — see ids.h.
#include "core/sync/ids.h"

#include <random>

namespace relais {

RandomSource SystemRandom() {
  return [] {
    // One device per thread: opened once, not per id.
    thread_local std::random_device rd;
    uint64_t hi = rd(), lo = rd();  // random_device yields 32 bits
    return (hi << 32) ^ lo;
  };
}

std::string IdGenerator::Next(int64_t now_ms) {
  if (!random) random = SystemRandom();
  const int64_t kMaxMs = (int64_t(1) << 48) - 1;
  int64_t ms = now_ms < 0 ? 0 : (now_ms > kMaxMs ? kMaxMs : now_ms);
  uint64_t r = random();
  if (ms > last_ms) {
    last_ms = ms;
    // Top bit clear: at least 2048 more ids fit in this millisecond.
    counter = static_cast<uint32_t>(r >> 53) & 0x7ff;
  } else if (++counter > 0xfff) {
    // 4096 ids in one millisecond, or the clock went back: borrow the next
    // millisecond so the order still holds.
    last_ms++;
    counter = static_cast<uint32_t>(r >> 53) & 0x7ff;
  }
  uint64_t hi = (static_cast<uint64_t>(last_ms) << 16) | (uint64_t(7) << 12) | counter;
  uint64_t lo = (uint64_t(2) << 62) | (random() & ((uint64_t(1) << 62) - 1));
  static const char kHex[] = "0123456789abcdef";
  std::string id(32, '0');
  for (int i = 0; i < 16; i++) {
    id[15 - i] = kHex[(hi >> (4 * i)) & 0xf];
    id[31 - i] = kHex[(lo >> (4 * i)) & 0xf];
  }
  return id;
}

bool IsValidId(std::string_view id) {
  if (id.size() != 32) return false;
  for (char c : id)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

int64_t IdMillis(std::string_view id) {
  if (!IsValidId(id)) return -1;
  int64_t ms = 0;
  for (int i = 0; i < 12; i++) {
    char c = id[i];
    ms = (ms << 4) | (c <= '9' ? c - '0' : c - 'a' + 10);
  }
  return ms;
}

}  // namespace relais
