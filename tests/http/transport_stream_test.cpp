// Server-sent event streams over real HTTP, and stopping a server that has open connections.
#include "server/http/httplib_transport.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "http/server_fixture.h"
#include "support/http_client.h"

namespace cherha::http {
namespace {

using cherha::test::HttpClient;
using testing::RunningServer;

using Chunks = std::vector<std::optional<std::string>>;

// A stream that plays `chunks` in order, then ends.
Handler scripted(Chunks chunks) {
    return [chunks](const Request&) {
        auto at = std::make_shared<std::size_t>(0);
        return Response::events(EventStream{[chunks, at]() -> std::optional<std::string> {
            if (*at >= chunks.size()) return std::nullopt;
            return chunks[(*at)++];
        }});
    };
}

// Set when the EventStream (and what it holds) is destroyed: the transport let go of it.
struct Released {
    std::mutex mutex;
    std::condition_variable cv;
    bool released = false;
    bool wait(std::chrono::seconds bound) {
        std::unique_lock lock(mutex);
        return cv.wait_for(lock, bound, [&] { return released; });
    }
};
struct Sentinel {
    std::shared_ptr<Released> flag;
    ~Sentinel() {
        std::lock_guard lock(flag->mutex);
        flag->released = true;
        flag->cv.notify_all();
    }
};

TEST(TransportStream, DeliversEventsThenEnds) {
    Router router;
    ASSERT_FALSE(router.add(
        "GET", "/api/v1/events",
        scripted({"event: queue\ndata: {\"n\":1}\n\n", "event: queue\ndata: {\"n\":2}\n\n",
                  "id: 7\ndata: line one\ndata: line two\n\n"})));
    RunningServer server(router);
    HttpClient client(server.url());
    auto reply = client.read_sse("/api/v1/events", {}, 10, std::chrono::seconds(20));
    EXPECT_EQ(reply.status, 200);
    EXPECT_TRUE(reply.ended) << reply.error;
    ASSERT_EQ(reply.events.size(), 3u);
    EXPECT_EQ(reply.events[0].event, "queue");
    EXPECT_EQ(reply.events[0].data, "{\"n\":1}");
    EXPECT_EQ(reply.events[1].data, "{\"n\":2}");
    EXPECT_EQ(reply.events[2].id, "7");
    EXPECT_EQ(reply.events[2].data, "line one\nline two");
    auto content_type = [&] {
        for (const auto& [k, v] : reply.headers)
            if (k == "content-type") return v;
        return std::string();
    }();
    EXPECT_EQ(content_type, "text/event-stream");
    // The connection stays usable after a stream that ended.
    EXPECT_EQ(client.get("/api/v1/events").status, 200);
}

TEST(TransportStream, EmptyRoundsSendHeartbeatComments) {
    Router router;
    ASSERT_FALSE(router.add("GET", "/ev", scripted({"", "", "data: x\n\n", ""})));
    RunningServer server(router);
    HttpClient client(server.url());
    auto reply = client.read_sse("/ev", {}, 10, std::chrono::seconds(20));
    EXPECT_TRUE(reply.ended) << reply.error;
    ASSERT_EQ(reply.events.size(), 1u);
    EXPECT_EQ(reply.events[0].data, "x");
    EXPECT_EQ(reply.comments, 3u);
}

TEST(TransportStream, StreamThatThrowsOrIsEmptyEnds) {
    Router router;
    ASSERT_FALSE(router.add("GET", "/throws", [](const Request&) {
        auto calls = std::make_shared<int>(0);
        return Response::events(EventStream{[calls]() -> std::optional<std::string> {
            if ((*calls)++ == 0) return "data: first\n\n";
            throw std::runtime_error("source failed");
        }});
    }));
    ASSERT_FALSE(router.add("GET", "/empty",
                            [](const Request&) { return Response::events(EventStream{}); }));
    RunningServer server(router);
    HttpClient client(server.url());
    auto reply = client.read_sse("/throws", {}, 10, std::chrono::seconds(20));
    EXPECT_TRUE(reply.ended) << reply.error;
    ASSERT_EQ(reply.events.size(), 1u);
    reply = client.read_sse("/empty", {}, 10, std::chrono::seconds(20));
    EXPECT_TRUE(reply.ended) << reply.error;
    EXPECT_TRUE(reply.events.empty());
}

TEST(TransportStream, ClientLeavingEndsTheStream) {
    Router router;
    auto released = std::make_shared<Released>();
    ASSERT_FALSE(router.add("GET", "/ev", [released](const Request&) {
        auto sentinel = std::make_shared<Sentinel>(Sentinel{released});
        auto first = std::make_shared<bool>(true);
        return Response::events(EventStream{[sentinel, first]() -> std::optional<std::string> {
            if (std::exchange(*first, false)) return "data: hello\n\n";
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            return "";  // nothing new: the transport checks the client is still there
        }});
    }));
    ServerOptions options;
    options.threads = 1;  // the stream must give its only worker back
    RunningServer server(router, options);
    {
        HttpClient client(server.url());
        auto reply = client.read_sse("/ev", {}, 1, std::chrono::seconds(20));
        ASSERT_EQ(reply.events.size(), 1u) << reply.error;
    }  // the client disconnects
    EXPECT_TRUE(released->wait(std::chrono::seconds(60)));
    HttpClient next(server.url());
    EXPECT_EQ(next.read_sse("/ev", {}, 1, std::chrono::seconds(20)).events.size(), 1u);
}

TEST(TransportStop, ReturnsWithOpenStreamAndIdleKeepAliveConnection) {
    Router router;
    auto started = std::make_shared<Released>();  // reused as a "first round happened" latch
    ASSERT_FALSE(router.add("GET", "/ev", [started](const Request&) {
        return Response::events(EventStream{[started]() -> std::optional<std::string> {
            {
                std::lock_guard lock(started->mutex);
                started->released = true;
                started->cv.notify_all();
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            return "";  // never ends by itself
        }});
    }));
    ASSERT_FALSE(router.add("GET", "/x", [](const Request&) { return Response::json(200, "{}"); }));
    ServerOptions options;
    options.keep_alive_timeout = std::chrono::seconds(1);
    RunningServer server(router, options);

    HttpClient idle(server.url());
    ASSERT_EQ(idle.get("/x").status, 200);  // its connection now idles in keep-alive

    cherha::test::SseReply stream_reply;
    std::thread streamer([&] {
        HttpClient client(server.url());
        stream_reply = client.read_sse("/ev", {}, 1000, std::chrono::seconds(60));
    });
    ASSERT_TRUE(started->wait(std::chrono::seconds(60)));

    server.server().stop();
    auto result = server.stop_and_join();  // run() returned
    EXPECT_FALSE(result.has_value());
    streamer.join();
    EXPECT_TRUE(stream_reply.ended) << stream_reply.error;  // ended cleanly, not cut
    // Nothing listens any more.
    HttpClient late(server.url());
    EXPECT_EQ(late.get("/x").status, 0);
}

}  // namespace
}  // namespace cherha::http
