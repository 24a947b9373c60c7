#include "desk/model/tls_pin.h"

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace cherha::desk {
namespace {

int verify_pinned(X509_STORE_CTX* store, void* user) {
    auto& pin = *static_cast<TlsPin*>(user);
    X509* certificate = X509_STORE_CTX_get0_cert(store);
    if (!certificate || pin.invalid) return 0;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(certificate, EVP_sha256(), digest, &length) != 1) return 0;
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex += kHex[digest[i] >> 4];
        hex += kHex[digest[i] & 0x0f];
    }
    pin.seen = hex;
    return pin.pinned.empty() || hex == pin.pinned ? 1 : 0;
}

CURLcode install_check(CURL*, void* ssl_ctx, void* user) {
    auto* context = static_cast<SSL_CTX*>(ssl_ctx);
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nullptr);
    SSL_CTX_set_cert_verify_callback(context, verify_pinned, user);
    return CURLE_OK;
}

}  // namespace

std::string normalized_fingerprint(const std::string& text) {
    std::string hex;
    for (char c : text) {
        if (c == ':' || c == ' ') continue;
        if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return {};
        hex += c;
    }
    return hex.size() == 64 ? hex : std::string();
}

TlsPin::TlsPin(const std::string& pin) : pinned(normalized_fingerprint(pin)) {
    invalid = !pin.empty() && pinned.empty();
}

bool apply_tls_pin(CURL* curl, TlsPin& pin) {
    pin.seen.clear();
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
    // A resumed session skips the certificate: every connection shows it again.
    curl_easy_setopt(curl, CURLOPT_SSL_SESSIONID_CACHE, 0L);
    return curl_easy_setopt(curl, CURLOPT_SSL_CTX_FUNCTION, install_check) == CURLE_OK &&
           curl_easy_setopt(curl, CURLOPT_SSL_CTX_DATA, &pin) == CURLE_OK;
}

}  // namespace cherha::desk
