// The HttpServer's life cycle (bind, run, stop, the problems each reports) and its log lines.
#include "server/http/httplib_transport.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <thread>
#include <vector>

#include "http/server_fixture.h"
#include "support/http_client.h"

namespace cherha::http {
namespace {

using cherha::test::HttpClient;
using testing::RunningServer;

Router ok_router() {
    Router r;
    EXPECT_FALSE(
        r.add("GET", "/api/v1/slots", [](const Request&) { return Response::json(200, "{}"); }));
    EXPECT_FALSE(r.add("POST", "/api/v1/bookings",
                       [](const Request&) { return Response::json(201, "{}"); }));
    return r;
}

ServerOptions loopback_any_port() {
    ServerOptions o;
    o.port = 0;
    return o;
}

TEST(HttpServerBind, PortZeroPicksAFreePort) {
    Router router = ok_router();
    HttpServer server(router);
    auto port = server.bind(loopback_any_port());
    ASSERT_TRUE(port.ok()) << port.problem().code;
    EXPECT_GT(port.value(), 0);
    EXPECT_FALSE(server.is_tls());
}

TEST(HttpServerBind, PortInUseIsHttpBind) {
    Router router = ok_router();
    HttpServer first(router);
    auto port = first.bind(loopback_any_port());
    ASSERT_TRUE(port.ok());
    HttpServer second(router);
    ServerOptions options;
    options.port = port.value();
    auto again = second.bind(options);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.problem().code, "http.bind");
    EXPECT_EQ(again.problem().param("port"), std::to_string(port.value()));
    EXPECT_EQ(again.problem().param("host"), "127.0.0.1");
}

TEST(HttpServerBind, AddressNotOfThisMachineIsHttpBind) {
    Router router = ok_router();
    HttpServer server(router);
    ServerOptions options = loopback_any_port();
    options.host = "192.0.2.1";  // TEST-NET-1: never a local address
    auto port = server.bind(options);
    ASSERT_FALSE(port.ok());
    EXPECT_EQ(port.problem().code, "http.bind");
}

TEST(HttpServerBind, BadOptionsAreRefusedByName) {
    Router router = ok_router();
    struct Case {
        std::string name;
        std::function<void(ServerOptions&)> spoil;
    };
    std::vector<Case> cases = {
        {"host", [](ServerOptions& o) { o.host = ""; }},
        {"port", [](ServerOptions& o) { o.port = -1; }},
        {"port", [](ServerOptions& o) { o.port = 65536; }},
        {"threads", [](ServerOptions& o) { o.threads = 0; }},
        {"threads", [](ServerOptions& o) { o.threads = 100000; }},
        {"max_body_bytes", [](ServerOptions& o) { o.max_body_bytes = 0; }},
        {"max_body_bytes", [](ServerOptions& o) { o.max_body_bytes = std::size_t{1} << 40; }},
        {"read_timeout", [](ServerOptions& o) { o.read_timeout = std::chrono::seconds(0); }},
        {"write_timeout", [](ServerOptions& o) { o.write_timeout = std::chrono::seconds(-1); }},
        {"keep_alive_timeout",
         [](ServerOptions& o) { o.keep_alive_timeout = std::chrono::seconds(0); }},
        {"keep_alive_max_count", [](ServerOptions& o) { o.keep_alive_max_count = 0; }},
        {"listen_backlog", [](ServerOptions& o) { o.listen_backlog = 0; }},
        {"listen_backlog", [](ServerOptions& o) { o.listen_backlog = 70000; }},
        {"tls_key_file", [](ServerOptions& o) { o.tls_cert_file = "/tmp/cert.pem"; }},
        {"tls_cert_file", [](ServerOptions& o) { o.tls_key_file = "/tmp/key.pem"; }},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        HttpServer server(router);
        ServerOptions options = loopback_any_port();
        c.spoil(options);
        auto port = server.bind(options);
        ASSERT_FALSE(port.ok());
        EXPECT_EQ(port.problem().code, "http.options");
        EXPECT_EQ(port.problem().param("name"), c.name);
        // Nothing was bound: run() says so.
        auto run = server.run();
        ASSERT_TRUE(run.has_value());
        EXPECT_EQ(run->code, "http.state");
    }
}

TEST(HttpServerBind, TwiceIsHttpState) {
    Router router = ok_router();
    HttpServer server(router);
    ASSERT_TRUE(server.bind(loopback_any_port()).ok());
    auto again = server.bind(loopback_any_port());
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.problem().code, "http.state");
}

