#include "server/http/httplib_transport.h"

#include <httplib.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <cstdint>
#include <exception>
#include <utility>

#include "server/http/error_body.h"

namespace cherha::http {

namespace {

using Clock = std::chrono::steady_clock;

// A worker serves one request at a time, so the start of its current request is per thread.
thread_local std::optional<Clock::time_point> request_started;

// httplib's stop() only closes the listening socket when the accept loop already runs, so a
// stop() between bind() and run() would be lost; closing it ourselves works at any moment (the
// accept loop runs while the socket is valid).
template <class Base>
class Listener final : public Base {
  public:
    using Base::Base;
    void close_listener() {
        socket_t sock = this->svr_sock_.exchange(INVALID_SOCKET);
        if (sock != INVALID_SOCKET) {
            ::shutdown(sock, SHUT_RDWR);
            ::close(sock);
        }
    }
    // cpp-httplib listens with a backlog of 5: a burst of more new connections than that (64
    // clients starting at once, a hall of terminals after a restart) lost its SYNs and waited
    // for the client's retransmission, one second and more. listen() again on the bound socket
    // only changes the backlog (the kernel caps it at net.core.somaxconn).
    bool set_backlog(int backlog) {
        socket_t sock = this->svr_sock_.load();
        return sock != INVALID_SOCKET && ::listen(sock, backlog) == 0;
    }
};

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto x = static_cast<unsigned char>(a[i]);
        auto y = static_cast<unsigned char>(b[i]);
        if (std::tolower(x) != std::tolower(y)) return false;
    }
    return true;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The target up to "?", as sent (httplib's req.path is already decoded).
std::string raw_path(const httplib::Request& req) {
    const std::string& target = req.target.empty() ? req.path : req.target;
    return target.substr(0, target.find('?'));
}

// Headers httplib adds to the request itself; not the client's.
bool is_injected_header(std::string_view name) {
    return iequals(name, "REMOTE_ADDR") || iequals(name, "REMOTE_PORT") ||
           iequals(name, "LOCAL_ADDR") || iequals(name, "LOCAL_PORT");
}

// Framing headers are the transport's business, not a handler's.
bool is_framing_header(std::string_view name) {
    return iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding") ||
           iequals(name, "Connection") || iequals(name, "Content-Type") ||
           iequals(name, "Keep-Alive");
}

void replace_header(httplib::Response& res, const std::string& name, const std::string& value) {
    res.headers.erase(name);  // Headers compares names case-insensitively
    res.set_header(name, value);
}

// Content-Length as a number: nullopt when absent, -1 when not a plain decimal number.
std::optional<std::int64_t> content_length(const httplib::Request& req) {
    if (!req.has_header("Content-Length")) return std::nullopt;
    if (req.get_header_value_count("Content-Length") != 1) return -1;
    std::string text = req.get_header_value("Content-Length");
    if (text.empty() || text.size() > 18) return -1;
    std::int64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

// How the body is framed. httplib knows only "chunked" exactly and reads any other body
// without Content-Length until the client closes, which for a request is wrong (RFC 9112 6.3:
// no length means no body) and would hold a worker for the read timeout.
enum class Framing { None, Length, Chunked, Unusable };

Framing framing(const httplib::Request& req, std::optional<std::int64_t> length) {
    bool has_te = req.has_header("Transfer-Encoding");
    if (has_te && (length || req.get_header_value_count("Transfer-Encoding") != 1 ||
                   !iequals(req.get_header_value("Transfer-Encoding"), "chunked")))
        return Framing::Unusable;
    if (has_te) return Framing::Chunked;
    if (length) return *length < 0 ? Framing::Unusable : Framing::Length;
    return Framing::None;
}

// Printable ASCII stays, everything else (spaces, controls, bytes >= 0x80) becomes %XX.
std::string loggable(std::string_view text, std::size_t limit) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
        if (out.size() >= limit) break;
        auto byte = static_cast<unsigned char>(c);
        if (byte > 0x20 && byte < 0x7F) {
            out.push_back(c);  // including "%": escapes stay as sent
        } else {
            out.push_back('%');
            out.push_back(kHex[byte >> 4]);
            out.push_back(kHex[byte & 0xF]);
        }
    }
    return out;
}

// The JSON error for a status the HTTP layer produced itself.
Response status_error(int status, std::size_t max_body_bytes) {
    switch (status) {
        case 400:
            return error_response(400, "http.bad_request", "The request could not be read.");
        case 404:
            return error_response(404, "http.not_found", "There is no endpoint at this path.");
        case 405:
            return error_response(405, "http.method_not_allowed",
                                  "This endpoint does not accept this method.");
        case 413:
            return error_response(413, "http.payload_too_large",
                                  "The request body is larger than the server accepts.",
                                  nlohmann::json{{"limit", max_body_bytes}});
        case 414:
            return error_response(414, "http.uri_too_long", "The request target is too long.");
        case 415:
            return error_response(415, "http.unsupported_media_type",
                                  "The request body's type or encoding is not accepted.");
        case 416:
            return error_response(416, "http.range_not_satisfiable",
                                  "The requested range cannot be served.");
        case 417:
            return error_response(417, "http.expectation_failed",
                                  "The Expect header cannot be met.");
        case 500:
            return error_response(500, "internal", "The server could not complete the request.");
        default:
            return error_response(status, "http.error", "The request failed.",
                                  nlohmann::json{{"status", status}});
    }
}

}  // namespace

