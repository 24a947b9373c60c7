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
    // For https://: the pinned SHA-256 fingerprint of the server's certificate (tls_pin.h);
    // "" = first use: any certificate is accepted and its fingerprint recorded
    // (seen_fingerprint()), for the desk to pin.
    std::string pinned_fingerprint;
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

    // The fingerprint of the certificate the last https:// request met ("" for http://).
    std::string seen_fingerprint() const;
    // Whether the last request failed because that certificate is not the pinned one.
    bool certificate_changed() const override;
    // Pins `fingerprint` for the requests from now on (after the first use was accepted).
    void pin_certificate(const std::string& fingerprint);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace cherha::desk
