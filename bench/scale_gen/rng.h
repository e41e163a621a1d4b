#pragma once
// A small deterministic random source for the scale data. The standard distributions are
// implementation-defined, so everything here is plain integer and IEEE arithmetic: the same
// seed gives the same files with any compiler and library.
#include <cstdint>
#include <string_view>

namespace backcourt::scale {

// SplitMix64 (Steele, Lea, Flood 2014): tiny state, good enough statistics for synthesis.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Uniform in [lo, hi).
  double Between(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Uniform integer in [lo, hi] (hi - lo small: the modulo bias is negligible).
  int64_t IntBetween(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }

 private:
  uint64_t state_;
};

// FNV-1a of `key` mixed with `seed`: independent streams per season, team and game, so a
// season's file does not depend on which other seasons are generated.
inline uint64_t StreamSeed(uint64_t seed, std::string_view key) {
  uint64_t hash = 0xCBF29CE484222325ULL ^ seed;
  for (unsigned char c : key) {
    hash ^= c;
    hash *= 0x100000001B3ULL;
  }
  return Rng(hash).Next();
}

}  // namespace backcourt::scale