struct HttpServer::Impl {
    explicit Impl(const Router& r) : router(r) {}

    const Router& router;
    std::function<void(const LogLine&)> logger;
    ServerOptions options;
    std::unique_ptr<httplib::Server> server;
    std::function<void()> close_listener;
    std::atomic<bool> stopping{false};
    bool tls = false;

    // How many body bytes a refused request may send that are read and dropped.
    std::size_t drain_limit() const {
        return std::max<std::size_t>(options.max_body_bytes * 4, 1024 * 1024);
    }
    void configure();
    void refuse(httplib::Response& res, int status, bool close_connection) const;
    void handle_without_body(const httplib::Request& req, httplib::Response& res) const;
    void handle_with_body(const httplib::Request& req, httplib::Response& res,
                          const httplib::ContentReader& reader) const;
    void answer(const httplib::Request& req, std::string body, httplib::Response& res) const;
    void log(const httplib::Request& req, const httplib::Response& res) const;
};

void HttpServer::Impl::refuse(httplib::Response& res, int status, bool close_connection) const {
    Response out = status_error(status, options.max_body_bytes);
    res.status = status;
    replace_header(res, "Cache-Control", "no-store");
    if (!close_connection) {
        res.set_content(out.body, out.content_type);
        return;
    }
    // Part of the request is still unread, and must not be taken for the next request. httplib
    // 0.11 keeps a connection open whatever Connection header the response has, but closes it
    // when writing the body fails; so a provider writes the whole body and then reports
    // failure: the client gets the complete answer, then the connection ends.
    replace_header(res, "Connection", "close");
    auto body = std::make_shared<std::string>(std::move(out.body));
    res.set_content_provider(
        body->size(), out.content_type,
        [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
            sink.write(body->data() + offset, length);
            return false;
        });
}

void HttpServer::Impl::handle_without_body(const httplib::Request& req,
                                           httplib::Response& res) const {
    // GET, HEAD, OPTIONS...: httplib reads no body for these, so one that declares a body is
    // refused rather than letting its bytes be parsed as the next request.
    auto length = content_length(req);
    Framing body = framing(req, length);
    if (body == Framing::Unusable || body == Framing::Chunked || (length && *length != 0))
        return refuse(res, 400, true);
    answer(req, {}, res);
}

