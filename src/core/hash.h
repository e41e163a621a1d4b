#pragma once
// Hashes: SHA-256 to identify input files, a fast 64-bit hash for data versions and
// input fingerprints (not cryptographic: it only has to notice change).
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace backcourt {

std::string Sha256Hex(std::string_view bytes);

// FNV-1a, 64 bit, fed field by field; every field is length- or tag-prefixed so that
// ("ab","c") and ("a","bc") differ.
class Hasher {
 public:
  void Add(std::string_view bytes) {
    AddU64(bytes.size());
    AddBytes(bytes.data(), bytes.size());
  }
  void AddI64(int64_t value) { AddU64(static_cast<uint64_t>(value)); }
  void AddDouble(double value) {
    uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    AddU64(bits);
  }
  void AddNull() { AddU64(0x9e3779b97f4a7c15ULL); }
  void AddU64(uint64_t value) { AddBytes(&value, sizeof value); }
  uint64_t digest() const { return state_; }
  std::string HexDigest() const;

 private:
  void AddBytes(const void* data, size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < size; ++i) {
      state_ ^= p[i];
      state_ *= 0x100000001b3ULL;
    }
  }
  uint64_t state_ = 0xcbf29ce484222325ULL;
};

}  // namespace backcourt
