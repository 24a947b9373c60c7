#include "desk/model/event_stream.h"

#include "desk/model/tls_pin.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <optional>

namespace cherha::desk {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr long kDefaultRetryMs = 3000;
constexpr long kMinRetryMs = 1000;
constexpr long kMaxRetryMs = 60000;
// The server sends a comment after 15 s without events: a stream silent for 45 s is dead.
constexpr long kSilentStreamSeconds = 45;
constexpr auto kStopPoll = std::chrono::milliseconds(50);

std::once_flag curl_ready;

}  // namespace

// ---- ServerEventParser ------------------------------------------------------------------

std::vector<ServerEvent> ServerEventParser::feed(std::string_view bytes) {
    std::vector<ServerEvent> events;
    std::size_t at = 0;
    while (at < bytes.size()) {
        // A CR ended the last line; an LF right after it (maybe in this chunk) belongs to it.
        if (pending_cr_) {
            pending_cr_ = false;
            if (bytes[at] == '\n') {
                ++at;
                continue;
            }
        }
        // A UTF-8 byte order mark at the very start of the stream is not part of the first line.
        if (!started_) {
            const char c = bytes[at];
            if (c != '\r' && c != '\n') {
                line_ += c;
                ++at;
                if (kBom.starts_with(line_)) {
                    if (line_.size() == kBom.size()) {
                        line_.clear();
                        started_ = true;
                    }
                    continue;
                }
            }
            started_ = true;
            continue;
        }
        const std::size_t end = bytes.find_first_of("\r\n", at);
        const std::string_view piece =
            bytes.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
        if (!line_too_long_) {
            if (line_.size() + piece.size() > kMaxEventLineBytes) {
                line_too_long_ = true;
                line_.clear();
                line_.shrink_to_fit();
            } else {
                line_.append(piece);
            }
        }
        if (end == std::string_view::npos) break;
        pending_cr_ = bytes[end] == '\r';
        at = end + 1;
        take_line(events);
    }
    return events;
}

void ServerEventParser::take_line(std::vector<ServerEvent>& events) {
    std::string line;
    line.swap(line_);
    if (line_too_long_) {
        // The line is lost, and with it the event it belonged to (its data would be wrong).
        line_too_long_ = false;
        event_too_big_ = true;
        event_.data.clear();
        return;
    }
    if (line.empty()) {
        dispatch(events);
        return;
    }
    if (line.front() == ':') return;  // a comment (keep-alive)
    const auto colon = line.find(':');
    std::string_view field = line;
    std::string_view value;
    if (colon != std::string::npos) {
        field = std::string_view(line).substr(0, colon);
        value = std::string_view(line).substr(colon + 1);
        if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    }
    if (field == "data") {
        if (event_too_big_) return;
        event_bytes_ += value.size() + 1;
        if (event_bytes_ > kMaxEventBytes) {
            event_too_big_ = true;
            event_.data.clear();
            event_.data.shrink_to_fit();
            return;
        }
        event_.data.append(value);
        event_.data.push_back('\n');
        has_data_ = true;
    } else if (field == "event") {
        event_.event = std::string(value);
    } else if (field == "id") {
        if (value.find('\0') == std::string_view::npos) event_.id = std::string(value);
    } else if (field == "retry") {
        const bool digits =
            !value.empty() && value.size() <= 9 &&
            std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (digits) retry_ms_ = std::stol(std::string(value));
    }
    // Any other field is ignored.
}

void ServerEventParser::dispatch(std::vector<ServerEvent>& events) {
    if (has_data_ && !event_too_big_) {
        ServerEvent event;
        event.event = event_.event.empty() ? "message" : event_.event;
        event.id = event_.id;  // the last event id stays until the stream sets another
        event.data = std::move(event_.data);
        if (!event.data.empty() && event.data.back() == '\n') event.data.pop_back();
        events.push_back(std::move(event));
    }
    event_.event = "message";
    event_.data.clear();
    has_data_ = false;
    event_bytes_ = 0;
    event_too_big_ = false;
}

// ---- EventStreamConnection ------------------------------------------------------------

