#pragma once
// One HTTP GET at a time over libcurl, with connect and total timeouts. Transport failures
// (timeout, truncated body, refused connection) are values the retry policy reads; any HTTP
// status, 4xx and 5xx included, is a response.
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <tl/expected.hpp>
#include <vector>

namespace backcourt {

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{10'000};  // to open the connection (TCP + TLS)
  std::chrono::milliseconds total_timeout{120'000};   // the whole transfer, body included
  size_t max_body_bytes = size_t{512} << 20;          // a larger body is refused, not kept
};

struct HttpResponse {
  long status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased; the last value wins
  std::string body;                            // content-decoded (gzip), otherwise as sent

  // The header's value, or "" when absent. `name` is lower case.
  std::string Header(const std::string& name) const;
};

enum class TransportFailure {
  kTimeout,    // connect or total timeout
  kTruncated,  // the connection ended before the body did (Content-Length not reached)
  kConnect,    // refused, unresolved, reset before a response
  kTooLarge,   // body over HttpOptions::max_body_bytes
  kOther,
};

struct TransportError {
  TransportFailure kind;
  std::string message;  // curl's description; never the URL (it may hold a key)
};

// Owns one curl easy handle, reused so connections are kept alive between requests.
class HttpClient {
 public:
  explicit HttpClient(HttpOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // `headers` are "Name: value" lines sent as given.
  tl::expected<HttpResponse, TransportError> Get(const std::string& url,
                                                 const std::vector<std::string>& headers);

 private:
  struct Handle;
  HttpOptions options_;
  std::unique_ptr<Handle> handle_;
};

const char* TransportFailureName(TransportFailure kind);

}  // namespace backcourt
