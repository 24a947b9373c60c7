// A gettext catalog (.mo) read into memory. The command line and the desk translate through
// gettext in one active language; the server's web pages need Ukrainian and English side by
// side in one process, so it reads both catalogs itself.
//
// Problem codes (params in braces):
//   mo.unreadable {path}     the file cannot be opened or read
//   mo.invalid    {reason}   not a .mo file: "magic", "header", "table", "string", "too_large"
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "core/common/problem.h"

namespace cherha::text {

inline constexpr std::size_t kMaxCatalogBytes = 8 * 1024 * 1024;

class MoCatalog {
  public:
    // Reads the bytes of a .mo file (either byte order). Needs: any bytes. Guarantees: the
    // catalog, or mo.invalid when a table or string lies outside the bytes, a string is not
    // NUL-terminated, the bytes exceed kMaxCatalogBytes, or the strings the entries point to
    // (several entries may share one) add up to more than twice that. Plural entries are kept under
    // their singular msgid with their first form; entries with a context are left out; the header
    // (empty msgid) is left out. Pure, thread-safe, never throws beyond std::bad_alloc.
    static core::Result<MoCatalog> parse(std::string_view bytes);
    // Reads and parses the file at `path` (mo.unreadable when it cannot be read).
    static core::Result<MoCatalog> load(const std::filesystem::path& path);

    // The translation of `msgid`, or `msgid` itself when the catalog has none (an empty
    // translation counts as none, as in gettext).
    std::string translate(std::string_view msgid) const;
    bool contains(std::string_view msgid) const;
    std::size_t size() const { return messages_.size(); }

  private:
    std::map<std::string, std::string, std::less<>> messages_;
};

}  // namespace cherha::text
