// The document a clerk types at the window (src/desk/model/document_entry.h): dates as printed
// on Ukrainian documents or in ISO form, the first wrong field named with why, and an MRZ's
// document shown back in the same fields. Synthetic data only.
#include "desk/model/document_entry.h"

#include <gtest/gtest.h>

namespace cherha::desk {
namespace {

core::Date ymd(int y, unsigned m, unsigned d) {
    return core::Date{date::year{y}, date::month{m}, date::day{d}};
}

DocumentFields valid_fields() {
    DocumentFields f;
    f.document_type = "id_card";
    f.document_number = "000000001";
    f.surname = "Зразкова";
    f.given_name = "Тестана";
    f.patronymic = "Пробівна";
    f.birth_date = "15.01.1990";
    f.expiry_date = "01.01.2030";
    f.rnokpp = "0000000001";
    return f;
}

std::string field_and_reason(const core::Result<core::PresentedDocument>& result) {
    if (result) return "ok";
    EXPECT_EQ(result.problem().code, "desk.document_field");
    return result.problem().param("field") + " " + result.problem().param("reason");
}

TEST(DocumentEntry, DatesAreReadAsPrintedOrInIsoForm) {
    EXPECT_EQ(parse_typed_date("15.01.1990"), ymd(1990, 1, 15));
    EXPECT_EQ(parse_typed_date("5.1.1990"), ymd(1990, 1, 5));
    EXPECT_EQ(parse_typed_date("05.1.2001"), ymd(2001, 1, 5));
    EXPECT_EQ(parse_typed_date("1990-01-15"), ymd(1990, 1, 15));
    EXPECT_EQ(parse_typed_date("  15.01.1990\t"), ymd(1990, 1, 15));
    EXPECT_EQ(parse_typed_date("\t 1990-01-15  "), ymd(1990, 1, 15));
    EXPECT_EQ(parse_typed_date("29.02.2020"), ymd(2020, 2, 29));
    EXPECT_EQ(parse_typed_date("31.12.2030"), ymd(2030, 12, 31));
}

TEST(DocumentEntry, DatesThatDoNotExistAreRefused) {
    for (const char* text : {"31.02.2020", "29.02.2021", "2020-02-31", "31.04.2024", "00.01.1990",
                             "15.00.1990", "32.01.1990", "15.13.1990", "1990-13-01", "1990-00-10"})
        EXPECT_FALSE(parse_typed_date(text)) << text;
}

TEST(DocumentEntry, AnythingElseIsNotADate) {
    for (const char* text : {"",
                             "   ",
                             "abc",
                             "15/01/1990",
                             "15.01",
                             "15.01.",
                             "15..1990",
                             ".01.1990",
                             "15.01.90",
                             "15.01.1990.",
                             "15.01.1990x",
                             "x15.01.1990",
                             "15 .01.1990",
                             "15.01.19 90",
                             "15.1.990",
                             "1990-1-15",
                             "90-01-15",
                             "1990-01-15T00:00",
                             "-1.01.1990",
                             "15.-1.1990",
                             "+5.01.1990",
                             "15.01.-990",
                             "1990.01.15",
                             "15,01,1990",
                             "１５.01.1990"})
        EXPECT_FALSE(parse_typed_date(text)) << text;
}

TEST(DocumentEntry, DayAndMonthHaveAtMostTwoDigits) {
    // 257 would wrap to 1 in an 8-bit day or month.
    for (const char* text : {"257.01.1990", "15.257.1990", "015.01.1990", "15.001.1990",
                             "0015.01.1990", "15.0001.1990", "271.1.1990"})
        EXPECT_FALSE(parse_typed_date(text)) << text;
}

TEST(DocumentEntry, AYearHasFourDigits) {
    EXPECT_FALSE(parse_typed_date("15.01.19900"));
    EXPECT_FALSE(parse_typed_date("15.01.01990"));
    EXPECT_FALSE(parse_typed_date("19900-01-15"));
    EXPECT_FALSE(parse_typed_date("15.01.199"));
}

TEST(DocumentEntry, HugeInputIsRefusedQuickly) {
    EXPECT_FALSE(parse_typed_date(std::string(1 << 20, '1')));
    EXPECT_FALSE(parse_typed_date("15.01." + std::string(1 << 20, '9')));
    EXPECT_FALSE(parse_typed_date(std::string(1 << 20, '.')));
    EXPECT_FALSE(parse_typed_date(std::string(1 << 20, '-')));
    EXPECT_FALSE(parse_typed_date(std::string(1 << 19, ' ') + "15.01.1990x"));
    // Spaces around are still only spaces around.
    EXPECT_EQ(
        parse_typed_date(std::string(1 << 16, ' ') + "15.01.1990" + std::string(1 << 16, ' ')),
        ymd(1990, 1, 15));
}

TEST(DocumentEntry, TypedFieldsMakeThePresentedDocument) {
    DocumentFields f = valid_fields();
    f.surname = "  Зразкова ";
    f.birth_date = " 1990-01-15 ";
    f.latin_names = true;
    auto made = presented_document(f);
    ASSERT_TRUE(made) << made.problem().code << " " << made.problem().param("field");
    EXPECT_EQ(made->document_type, core::DocumentType::IdCard);
    EXPECT_EQ(made->document_number, "000000001");
    EXPECT_EQ(made->surname, "Зразкова");
    EXPECT_EQ(made->given_name, "Тестана");
    EXPECT_EQ(made->patronymic, "Пробівна");
    EXPECT_EQ(made->birth_date, ymd(1990, 1, 15));
    EXPECT_EQ(made->expiry_date, ymd(2030, 1, 1));
    EXPECT_EQ(made->rnokpp, "0000000001");
    EXPECT_TRUE(made->latin_names);

    // The optional fields left empty (or blank) are absent, not empty.
    f.patronymic = "  ";
    f.expiry_date = "";
    f.rnokpp = " ";
    f.document_type = "passport_book";
    made = presented_document(f);
    ASSERT_TRUE(made) << made.problem().code;
    EXPECT_EQ(made->document_type, core::DocumentType::PassportBook);
    EXPECT_FALSE(made->patronymic);
    EXPECT_FALSE(made->expiry_date);
    EXPECT_FALSE(made->rnokpp);
}

TEST(DocumentEntry, EachWrongFieldIsNamedWithWhy) {
    struct Case {
        std::string expected;
        std::function<void(DocumentFields&)> change;
    };
    const std::string long_text(201, 'a');
    const std::vector<Case> cases = {
        {"document_type unknown", [](DocumentFields& f) { f.document_type = ""; }},
        {"document_type unknown", [](DocumentFields& f) { f.document_type = "ID_CARD"; }},
        {"document_type unknown", [](DocumentFields& f) { f.document_type = "library_card"; }},
        {"document_number empty", [](DocumentFields& f) { f.document_number = ""; }},
        {"document_number empty", [](DocumentFields& f) { f.document_number = " \t "; }},
        {"document_number too_long", [&](DocumentFields& f) { f.document_number = long_text; }},
        {"document_number invalid_utf8", [](DocumentFields& f) { f.document_number = "00\xff"; }},
        {"surname empty", [](DocumentFields& f) { f.surname = ""; }},
        {"surname too_long", [&](DocumentFields& f) { f.surname = long_text; }},
        {"surname invalid_utf8", [](DocumentFields& f) { f.surname = "Зразков\xd0"; }},
        {"surname invalid_utf8", [](DocumentFields& f) { f.surname = "\xc0\xaf"; }},
        {"given_name empty", [](DocumentFields& f) { f.given_name = ""; }},
        {"given_name too_long", [&](DocumentFields& f) { f.given_name = long_text; }},
        {"given_name invalid_utf8", [](DocumentFields& f) { f.given_name = "\xed\xa0\x80"; }},
        {"patronymic too_long", [&](DocumentFields& f) { f.patronymic = long_text; }},
        {"patronymic invalid_utf8", [](DocumentFields& f) { f.patronymic = "\x80"; }},
        {"birth_date empty", [](DocumentFields& f) { f.birth_date = ""; }},
        {"birth_date empty", [](DocumentFields& f) { f.birth_date = "   "; }},
        {"birth_date date", [](DocumentFields& f) { f.birth_date = "31.02.2020"; }},
        {"birth_date date", [](DocumentFields& f) { f.birth_date = "yesterday"; }},
        {"expiry_date date", [](DocumentFields& f) { f.expiry_date = "31.02.2030"; }},
        {"expiry_date date", [](DocumentFields& f) { f.expiry_date = "never"; }},
        {"rnokpp too_long", [&](DocumentFields& f) { f.rnokpp = long_text; }},
        {"rnokpp invalid_utf8", [](DocumentFields& f) { f.rnokpp = "\xfe"; }},
    };
    for (const auto& c : cases) {
        DocumentFields f = valid_fields();
        c.change(f);
        EXPECT_EQ(field_and_reason(presented_document(f)), c.expected);
    }
}

TEST(DocumentEntry, TooLongCountsBytesNotLetters) {
    DocumentFields f = valid_fields();
    f.surname = std::string(200, 'a');
    EXPECT_EQ(field_and_reason(presented_document(f)), "ok");
    std::string cyrillic;
    for (int i = 0; i < 100; ++i) cyrillic += "Ш";  // 200 bytes
    f.surname = cyrillic;
    EXPECT_EQ(field_and_reason(presented_document(f)), "ok");
    f.surname = cyrillic + "Ш";  // 101 letters, 202 bytes
    EXPECT_EQ(field_and_reason(presented_document(f)), "surname too_long");
    // Spaces around do not count.
    f.surname = "  " + std::string(200, 'a') + "  ";
    EXPECT_EQ(field_and_reason(presented_document(f)), "ok");
}

TEST(DocumentEntry, TheFirstWrongFieldInTheFieldsOrderIsReported) {
    DocumentFields f;
    f.document_type = "x";
    f.birth_date = "x";
    f.expiry_date = "x";
    f.rnokpp = std::string(300, '1');
    EXPECT_EQ(field_and_reason(presented_document(f)), "document_type unknown");
    f.document_type = "id_card";
    EXPECT_EQ(field_and_reason(presented_document(f)), "document_number empty");
    f.document_number = "000000001";
    EXPECT_EQ(field_and_reason(presented_document(f)), "surname empty");
    f.surname = "Зразкова";
    EXPECT_EQ(field_and_reason(presented_document(f)), "given_name empty");
    f.given_name = "Тестана";
    f.patronymic = "\xff";
    EXPECT_EQ(field_and_reason(presented_document(f)), "patronymic invalid_utf8");
    f.patronymic = "";
    EXPECT_EQ(field_and_reason(presented_document(f)), "birth_date date");
    f.birth_date = "15.01.1990";
    EXPECT_EQ(field_and_reason(presented_document(f)), "expiry_date date");
    f.expiry_date = "";
    EXPECT_EQ(field_and_reason(presented_document(f)), "rnokpp too_long");
    f.rnokpp = "";
    EXPECT_EQ(field_and_reason(presented_document(f)), "ok");
}

void expect_same_fields(const DocumentFields& a, const DocumentFields& b) {
    EXPECT_EQ(a.document_type, b.document_type);
    EXPECT_EQ(a.document_number, b.document_number);
    EXPECT_EQ(a.surname, b.surname);
    EXPECT_EQ(a.given_name, b.given_name);
    EXPECT_EQ(a.patronymic, b.patronymic);
    EXPECT_EQ(a.birth_date, b.birth_date);
    EXPECT_EQ(a.expiry_date, b.expiry_date);
    EXPECT_EQ(a.rnokpp, b.rnokpp);
    EXPECT_EQ(a.latin_names, b.latin_names);
}

TEST(DocumentEntry, AMadeDocumentShowsBackInTheSameFields) {
    DocumentFields typed = valid_fields();
    auto made = presented_document(typed);
    ASSERT_TRUE(made) << made.problem().code;
    expect_same_fields(document_fields(made.value()), typed);

    // An MRZ's passport: Latin names, no patronymic, no RNOKPP; dates back as DD.MM.YYYY.
    DocumentFields passport;
    passport.document_type = "foreign_passport";
    passport.document_number = "XX000001";
    passport.surname = "ZRAZKOVA";
    passport.given_name = "TESTANA";
    passport.birth_date = "05.03.2001";
    passport.expiry_date = "09.11.2031";
    passport.latin_names = true;
    made = presented_document(passport);
    ASSERT_TRUE(made) << made.problem().code;
    expect_same_fields(document_fields(made.value()), passport);

    // ISO and unpadded dates come back in the printed form, which reads as the same date.
    DocumentFields iso = valid_fields();
    iso.birth_date = "1990-01-15";
    iso.expiry_date = "1.1.2030";
    made = presented_document(iso);
    ASSERT_TRUE(made);
    const DocumentFields shown = document_fields(made.value());
    EXPECT_EQ(shown.birth_date, "15.01.1990");
    EXPECT_EQ(shown.expiry_date, "01.01.2030");
    auto again = presented_document(shown);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->birth_date, made->birth_date);
    EXPECT_EQ(again->expiry_date, made->expiry_date);
}

TEST(DocumentEntry, AnEarlyYearIsShownWithFourDigits) {
    core::PresentedDocument document;
    document.document_number = "000000001";
    document.surname = "Зразкова";
    document.given_name = "Тестана";
    document.birth_date = ymd(987, 6, 5);
    const DocumentFields shown = document_fields(document);
    EXPECT_EQ(shown.birth_date, "05.06.0987");
    EXPECT_EQ(parse_typed_date(shown.birth_date), ymd(987, 6, 5));
}

}  // namespace
}  // namespace cherha::desk
