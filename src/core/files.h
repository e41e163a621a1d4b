#pragma once
// Reading input files from disk: whole-file reads, transparent gunzip, folder expansion.
#include <string>
#include <vector>

#include "core/status.h"

namespace backcourt {

// The file's bytes as stored (compressed files stay compressed: their sha256 is of the bytes).
Result<std::string> ReadWholeFile(const std::string& path);
// Gunzips when `bytes` starts with the gzip magic; otherwise returns them unchanged.
Result<std::string> MaybeGunzip(std::string bytes);
// Expands folders into their regular files (recursively, sorted); files stay as given.
Result<std::vector<std::string>> ExpandPaths(const std::vector<std::string>& paths);

}  // namespace backcourt
