// Guessing the kind of an identity number from its shape.
#include "core/identity/identity_number.h"

#include <gtest/gtest.h>

#include <string>

namespace cherha::core {
namespace {

// "rnokpp", "edrpou", a document type id, or "none".
std::string guess(std::string_view text) {
    const auto g = guess_identity_kind(text);
    if (!g) return "none";
    switch (g->kind) {
        case IdentityKind::Rnokpp:
            EXPECT_FALSE(g->document_type.has_value());
            return "rnokpp";
        case IdentityKind::Edrpou:
            EXPECT_FALSE(g->document_type.has_value());
            return "edrpou";
        case IdentityKind::Document:
            if (!g->document_type) return "document without type";
            return std::string(document_type_id(*g->document_type));
    }
    return "?";
}

TEST(GuessIdentityKind, DigitsByCount) {
    EXPECT_EQ(guess("1234567899"), "rnokpp");
    EXPECT_EQ(guess("1234567890"), "rnokpp");  // shape only: no check digit
    EXPECT_EQ(guess("12345678"), "edrpou");
    EXPECT_EQ(guess("123456789"), "id_card");
    EXPECT_EQ(guess(" 123 456 789 "), "id_card");
    EXPECT_EQ(guess("12345-67899"), "rnokpp");
    EXPECT_EQ(guess("1234567"), "none");
    EXPECT_EQ(guess("12345678901"), "none");
}

TEST(GuessIdentityKind, LettersAndDigits) {
    EXPECT_EQ(guess("ЖЮ123456"), "passport_book");
    EXPECT_EQ(guess("КВ123456"), "passport_book");
    EXPECT_EQ(guess("кв-123456"), "passport_book");
    EXPECT_EQ(guess("FE123456"), "foreign_passport");
    EXPECT_EQ(guess("fe 123456"), "foreign_passport");
    // Only look-alikes: the script typed decides.
    EXPECT_EQ(guess("KB123456"), "foreign_passport");
    EXPECT_EQ(guess("КB123456"), "passport_book");  // Cyrillic К, Latin B
    // A letter without a look-alike decides, whatever the other.
    EXPECT_EQ(guess("ЖK123456"), "passport_book");     // Latin K folds to Cyrillic
    EXPECT_EQ(guess("FЕ123456"), "foreign_passport");  // Cyrillic Е folds to Latin
    EXPECT_EQ(guess("ЖF123456"), "none");
    EXPECT_EQ(guess("ВХТ123456"), "driving_licence");
    EXPECT_EQ(guess("bxt 123456"), "driving_licence");
    EXPECT_EQ(guess("QXT123456"), "none");  // Q has no Cyrillic counterpart
}

TEST(GuessIdentityKind, NothingFits) {
    EXPECT_EQ(guess(""), "none");
    EXPECT_EQ(guess("   "), "none");
    EXPECT_EQ(guess("Іван"), "none");
    EXPECT_EQ(guess("К1234567"), "none");
    EXPECT_EQ(guess("КВ12345"), "none");
    EXPECT_EQ(guess("КВКВ123456"), "none");
    EXPECT_EQ(guess("\xFF\xFE"), "none");
    EXPECT_EQ(guess(std::string("1234\0"
                                "5678",
                                9)),
              "none");
    EXPECT_EQ(guess("\xEF\xBC\x91\xEF\xBC\x92"
                    "345678"),
              "none");  // full-width digits
    EXPECT_EQ(guess(std::string(1 << 20, '1')), "none");
}

}  // namespace
}  // namespace cherha::core
