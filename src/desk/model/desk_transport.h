// How the desk's models reach the server: one request, one reply. The real one is libcurl
// (model/curl_transport.h); tests pass fakes to make a failure happen on purpose. Models never
// call it on the UI thread (ENGINEERING.md, "Background work").
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace cherha::desk {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct TransportReply {
    long status = 0;    // 0: no answer arrived (the server cannot be reached, or timed out)
    std::string body;   // the answer's body
    Headers headers;    // names in lower case
    std::string error;  // why no answer arrived, for the log; "" when status > 0
};

class DeskTransport {
  public:
    virtual ~DeskTransport() = default;
    // Sends `method` `path` (below the server's base URL) with `body` and `headers`.
    // Guarantees: a reply; never throws. A header whose name or value holds a line break is
    // not sent (status 0, error says why).
    virtual TransportReply send(const std::string& method, const std::string& path,
                                const std::string& body, const Headers& headers) = 0;
    // Whether the last send() failed because the server's HTTPS certificate is not the one
    // pinned at the first login (nothing was sent). Only a transport that pins says true.
    virtual bool certificate_changed() const { return false; }
};

}  // namespace cherha::desk
