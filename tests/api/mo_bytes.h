// The bytes of a gettext .mo file, built in a test (tests/api/mo_catalog_test.cpp and
// tests/api/web_site_test.cpp): catalogs with exactly the entries a test needs, and offsets it
// can damage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace cherha::text::testing {

inline constexpr std::size_t kMoHeaderBytes = 28;

// Writes `value` as the 32-bit word at `at` in the given byte order.
inline void put_word(std::string& bytes, std::size_t at, std::uint32_t value, bool big_endian) {
    for (std::size_t i = 0; i < 4; ++i) {
        const std::size_t shift = big_endian ? 24 - 8 * i : 8 * i;
        bytes[at + i] = static_cast<char>((value >> shift) & 0xFFu);
    }
}

// A .mo file holding `entries` (original, translation), laid out as msgfmt does: the 28-byte
// header, the table of originals at 28, the table of translations at 28 + 8n, then the
// strings, each followed by its NUL.
inline std::string mo_bytes(const std::vector<std::pair<std::string, std::string>>& entries,
                            bool big_endian = false) {
    const auto n = static_cast<std::uint32_t>(entries.size());
    const std::uint32_t originals = kMoHeaderBytes;
    const std::uint32_t translations = originals + 8 * n;
    std::string bytes(translations + 8 * n, '\0');
    put_word(bytes, 0, 0x950412de, big_endian);
    put_word(bytes, 4, 0, big_endian);
    put_word(bytes, 8, n, big_endian);
    put_word(bytes, 12, originals, big_endian);
    put_word(bytes, 16, translations, big_endian);
    put_word(bytes, 20, 0, big_endian);  // no hash table
    put_word(bytes, 24, 0, big_endian);
    const auto add = [&](std::size_t entry, const std::string& text) {
        put_word(bytes, entry, static_cast<std::uint32_t>(text.size()), big_endian);
        put_word(bytes, entry + 4, static_cast<std::uint32_t>(bytes.size()), big_endian);
        bytes += text;
        bytes += '\0';
    };
    for (std::uint32_t i = 0; i < n; ++i) add(originals + 8 * i, entries[i].first);
    for (std::uint32_t i = 0; i < n; ++i) add(translations + 8 * i, entries[i].second);
    return bytes;
}

}  // namespace cherha::text::testing
