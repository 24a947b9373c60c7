// The desk's transport over HTTP(S) with libcurl: one easy handle, so requests reuse the
// connection. Thread-safety: one CurlTransport per thread.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "desk/model/desk_transport.h"

namespace cherha::desk {

struct CurlOptions {
    std::chrono::milliseconds timeout{10000};         // the whole request
    std::chrono::milliseconds connect_timeout{3000};  // an unreachable server is "offline" soon
};

class CurlTransport final : public DeskTransport {
  public:
    // `base_url` like "http://127.0.0.1:8470", without a trailing slash.
    explicit CurlTransport(std::string base_url, CurlOptions options = {});
    ~CurlTransport() override;
    CurlTransport(const CurlTransport&) = delete;
    CurlTransport& operator=(const CurlTransport&) = delete;

    TransportReply send(const std::string& method, const std::string& path, const std::string& body,
                        const Headers& headers) override;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace cherha::desk
