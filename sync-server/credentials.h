// credentials.h — passwords (Argon2id through libsodium) and opaque random
// tokens. Only hashes are stored: a copy of the database opens no account.
#pragma once
#include <string>

// How costly new password hashes are. Verification always uses the cost
// recorded in the hash itself, so changing this never locks anyone out.
enum class PasswordCost {
  Moderate,     // libsodium MODERATE: 3 passes, 256 MiB (the default)
  Interactive,  // 2 passes, 64 MiB
  Minimum,      // 1 pass, 8 KiB: tests only, never in production
};

bool ParsePasswordCost(const std::string& s, PasswordCost* out);

// Must run once before anything below (sodium_init). false: libsodium is unusable.
bool InitCrypto();

// Argon2id in libsodium's "$argon2id$v=19$m=...,t=...,p=1$salt$hash" form.
// Throws std::runtime_error when out of memory.
std::string HashPassword(const std::string& password, PasswordCost cost);
// Constant work whether or not the password matches. At most two
// verifications run at once: each may take 256 MiB.
bool VerifyPassword(const std::string& hash, const std::string& password);
// Costs as much as verifying a hash made at `cost`: answers for unknown
// logins take as long as for known ones.
void VerifyAgainstDummy(const std::string& password, PasswordCost cost);

// 32 random bytes as 64 lowercase hex digits.
std::string NewToken();
// 16 random bytes as 32 hex digits (user, session and conflict ids).
std::string NewRandomId();
// BLAKE2b-256 of the token, hex: what the tokens table keys on.
std::string TokenHash(const std::string& token);
bool LooksLikeToken(const std::string& s);
