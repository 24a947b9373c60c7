// The server's live updates (GET /events, text/event-stream; docs/api.md "Live updates"):
// a parser of the stream's bytes into events, and a connection that reads the stream with
// libcurl on its own thread.
//
// Thread-safety: a ServerEventParser belongs to one thread. EventStreamConnection's callbacks
// run on its thread; the owner hands them to the UI thread (CallAfter).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace cherha::desk {

struct ServerEvent {
    std::string event = "message";  // "ready", "queue", "resync", ...
    std::string id;
    std::string data;  // the data lines joined with "\n"
};

// The text/event-stream format (the WHATWG HTML standard, "Server-sent events"): lines end
// with LF, CR or CRLF; a blank line ends an event; ":" starts a comment; "field: value".
// Guarantees: every complete event in the bytes fed so far, in order, whatever the chunking;
// a line over kMaxEventLineBytes drops the event it belongs to, as does an event over
// kMaxEventBytes (the stream goes on); a leading UTF-8 BOM is skipped; the last "id" is kept
// for the events after it.
inline constexpr std::size_t kMaxEventLineBytes = 64 * 1024;
inline constexpr std::size_t kMaxEventBytes = 256 * 1024;
class ServerEventParser {
  public:
    std::vector<ServerEvent> feed(std::string_view bytes);
    // The reconnection time the stream asked for ("retry: 3000"), -1 when none yet.
    long retry_ms() const { return retry_ms_; }

  private:
    void take_line(std::vector<ServerEvent>& events);
    void dispatch(std::vector<ServerEvent>& events);

    std::string line_;
    bool pending_cr_ = false;
    bool line_too_long_ = false;
    ServerEvent event_;
    bool has_data_ = false;
    std::size_t event_bytes_ = 0;
    bool event_too_big_ = false;
    bool started_ = false;  // the first bytes were seen (a leading BOM is skipped)
    long retry_ms_ = -1;
};

// Reads GET /events with the session token until stopped, reconnecting after a drop
// (after `retry`, 3 s unless the server said otherwise). on_event gets each event; on_state
// gets true when the stream is open, false when it dropped or could not connect.
class EventStreamConnection {
  public:
    struct Callbacks {
        std::function<void(const ServerEvent&)> on_event;
        std::function<void(bool connected)> on_state;
    };
    // base_url: "http://127.0.0.1:8080" (the API path is added). ca_fingerprint: the pinned
    // SHA-256 fingerprint of the server's certificate for https ("" for http).
    EventStreamConnection(std::string base_url, std::string token, std::string pinned_fingerprint,
                          Callbacks callbacks);
    ~EventStreamConnection();  // stops and joins within about a second
    EventStreamConnection(const EventStreamConnection&) = delete;
    EventStreamConnection& operator=(const EventStreamConnection&) = delete;

  private:
    void run();
    std::string base_url_;
    std::string token_;
    std::string pinned_fingerprint_;
    Callbacks callbacks_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace cherha::desk