TEST(HttpServerBind, DestroyingAnUnrunServerFreesThePort) {
    Router router = ok_router();
    int port = 0;
    {
        HttpServer server(router);
        auto bound = server.bind(loopback_any_port());
        ASSERT_TRUE(bound.ok());
        port = bound.value();
    }
    HttpServer again(router);
    ServerOptions options;
    options.port = port;
    EXPECT_TRUE(again.bind(options).ok());
}

// Starts a non-blocking connect to 127.0.0.1:port for each of `count` sockets and waits until
// every handshake completed or `wait` passed; returns how many completed (the sockets are closed).
int handshakes_completed(int port, int count, std::chrono::milliseconds wait) {
    std::vector<pollfd> pending;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int completed = 0;
    std::vector<int> all;
    for (int i = 0; i < count; ++i) {
        int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        if (fd < 0) break;
        all.push_back(fd);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0)
            ++completed;
        else if (errno == EINPROGRESS)
            pending.push_back({fd, POLLOUT, 0});
    }
    const auto deadline = std::chrono::steady_clock::now() + wait;
    while (!pending.empty() && std::chrono::steady_clock::now() < deadline) {
        if (::poll(pending.data(), pending.size(), 50) < 0) break;
        for (auto it = pending.begin(); it != pending.end();) {
            if (it->revents == 0) {
                ++it;
                continue;
            }
            int error = 0;
            socklen_t size = sizeof error;
            ::getsockopt(it->fd, SOL_SOCKET, SO_ERROR, &error, &size);
            if (error == 0) ++completed;
            it = pending.erase(it);
        }
    }
    for (int fd : all) ::close(fd);
    return completed;
}

// A burst of new connections is queued by the kernel until the server accepts them. With the
// 5 that cpp-httplib asks for, the 7th SYN of a burst was dropped and its client waited for a
// retransmission (1 s, then 3 s...). Before run() nothing is accepted, so what completes is
// exactly what the backlog holds, whatever the machine's speed.
TEST(HttpServerBind, BurstOfConnectionsIsQueuedBeforeAccept) {
    Router router = ok_router();
    HttpServer server(router);
    auto port = server.bind(loopback_any_port());
    ASSERT_TRUE(port.ok());
    EXPECT_EQ(handshakes_completed(port.value(), 100, std::chrono::seconds(5)), 100);
}

TEST(HttpServerBind, ListenBacklogOptionIsTheQueueLength) {
    Router router = ok_router();
    HttpServer server(router);
    ServerOptions options = loopback_any_port();
    options.listen_backlog = 3;
    auto port = server.bind(options);
    ASSERT_TRUE(port.ok());
    // Linux completes backlog + 1 handshakes and drops the SYNs after them.
    const int completed = handshakes_completed(port.value(), 20, std::chrono::milliseconds(300));
    EXPECT_GE(completed, 3);
    EXPECT_LE(completed, 4);
}

TEST(HttpServerRun, StopBeforeRunMakesRunReturnAtOnce) {
    Router router = ok_router();
    HttpServer server(router);
    ASSERT_TRUE(server.bind(loopback_any_port()).ok());
    server.stop();
    server.stop();  // twice is fine
    EXPECT_FALSE(server.run().has_value());
}

TEST(HttpServerRun, StopFromAnotherThreadWhileServing) {
    Router router = ok_router();
    HttpServer server(router);
    auto port = server.bind(loopback_any_port());
    ASSERT_TRUE(port.ok());
    std::optional<core::Problem> result{core::Problem("not run")};
    std::thread runner([&] { result = server.run(); });
    HttpClient client("http://127.0.0.1:" + std::to_string(port.value()));
    EXPECT_EQ(client.get("/api/v1/slots").status, 200);
    server.stop();
    runner.join();
    EXPECT_FALSE(result.has_value());
}

