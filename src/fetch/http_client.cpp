#include "fetch/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "core/text.h"

namespace backcourt {
namespace {

struct EasyDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using EasyPtr = std::unique_ptr<CURL, EasyDeleter>;
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
  HttpResponse response;
  size_t max_body = 0;
  bool too_large = false;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t bytes = size * count;
  if (transfer->response.body.size() + bytes > transfer->max_body) {
    transfer->too_large = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  transfer->response.body.append(data, bytes);
  return bytes;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::string line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {
    transfer->response.headers.clear();  // a new response (after a redirect or a 100)
    return line.size();
  }
  const size_t colon = line.find(':');
  if (colon == std::string::npos) return line.size();
  std::string name = line.substr(0, colon);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const std::string_view value = std::string_view(line).substr(colon + 1);
  transfer->response.headers[std::string(Trim(name))] = std::string(Trim(value));
  return line.size();
}

TransportFailure Classify(CURLcode code, bool too_large) {
  if (too_large) return TransportFailure::kTooLarge;
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return TransportFailure::kTimeout;
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_GOT_NOTHING:
      return TransportFailure::kTruncated;
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_SEND_ERROR:
    case CURLE_SSL_CONNECT_ERROR:
      return TransportFailure::kConnect;
    default:
      return TransportFailure::kOther;
  }
}

}  // namespace

struct HttpClient::Handle {
  EasyPtr curl;
};

std::string HttpResponse::Header(const std::string& name) const {
  const auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

const char* TransportFailureName(TransportFailure kind) {
  switch (kind) {
    case TransportFailure::kTimeout:
      return "timeout";
    case TransportFailure::kTruncated:
      return "truncated body";
    case TransportFailure::kConnect:
      return "connection failed";
    case TransportFailure::kTooLarge:
      return "body too large";
    case TransportFailure::kOther:
      return "transfer failed";
  }
  return "transfer failed";
}

HttpClient::HttpClient(HttpOptions options)
    : options_(options), handle_(std::make_unique<Handle>()) {
  GlobalInitOnce();
  handle_->curl.reset(curl_easy_init());
}

HttpClient::~HttpClient() = default;

tl::expected<HttpResponse, TransportError> HttpClient::Get(
    const std::string& url, const std::vector<std::string>& headers) {
  CURL* curl = handle_->curl.get();
  if (curl == nullptr) {
    return tl::unexpected(TransportError{TransportFailure::kOther, "curl_easy_init failed"});
  }
  curl_easy_reset(curl);
  SlistPtr header_list;
  for (const std::string& header : headers) {
    curl_slist* grown = curl_slist_append(header_list.get(), header.c_str());
    if (grown == nullptr) {
      return tl::unexpected(TransportError{TransportFailure::kOther, "out of memory"});
    }
    (void)header_list.release();
    header_list.reset(grown);
  }
  Transfer transfer;
  transfer.max_body = options_.max_body_bytes;
  char error_text[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 3L);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list.get());
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "gzip, deflate");
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
  const CURLcode code = curl_easy_perform(curl);
  // The handle keeps pointers to these until the next reset: clear them now.
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  if (code != CURLE_OK) {
    std::string message = error_text[0] != '\0' ? error_text : curl_easy_strerror(code);
    if (transfer.too_large) {
      message = "body over " + std::to_string(options_.max_body_bytes) + " bytes";
    }
    return tl::unexpected(TransportError{Classify(code, transfer.too_large), message});
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &transfer.response.status);
  return std::move(transfer.response);
}

}  // namespace backcourt
