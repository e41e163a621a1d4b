#pragma once
// An HTTP server for fetch tests, on 127.0.0.1 only, on a free port, in its own thread.
// Routes are registered before Start(); every request is recorded (path, query, headers,
// arrival time) so tests assert what was asked, and how often.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace backcourt::testing {

struct SeenRequest {
  std::string path;
  std::string query;  // raw, as sent ("a=1&b=2")
  httplib::Headers headers;
  httplib::Params params;  // decoded
  std::chrono::steady_clock::time_point at;
};

class LocalServer {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  LocalServer() {
    server_.set_keep_alive_max_count(100);
    server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
      std::lock_guard lock(mutex_);
      const size_t q = req.target.find('?');
      seen_.push_back({req.path, q == std::string::npos ? "" : req.target.substr(q + 1),
                       req.headers, req.params, std::chrono::steady_clock::now()});
      return httplib::Server::HandlerResponse::Unhandled;
    });
  }
  ~LocalServer() { Stop(); }
  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;

  // Exact path (no query).
  void Route(const std::string& path, Handler handler) {
    server_.Get(path, [handler](const httplib::Request& req, httplib::Response& res) {
      handler(req, res);
    });
  }

  void Start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  void Stop() {
    stopping_ = true;
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // Set when the test ends: stalled handlers return.
  const std::atomic<bool>& stopping() const { return stopping_; }

  std::vector<SeenRequest> Seen() const {
    std::lock_guard lock(mutex_);
    return seen_;
  }
  int Hits(const std::string& path) const {
    std::lock_guard lock(mutex_);
    int n = 0;
    for (const SeenRequest& r : seen_) n += r.path == path ? 1 : 0;
    return n;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::vector<SeenRequest> seen_;
};

// Sleeps in small steps until `flag` is set or `limit` passes.
inline void SleepUnless(const std::atomic<bool>& flag, std::chrono::milliseconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (!flag && std::chrono::steady_clock::now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace backcourt::testing
