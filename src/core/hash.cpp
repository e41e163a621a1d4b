#include "core/hash.h"

#include <openssl/evp.h>

#include <fmt/format.h>

namespace backcourt {

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

std::string Hasher::HexDigest() const { return fmt::format("{:016x}", state_); }

}  // namespace backcourt
