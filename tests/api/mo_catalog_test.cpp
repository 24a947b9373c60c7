// MoCatalog (src/text/mo_catalog.h): the server reads the gettext catalogs of both languages
// itself for the web pages. A real compiled catalog of the build, catalogs built byte by byte
// here (either byte order, plural and context entries) and hostile bytes, which must give
// mo.invalid with the right reason and never read outside the buffer (the suite runs under
// AddressSanitizer).
#include "text/mo_catalog.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "api/mo_bytes.h"

namespace cherha::text {
namespace {

namespace fs = std::filesystem;
using cherha::text::testing::kMoHeaderBytes;
using cherha::text::testing::mo_bytes;
using cherha::text::testing::put_word;

const std::vector<std::pair<std::string, std::string>>& sample_entries() {
    using namespace std::string_literals;
    static const std::vector<std::pair<std::string, std::string>> entries = {
        {"", "Content-Type: text/plain; charset=UTF-8\n"},  // the header
        {"Book a visit", "Записатися на прийом"},
        {"{count} apple"s + '\0' + "{count} apples",
         "{count} яблуко"s + '\0' + "{count} яблука" + '\0' + "{count} яблук"},
        {"menu\x04Open", "Відкрити"},  // a context entry
        {"Untranslated", ""},
        {"Cancel", "Скасувати"},
    };
    return entries;
}

std::string reason_of(const core::Result<MoCatalog>& result) {
    if (result) return "(parsed)";
    EXPECT_EQ(result.problem().code, "mo.invalid");
    return result.problem().param("reason");
}

TEST(MoCatalog, ReadsTheBuildsUkrainianCatalog) {
    const fs::path path = fs::path(CHERHA_BINARY_DIR) / "locale/uk/LC_MESSAGES/cherha.mo";
    auto catalog = MoCatalog::load(path);
    ASSERT_TRUE(catalog) << catalog.problem().code << " " << path;
    EXPECT_GT(catalog->size(), 100u);
    EXPECT_EQ(catalog->translate("The RNOKPP is empty."), "РНОКПП порожній.");
    EXPECT_EQ(catalog->translate("Problem \"{code}\"."), "Проблема «{code}».");
    // A plural entry answers its first form under the singular msgid.
    EXPECT_EQ(catalog->translate("The schedule file {file} has {count} problem:"),
              "У файлі розкладу {file} {count} проблема:");
    EXPECT_FALSE(catalog->contains("The schedule file {file} has {count} problems:"));
    EXPECT_FALSE(catalog->contains(""));  // the header is not a message
    EXPECT_EQ(catalog->translate("No such message in any catalog"),
              "No such message in any catalog");
}

TEST(MoCatalog, ReadsBothByteOrders) {
    for (const bool big_endian : {false, true}) {
        SCOPED_TRACE(big_endian ? "big-endian" : "little-endian");
        auto catalog = MoCatalog::parse(mo_bytes(sample_entries(), big_endian));
        ASSERT_TRUE(catalog) << catalog.problem().code << " " << catalog.problem().param("reason");
        EXPECT_EQ(catalog->translate("Book a visit"), "Записатися на прийом");
        EXPECT_EQ(catalog->translate("Cancel"), "Скасувати");
        EXPECT_EQ(catalog->size(), 3u);  // Book a visit, the plural, Cancel
    }
}

TEST(MoCatalog, APluralEntryIsKeptUnderItsSingularWithItsFirstForm) {
    auto catalog = MoCatalog::parse(mo_bytes(sample_entries()));
    ASSERT_TRUE(catalog);
    EXPECT_TRUE(catalog->contains("{count} apple"));
    EXPECT_EQ(catalog->translate("{count} apple"), "{count} яблуко");
    EXPECT_FALSE(catalog->contains("{count} apples"));
}

TEST(MoCatalog, ContextEntriesTheHeaderAndEmptyTranslationsAreLeftOut) {
    auto catalog = MoCatalog::parse(mo_bytes(sample_entries()));
    ASSERT_TRUE(catalog);
    EXPECT_FALSE(catalog->contains("Open"));
    EXPECT_FALSE(catalog->contains("menu\x04Open"));
    EXPECT_EQ(catalog->translate("Open"), "Open");
    EXPECT_FALSE(catalog->contains(""));
    // An empty translation counts as none, as in gettext: the msgid itself is answered.
    EXPECT_FALSE(catalog->contains("Untranslated"));
    EXPECT_EQ(catalog->translate("Untranslated"), "Untranslated");
}

TEST(MoCatalog, AnEmptyCatalogTranslatesNothing) {
    auto catalog = MoCatalog::parse(mo_bytes({}));
    ASSERT_TRUE(catalog);
    EXPECT_EQ(catalog->size(), 0u);
    EXPECT_EQ(catalog->translate("Cancel"), "Cancel");
    EXPECT_EQ(MoCatalog{}.translate("Cancel"), "Cancel");
}

TEST(MoCatalog, HostileHeadersAreInvalidWithTheirReason) {
    const std::string good = mo_bytes(sample_entries());
    EXPECT_EQ(reason_of(MoCatalog::parse("")), "header");
    EXPECT_EQ(reason_of(MoCatalog::parse(good.substr(0, 19))), "header");
    EXPECT_EQ(reason_of(MoCatalog::parse(std::string(64, '\0'))), "magic");
    EXPECT_EQ(reason_of(MoCatalog::parse("GIF89a" + std::string(64, 'x'))), "magic");
    std::string revision = good;
    put_word(revision, 4, 2u << 16, false);  // a major revision this reader does not know
    EXPECT_EQ(reason_of(MoCatalog::parse(revision)), "header");
}

TEST(MoCatalog, TablesOutsideTheBytesAreInvalid) {
    const std::string good = mo_bytes(sample_entries());
    for (const std::uint32_t count : {0xFFFFFFFFu, 0x20000000u, 1'000'000u}) {
        std::string huge = good;
        put_word(huge, 8, count, false);
        EXPECT_EQ(reason_of(MoCatalog::parse(huge)), "table") << count;
    }
    for (const std::size_t field : {std::size_t{12}, std::size_t{16}}) {
        for (const std::uint32_t offset :
             {0xFFFFFFF8u, 0xFFFFFFFFu, static_cast<std::uint32_t>(good.size())}) {
            std::string outside = good;
            put_word(outside, field, offset, false);
            EXPECT_EQ(reason_of(MoCatalog::parse(outside)), "table") << field << " " << offset;
        }
    }
    // A header that promises entries, and nothing after it.
    std::string cut = good.substr(0, kMoHeaderBytes);
    EXPECT_EQ(reason_of(MoCatalog::parse(cut)), "table");
}

TEST(MoCatalog, StringsOutsideTheBytesOrWithoutTheirNulAreInvalid) {
    const std::string good = mo_bytes(sample_entries());
    const std::size_t translations = kMoHeaderBytes + 8 * sample_entries().size();
    for (const std::size_t entry : {kMoHeaderBytes + 8, translations + 8}) {
        std::string long_string = good;
        put_word(long_string, entry, 0xFFFFFFFFu, false);  // length
        EXPECT_EQ(reason_of(MoCatalog::parse(long_string)), "string");
        std::string far_string = good;
        put_word(far_string, entry + 4, 0xFFFFFFF0u, false);  // offset
        EXPECT_EQ(reason_of(MoCatalog::parse(far_string)), "string");
        std::string past_end = good;
        put_word(past_end, entry + 4, static_cast<std::uint32_t>(good.size()), false);
        EXPECT_EQ(reason_of(MoCatalog::parse(past_end)), "string");
    }
    // The NUL after "Book a visit" overwritten: the string runs into the next one.
    std::string no_nul = good;
    const auto at = no_nul.find("Book a visit");
    ASSERT_NE(at, std::string::npos);
    no_nul[at + std::string("Book a visit").size()] = 'x';
    EXPECT_EQ(reason_of(MoCatalog::parse(no_nul)), "string");
    // The last string's NUL cut off: its end lies at the end of the bytes.
    EXPECT_EQ(reason_of(MoCatalog::parse(good.substr(0, good.size() - 1))), "string");
}

TEST(MoCatalog, MoreThanTheLimitIsTooLarge) {
    std::string big = mo_bytes(sample_entries());
    big.resize(kMaxCatalogBytes + 1, '\0');
    EXPECT_EQ(reason_of(MoCatalog::parse(big)), "too_large");
    big.resize(kMaxCatalogBytes);  // padding after the strings is allowed up to the limit
    EXPECT_TRUE(MoCatalog::parse(big));
}

TEST(MoCatalog, EntriesSharingOneHugeStringAreTooLarge) {
    // 40 msgids whose translations all point at one 1 MiB string: the file is small enough,
    // what it would copy out (40 MiB) is not.
    std::vector<std::pair<std::string, std::string>> entries;
    entries.emplace_back("m0", std::string(1024 * 1024, 'x'));
    for (int i = 1; i < 40; ++i) entries.emplace_back("m" + std::to_string(i), "y");
    std::string bytes = mo_bytes(entries);
    const std::size_t n = entries.size();
    const std::size_t translations = kMoHeaderBytes + 8 * n;
    for (std::size_t i = 1; i < n; ++i)
        bytes.replace(translations + 8 * i, 8, bytes.substr(translations, 8));
    ASSERT_LT(bytes.size(), kMaxCatalogBytes);
    EXPECT_EQ(reason_of(MoCatalog::parse(bytes)), "too_large");
    // Shared by few entries it is fine.
    std::string few = mo_bytes({entries[0], entries[1]});
    few.replace(kMoHeaderBytes + 16 + 8, 8, few.substr(kMoHeaderBytes + 16, 8));
    auto parsed = MoCatalog::parse(few);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->translate("m1").size(), 1024u * 1024u);
}

TEST(MoCatalog, RandomDamageNeverCrashes) {
    const std::string good = mo_bytes(sample_entries());
    std::mt19937 random(20260303);
    std::uniform_int_distribution<std::size_t> position(0, good.size() - 1);
    std::uniform_int_distribution<int> byte(0, 255);
    int refused = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string damaged = good;
        const int changes = 1 + round % 4;
        for (int i = 0; i < changes; ++i)
            damaged[position(random)] = static_cast<char>(byte(random));
        if (round % 5 == 0) damaged.resize(position(random));
        auto result = MoCatalog::parse(damaged);
        if (!result) {
            ++refused;
            EXPECT_EQ(result.problem().code, "mo.invalid");
        }
    }
    EXPECT_GT(refused, 0);
}

TEST(MoCatalog, LoadingAMissingFileIsUnreadable) {
    const fs::path path = fs::temp_directory_path() / "cherha-no-such-dir" / "cherha.mo";
    auto result = MoCatalog::load(path);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.problem().code, "mo.unreadable");
    EXPECT_EQ(result.problem().param("path"), path.string());
    auto directory = MoCatalog::load(fs::temp_directory_path());
    ASSERT_FALSE(directory);
}

}  // namespace
}  // namespace cherha::text
