#pragma once
// A validation result as text, to store it (validation_results) and read it back whole when
// a later validation reads the same inputs: every field the reports and the JSON print.
#include <string>

#include "core/status.h"
#include "validate/validate.h"

namespace backcourt {

std::string StoredResultText(const ValidationResult& result);
// The result `text` holds; an error when it is not a stored result (the caller validates).
Result<ValidationResult> ParseStoredResult(const std::string& text);

}  // namespace backcourt
