#include "text/i18n.h"

#include <libintl.h>
#include <unistd.h>

#include <algorithm>
#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

namespace cherha::text {
namespace {

constexpr const char* kDomain = "cherha";

std::optional<Language> parse_language(std::string_view code) {
    if (code == "uk" || code == "ua" || code.starts_with("uk_") || code.starts_with("uk-"))
        return Language::Ukrainian;
    if (code == "en" || code.starts_with("en_") || code.starts_with("en-"))
        return Language::English;
    return std::nullopt;
}

std::filesystem::path executable_dir() {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path{} : exe.parent_path();
}

bool has_catalog(const std::filesystem::path& dir, Language language) {
    std::error_code ec;
    return std::filesystem::exists(
        dir / std::string(language_code(language)) / "LC_MESSAGES" / "cherha.mo", ec);
}

}  // namespace

std::optional<Language> choose_language(std::optional<std::string_view> requested) {
    if (requested) return parse_language(*requested);
    if (const char* env = std::getenv("CHERHA_LANG"); env && *env) return parse_language(env);
    for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (value && *value) {
            return std::string_view(value).starts_with("en") ? Language::English
                                                             : Language::Ukrainian;
        }
    }
    return Language::Ukrainian;
}

std::string_view language_code(Language language) {
    return language == Language::English ? "en" : "uk";
}

namespace {
Language g_active_language = Language::Ukrainian;
}  // namespace

Language active_language() {
    return g_active_language;
}

std::optional<std::filesystem::path> catalog_dir(Language language) {
    std::vector<std::filesystem::path> candidates;
    if (const char* env = std::getenv("CHERHA_LOCALE_DIR"); env && *env)
        candidates.emplace_back(env);
    const auto exe_dir = executable_dir();
    if (!exe_dir.empty()) {
        candidates.push_back(exe_dir / ".." / ".." / "locale");     // build tree: <build>/src/cli
        candidates.push_back(exe_dir / ".." / "share" / "locale");  // installed: <prefix>/bin
    }
    candidates.emplace_back(CHERHA_LOCALE_BUILD_DIR);
    candidates.emplace_back(CHERHA_LOCALE_INSTALL_DIR);
    for (const auto& dir : candidates)
        if (has_catalog(dir, language)) return dir.lexically_normal();
    return std::nullopt;
}

bool activate_language(Language language) {
    g_active_language = language;
    // gettext ignores $LANGUAGE in the "C" locale; C.UTF-8 keeps byte semantics and lets
    // us pick the catalog ourselves, whatever the machine's locale settings are.
    const char* current = std::setlocale(LC_ALL, "");
    if (!current || std::string_view(std::setlocale(LC_MESSAGES, nullptr)) == "C" ||
        std::string_view(std::setlocale(LC_MESSAGES, nullptr)) == "POSIX") {
        std::setlocale(LC_ALL, "C.UTF-8");
    }
    setenv("LANGUAGE", std::string(language_code(language)).c_str(), 1);
    if (const auto dir = catalog_dir(language)) {
        bindtextdomain(kDomain, dir->c_str());
        bind_textdomain_codeset(kDomain, "UTF-8");
        textdomain(kDomain);
        return true;
    }
    textdomain(kDomain);
    return false;
}

const char* tr(const char* msgid) {
    return dgettext(kDomain, msgid);
}

const char* trn(const char* singular, const char* plural, unsigned long n) {
    return dngettext(kDomain, singular, plural, n);
}

std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& params) {
    // One pass over the text, so a value that itself contains "{name}" is never rewritten.
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        if (text[i] == '{') {
            const size_t close = text.find('}', i + 1);
            if (close != std::string::npos) {
                const std::string_view name(text.data() + i + 1, close - i - 1);
                auto it = std::find_if(params.begin(), params.end(),
                                       [&](const auto& p) { return p.first == name; });
                if (it != params.end()) {
                    out += it->second;
                    i = close + 1;
                    continue;
                }
            }
        }
        out += text[i++];
    }
    return out;
}

}  // namespace cherha::text
