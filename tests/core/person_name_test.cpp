// Comparing names: NFC, case folding, whitespace, apostrophe and hyphen variants, and
// everything else a mismatch.
#include "core/names/person_name.h"

#include <gtest/gtest.h>

#include <string>

namespace cherha::core {
namespace {

// "й" composed (U+0439) and decomposed (и U+0438 + combining breve U+0306).
const std::string kAndriiNfc = "Андр\u0456\u0439";
const std::string kAndriiNfd = "Андр\u0456\u0438\u0306";

TEST(NormalizeName, NfcAndNfdAreOne) {
    ASSERT_NE(kAndriiNfc, kAndriiNfd);
    EXPECT_EQ(normalize_name(kAndriiNfd), "андр\u0456\u0439");  // output is NFC
    EXPECT_EQ(normalize_name(kAndriiNfc), normalize_name(kAndriiNfd));
    EXPECT_EQ(compare_names(kAndriiNfc, kAndriiNfd), NameMatch::EqualAfterNormalization);
    // ї: U+0457 against і + combining diaeresis U+0308.
    EXPECT_EQ(compare_names("\u0407жак", "\u0406\u0308жак"), NameMatch::EqualAfterNormalization);
    // Upper-case decomposed Й folds to the composed lower-case й.
    EXPECT_EQ(normalize_name("\u0418\u0306осип"), "\u0439осип");
}

TEST(NormalizeName, CaseFolding) {
    EXPECT_EQ(normalize_name("ОЛЕКСАНДР"), "олександр");
    EXPECT_EQ(normalize_name("ҐЄЇІ"), "ґєїі");
    EXPECT_EQ(compare_names("Шевченко", "ШЕВЧЕНКО"), NameMatch::EqualAfterNormalization);
    EXPECT_EQ(compare_names("Шевченко", "шевченко"), NameMatch::EqualAfterNormalization);
    EXPECT_EQ(compare_names("Smith", "SMITH"), NameMatch::EqualAfterNormalization);
    // Full case folding: ß folds to ss.
    EXPECT_EQ(compare_names("Straße", "STRASSE"), NameMatch::EqualAfterNormalization);
}

TEST(NormalizeName, ApostropheVariantsAreOne) {
    const std::string expected = "мар\u2019яна";
    for (const char* apostrophe : {"'", "\u2019", "\u02BC", "`", "\u2018", "\u00B4", "\u02B9",
                                   "\u02BB", "\u02BD", "\u201B", "\u2032", "\uFF07"}) {
        const std::string name = std::string("Мар") + apostrophe + "яна";
        EXPECT_EQ(normalize_name(name), expected) << name;
        const NameMatch expected_match = std::string(apostrophe) == "\u02BC"
                                             ? NameMatch::Exact
                                             : NameMatch::EqualAfterNormalization;
        EXPECT_EQ(compare_names("Мар\u02BCяна", name), expected_match) << name;
    }
    // A missing apostrophe, or a quotation mark in its place, is a different name.
    EXPECT_EQ(compare_names("Мар'яна", "Маряна"), NameMatch::Different);
    EXPECT_EQ(compare_names("Мар'яна", "Мар\"яна"), NameMatch::Different);
    EXPECT_EQ(compare_names("Мар'яна", "Мар''яна"), NameMatch::Different);
}

TEST(NormalizeName, HyphenVariantsAreOne) {
    for (const char* hyphen : {"-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015",
                               "\u2212", "\uFE58", "\uFE63", "\uFF0D"}) {
        const std::string name = std::string("Коваль") + hyphen + "Іванова";
        EXPECT_EQ(normalize_name(name), "коваль-іванова") << name;
        EXPECT_EQ(compare_names("Коваль-Іванова", name), std::string(hyphen) == "-"
                                                             ? NameMatch::Exact
                                                             : NameMatch::EqualAfterNormalization)
            << name;
    }
    EXPECT_EQ(compare_names("Коваль-Іванова", "Коваль Іванова"), NameMatch::Different);
    EXPECT_EQ(compare_names("Коваль-Іванова", "Коваль - Іванова"), NameMatch::Different);
    EXPECT_EQ(compare_names("Коваль-Іванова", "КовальІванова"), NameMatch::Different);
    // A soft hyphen (U+00AD) is not a hyphen variant.
    EXPECT_EQ(compare_names("Коваль-Іванова", "Коваль\u00ADІванова"), NameMatch::Different);
}

TEST(NormalizeName, WhitespaceTrimmedAndCollapsed) {
    EXPECT_EQ(normalize_name("  Іван   Петрович  "), "іван петрович");
    EXPECT_EQ(normalize_name("Іван\u00A0Петрович"), "іван петрович");
    EXPECT_EQ(normalize_name("\tІван\r\n\u2003Петрович\u3000"), "іван петрович");
    EXPECT_EQ(compare_names("Іван Петрович", " Іван  Петрович "),
              NameMatch::EqualAfterNormalization);
    EXPECT_EQ(compare_names("Іван Петрович", "ІванПетрович"), NameMatch::Different);
    EXPECT_EQ(normalize_name(""), "");
    EXPECT_EQ(normalize_name(" \u00A0\t "), "");
    EXPECT_EQ(compare_names("", "   "), NameMatch::EqualAfterNormalization);
    EXPECT_EQ(compare_names("", ""), NameMatch::Exact);
}

TEST(CompareNames, ExactAndMismatches) {
    EXPECT_EQ(compare_names("Олександр", "Олександр"), NameMatch::Exact);
    EXPECT_EQ(compare_names("Олександр", "Олександра"), NameMatch::Different);
    EXPECT_EQ(compare_names("Олександра", "Олександр"), NameMatch::Different);
    EXPECT_EQ(compare_names("Олександр", "Олександp"), NameMatch::Different);  // Latin p
    EXPECT_EQ(compare_names("Олександр", "Aлександр"), NameMatch::Different);  // Latin A
    EXPECT_EQ(compare_names("Ірина", "Ирина"), NameMatch::Different);
    EXPECT_EQ(compare_names("Ілля", "Илля"), NameMatch::Different);
    EXPECT_EQ(compare_names("Олена", "Олёна"), NameMatch::Different);
    EXPECT_EQ(compare_names("Іван", std::string("Іван\0", 9)), NameMatch::Different);
    EXPECT_EQ(compare_names("Іван", "Іван\u200B"), NameMatch::Different);  // zero-width space
}

TEST(CompareNames, InvalidUtf8NeverMatches) {
    const std::string broken = "Іван\xFF";
    EXPECT_EQ(normalize_name(broken), "іван\uFFFD");
    EXPECT_TRUE(is_valid_utf8(normalize_name(broken)));
    EXPECT_EQ(compare_names(broken, broken), NameMatch::Different);
    EXPECT_EQ(compare_names("Іван\uFFFD", broken), NameMatch::Different);
    EXPECT_EQ(compare_names(broken, "Іван"), NameMatch::Different);
    EXPECT_EQ(compare_names("Іван",
                            "\xD0\x86"
                            "ван\xD0"),
              NameMatch::Different);  // truncated
    EXPECT_TRUE(is_valid_utf8(normalize_name("\xC0\xAF\xED\xA0\x80\xF4\x90\x80\x80")));
}

TEST(CompareNames, HugeInput) {
    std::string huge;
    for (int i = 0; i < 200000; ++i) huge += "А ";
    const std::string key = normalize_name(huge);
    EXPECT_EQ(key.size(), 200000u * 3u - 1u);  // "а" is 2 bytes, one space between
    EXPECT_EQ(compare_names(huge, huge + "  "), NameMatch::EqualAfterNormalization);
}

TEST(IsValidUtf8, AcceptsWellFormed) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("Ivan"));
    EXPECT_TRUE(is_valid_utf8("Іван Мар\u02BCяна"));
    EXPECT_TRUE(is_valid_utf8("\u20AC\uFFFD\U0001F600\U0010FFFF\u007F\u0080\u07FF\u0800"));
    EXPECT_TRUE(is_valid_utf8("\uD7FF\uE000"));
    EXPECT_TRUE(is_valid_utf8(std::string("a\0b", 3)));
}

