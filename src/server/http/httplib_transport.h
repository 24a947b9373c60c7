// The HTTP(S) listener: cpp-httplib's Server/SSLServer behind Cherha's own Request/Response
// values. Every request, whatever its method and path, is converted to an http::Request and
// answered by one Router; nothing else of httplib leaks out of this file pair, so the transport
// can be replaced without touching a handler.
//
// What it guarantees on the wire:
//   - a fixed pool of `threads` workers; each open connection (a keep-alive client between
//     requests, or an event stream for its whole life) holds one worker, further connections
//     wait in the accept queue until one is free;
//   - request bodies above max_body_bytes (counted after gzip/deflate/br is undone) are refused
//     with 413 http.payload_too_large before the handler runs; the rest of such a body is read
//     and dropped up to max(4 x max_body_bytes, 1 MiB) so the connection stays usable, and
//     beyond that (or when Content-Length says so up front, or Expect: 100-continue asked
//     first) the answer carries Connection: close and the connection ends after it;
//   - other bodies the handler cannot use are refused the same way: 400 http.bad_request for
//     a broken Content-Length, Content-Length with chunked, a broken chunk or gzip stream, or
//     a GET/HEAD/OPTIONS... that carries a body; 415 http.unsupported_media_type for
//     multipart bodies and a Content-Encoding other than gzip, deflate, br, identity;
//   - every error of the HTTP layer itself (malformed request line or headers 400, URI over
//     8 KiB 414, ...) is answered with the JSON body of error_body.h;
//   - every response carries X-Content-Type-Options: nosniff and Referrer-Policy: no-referrer,
//     and responses to /api/ paths Cache-Control: no-store unless the handler set its own;
//   - event streams (Response::stream) are sent chunked as text/event-stream;
//   - the logger hook hears method, path without the query, status, duration and peer address
//     of each response, never a query string, a header or a body.
//
// Problem codes reported here (params in braces):
//   http.options     {name, reason}         an option is out of range or only one TLS file given
//   http.tls         {cert, key}            the certificate or key could not be loaded
//   http.bind        {host, port}           the address could not be bound (in use, not
//                                           permitted, unknown host)
//   http.state       {reason}               bind() twice, or run() before a successful bind()
//   http.listen      {}                     accepting connections failed while running
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/common/problem.h"
#include "server/http/router.h"

namespace cherha::http {

struct ServerOptions {
    std::string host = "127.0.0.1";  // the address to listen on ("0.0.0.0" for all IPv4)
    int port = 8470;                 // 0 picks a free port (bind() returns it)
    int threads = 8;                 // worker threads = connections served at once (1..1024)
    std::size_t max_body_bytes = 64 * 1024;
    std::chrono::seconds read_timeout{10};       // per read of a request (slow clients)
    std::chrono::seconds write_timeout{10};      // per write of a response (stalled readers)
    std::chrono::seconds keep_alive_timeout{5};  // an idle keep-alive connection is closed after
    int keep_alive_max_count = 1000;             // requests on one connection before it closes
    std::string tls_cert_file;                   // PEM; HTTPS when both files are set
    std::string tls_key_file;                    // PEM, unencrypted
    bool tcp_nodelay = true;
    int listen_backlog = 1024;  // connections the kernel completes before they are accepted
};

// One answered request, for the operator's log. Holds no personal data by construction: the
// path is the request target up to "?" (percent-encoded as sent; bytes outside printable ASCII
// are percent-encoded again so a log line stays one line), cut at 1024 bytes.
struct LogLine {
    std::string method;
    std::string path;
    int status = 0;
    std::chrono::microseconds duration{0};  // from the end of the headers to the last byte sent
                                            // (0 when the request line could not be read)
    std::string remote_address;
};

class HttpServer {
  public:
    // Needs: `router` outlives this server and is not changed while it serves.
    explicit HttpServer(const Router& router);
    // Closes the listening socket. Needs: run() is not running (stop() it and let it return).
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Called for every response, on the worker thread that sent it, so it must be thread-safe;
    // whatever it throws is swallowed. Set it before bind().
    void set_logger(std::function<void(const LogLine&)> logger);

    // Validates `options`, loads the TLS files when given and binds the listening socket.
    // Guarantees: the bound port (the chosen one for port 0), after which connections queue
    // until run(); or http.options / http.tls / http.bind / http.state and nothing is bound.
    // From the first call on, the process ignores SIGPIPE (a client that went away must not
    // kill the server). Not thread-safe with run().
    core::Result<int> bind(const ServerOptions& options);

    // Serves until stop(), on the calling thread plus the worker pool. Returns after the
    // workers finished: in-flight requests complete, idle keep-alive connections close within
    // keep_alive_timeout, event streams end at their next round.
    // Guarantees: std::nullopt after stop() (also when stop() came first); http.state without a
    // successful bind(); http.listen when accepting failed.
    std::optional<core::Problem> run();

    // Asks run() to return: closes the listening socket and ends event streams. Returns at
    // once, without waiting for run(). Safe from any thread and more than once.
    void stop();

    // Whether bind() set up HTTPS.
    bool is_tls() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace cherha::http
