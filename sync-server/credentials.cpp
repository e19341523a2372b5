// credentials.cpp — see credentials.h.
#include "credentials.h"

#include <sodium.h>

#include <stdexcept>

#include "gate.h"

namespace {

std::string Hex(const unsigned char* data, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(&out[0], out.size(), data, n);
  out.pop_back();
  return out;
}

// Bounds the memory of concurrent verifications (256 MiB each at MODERATE).
Gate& HashGate() {
  static Gate gate(2);
  return gate;
}

}  // namespace

bool ParsePasswordCost(const std::string& s, PasswordCost* out) {
  if (s == "moderate")
    *out = PasswordCost::Moderate;
  else if (s == "interactive")
    *out = PasswordCost::Interactive;
  else if (s == "min")
    *out = PasswordCost::Minimum;
  else
    return false;
  return true;
}

bool InitCrypto() { return sodium_init() >= 0; }

std::string HashPassword(const std::string& password, PasswordCost cost) {
  unsigned long long ops = crypto_pwhash_OPSLIMIT_MODERATE;
  size_t mem = crypto_pwhash_MEMLIMIT_MODERATE;
  if (cost == PasswordCost::Interactive) {
    ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
    mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  } else if (cost == PasswordCost::Minimum) {
    ops = crypto_pwhash_argon2id_OPSLIMIT_MIN;
    mem = crypto_pwhash_argon2id_MEMLIMIT_MIN;
  }
  char out[crypto_pwhash_STRBYTES];
  GateHold hold(HashGate());
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("password hashing failed (out of memory?)");
  return out;
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  GateHold hold(HashGate());
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void VerifyAgainstDummy(const std::string& password, PasswordCost cost) {
  static std::mutex mu;
  static std::string dummies[3];  // one per cost, made on first use
  std::string hash;
  {
    std::lock_guard<std::mutex> lock(mu);
    std::string& d = dummies[static_cast<int>(cost)];
    if (d.empty()) d = HashPassword("relais: no such account", cost);
    hash = d;
  }
  VerifyPassword(hash, password);
}

std::string NewToken() {
  unsigned char buf[32];
  randombytes_buf(buf, sizeof buf);
  return Hex(buf, sizeof buf);
}

std::string NewRandomId() {
  unsigned char buf[16];
  randombytes_buf(buf, sizeof buf);
  return Hex(buf, sizeof buf);
}

std::string TokenHash(const std::string& token) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  return Hex(h, sizeof h);
}

bool LooksLikeToken(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}