void HttpServer::Impl::handle_with_body(const httplib::Request& req, httplib::Response& res,
                                        const httplib::ContentReader& reader) const {
    auto length = content_length(req);
    switch (framing(req, length)) {
        case Framing::Unusable:
            return refuse(res, 400, true);
        case Framing::None:
            return answer(req, {}, res);
        case Framing::Length:
            if (static_cast<std::uint64_t>(*length) > drain_limit()) return refuse(res, 413, true);
            break;
        case Framing::Chunked:
            break;
    }
    // The multipart reader of httplib needs callbacks the API has no use for.
    if (req.is_multipart_form_data()) return refuse(res, 415, true);
    // httplib undoes exactly these and passes any other encoding through as raw bytes.
    if (req.has_header("Content-Encoding")) {
        std::string encoding = req.get_header_value("Content-Encoding");
        if (req.get_header_value_count("Content-Encoding") != 1 ||
            (encoding != "gzip" && encoding != "deflate" && encoding != "br" &&
             encoding != "identity"))
            return refuse(res, 415, true);
    }

    // Bytes over the limit are read and dropped up to drain_limit(), so that a refused request
    // still leaves the connection usable; beyond that the connection is closed.
    std::string body;
    std::size_t received = 0;
    bool read = reader([&](const char* data, std::size_t size) {
        received += size;  // counts decoded bytes for compressed bodies
        if (received > drain_limit()) return false;
        if (received <= options.max_body_bytes) body.append(data, size);
        return true;
    });
    if (received > drain_limit()) return refuse(res, 413, true);
    if (!read) return refuse(res, res.status == 415 ? 415 : 400, true);
    if (received > options.max_body_bytes) return refuse(res, 413, false);
    answer(req, std::move(body), res);
}

void HttpServer::Impl::answer(const httplib::Request& req, std::string body,
                              httplib::Response& res) const {
    Request request;
    request.method = req.method;
    request.path = raw_path(req);
    request.query.insert(req.params.begin(), req.params.end());
    for (const auto& [name, value] : req.headers) {
        if (!is_injected_header(name)) request.headers.emplace_back(lower(name), value);
    }
    request.body = std::move(body);
    request.remote_address = req.remote_addr;

    std::string path = request.path;
    Response out = router.dispatch(std::move(request));

    res.status = out.status;
    for (const auto& [name, value] : out.headers) {
        if (!is_framing_header(name)) replace_header(res, name, value);
    }
    if (path.rfind("/api/", 0) == 0 && !res.has_header("Cache-Control"))
        res.set_header("Cache-Control", "no-store");

    if (!out.stream) {
        res.set_content(out.body, out.content_type);
        return;
    }
    replace_header(res, "Cache-Control", "no-store");
    replace_header(res, "X-Accel-Buffering", "no");  // nginx: pass events on at once
    auto stream = std::make_shared<EventStream>(std::move(*out.stream));
    res.set_chunked_content_provider(
        "text/event-stream", [this, stream](std::size_t, httplib::DataSink& sink) {
            if (!sink.is_writable()) return false;  // the client left: drop the connection
            if (stopping.load()) {
                sink.done();
                return true;
            }
            std::optional<std::string> chunk;
            try {
                chunk = stream->next();
            } catch (...) {
                chunk.reset();  // a stream that fails ends
            }
            if (!chunk || stopping.load()) {
                sink.done();
                return true;
            }
            if (chunk->empty()) {
                static constexpr std::string_view kHeartbeat = ":\n\n";
                return sink.write(kHeartbeat.data(), kHeartbeat.size());
            }
            return sink.write(chunk->data(), chunk->size());
        });
}

