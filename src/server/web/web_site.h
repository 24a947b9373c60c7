// The citizens' web pages, served by cherha-server itself: plain HTML, CSS and JavaScript from
// resources/web (no build step, nothing from another site). The pages are read once at start
// and kept in memory; only the names read there can ever be served, so no request path reaches
// the file system.
//
//   GET /            index.html     book online
//   GET /my          my.html        look up, print or cancel a booking
//   GET /terminal    terminal.html  the kiosk in the hall (device token)
//   GET /board       board.html     the hall's board (device token)
//   GET /static/{file}              the pages' scripts, styles and pictures (resources/web/static)
//   GET /texts/{uk|en}.json         the pages' words from the gettext catalogs: every msgid the
//                                   pages use (t("...") in scripts, data-t*="..." in HTML), the
//                                   sentences of the problem codes and the words for values
//
// Every answer carries a strict Content-Security-Policy (scripts, styles, pictures and
// connections from this server only; no inline script), frame-ancestors 'none', an ETag (a
// matching If-None-Match gets 304) and Cache-Control: no-cache.
//
// Problem codes (params in braces):
//   web.unreadable   {path}   the directory or a file in it cannot be read
//   web.too_large    {path}   a file is over kMaxWebFileBytes, or all of them over kMaxWebBytes
//   web.missing_page {page}   one of the four pages is not in the directory
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/problem.h"
#include "server/http/router.h"
#include "text/mo_catalog.h"

namespace cherha::server::web {

inline constexpr std::size_t kMaxWebFileBytes = 2 * 1024 * 1024;
inline constexpr std::size_t kMaxWebBytes = 32 * 1024 * 1024;

struct WebFile {
    std::string content_type;
    std::string body;
    std::string etag;  // "\"<16 hex digits>\""
};

class WebSite {
  public:
    // Reads the pages at the top of `dir` and the files of `dir`/static whose names are
    // [A-Za-z0-9._-] with a known extension (.html .css .js .mjs .svg .png .ico .json
    // .webmanifest); other files are left out. `uk` and `en` translate the words. Needs: the
    // directory readable. Guarantees: the site, or one of the web.* problems. Thread-safe.
    static core::Result<std::shared_ptr<const WebSite>> load(const std::filesystem::path& dir,
                                                             text::MoCatalog uk,
                                                             text::MoCatalog en);

    // "index.html", "my.html", ...; nullptr when there is none.
    const WebFile* page(std::string_view name) const;
    // A file of static/; nullptr when there is none.
    const WebFile* static_file(std::string_view name) const;
    // /texts/{language}.json; nullptr for a language other than "uk" and "en".
    const WebFile* texts(std::string_view language) const;
    // Every msgid the pages use, as collected from their files.
    const std::set<std::string>& msgids() const { return msgids_; }

  private:
    std::map<std::string, WebFile, std::less<>> pages_;
    std::map<std::string, WebFile, std::less<>> static_files_;
    std::map<std::string, WebFile, std::less<>> texts_;
    std::set<std::string> msgids_;
};

// The msgids in one page file: the first argument of t("...") (double quotes; \" \\ \n
// escapes) and the values of data-t, data-t-label, data-t-placeholder ... attributes.
std::vector<std::string> collect_msgids(std::string_view text);

// Where the pages are: $CHERHA_WEB_DIR, next to the executable (<prefix>/share/cherha/web),
// the source tree the program was built from; nullopt when none has index.html.
std::optional<std::filesystem::path> find_web_dir();

// The Content-Security-Policy of every page.
std::string_view content_security_policy();

// Adds the routes above. Guarantees: nullopt and all routes added, or the router's problem.
std::optional<core::Problem> register_web_routes(http::Router& router,
                                                 std::shared_ptr<const WebSite> site);

}  // namespace cherha::server::web
