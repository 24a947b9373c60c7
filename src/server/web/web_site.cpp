#include "server/web/web_site.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "text/problem_text.h"

namespace cherha::server::web {
namespace fs = std::filesystem;
namespace {

const std::map<std::string_view, std::string_view>& content_types() {
    static const std::map<std::string_view, std::string_view> table = {
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".json", "application/json; charset=utf-8"},
        {".webmanifest", "application/manifest+json"},
    };
    return table;
}

bool plain_name(std::string_view name) {
    if (name.empty() || name.front() == '.' || name.size() > 100) return false;
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

std::string etag_of(std::string_view body) {
    std::uint64_t hash = 14695981039346656037ull;  // FNV-1a
    for (const char c : body) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    }
    char text[24];
    std::snprintf(text, sizeof text, "\"%016llx\"", static_cast<unsigned long long>(hash));
    return text;
}

WebFile make_file(std::string content_type, std::string body) {
    WebFile file{std::move(content_type), std::move(body), ""};
    file.etag = etag_of(file.body);
    return file;
}

// Reads the known files directly inside `dir` into `out`, adding to `total`.
std::optional<core::Problem> read_files(const fs::path& dir,
                                        std::map<std::string, WebFile, std::less<>>& out,
                                        std::size_t& total) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) return core::Problem("web.unreadable", {{"path", dir.string()}});
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) return core::Problem("web.unreadable", {{"path", dir.string()}});
        const fs::path path = it->path();
        const std::string name = path.filename().string();
        const auto type = content_types().find(path.extension().string());
        if (!plain_name(name) || type == content_types().end()) continue;
        if (!it->is_regular_file(ec)) continue;
        std::ifstream in(path, std::ios::binary);
        if (!in) return core::Problem("web.unreadable", {{"path", path.string()}});
        std::string body;
        char buffer[65536];
        while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
            body.append(buffer, static_cast<std::size_t>(in.gcount()));
            if (body.size() > kMaxWebFileBytes)
                return core::Problem("web.too_large", {{"path", path.string()}});
        }
        if (in.bad()) return core::Problem("web.unreadable", {{"path", path.string()}});
        total += body.size();
        if (total > kMaxWebBytes) return core::Problem("web.too_large", {{"path", dir.string()}});
        out.insert_or_assign(name, make_file(std::string(type->second), std::move(body)));
    }
    return std::nullopt;
}

std::string texts_json(std::string_view language, const std::set<std::string>& msgids,
                       const text::MoCatalog& catalog) {
    nlohmann::json messages = nlohmann::json::object();
    for (const auto& msgid : msgids) messages[msgid] = catalog.translate(msgid);
    nlohmann::json problems = nlohmann::json::object();
    for (const auto& [code, msgid] : text::problem_sentences())
        problems[std::string(code)] = catalog.translate(msgid);
    nlohmann::json values = nlohmann::json::object();
    for (const auto& [value, msgid] : text::value_words())
        values[std::string(value)] = catalog.translate(msgid);
    const nlohmann::json body = {{"language", language},
                                 {"messages", std::move(messages)},
                                 {"problems", std::move(problems)},
                                 {"values", std::move(values)},
                                 {"fallback", catalog.translate("Problem \"{code}\".")}};
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

http::Response answer(const WebFile* file, const http::Request& request) {
    if (!file) {
        http::Response missing = http::Response::json(
            404, R"({"error":"http.not_found","message":"There is no page at this path.",)"
                 R"("params":{}})");
        return missing;
    }
    http::Response response;
    response.headers = {{"Content-Security-Policy", std::string(content_security_policy())},
                        {"X-Frame-Options", "DENY"},
                        {"Cross-Origin-Opener-Policy", "same-origin"},
                        {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
                        {"Cache-Control", "no-cache"},
                        {"ETag", file->etag}};
    if (request.header("if-none-match") == file->etag) {
        response.status = 304;
        response.content_type.clear();
        return response;
    }
    response.content_type = file->content_type;
    response.body = file->body;
    return response;
}

std::string unescape_js(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            const char next = text[++i];
            out += next == 'n' ? '\n' : next == 't' ? '\t' : next;
        } else {
            out += text[i];
        }
    }
    return out;
}

}  // namespace

