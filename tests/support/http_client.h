// A small HTTP client for integration tests: real requests over loopback with libcurl, so the
// server is exercised as a browser, a desk or curl would.
//
// One HttpClient keeps one CURL easy handle, so consecutive requests reuse the connection
// (keep-alive) when the server allows it; new_connections() tells how many it had to open.
// Thread-safety: one HttpClient per thread (make one per simulated client).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cherha::test {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpReply {
    long status = 0;     // 0 when no response arrived (see error)
    HeaderList headers;  // of the final response, names in lower case, in order
    std::string body;
    std::string error;  // libcurl's message when the transfer failed, else ""

    // The first header `name` (lower case), or "" when absent.
    std::string header(std::string_view name) const;
    // How many times header `name` (lower case) occurs.
    std::size_t header_count(std::string_view name) const;
};

struct SseEvent {
    std::string event;  // "" when the block had no "event:" line
    std::string data;   // "data:" lines joined with "\n"
    std::string id;
};

struct SseReply {
    long status = 0;
    HeaderList headers;
    std::vector<SseEvent> events;
    std::size_t comments = 0;  // ":" comment blocks (heartbeats) received
    bool ended = false;        // the server ended the stream (not max_events, not timeout)
    std::string error;         // libcurl's message when the transfer failed, else ""
};

struct HttpClientOptions {
    std::chrono::milliseconds timeout{10000};  // whole request
    std::chrono::milliseconds connect_timeout{5000};
    std::string ca_file;      // PEM file of the CA (or self-signed certificate) to trust
    bool verify_peer = true;  // HTTPS: check the certificate chain and the host name
};

class HttpClient {
  public:
    // `base_url` like "http://127.0.0.1:8470" (no trailing slash); paths are appended as given.
    explicit HttpClient(std::string base_url, HttpClientOptions options = {});
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    HttpReply get(const std::string& path, const HeaderList& headers = {});
    HttpReply head(const std::string& path, const HeaderList& headers = {});
    HttpReply post(const std::string& path, const std::string& body,
                   const HeaderList& headers = {});
    HttpReply put(const std::string& path, const std::string& body, const HeaderList& headers = {});
    HttpReply patch(const std::string& path, const std::string& body,
                    const HeaderList& headers = {});
    HttpReply del(const std::string& path, const std::string& body = {},
                  const HeaderList& headers = {});
    // Any method; a body is sent when `body` is not empty (or the method is POST/PUT/PATCH).
    HttpReply request(const std::string& method, const std::string& path, const std::string& body,
                      const HeaderList& headers);

    // GETs an event stream and collects events until `max_events` arrived, the server ended
    // the stream, or `timeout` passed (then error says so).
    SseReply read_sse(const std::string& path, const HeaderList& headers, std::size_t max_events,
                      std::chrono::milliseconds timeout);

    // Connections opened so far (1 after many requests means keep-alive worked).
    long new_connections() const { return new_connections_; }

  private:
    void* curl_;  // CURL*
    std::string base_url_;
    HttpClientOptions options_;
    long new_connections_ = 0;
};

// How send_raw() decides it has read enough.
enum class RawRead {
    UntilClosed,  // until the server closes the connection (or the timeout)
    OneResponse,  // until one whole response arrived (Content-Length or chunked)
};

// Connects to host:port over plain TCP, sends `bytes` as they are, and returns what the server
// sent (see RawRead), stopping at `timeout` in any case. For requests no HTTP client would
// send (malformed request lines, lying lengths...). The sending side stays open: httplib sends
// nothing to a client that half-closed its connection.
std::string send_raw(const std::string& host, int port, std::string_view bytes,
                     std::chrono::milliseconds timeout, RawRead read = RawRead::UntilClosed);

// Whether `raw` starts with one complete HTTP response.
bool has_complete_response(const std::string& raw);

}  // namespace cherha::test