ServerOptions short_keep_alive() {
    ServerOptions o;
    o.keep_alive_timeout = std::chrono::seconds(1);  // stop_and_join() waits for idle clients
    return o;
}

TEST(HttpServerLog, OneLinePerResponseWithoutQueryOrBody) {
    Router router = ok_router();
    RunningServer server(router, short_keep_alive());
    HttpClient client(server.url());
    const std::string secret = "3012345678";
    client.get("/api/v1/slots?rnokpp=" + secret + "&date=2025-03-01", {{"X-Identity", secret}});
    client.post("/api/v1/bookings?x=1", "{\"rnokpp\":\"" + secret + "\"}");
    client.get("/nothing?" + secret);
    client.get("/odd%20path/%D0%AF?" + secret);
    std::string raw = cherha::test::send_raw(
        "127.0.0.1", server.port(), "BREW /x?" + secret + " HTTP/1.1\r\n\r\n",
        std::chrono::seconds(5), cherha::test::RawRead::OneResponse);
    ASSERT_FALSE(raw.empty());
    server.stop_and_join();  // all responses are logged by now

    // A line is written after its response went out, so their order may differ from ours.
    auto logs = server.logs();
    ASSERT_EQ(logs.size(), 5u);
    auto find = [&](const std::string& method, const std::string& path) {
        for (const LogLine& line : logs)
            if (line.method == method && line.path == path) return line;
        ADD_FAILURE() << "no log line for " << method << " " << path;
        return LogLine{};
    };
    LogLine slots = find("GET", "/api/v1/slots");
    EXPECT_EQ(slots.status, 200);
    EXPECT_EQ(slots.remote_address, "127.0.0.1");
    EXPECT_GT(slots.duration.count(), 0);
    EXPECT_EQ(find("POST", "/api/v1/bookings").status, 201);
    EXPECT_EQ(find("GET", "/nothing").status, 404);
    EXPECT_EQ(find("GET", "/odd%20path/%D0%AF").status, 404);  // as sent: one printable line
    EXPECT_EQ(find("BREW", "/x").status, 400);
    for (const LogLine& line : logs) {
        for (const std::string& field : {line.method, line.path, line.remote_address}) {
            EXPECT_EQ(field.find(secret), std::string::npos) << field;
            EXPECT_EQ(field.find('?'), std::string::npos) << field;
            for (char c : field) EXPECT_TRUE(c > 0x20 && c < 0x7F) << field;
        }
    }
}

TEST(HttpServerLog, ControlBytesInTheTargetAreEscaped) {
    Router router = ok_router();
    RunningServer server(router, short_keep_alive());
    std::string raw = cherha::test::send_raw(
        "127.0.0.1", server.port(), "GET /a\x1b[31m\x7f\xff HTTP/1.1\r\nHost: x\r\n\r\n",
        std::chrono::seconds(5), cherha::test::RawRead::OneResponse);
    ASSERT_FALSE(raw.empty());
    server.stop_and_join();
    auto logs = server.logs();
    ASSERT_EQ(logs.size(), 1u);
    EXPECT_EQ(logs[0].path, "/a%1B[31m%7F%FF");
}

TEST(HttpServerLog, ThrowingLoggerChangesNothing) {
    Router router = ok_router();
    HttpServer server(router);
    server.set_logger([](const LogLine&) { throw std::runtime_error("log disk full"); });
    auto port = server.bind(loopback_any_port());
    ASSERT_TRUE(port.ok());
    std::thread runner([&] { server.run(); });
    HttpClient client("http://127.0.0.1:" + std::to_string(port.value()));
    EXPECT_EQ(client.get("/api/v1/slots").status, 200);
    EXPECT_EQ(client.get("/api/v1/slots").status, 200);
    server.stop();
    runner.join();
}

}  // namespace
}  // namespace cherha::http
