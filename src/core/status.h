#pragma once
// Recoverable errors are values: Status for operations, Result<T> for producers.
#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace backcourt {

enum class ErrorKind {
  kInvalidInput,  // the data is wrong: retrying cannot help
  kNotFound,
  kIo,            // file system or database I/O
  kBusy,          // database locked by another writer
  kInternal,
};

class Error {
 public:
  Error(ErrorKind kind, std::string message, std::string detail = {})
      : kind_(kind), message_(std::move(message)), detail_(std::move(detail)) {}
  ErrorKind kind() const { return kind_; }
  // For the user: names the file, table or option and says what to do.
  const std::string& message() const { return message_; }
  // Technical context (the SQL statement, a library's trace): printed only under --verbose.
  const std::string& detail() const { return detail_; }
  // The scheduler retries only transient failures.
  bool retryable() const { return kind_ == ErrorKind::kBusy || kind_ == ErrorKind::kIo; }

 private:
  ErrorKind kind_;
  std::string message_;
  std::string detail_;
};

template <class T>
using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> Fail(ErrorKind kind, std::string message) {
  return tl::unexpected<Error>(Error(kind, std::move(message)));
}
inline tl::unexpected<Error> InvalidInput(std::string message) {
  return Fail(ErrorKind::kInvalidInput, std::move(message));
}

}  // namespace backcourt

// Propagates an error from an expression returning Status or Result.
#define BC_RETURN_IF_ERROR(expr)                                    \
  do {                                                              \
    if (auto bc_status_ = (expr); !bc_status_)                      \
      return tl::unexpected<::backcourt::Error>(bc_status_.error()); \
  } while (0)

#define BC_CONCAT_INNER(a, b) a##b
#define BC_CONCAT(a, b) BC_CONCAT_INNER(a, b)
#define BC_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)              \
  auto tmp = (expr);                                          \
  if (!tmp) return tl::unexpected<::backcourt::Error>(tmp.error()); \
  lhs = std::move(*tmp)
// BC_ASSIGN_OR_RETURN(auto x, ProduceX());
#define BC_ASSIGN_OR_RETURN(lhs, expr) \
  BC_ASSIGN_OR_RETURN_IMPL(BC_CONCAT(bc_result_, __LINE__), lhs, expr)
