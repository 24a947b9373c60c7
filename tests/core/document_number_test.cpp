// Document numbers: shapes per type, look-alike folding in both directions, spaces and
// hyphens, every problem code, and hostile input. Numbers are synthetic.
#include "core/identity/document_number.h"

#include <gtest/gtest.h>

#include <string>

namespace cherha::core {
namespace {

std::string canonical(DocumentType type, std::string_view text) {
    const auto r = parse_document_number(type, text);
    if (!r.ok()) return "!" + r.problem().code;
    EXPECT_EQ(r->type, type);
    return r->canonical;
}

Problem problem_of(DocumentType type, std::string_view text) {
    const auto r = parse_document_number(type, text);
    if (r.ok()) return Problem("ok");
    return r.problem();
}

TEST(DocumentType, StableIdsRoundTrip) {
    const DocumentType all[] = {DocumentType::IdCard, DocumentType::PassportBook,
                                DocumentType::ForeignPassport, DocumentType::DrivingLicence,
                                DocumentType::ResidencePermit};
    const char* ids[] = {"id_card", "passport_book", "foreign_passport", "driving_licence",
                         "residence_permit"};
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(document_type_id(all[i]), ids[i]);
        EXPECT_EQ(document_type_from_id(ids[i]), all[i]);
    }
    EXPECT_EQ(document_type_from_id(""), std::nullopt);
    EXPECT_EQ(document_type_from_id("ID_CARD"), std::nullopt);
    EXPECT_EQ(document_type_from_id("id_card "), std::nullopt);
    EXPECT_EQ(document_type_from_id("passport"), std::nullopt);
}

TEST(IdCard, NineDigits) {
    EXPECT_EQ(canonical(DocumentType::IdCard, "001234567"), "001234567");
    EXPECT_EQ(canonical(DocumentType::IdCard, " 001 234-567 "), "001234567");
    EXPECT_EQ(canonical(DocumentType::IdCard, "001\u00A0234\u2013567"), "001234567");
    EXPECT_EQ(problem_of(DocumentType::IdCard, "00123456"),
              Problem("document.length", {{"length", "8"}, {"expected", "9"}}));
    EXPECT_EQ(problem_of(DocumentType::IdCard, "0012345678"),
              Problem("document.length", {{"length", "10"}, {"expected", "9"}}));
    EXPECT_EQ(problem_of(DocumentType::IdCard, "00123456O"),
              Problem("document.format", {{"type", "id_card"}, {"expected", "9d"}}));
    // Full-width digits are not digits of a document number.
    EXPECT_EQ(problem_of(DocumentType::IdCard, "00123456\uFF17").code, "document.format");
}

TEST(PassportBook, CyrillicSeriesWithLatinLookAlikesFolded) {
    EXPECT_EQ(canonical(DocumentType::PassportBook, "КВ123456"), "КВ123456");
    EXPECT_EQ(canonical(DocumentType::PassportBook, "кв 123456"), "КВ123456");
    EXPECT_EQ(canonical(DocumentType::PassportBook, "KB123456"), "КВ123456");  // Latin
    EXPECT_EQ(canonical(DocumentType::PassportBook, "kb-123-456"), "КВ123456");
    EXPECT_EQ(canonical(DocumentType::PassportBook, "Кb123456"), "КВ123456");  // mixed
    EXPECT_EQ(canonical(DocumentType::PassportBook, "ЖЮ123456"), "ЖЮ123456");
    EXPECT_EQ(canonical(DocumentType::PassportBook, "єї123456"), "ЄЇ123456");
    EXPECT_EQ(canonical(DocumentType::PassportBook, "іґ123456"), "ІҐ123456");
}

TEST(PassportBook, Problems) {
    EXPECT_EQ(problem_of(DocumentType::PassportBook, "DB123456"),
              Problem("document.letter", {{"position", "1"}, {"letter", "D"}}));
    EXPECT_EQ(problem_of(DocumentType::PassportBook, "кz123456"),
              Problem("document.letter", {{"position", "2"}, {"letter", "z"}}));
    // Russian-only letters are not in the Ukrainian alphabet.
    EXPECT_EQ(problem_of(DocumentType::PassportBook, "ЫЭ123456").param("letter"), "Ы");
    EXPECT_EQ(problem_of(DocumentType::PassportBook, "ЪК123456").code, "document.letter");
    // Greek capitals look like Latin ones but are neither.
    EXPECT_EQ(problem_of(DocumentType::PassportBook, "ΑΒ123456").code, "document.letter");
    EXPECT_EQ(problem_of(DocumentType::PassportBook, "12345678"),
              Problem("document.format", {{"type", "passport_book"}, {"expected", "2C6d"}}));
    EXPECT_EQ(problem_of(DocumentType::PassportBook, "К1234567").code, "document.format");
    EXPECT_EQ(problem_of(DocumentType::PassportBook, "КВК12345").code, "document.format");
    EXPECT_EQ(problem_of(DocumentType::PassportBook, "КВ12345"),
              Problem("document.length", {{"length", "7"}, {"expected", "8"}}));
    EXPECT_EQ(problem_of(DocumentType::PassportBook, "КВ1234567").param("length"), "9");
}

TEST(ForeignPassport, LatinSeriesWithCyrillicLookAlikesFolded) {
    EXPECT_EQ(canonical(DocumentType::ForeignPassport, "FE123456"), "FE123456");
    EXPECT_EQ(canonical(DocumentType::ForeignPassport, "fe 123456"), "FE123456");
    EXPECT_EQ(canonical(DocumentType::ForeignPassport, "ЕК123456"), "EK123456");  // Cyrillic
    EXPECT_EQ(canonical(DocumentType::ForeignPassport, "ек123456"), "EK123456");
    EXPECT_EQ(canonical(DocumentType::ForeignPassport, "Тт123456"), "TT123456");
    EXPECT_EQ(canonical(DocumentType::ForeignPassport, "ох123456"), "OX123456");
    EXPECT_EQ(canonical(DocumentType::ForeignPassport, "ам123456"), "AM123456");
    EXPECT_EQ(canonical(DocumentType::ForeignPassport, "нр123456"), "HP123456");
    EXPECT_EQ(canonical(DocumentType::ForeignPassport, "сі123456"), "CI123456");
    EXPECT_EQ(canonical(DocumentType::ForeignPassport, "вZ123456"), "BZ123456");
}

TEST(ForeignPassport, Problems) {
    EXPECT_EQ(problem_of(DocumentType::ForeignPassport, "ЖК123456"),
              Problem("document.letter", {{"position", "1"}, {"letter", "Ж"}}));
    // The position counts characters of the text as typed, spaces included.
    EXPECT_EQ(problem_of(DocumentType::ForeignPassport, " Е Ї123456"),
              Problem("document.letter", {{"position", "4"}, {"letter", "Ї"}}));
    EXPECT_EQ(problem_of(DocumentType::ForeignPassport, "E1123456"),
              Problem("document.format", {{"type", "foreign_passport"}, {"expected", "2L6d"}}));
    EXPECT_EQ(problem_of(DocumentType::ForeignPassport, "EK12345").code, "document.length");
}

TEST(DrivingLicence, ThreeCyrillicLettersAndSixDigits) {
    EXPECT_EQ(canonical(DocumentType::DrivingLicence, "ВХТ123456"), "ВХТ123456");
    EXPECT_EQ(canonical(DocumentType::DrivingLicence, "bxt 123456"), "ВХТ123456");
    EXPECT_EQ(canonical(DocumentType::DrivingLicence, "АЕМ\u2014123456"), "АЕМ123456");
    EXPECT_EQ(canonical(DocumentType::DrivingLicence, "ЯЮЖ123456"), "ЯЮЖ123456");
    EXPECT_EQ(problem_of(DocumentType::DrivingLicence, "ВХ1234567"),
              Problem("document.format", {{"type", "driving_licence"}, {"expected", "3C6d"}}));
    EXPECT_EQ(problem_of(DocumentType::DrivingLicence, "ВХТ12345"),
              Problem("document.length", {{"length", "8"}, {"expected", "9"}}));
    EXPECT_EQ(problem_of(DocumentType::DrivingLicence, "BXQ123456"),
              Problem("document.letter", {{"position", "3"}, {"letter", "Q"}}));
}

TEST(ResidencePermit, CardOrBooklet) {
    EXPECT_EQ(canonical(DocumentType::ResidencePermit, "123456789"), "123456789");
    EXPECT_EQ(canonical(DocumentType::ResidencePermit, "ІН123456"), "ІН123456");
    EXPECT_EQ(canonical(DocumentType::ResidencePermit, "ih 123456"), "ІН123456");
    EXPECT_EQ(problem_of(DocumentType::ResidencePermit, "1234567"),
              Problem("document.length", {{"length", "7"}, {"expected", "8|9"}}));
    EXPECT_EQ(problem_of(DocumentType::ResidencePermit, "1234567890"),
              Problem("document.length", {{"length", "10"}, {"expected", "8|9"}}));
    EXPECT_EQ(problem_of(DocumentType::ResidencePermit, "12345678"),
              Problem("document.format", {{"type", "residence_permit"}, {"expected", "2C6d"}}));
    EXPECT_EQ(problem_of(DocumentType::ResidencePermit, "ІН1234567"),
              Problem("document.format", {{"type", "residence_permit"}, {"expected", "9d"}}));
    EXPECT_EQ(problem_of(DocumentType::ResidencePermit, "QН123456").code, "document.letter");
}

TEST(DocumentNumber, EmptyAndHostileInput) {
    for (auto type :
         {DocumentType::IdCard, DocumentType::PassportBook, DocumentType::ForeignPassport,
          DocumentType::DrivingLicence, DocumentType::ResidencePermit}) {
        EXPECT_EQ(problem_of(type, "").code, "document.empty");
        EXPECT_EQ(problem_of(type, " - \u00A0\u2011 ").code, "document.empty");
        EXPECT_EQ(problem_of(type, std::string(1 << 20, 'A')).param("length"), "1048576");
    }
    // NUL and invalid UTF-8 never pass as digits or letters.
    EXPECT_EQ(problem_of(DocumentType::IdCard, std::string("1234\0"
                                                           "6789",
                                                           9))
                  .code,
              "document.format");
    EXPECT_EQ(problem_of(DocumentType::IdCard,
                         "\xFF"
                         "23456789")
                  .code,
              "document.format");
    EXPECT_EQ(problem_of(DocumentType::PassportBook,
                         "\xFF"
                         "В123456")
                  .code,
              "document.format");
    EXPECT_EQ(problem_of(DocumentType::PassportBook,
                         "\xD0"
                         "В123456")
                  .code,
              "document.format");
    EXPECT_EQ(problem_of(DocumentType::IdCard, "12345678\xC3").code, "document.format");
    EXPECT_EQ(problem_of(DocumentType::IdCard, "№123456789").code, "document.length");
    EXPECT_EQ(problem_of(DocumentType::IdCard, "12345/789").code, "document.format");
}

TEST(DocumentNumberKey, LookAlikesCaseSpacesAndHyphensGiveOneKey) {
    const std::string key = document_number_key("КВ123456");
    EXPECT_EQ(key, "КВ123456");
    EXPECT_EQ(document_number_key("kb 123-456"), key);
    EXPECT_EQ(document_number_key("Кb\u00A0123\u2010456"), key);
    EXPECT_NE(document_number_key("КВ123457"), key);
    EXPECT_NE(document_number_key("КД123456"), key);
    // All twelve look-alike pairs.
    EXPECT_EQ(document_number_key("ABEIKMHOPCTX"), document_number_key("АВЕІКМНОРСТХ"));
    EXPECT_EQ(document_number_key("abeikmhopctx"), "АВЕІКМНОРСТХ");
    // Letters without a look-alike and other characters are kept (upper-cased).
    EXPECT_EQ(document_number_key("dж/12"), "DЖ/12");
    EXPECT_EQ(document_number_key(""), "");
    EXPECT_EQ(document_number_key(" -- "), "");
    EXPECT_EQ(document_number_key("1\xFF"
                                  "2"),
              "1\uFFFD2");
    EXPECT_EQ(document_number_key(std::string("1\0"
                                              "2",
                                              3)),
              std::string("1\0"
                          "2",
                          3));
}

}  // namespace
}  // namespace cherha::core