TEST(IsValidUtf8, RejectsIllFormed) {
    EXPECT_FALSE(is_valid_utf8("\x80"));              // lone continuation
    EXPECT_FALSE(is_valid_utf8("\xD0"));              // truncated
    EXPECT_FALSE(is_valid_utf8("\xE2\x82"));          // truncated
    EXPECT_FALSE(is_valid_utf8("\xF0\x9F\x98"));      // truncated
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xC1\xBF"));          // overlong
    EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong
    EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));  // overlong
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
    EXPECT_FALSE(is_valid_utf8("\xED\xBF\xBF"));      // surrogate U+DFFF
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
    EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
    EXPECT_FALSE(is_valid_utf8("\xFF"));
    EXPECT_FALSE(is_valid_utf8("\xD0\x41"));  // lead then ASCII
    EXPECT_FALSE(is_valid_utf8("Іван\xFE"));
}

TEST(Variants, ExactSets) {
    EXPECT_TRUE(is_apostrophe_variant(U'\''));
    EXPECT_TRUE(is_apostrophe_variant(U'\u02BC'));
    EXPECT_TRUE(is_apostrophe_variant(U'\u2019'));
    EXPECT_FALSE(is_apostrophe_variant(U'"'));
    EXPECT_FALSE(is_apostrophe_variant(U'\u201C'));
    EXPECT_FALSE(is_apostrophe_variant(U'-'));
    EXPECT_TRUE(is_hyphen_variant(U'-'));
    EXPECT_TRUE(is_hyphen_variant(U'\u2014'));
    EXPECT_FALSE(is_hyphen_variant(U'_'));
    EXPECT_FALSE(is_hyphen_variant(U'\u00AD'));
    EXPECT_FALSE(is_hyphen_variant(U'\''));
}

}  // namespace
}  // namespace cherha::core