namespace {

// What one attempt's callbacks share.
struct Attempt {
    CURL* curl = nullptr;
    const EventStreamConnection::Callbacks* callbacks = nullptr;
    const std::atomic<bool>* stop = nullptr;
    std::function<void(bool)> report;
    ServerEventParser parser;
    bool open = false;
};

std::size_t on_stream_bytes(char* data, std::size_t size, std::size_t count, void* user) {
    auto* attempt = static_cast<Attempt*>(user);
    const std::size_t bytes = size * count;
    if (attempt->stop->load()) return 0;
    if (!attempt->open) {
        // Only a 200 event stream is read; an error answer (an expired session) is a failure.
        long status = 0;
        char* type = nullptr;
        curl_easy_getinfo(attempt->curl, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_getinfo(attempt->curl, CURLINFO_CONTENT_TYPE, &type);
        if (status != 200 || !type || std::string_view(type).find("text/event-stream") != 0)
            return 0;
        attempt->open = true;
        attempt->report(true);
    }
    for (const ServerEvent& event : attempt->parser.feed(std::string_view(data, bytes))) {
        if (attempt->stop->load()) return 0;
        if (!attempt->callbacks->on_event) continue;
        try {
            attempt->callbacks->on_event(event);
        } catch (...) {
            // An exception must not cross libcurl; the event is lost, the stream goes on.
        }
    }
    return bytes;
}

// Called about once a second even when no bytes come: a non-zero answer aborts the transfer.
int on_progress(void* stop, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return static_cast<const std::atomic<bool>*>(stop)->load() ? 1 : 0;
}

}  // namespace

EventStreamConnection::EventStreamConnection(std::string base_url, std::string token,
                                             std::string pinned_fingerprint, Callbacks callbacks)
    : base_url_(std::move(base_url)),
      token_(std::move(token)),
      pinned_fingerprint_(std::move(pinned_fingerprint)),
      callbacks_(std::move(callbacks)) {
    std::call_once(curl_ready, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
    thread_ = std::thread([this] { run(); });
}

EventStreamConnection::~EventStreamConnection() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
}

void EventStreamConnection::run() {
    std::optional<bool> reported;
    const auto report = [this, &reported](bool connected) {
        if (reported == connected) return;
        reported = connected;
        if (!callbacks_.on_state) return;
        try {
            callbacks_.on_state(connected);
        } catch (...) {
        }
    };
    const std::string url = base_url_ + "/api/v1/events";
    const bool https = url.rfind("https://", 0) == 0;
    // A pin that is not a SHA-256 fingerprint matches no certificate: never connect.
    TlsPin pin(pinned_fingerprint_);
    const std::string authorization = "Authorization: Bearer " + token_;
    long retry_ms = kDefaultRetryMs;

    while (!stop_) {
        Attempt attempt;
        attempt.callbacks = &callbacks_;
        attempt.stop = &stop_;
        attempt.report = report;
        attempt.curl = curl_easy_init();
        if (CURL* curl = attempt.curl) {
            curl_slist* headers = nullptr;
            headers = curl_slist_append(headers, authorization.c_str());
            headers = curl_slist_append(headers, "Accept: text/event-stream");
            headers = curl_slist_append(headers, "Cache-Control: no-store");
            curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
            curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
            curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
            curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
            curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 3000L);
            curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
            curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, kSilentStreamSeconds);
            curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
            curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_stream_bytes);
            curl_easy_setopt(curl, CURLOPT_WRITEDATA, &attempt);
            curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
            curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
            curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &stop_);
            bool ready = true;
            if (https && !pinned_fingerprint_.empty()) {
                // Fails closed: a libcurl without OpenSSL cannot check the pin.
                ready = apply_tls_pin(curl, pin);
            }
            if (ready) curl_easy_perform(curl);
            curl_easy_cleanup(curl);
            curl_slist_free_all(headers);
        }
        if (stop_) break;
        report(false);
        if (attempt.parser.retry_ms() >= 0)
            retry_ms = std::clamp(attempt.parser.retry_ms(), kMinRetryMs, kMaxRetryMs);
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(retry_ms);
        while (!stop_ && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(kStopPoll);
    }
}

}  // namespace cherha::desk
