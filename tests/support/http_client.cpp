#include "support/http_client.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <mutex>
#include <stdexcept>

namespace cherha::test {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string trim(std::string_view text) {
    std::size_t b = 0;
    std::size_t e = text.size();
    while (b < e && (text[b] == ' ' || text[b] == '\t' || text[b] == '\r' || text[b] == '\n')) ++b;
    while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r' ||
                     text[e - 1] == '\n'))
        --e;
    return std::string(text.substr(b, e - b));
}

// Collects the headers of the final response (a new status line starts over, e.g. after 100).
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* headers = static_cast<HeaderList*>(user);
    std::string_view line(data, size * count);
    if (line.rfind("HTTP/", 0) == 0) {
        headers->clear();
    } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
        headers->emplace_back(lower(trim(line.substr(0, colon))), trim(line.substr(colon + 1)));
    }
    return size * count;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

// Incremental parser of text/event-stream (blocks separated by a blank line).
struct SseParser {
    SseReply* reply;
    std::size_t max_events;
    std::string buffer;
    bool enough = false;

    void feed(std::string_view bytes) {
        for (char c : bytes)
            if (c != '\r') buffer.push_back(c);
        std::size_t end;
        while (!enough && (end = buffer.find("\n\n")) != std::string::npos) {
            block(buffer.substr(0, end));
            buffer.erase(0, end + 2);
        }
    }

    void block(const std::string& text) {
        // As an EventSource does: a block is dispatched only when it carries data (a block with
        // only "retry:" or "event:" is not an event); data lines are joined with "\n".
        SseEvent event;
        bool has_data = false;
        bool has_comment = false;
        std::size_t start = 0;
        while (start <= text.size()) {
            std::size_t nl = text.find('\n', start);
            std::string line =
                text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
            start = nl == std::string::npos ? text.size() + 1 : nl + 1;
            if (line.empty()) continue;
            if (line.front() == ':') {
                has_comment = true;
                continue;
            }
            std::size_t colon = line.find(':');
            std::string field = line.substr(0, colon);
            std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
            if (!value.empty() && value.front() == ' ') value.erase(0, 1);
            if (field == "event") {
                event.event = value;
            } else if (field == "data") {
                if (has_data) event.data += "\n";
                event.data += value;
                has_data = true;
            } else if (field == "id") {
                event.id = value;
            }
        }
        if (has_data) {
            reply->events.push_back(std::move(event));
            if (reply->events.size() >= max_events) enough = true;
        } else if (has_comment) {
            ++reply->comments;
        }
    }
};

std::size_t on_sse(char* data, std::size_t size, std::size_t count, void* user) {
    auto* parser = static_cast<SseParser*>(user);
    parser->feed(std::string_view(data, size * count));
    return parser->enough ? 0 : size * count;  // 0 ends the transfer
}

CURL* handle(void* p) {
    return static_cast<CURL*>(p);
}

}  // namespace

std::string HttpReply::header(std::string_view name) const {
    for (const auto& [k, v] : headers)
        if (k == name) return v;
    return {};
}

std::size_t HttpReply::header_count(std::string_view name) const {
    std::size_t n = 0;
    for (const auto& [k, v] : headers)
        if (k == name) ++n;
    return n;
}

HttpClient::HttpClient(std::string base_url, HttpClientOptions options)
    : curl_(nullptr), base_url_(std::move(base_url)), options_(std::move(options)) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    curl_ = curl_easy_init();
    if (!curl_) throw std::runtime_error("curl_easy_init failed");
}

HttpClient::~HttpClient() {
    curl_easy_cleanup(handle(curl_));
}

