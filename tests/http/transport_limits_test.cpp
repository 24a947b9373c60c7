// Hostile and oversized input at the HTTP edge: body limits (declared, chunked, compressed),
// malformed request lines and headers sent over a raw socket. Each must get a JSON 4xx (or a
// closed connection) and leave the server serving.
#include "server/http/httplib_transport.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <nlohmann/json.hpp>

#include "http/server_fixture.h"
#include "support/http_client.h"

namespace cherha::http {
namespace {

using namespace std::string_literals;
using cherha::test::HttpClient;
using cherha::test::send_raw;
using testing::RunningServer;

constexpr std::size_t kLimit = 1024;
constexpr std::chrono::milliseconds kRawWait{3000};

// The status code of the first response in raw bytes, 0 when there is none.
int first_status(const std::string& raw) {
    if (raw.rfind("HTTP/1.1 ", 0) != 0 || raw.size() < 12) return 0;
    return std::stoi(raw.substr(9, 3));
}

// The body of the first response in raw bytes (after the blank line), for a JSON check.
std::string first_body(const std::string& raw) {
    auto start = raw.find("\r\n\r\n");
    if (start == std::string::npos) return {};
    auto next = raw.find("HTTP/1.1 ", start);
    return raw.substr(start + 4, next == std::string::npos ? std::string::npos : next - start - 4);
}

std::size_t count_responses(const std::string& raw) {
    std::size_t n = 0;
    for (auto at = raw.find("HTTP/1.1 "); at != std::string::npos;
         at = raw.find("HTTP/1.1 ", at + 1))
        ++n;
    return n;
}

std::string gzip(const std::string& data) {
    z_stream z{};
    deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string out(compressBound(static_cast<uLong>(data.size())) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

class TransportLimits : public ::testing::Test {
  protected:
    static Router make_router(std::atomic<int>* calls) {
        Router r;
        auto handler = [calls](const Request& req) {
            ++*calls;
            return Response::json(200, std::to_string(req.body.size()));
        };
        EXPECT_FALSE(r.add("POST", "/api/v1/in", handler));
        EXPECT_FALSE(r.add("GET", "/api/v1/in", handler));
        return r;
    }
    static ServerOptions options() {
        ServerOptions o;
        o.max_body_bytes = kLimit;
        o.read_timeout = std::chrono::seconds(2);
        return o;
    }

    void expect_json_error(const std::string& body, const std::string& code) {
        nlohmann::json json;
        ASSERT_NO_THROW(json = nlohmann::json::parse(body)) << body;
        EXPECT_EQ(json["error"], code);
    }
    void expect_still_serving() {
        HttpClient fresh(server.url());
        auto reply = fresh.post("/api/v1/in", "ok");
        EXPECT_EQ(reply.status, 200) << reply.error;
        EXPECT_EQ(reply.body, "2");
    }

    std::atomic<int> calls{0};
    Router router = make_router(&calls);
    RunningServer server{router, options()};
    HttpClient client{server.url()};
};

TEST_F(TransportLimits, BodyAtTheLimitIsAccepted) {
    auto reply = client.post("/api/v1/in", std::string(kLimit, 'x'), {{"Expect", ""}});
    EXPECT_EQ(reply.status, 200) << reply.error;
    EXPECT_EQ(reply.body, std::to_string(kLimit));
}

TEST_F(TransportLimits, DeclaredOversizedBodyIs413Json) {
    auto reply = client.post("/api/v1/in", std::string(kLimit + 1, 'x'), {{"Expect", ""}});
    EXPECT_EQ(reply.status, 413) << reply.error;
    expect_json_error(reply.body, "http.payload_too_large");
    EXPECT_EQ(nlohmann::json::parse(reply.body)["params"]["limit"], kLimit);
    EXPECT_EQ(calls.load(), 0);
    expect_still_serving();
}

TEST_F(TransportLimits, OversizedBodyWithExpectContinueIs413BeforeSending) {
    auto reply =
        client.post("/api/v1/in", std::string(64 * kLimit, 'x'), {{"Expect", "100-continue"}});
    EXPECT_EQ(reply.status, 413) << reply.error;
    expect_json_error(reply.body, "http.payload_too_large");
    EXPECT_EQ(calls.load(), 0);
    // A fitting body with Expect goes through.
    reply = client.post("/api/v1/in", "small", {{"Expect", "100-continue"}});
    EXPECT_EQ(reply.status, 200) << reply.error;
    EXPECT_EQ(reply.body, "5");
}

TEST_F(TransportLimits, OversizedChunkedBodyIs413) {
    std::string request =
        "POST /api/v1/in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 40; ++i) request += "40\r\n" + std::string(64, 'y') + "\r\n";
    request += "0\r\n\r\n";
    std::string raw = send_raw("127.0.0.1", server.port(), request, kRawWait);
    EXPECT_EQ(first_status(raw), 413) << raw.substr(0, 200);
    expect_json_error(first_body(raw), "http.payload_too_large");
    EXPECT_EQ(calls.load(), 0);
    expect_still_serving();
}

TEST_F(TransportLimits, SmallChunkedBodyIsRead) {
    std::string request =
        "POST /api/v1/in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
        "Connection: close\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
    std::string raw = send_raw("127.0.0.1", server.port(), request, kRawWait);
    EXPECT_EQ(first_status(raw), 200) << raw;
    EXPECT_EQ(first_body(raw), "5");
}

TEST_F(TransportLimits, CompressedBodyIsLimitedAfterDecompression) {
    // 512 KiB of zeros compress to about 500 bytes: small on the wire, far over the limit inside.
    std::string bomb = gzip(std::string(1 << 19, '\0'));
    ASSERT_LT(bomb.size(), kLimit + 1);
    auto reply = client.post("/api/v1/in", bomb, {{"Content-Encoding", "gzip"}, {"Expect", ""}});
    EXPECT_EQ(reply.status, 413) << reply.error;
    expect_json_error(reply.body, "http.payload_too_large");
    EXPECT_EQ(calls.load(), 0);

    // Far more than the drain allowance inside: cut off, and the connection closed.
    std::string big_bomb = gzip(std::string(16 << 20, '\0'));
    reply = client.post("/api/v1/in", big_bomb, {{"Content-Encoding", "gzip"}, {"Expect", ""}});
    EXPECT_EQ(reply.status, 413) << reply.error;
    EXPECT_EQ(reply.header("connection"), "close");
    EXPECT_EQ(calls.load(), 0);

    std::string fits = gzip("{\"a\":1}");
    reply = client.post("/api/v1/in", fits, {{"Content-Encoding", "gzip"}, {"Expect", ""}});
    EXPECT_EQ(reply.status, 200) << reply.error;
    EXPECT_EQ(reply.body, "7");  // the handler sees the decompressed body
}

TEST_F(TransportLimits, UnknownContentEncodingIs415) {
    for (const char* encoding : {"zstd", "GZIP", "xbrx", "gzip, gzip"}) {
        SCOPED_TRACE(encoding);
        auto reply = client.post("/api/v1/in", "abc", {{"Content-Encoding", encoding}});
        EXPECT_EQ(reply.status, 415) << reply.error;
        expect_json_error(reply.body, "http.unsupported_media_type");
    }
    EXPECT_EQ(calls.load(), 0);
    auto reply = client.post("/api/v1/in", "abc", {{"Content-Encoding", "identity"}});
    EXPECT_EQ(reply.status, 200) << reply.error;
}

TEST_F(TransportLimits, BrokenGzipIs400) {
    auto reply = client.post("/api/v1/in", "this is not gzip", {{"Content-Encoding", "gzip"}});
    EXPECT_EQ(reply.status, 400) << reply.error;
    expect_json_error(reply.body, "http.bad_request");
    EXPECT_EQ(calls.load(), 0);
}

TEST_F(TransportLimits, MultipartIs415) {
    auto reply = client.post("/api/v1/in", "--b\r\n\r\nx\r\n--b--\r\n",
                             {{"Content-Type", "multipart/form-data; boundary=b"}});
    EXPECT_EQ(reply.status, 415) << reply.error;
    expect_json_error(reply.body, "http.unsupported_media_type");
    EXPECT_EQ(calls.load(), 0);
}

struct RawCase {
    const char* name;
    std::string bytes;
    int status;  // the expected first status; 0: the server may just close
};

TEST_F(TransportLimits, MalformedRequestsGet4xxJsonAndNoCrash) {
    std::vector<RawCase> cases = {
        {"garbage", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 binary\r\n\r\n"s, 400},
        {"no version", "GET /api/v1/in\r\n\r\n", 400},
        {"bad version", "GET /api/v1/in HTTP/9.9\r\nHost: x\r\n\r\n", 400},
        {"unknown method", "BREW /api/v1/in HTTP/1.1\r\nHost: x\r\n\r\n", 400},
        {"too many spaces", "GET / api HTTP/1.1\r\nHost: x\r\n\r\n", 400},
        {"lf only", "GET /api/v1/in HTTP/1.1\nHost: x\n\n", 400},
        {"bad content-length", "POST /api/v1/in HTTP/1.1\r\nContent-Length: 12abc\r\n\r\n", 400},
        {"negative content-length", "POST /api/v1/in HTTP/1.1\r\nContent-Length: -5\r\n\r\n", 400},
        {"two content-lengths",
         "POST /api/v1/in HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400},
        {"huge content-length",
         "POST /api/v1/in HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400},
        {"length and chunked",
         "POST /api/v1/in HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
         "3\r\nabc\r\n0\r\n\r\n",
         400},
        {"bad chunk size", "POST /api/v1/in HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
         400},
        {"get with body", "GET /api/v1/in HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello", 400},
        {"uri too long", "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n", 414},
        {"header too long",
         "GET /api/v1/in HTTP/1.1\r\nX-Big: " + std::string(9000, 'h') + "\r\n\r\n", 400},
        {"nul in target", "GET /api/v1/\0in HTTP/1.1\r\nHost: x\r\n\r\n"s, 400},
        {"encoded newline in path", "GET /api/v1/in%0D%0AX:%20y HTTP/1.1\r\nHost: x\r\n\r\n", 404},
        {"header without colon", "GET /api/v1/in HTTP/1.1\r\nHost x\r\n\r\n", 200},
        {"post without length", "POST /api/v1/in HTTP/1.1\r\nHost: x\r\n\r\n", 200},
        {"other transfer coding",
         "POST /api/v1/in HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 400},
        {"two transfer-encodings",
         "POST /api/v1/in HTTP/1.1\r\nTransfer-Encoding: chunked\r\n"
         "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
         400},
        {"get chunked", "GET /api/v1/in HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
         400},
    };
    for (const RawCase& c : cases) {
        SCOPED_TRACE(c.name);
        std::string raw = send_raw("127.0.0.1", server.port(), c.bytes, kRawWait,
                                   cherha::test::RawRead::OneResponse);
        EXPECT_EQ(first_status(raw), c.status) << raw.substr(0, 300);
        if (first_status(raw) >= 400) {
            auto body = first_body(raw);
            nlohmann::json json;
            ASSERT_NO_THROW(json = nlohmann::json::parse(body)) << body;
            EXPECT_TRUE(json["error"].is_string());
            EXPECT_NE(raw.find("X-Content-Type-Options: nosniff"), std::string::npos);
        }
        expect_still_serving();
    }
    // The handler ran for expect_still_serving() and the two well-formed requests only.
    EXPECT_EQ(calls.load(), static_cast<int>(cases.size()) + 2);
}

TEST_F(TransportLimits, ClientsThatVanishMidRequestLeaveTheServerServing) {
    std::vector<std::string> partials = {
        "GET /api/v1/in HTTP/1.1\r\nHost:",
        "POST /api/v1/in HTTP/1.1\r\nContent-Length: 500\r\n\r\nonly a little",
        "POST /api/v1/in HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc",
        "G",
        "",
    };
    for (const std::string& partial : partials) {
        send_raw("127.0.0.1", server.port(), partial, std::chrono::milliseconds(50));
    }
    expect_still_serving();
}

TEST_F(TransportLimits, OversizedBodyIsNotTakenForTheNextRequest) {
    // The refused body holds what looks like a request; it must be dropped, not answered.
    std::string smuggled = "GET /api/v1/in HTTP/1.1\r\nHost: x\r\n\r\n";
    std::string body = smuggled + std::string(4 * kLimit - smuggled.size(), 'z');
    std::string request =
        "POST /api/v1/in HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        "Content-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body;
    std::string raw = send_raw("127.0.0.1", server.port(), request, kRawWait);
    EXPECT_EQ(first_status(raw), 413);
    EXPECT_EQ(count_responses(raw), 1u) << raw;
    EXPECT_EQ(calls.load(), 0);
}

TEST_F(TransportLimits, RefusedBodyKeepsTheConnectionWhenDrained) {
    EXPECT_EQ(client.post("/api/v1/in", std::string(3 * kLimit, 'x'), {{"Expect", ""}}).status,
              413);
    EXPECT_EQ(client.post("/api/v1/in", "ok").status, 200);
    EXPECT_EQ(client.new_connections(), 1);
}

TEST_F(TransportLimits, HugeDeclaredBodyIsRefusedAndTheConnectionClosed) {
    std::string request =
        "POST /api/v1/in HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000000\r\n\r\nstart";
    std::string raw = send_raw("127.0.0.1", server.port(), request, kRawWait);
    EXPECT_EQ(first_status(raw), 413);
    EXPECT_NE(raw.find("Connection: close\r\n"), std::string::npos) << raw;
    EXPECT_TRUE(cherha::test::has_complete_response(raw));
    EXPECT_EQ(count_responses(raw), 1u);
    expect_still_serving();
}

TEST_F(TransportLimits, EndlessChunkedBodyIsCutOff) {
    // More than the drain allowance (1 MiB here) in chunks: refused, connection closed.
    std::string request =
        "POST /api/v1/in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    std::string chunk = "4000\r\n" + std::string(0x4000, 'c') + "\r\n";
    for (int i = 0; i < 80; ++i) request += chunk;  // 1.25 MiB, no final chunk
    std::string raw = send_raw("127.0.0.1", server.port(), request, kRawWait);
    EXPECT_EQ(first_status(raw), 413) << raw.substr(0, 200);
    EXPECT_NE(raw.find("Connection: close\r\n"), std::string::npos);
    EXPECT_EQ(calls.load(), 0);
    expect_still_serving();
}

}  // namespace
}  // namespace cherha::http
