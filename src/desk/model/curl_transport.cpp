#include "desk/model/curl_transport.h"

#include "desk/model/tls_pin.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace cherha::desk {

namespace {

std::once_flag curl_ready;

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

// One "Name: value" header line into lower-case name and trimmed value.
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* headers = static_cast<Headers*>(user);
    std::string line(data, size * count);
    if (line.rfind("HTTP/", 0) == 0) headers->clear();  // a new response (after 100 Continue)
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::string value = line.substr(colon + 1);
        const auto first = value.find_first_not_of(" \t");
        const auto last = value.find_last_not_of(" \t\r\n");
        value = first == std::string::npos ? "" : value.substr(first, last - first + 1);
        headers->emplace_back(std::move(name), std::move(value));
    }
    return size * count;
}

}  // namespace

struct CurlTransport::Impl {
    std::string base_url;
    CurlOptions options;
    CURL* curl = nullptr;
    TlsPin pin;
};

CurlTransport::CurlTransport(std::string base_url, CurlOptions options)
    : impl_(std::make_unique<Impl>()) {
    std::call_once(curl_ready, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    impl_->base_url = std::move(base_url);
    impl_->options = options;
    impl_->pin = TlsPin(options.pinned_fingerprint);
    impl_->curl = curl_easy_init();
}

CurlTransport::~CurlTransport() {
    if (impl_->curl) curl_easy_cleanup(impl_->curl);
}

TransportReply CurlTransport::send(const std::string& method, const std::string& path,
                                   const std::string& body, const Headers& headers) {
    TransportReply reply;
    CURL* curl = impl_->curl;
    if (!curl) {
        reply.error = "libcurl could not be initialised";
        return reply;
    }
    curl_easy_reset(curl);
    const std::string url = impl_->base_url + path;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(impl_->options.timeout.count()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(impl_->options.connect_timeout.count()));
    if (method == "POST" || method == "PUT" || method == "PATCH" || !body.empty()) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    // A header name or value with a line break would smuggle another header in.
    for (const auto& [name, value] : headers)
        if ((name + value).find_first_of("\r\n") != std::string::npos || name.empty() ||
            name.find(':') != std::string::npos) {
            reply.error = "header \"" + name + "\" refused: a line break or colon in it";
            return reply;
        }
    curl_slist* list = nullptr;
    for (const auto& [name, value] : headers)
        list = curl_slist_append(list, (name + ": " + value).c_str());
    if (!body.empty()) list = curl_slist_append(list, "Content-Type: application/json");
    list = curl_slist_append(list, "Expect:");  // no 100-continue round trip
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &reply.headers);
    if (url.rfind("https://", 0) == 0 && !apply_tls_pin(curl, impl_->pin)) {
        curl_slist_free_all(list);
        reply.error = "this libcurl cannot check the server's certificate";
        return reply;
    }
    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(list);
    if (code != CURLE_OK) {
        reply = TransportReply{};
        reply.error = impl_->pin.mismatch() ? "the server's certificate is not the pinned one"
                                            : curl_easy_strerror(code);
        return reply;
    }
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
    return reply;
}

std::string CurlTransport::seen_fingerprint() const {
    return impl_->pin.seen;
}

bool CurlTransport::certificate_changed() const {
    return impl_->pin.mismatch();
}

void CurlTransport::pin_certificate(const std::string& fingerprint) {
    impl_->pin = TlsPin(fingerprint);
}

}  // namespace cherha::desk