void HttpServer::Impl::log(const httplib::Request& req, const httplib::Response& res) const {
    std::optional<Clock::time_point> started = std::exchange(request_started, std::nullopt);
    if (!logger) return;
    try {
        LogLine line;
        line.method = loggable(req.method, 16);
        line.path = loggable(raw_path(req), 1024);
        line.status = res.status;
        if (started)
            line.duration =
                std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - *started);
        line.remote_address = req.remote_addr;
        logger(line);
    } catch (...) {
    }
}

void HttpServer::Impl::configure() {
    httplib::Server& s = *server;
    auto threads = static_cast<std::size_t>(options.threads);
    s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    s.set_tcp_nodelay(options.tcp_nodelay);
    // httplib's default also sets SO_REUSEPORT, which lets a second server bind the same port
    // and silently share the traffic; SO_REUSEADDR alone allows a quick restart and refuses that.
    s.set_socket_options([](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    s.set_read_timeout(options.read_timeout);
    s.set_write_timeout(options.write_timeout);
    s.set_keep_alive_timeout(static_cast<time_t>(options.keep_alive_timeout.count()));
    s.set_keep_alive_max_count(static_cast<std::size_t>(options.keep_alive_max_count));
    s.set_payload_max_length(drain_limit());  // the real limit is checked while reading
    s.set_default_headers(
        {{"X-Content-Type-Options", "nosniff"}, {"Referrer-Policy", "no-referrer"}});

    s.set_expect_100_continue_handler([this](const httplib::Request& req, httplib::Response& res) {
        request_started = Clock::now();
        auto length = content_length(req);
        if (length &&
            (*length < 0 || static_cast<std::uint64_t>(*length) > options.max_body_bytes)) {
            refuse(res, *length < 0 ? 400 : 413, true);
            return res.status;
        }
        return 100;
    });
    // Runs after the headers, before any body is read. Methods with a body go on to the
    // content-reader handlers below, so their body can be read under our limit; all others are
    // answered here.
    s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        if (!request_started) request_started = Clock::now();
        // The API has no partial responses: httplib would cut any body to a Range header (even
        // a JSON one, with status 200). The Request is process_request's own non-const local,
        // so clearing its parsed ranges here is well-defined.
        const_cast<httplib::Request&>(req).ranges.clear();
        const std::string& m = req.method;
        if (m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE")
            return httplib::Server::HandlerResponse::Unhandled;
        handle_without_body(req, res);
        return httplib::Server::HandlerResponse::Handled;
    });
    // The path is at most 8 KiB (httplib's request-line limit), well within what std::regex
    // matches without deep recursion.
    static const std::string kAnyPath = "[\\s\\S]*";
    auto with_body = [this](const httplib::Request& req, httplib::Response& res,
                            const httplib::ContentReader& reader) {
        handle_with_body(req, res, reader);
    };
    s.Post(kAnyPath, with_body);
    s.Put(kAnyPath, with_body);
    s.Patch(kAnyPath, with_body);
    s.Delete(kAnyPath, with_body);

    // httplib calls this for every status >= 400; ours already have a body.
    s.set_error_handler(httplib::Server::HandlerWithResponse(
        [this](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty() || res.content_provider_)
                return httplib::Server::HandlerResponse::Unhandled;
            refuse(res, res.status, false);
            return httplib::Server::HandlerResponse::Handled;
        }));
    s.set_exception_handler([this](const httplib::Request&, httplib::Response& res,
                                   std::exception_ptr) { refuse(res, 500, false); });
    s.set_logger(
        [this](const httplib::Request& req, const httplib::Response& res) { log(req, res); });
}

HttpServer::HttpServer(const Router& router) : impl_(std::make_unique<Impl>(router)) {}

HttpServer::~HttpServer() {
    if (impl_->close_listener) impl_->close_listener();
}

void HttpServer::set_logger(std::function<void(const LogLine&)> logger) {
    impl_->logger = std::move(logger);
}