std::vector<std::string> collect_msgids(std::string_view text) {
    // A linear scan rather than std::regex: libstdc++'s regex recurses once per character of
    // a match and overflows the stack on a string of some 100,000 characters.
    const auto is_word = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_';
    };
    const auto is_space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    std::vector<std::string> found;
    // t("..."): not a member (x.t) nor part of a longer name (at, $t); \" \\ \n escapes.
    for (std::size_t at = text.find("t("); at != std::string_view::npos;
         at = text.find("t(", at + 1)) {
        if (at > 0 && (is_word(text[at - 1]) || text[at - 1] == '$' || text[at - 1] == '.'))
            continue;
        std::size_t i = at + 2;
        while (i < text.size() && is_space(text[i])) ++i;
        if (i >= text.size() || text[i] != '"') continue;
        const std::size_t start = ++i;
        bool closed = false;
        while (i < text.size() && text[i] != '\n' && text[i] != '\r') {
            if (text[i] == '"') {
                closed = true;
                break;
            }
            i += text[i] == '\\' && i + 1 < text.size() && text[i + 1] != '\n' ? 2 : 1;
        }
        if (!closed) continue;
        found.push_back(unescape_js(text.substr(start, i - start)));
        at = i;
    }
    // data-t="...", data-t-label="...", data-t-placeholder="...", ...
    for (std::size_t at = text.find("data-t"); at != std::string_view::npos;
         at = text.find("data-t", at + 1)) {
        if (at > 0 && is_word(text[at - 1])) continue;
        std::size_t i = at + 6;
        if (i < text.size() && text[i] == '-') {
            std::size_t j = i + 1;
            while (j < text.size() && text[j] >= 'a' && text[j] <= 'z') ++j;
            if (j == i + 1) continue;
            i = j;
        }
        if (text.substr(i, 2) != "=\"") continue;
        const std::size_t start = i + 2;
        const std::size_t end = text.find('"', start);
        if (end == std::string_view::npos) break;
        found.emplace_back(text.substr(start, end - start));
        at = end;
    }
    std::erase_if(found, [](const std::string& s) { return s.empty(); });
    return found;
}

std::string_view content_security_policy() {
    return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
           "connect-src 'self'; worker-src 'self'; manifest-src 'self'; font-src 'self'; "
           "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}

core::Result<std::shared_ptr<const WebSite>> WebSite::load(const fs::path& dir, text::MoCatalog uk,
                                                           text::MoCatalog en) {
    auto site = std::make_shared<WebSite>();
    std::size_t total = 0;
    if (auto problem = read_files(dir, site->pages_, total)) return *problem;
    std::erase_if(site->pages_, [](const auto& entry) { return !entry.first.ends_with(".html"); });
    for (const char* page : {"index.html", "my.html", "terminal.html", "board.html"})
        if (!site->pages_.count(std::string_view(page)))
            return core::Problem("web.missing_page", {{"page", page}});
    std::error_code ec;
    if (fs::is_directory(dir / "static", ec))
        if (auto problem = read_files(dir / "static", site->static_files_, total)) return *problem;
    for (const auto* files : {&site->pages_, &site->static_files_})
        for (const auto& [name, file] : *files)
            if (name.ends_with(".html") || name.ends_with(".js") || name.ends_with(".mjs"))
                for (auto& msgid : collect_msgids(file.body)) site->msgids_.insert(msgid);
    site->texts_.emplace(
        "uk", make_file("application/json; charset=utf-8", texts_json("uk", site->msgids_, uk)));
    site->texts_.emplace(
        "en", make_file("application/json; charset=utf-8", texts_json("en", site->msgids_, en)));
    return std::shared_ptr<const WebSite>(std::move(site));
}

const WebFile* WebSite::page(std::string_view name) const {
    const auto it = pages_.find(name);
    return it == pages_.end() ? nullptr : &it->second;
}

const WebFile* WebSite::static_file(std::string_view name) const {
    const auto it = static_files_.find(name);
    return it == static_files_.end() ? nullptr : &it->second;
}

const WebFile* WebSite::texts(std::string_view language) const {
    const auto it = texts_.find(language);
    return it == texts_.end() ? nullptr : &it->second;
}

std::optional<fs::path> find_web_dir() {
    std::vector<fs::path> candidates;
    if (const char* env = std::getenv("CHERHA_WEB_DIR"); env && *env) candidates.emplace_back(env);
    std::error_code ec;
    const auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) candidates.push_back(exe.parent_path() / ".." / "share" / "cherha" / "web");
#ifdef CHERHA_WEB_SOURCE_DIR
    candidates.emplace_back(CHERHA_WEB_SOURCE_DIR);
#endif
    for (const auto& dir : candidates)
        if (fs::is_regular_file(dir / "index.html", ec)) return dir.lexically_normal();
    return std::nullopt;
}

std::optional<core::Problem> register_web_routes(http::Router& router,
                                                 std::shared_ptr<const WebSite> site) {
    const std::pair<const char*, const char*> pages[] = {{"/", "index.html"},
                                                         {"/my", "my.html"},
                                                         {"/terminal", "terminal.html"},
                                                         {"/board", "board.html"}};
    for (const auto& [path, page] : pages) {
        const std::string name = page;
        if (auto problem = router.add("GET", path, [site, name](const http::Request& r) {
                return answer(site->page(name), r);
            }))
            return problem;
    }
    if (auto problem = router.add("GET", "/static/{file}", [site](const http::Request& r) {
            return answer(site->static_file(r.path_param("file")), r);
        }))
        return problem;
    return router.add("GET", "/texts/{file}", [site](const http::Request& r) {
        const std::string file = r.path_param("file");
        const WebFile* texts = nullptr;
        if (file.ends_with(".json")) texts = site->texts(file.substr(0, file.size() - 5));
        return answer(texts, r);
    });
}

}  // namespace cherha::server::web
