// Certificate pinning for the desk's HTTPS connections (PRODUCT.md "Desk client": the
// server's certificate fingerprint pinned on first use). A small center's server often has a
// self-signed certificate, so the desk does not ask a CA: the first time it talks to an
// https:// server it records the certificate's SHA-256 fingerprint (trust on first use),
// and from then on accepts only that certificate. The check runs inside the TLS handshake,
// so nothing (no password, no token) is sent to a server with another certificate.
//
// Thread-safety: a TlsPin is used by one transfer at a time.
#pragma once

#include <string>

typedef void CURL;

namespace cherha::desk {

// "AB:CD:..." or "abcd..." -> 64 lower-case hex digits; "" when it is not a SHA-256 fingerprint.
std::string normalized_fingerprint(const std::string& text);

struct TlsPin {
    std::string pinned;  // normalized; "" = first use: accept and record
    std::string seen;    // the fingerprint of the certificate the last handshake met
    // A pin that is set but not a fingerprint matches no certificate (never connects).
    bool invalid = false;

    explicit TlsPin(const std::string& pin = "");
    // Whether the last handshake failed because the certificate is not the pinned one.
    bool mismatch() const { return !pinned.empty() && !seen.empty() && seen != pinned; }
};

// Sets `curl` up for an https:// transfer under `pin` (which must outlive the transfer): no
// CA check, the fingerprint check instead. Returns false when libcurl cannot (a libcurl
// without OpenSSL): the caller must not connect then (fails closed).
bool apply_tls_pin(CURL* curl, TlsPin& pin);

}  // namespace cherha::desk
