#include "text/mo_catalog.h"

#include <cstdint>
#include <fstream>
#include <optional>

namespace cherha::text {
namespace {

constexpr std::uint32_t kMagic = 0x950412de;
constexpr std::uint32_t kMagicSwapped = 0xde120495;

core::Problem invalid(const char* reason) {
    return core::Problem("mo.invalid", {{"reason", reason}});
}

class Reader {
  public:
    Reader(std::string_view bytes, bool swapped) : bytes_(bytes), swapped_(swapped) {}

    std::optional<std::uint32_t> word(std::uint64_t offset) const {
        if (offset + 4 > bytes_.size()) return std::nullopt;
        std::uint32_t b[4];
        for (std::size_t i = 0; i < 4; ++i)
            b[i] = static_cast<unsigned char>(bytes_[static_cast<std::size_t>(offset) + i]);
        return swapped_ ? (b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3])
                        : (b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0]);
    }

    // The string described by the table entry at `entry` (length, offset), NUL-terminated.
    std::optional<std::string_view> string_at(std::uint64_t entry) const {
        const auto length = word(entry);
        const auto offset = word(entry + 4);
        if (!length || !offset) return std::nullopt;
        const std::uint64_t end = std::uint64_t{*offset} + *length;
        if (end >= bytes_.size() || bytes_[static_cast<std::size_t>(end)] != '\0')
            return std::nullopt;
        return bytes_.substr(*offset, *length);
    }

  private:
    std::string_view bytes_;
    bool swapped_;
};

}  // namespace

core::Result<MoCatalog> MoCatalog::parse(std::string_view bytes) {
    if (bytes.size() > kMaxCatalogBytes) return invalid("too_large");
    if (bytes.size() < 20) return invalid("header");
    const Reader probe(bytes, false);
    const auto magic = probe.word(0);
    if (!magic || (*magic != kMagic && *magic != kMagicSwapped)) return invalid("magic");
    const Reader reader(bytes, *magic == kMagicSwapped);
    const auto revision = reader.word(4);
    const auto count = reader.word(8);
    const auto originals = reader.word(12);
    const auto translations = reader.word(16);
    if (!revision || !count || !originals || !translations || (*revision >> 16) > 1)
        return invalid("header");
    const std::uint64_t table_bytes = std::uint64_t{*count} * 8;
    if (std::uint64_t{*originals} + table_bytes > bytes.size() ||
        std::uint64_t{*translations} + table_bytes > bytes.size())
        return invalid("table");
    MoCatalog catalog;
    // Entries may share one string: what is copied out is bounded, not just the file.
    std::uint64_t copied = 0;
    for (std::uint64_t i = 0; i < *count; ++i) {
        const auto original = reader.string_at(*originals + i * 8);
        const auto translation = reader.string_at(*translations + i * 8);
        if (!original || !translation) return invalid("string");
        if (original->empty() || original->find('\x04') != std::string_view::npos) continue;
        const auto msgid = original->substr(0, original->find('\0'));
        const auto first_form = translation->substr(0, translation->find('\0'));
        if (first_form.empty()) continue;
        copied += msgid.size() + first_form.size();
        if (copied > 2 * kMaxCatalogBytes) return invalid("too_large");
        catalog.messages_.insert_or_assign(std::string(msgid), std::string(first_form));
    }
    return catalog;
}

core::Result<MoCatalog> MoCatalog::load(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::Problem("mo.unreadable", {{"path", path.string()}});
    std::string bytes;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (bytes.size() > kMaxCatalogBytes) return invalid("too_large");
    }
    if (in.bad()) return core::Problem("mo.unreadable", {{"path", path.string()}});
    return parse(bytes);
}

std::string MoCatalog::translate(std::string_view msgid) const {
    const auto it = messages_.find(msgid);
    return it == messages_.end() ? std::string(msgid) : it->second;
}

bool MoCatalog::contains(std::string_view msgid) const {
    return messages_.find(msgid) != messages_.end();
}

}  // namespace cherha::text