core::Result<int> HttpServer::bind(const ServerOptions& options) {
    auto bad = [](std::string name, std::string reason) {
        return core::Problem("http.options",
                             {{"name", std::move(name)}, {"reason", std::move(reason)}});
    };
    if (impl_->server) return core::Problem("http.state", {{"reason", "already bound"}});
    if (options.host.empty()) return bad("host", "empty");
    if (options.port < 0 || options.port > 65535) return bad("port", "not 0..65535");
    if (options.threads < 1 || options.threads > 1024) return bad("threads", "not 1..1024");
    if (options.max_body_bytes == 0 || options.max_body_bytes > (std::size_t{1} << 30))
        return bad("max_body_bytes", "not 1..1 GiB");
    if (options.read_timeout.count() < 1) return bad("read_timeout", "under one second");
    if (options.write_timeout.count() < 1) return bad("write_timeout", "under one second");
    if (options.keep_alive_timeout.count() < 1)
        return bad("keep_alive_timeout", "under one second");
    if (options.keep_alive_max_count < 1) return bad("keep_alive_max_count", "under one");
    if (options.listen_backlog < 1 || options.listen_backlog > 65535)
        return bad("listen_backlog", "not 1..65535");
    if (options.tls_cert_file.empty() != options.tls_key_file.empty())
        return bad(options.tls_cert_file.empty() ? "tls_cert_file" : "tls_key_file",
                   "the certificate and the key go together");

    // A client that closes its connection while we write must not end the process.
    std::signal(SIGPIPE, SIG_IGN);

    std::unique_ptr<httplib::Server> server;
    std::function<void()> close_listener;
    std::function<bool(int)> set_backlog;
    bool tls = !options.tls_cert_file.empty();
    if (tls) {
        auto ssl = std::make_unique<Listener<httplib::SSLServer>>(options.tls_cert_file.c_str(),
                                                                  options.tls_key_file.c_str());
        if (!ssl->is_valid())
            return core::Problem("http.tls",
                                 {{"cert", options.tls_cert_file}, {"key", options.tls_key_file}});
        SSL_CTX_set_min_proto_version(ssl->ssl_context(), TLS1_2_VERSION);
        close_listener = [raw = ssl.get()] { raw->close_listener(); };
        set_backlog = [raw = ssl.get()](int backlog) { return raw->set_backlog(backlog); };
        server = std::move(ssl);
    } else {
        auto plain = std::make_unique<Listener<httplib::Server>>();
        close_listener = [raw = plain.get()] { raw->close_listener(); };
        set_backlog = [raw = plain.get()](int backlog) { return raw->set_backlog(backlog); };
        server = std::move(plain);
    }

    impl_->options = options;
    impl_->server = std::move(server);
    impl_->close_listener = std::move(close_listener);
    impl_->tls = tls;
    impl_->configure();

    int port = options.port;
    if (port == 0) {
        port = impl_->server->bind_to_any_port(options.host);
    } else if (!impl_->server->bind_to_port(options.host, port)) {
        port = -1;
    }
    if (port > 0 && !set_backlog(options.listen_backlog)) {
        impl_->close_listener();  // bound and listening: ~Server would not close it
        port = -1;
    }
    if (port <= 0) {
        impl_->server.reset();
        impl_->close_listener = nullptr;
        return core::Problem("http.bind",
                             {{"host", options.host}, {"port", std::to_string(options.port)}});
    }
    return port;
}

std::optional<core::Problem> HttpServer::run() {
    if (!impl_->server)
        return core::Problem("http.state", {{"reason", "run() without a successful bind()"}});
    if (impl_->stopping.load()) return std::nullopt;
    bool ok = impl_->server->listen_after_bind();
    if (!ok && !impl_->stopping.load()) return core::Problem("http.listen");
    return std::nullopt;
}

void HttpServer::stop() {
    impl_->stopping.store(true);
    if (impl_->close_listener) impl_->close_listener();
}

bool HttpServer::is_tls() const {
    return impl_->tls;
}

}  // namespace cherha::http