HttpReply HttpClient::get(const std::string& path, const HeaderList& headers) {
    return request("GET", path, {}, headers);
}
HttpReply HttpClient::head(const std::string& path, const HeaderList& headers) {
    return request("HEAD", path, {}, headers);
}
HttpReply HttpClient::post(const std::string& path, const std::string& body,
                           const HeaderList& headers) {
    return request("POST", path, body, headers);
}
HttpReply HttpClient::put(const std::string& path, const std::string& body,
                          const HeaderList& headers) {
    return request("PUT", path, body, headers);
}
HttpReply HttpClient::patch(const std::string& path, const std::string& body,
                            const HeaderList& headers) {
    return request("PATCH", path, body, headers);
}
HttpReply HttpClient::del(const std::string& path, const std::string& body,
                          const HeaderList& headers) {
    return request("DELETE", path, body, headers);
}

namespace {

// The options every transfer of the handle shares; returns the header list to free.
curl_slist* prepare(CURL* curl, const std::string& url, const HeaderList& headers,
                    const HttpClientOptions& options, std::chrono::milliseconds timeout) {
    curl_easy_reset(curl);  // keeps the live connection for keep-alive
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
    if (!options.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, options.ca_file.c_str());
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, options.verify_peer ? 1L : 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, options.verify_peer ? 2L : 0L);
    curl_slist* list = nullptr;
    for (const auto& [name, value] : headers) {
        // "Name:" with an empty value removes a header curl would add (e.g. "Expect").
        std::string line = value.empty() ? name + ":" : name + ": " + value;
        list = curl_slist_append(list, line.c_str());
    }
    if (list) curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    return list;
}

}  // namespace

HttpReply HttpClient::request(const std::string& method, const std::string& path,
                              const std::string& body, const HeaderList& headers) {
    CURL* curl = handle(curl_);
    HttpReply reply;
    curl_slist* list = prepare(curl, base_url_ + path, headers, options_, options_.timeout);
    bool sends_body = !body.empty() || method == "POST" || method == "PUT" || method == "PATCH";
    if (method == "HEAD") {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else if (sends_body) {
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
        if (method != "POST") curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    } else if (method != "GET") {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &reply.headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);

    CURLcode code = curl_easy_perform(curl);
    if (code == CURLE_OK) {
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
    } else {
        reply.error = curl_easy_strerror(code);
    }
    long connects = 0;
    curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &connects);
    new_connections_ += connects;
    curl_slist_free_all(list);
    return reply;
}

SseReply HttpClient::read_sse(const std::string& path, const HeaderList& headers,
                              std::size_t max_events, std::chrono::milliseconds timeout) {
    CURL* curl = handle(curl_);
    SseReply reply;
    SseParser parser{&reply, max_events, {}, false};
    curl_slist* list = prepare(curl, base_url_ + path, headers, options_, timeout);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &reply.headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_sse);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &parser);

    CURLcode code = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
    if (code == CURLE_OK) {
        reply.ended = true;
    } else if (!(code == CURLE_WRITE_ERROR && parser.enough)) {
        reply.error = curl_easy_strerror(code);
    }
    long connects = 0;
    curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &connects);
    new_connections_ += connects;
    curl_slist_free_all(list);
    return reply;
}

bool has_complete_response(const std::string& raw) {
    auto end = raw.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    std::string head = lower(std::string_view(raw).substr(0, end));
    auto body = raw.size() - (end + 4);
    if (auto at = head.find("\r\ncontent-length:"); at != std::string::npos) {
        std::size_t length = std::stoul(head.substr(at + 17));
        return body >= length;
    }
    if (head.find("\r\ntransfer-encoding: chunked") != std::string::npos)
        return raw.find("\r\n0\r\n\r\n", end) != std::string::npos;
    return true;  // no body (e.g. 204)
}

std::string send_raw(const std::string& host, int port, std::string_view bytes,
                     std::chrono::milliseconds timeout, RawRead read) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return {};
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, host.c_str(), &address.sin_addr);
    std::string received;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) break;
            sent += static_cast<std::size_t>(n);
        }
        auto deadline = std::chrono::steady_clock::now() + timeout;
        char buffer[4096];
        while (!(read == RawRead::OneResponse && has_complete_response(received))) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) break;
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
            ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0) break;
            received.append(buffer, static_cast<std::size_t>(n));
        }
    }
    ::close(fd);
    return received;
}

}  // namespace cherha::test
