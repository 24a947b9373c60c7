#include "core/mrz/mrz.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "support/core_printers.h"
#include "support/synthetic_mrz.h"

namespace cherha::core {

namespace {

const Date kToday = date::year{2025} / 6 / 1;

Date ymd(int y, unsigned m, unsigned d) {
    return date::year{y} / date::month{m} / date::day{d};
}

using synthetic::check_char;  // independent of mrz_check_digit, which these tests check
using synthetic::padded;
using synthetic::Td1;
using synthetic::Td3;

MrzReading read_ok(std::string_view text, Date today = kToday) {
    Result<MrzReading> r = read_mrz(text, today);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.problem().code);
    return r.ok() ? r.value() : MrzReading{};
}

Problem read_fail(std::string_view text) {
    Result<MrzReading> r = read_mrz(text, kToday);
    EXPECT_FALSE(r.ok());
    return r.ok() ? Problem("unexpected.ok") : r.problem();
}

Problem check_problem(int line, const char* field, char expected, char actual) {
    return Problem("mrz.check_digit", {{"line", std::to_string(line)},
                                       {"field", field},
                                       {"expected", std::string(1, expected)},
                                       {"actual", std::string(1, actual)}});
}

char wrong_digit(char right) {
    return right == '9' ? '0' : static_cast<char>(right + 1);
}

// --- check digit ------------------------------------------------------------

TEST(MrzCheckDigit, KnownValues) {
    EXPECT_EQ(mrz_check_digit("L898902C3"), 6);
    EXPECT_EQ(mrz_check_digit("740812"), 2);
    EXPECT_EQ(mrz_check_digit("120415"), 9);
    EXPECT_EQ(mrz_check_digit("ZE184226B<<<<<"), 1);
    EXPECT_EQ(mrz_check_digit("<<<<<<<<<"), 0);
    EXPECT_EQ(mrz_check_digit(""), 0);
    EXPECT_EQ(mrz_check_digit("l898902c3"), 6);
    // Weights 7,3,1: "A" (10) -> 70 -> 0; "<A" -> 30 -> 0; "1" -> 7; "01" -> 3; "001" -> 1.
    EXPECT_EQ(mrz_check_digit("1"), 7);
    EXPECT_EQ(mrz_check_digit("01"), 3);
    EXPECT_EQ(mrz_check_digit("001"), 1);
    EXPECT_EQ(mrz_check_digit("0001"), 7);
    EXPECT_EQ(mrz_check_digit("Z"), 5);  // 35 * 7 = 245
}

TEST(MrzCheckDigit, AgreesWithTheTestHelper) {
    for (const std::string s : {"FX123456<", "900115", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"})
        EXPECT_EQ(mrz_check_digit(s), check_char(s) - '0') << s;
}

// --- ICAO 9303 specimens ------------------------------------------------------

TEST(MrzTd3, IcaoSpecimen) {
    const MrzReading r = read_ok(
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
    EXPECT_TRUE(r.all_checks_passed());
    EXPECT_TRUE(r.problems.empty());
    const Mrz& m = r.mrz;
    EXPECT_EQ(m.format, MrzFormat::Td3);
    EXPECT_EQ(m.document_code, "P");
    EXPECT_EQ(m.issuing_state, "UTO");
    EXPECT_EQ(m.surname, "ERIKSSON");
    EXPECT_EQ(m.given_names, "ANNA MARIA");
    EXPECT_EQ(m.document_number, "L898902C3");
    EXPECT_EQ(m.nationality, "UTO");
    EXPECT_EQ(m.birth_date, ymd(1974, 8, 12));
    EXPECT_EQ(m.sex, MrzSex::Female);
    EXPECT_EQ(m.expiry_date, ymd(2012, 4, 15));
    EXPECT_EQ(m.optional_data, "ZE184226B");
    EXPECT_EQ(m.optional_data_2, "");
    ASSERT_EQ(m.lines.size(), 2u);
    EXPECT_EQ(m.lines[1], "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
}

TEST(MrzTd1, IcaoSpecimen) {
    const MrzReading r = read_ok(
        "I<UTOD231458907<<<<<<<<<<<<<<<\n"
        "7408122F1204159UTO<<<<<<<<<<<6\n"
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<");
    EXPECT_TRUE(r.problems.empty());
    const Mrz& m = r.mrz;
    EXPECT_EQ(m.format, MrzFormat::Td1);
    EXPECT_EQ(m.document_code, "I");
    EXPECT_EQ(m.issuing_state, "UTO");
    EXPECT_EQ(m.document_number, "D23145890");
    EXPECT_EQ(m.optional_data, "");
    EXPECT_EQ(m.birth_date, ymd(1974, 8, 12));
    EXPECT_EQ(m.sex, MrzSex::Female);
    EXPECT_EQ(m.expiry_date, ymd(2012, 4, 15));
    EXPECT_EQ(m.nationality, "UTO");
    EXPECT_EQ(m.surname, "ERIKSSON");
    EXPECT_EQ(m.given_names, "ANNA MARIA");
    ASSERT_EQ(m.lines.size(), 3u);
}

TEST(MrzTd3, IcaoSpecimenWithOneWrongDigitInTheNumber) {
    // L898902C3 -> L898902C4: the number's check digit and the composite both fail.
    const MrzReading r = read_ok(
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
        "L898902C46UTO7408122F1204159ZE184226B<<<<<10");
    ASSERT_EQ(r.problems.size(), 2u);
    EXPECT_EQ(r.problems[0], check_problem(2, "document_number", '7', '6'));
    EXPECT_EQ(r.problems[1].code, "mrz.check_digit");
    EXPECT_EQ(r.problems[1].param("field"), "composite");
    EXPECT_EQ(r.mrz.document_number, "L898902C4");  // still parsed for the clerk
}

// --- synthetic TD3 ------------------------------------------------------------

TEST(MrzTd3, SyntheticPassportParses) {
    Td3 p;
    p.name = "KOVAL<IVANOVA<<MARIANA<OLENA";
    p.personal = "1234567890";
    const MrzReading r = read_ok(p.text());
    EXPECT_TRUE(r.problems.empty());
    EXPECT_EQ(r.mrz.surname, "KOVAL IVANOVA");
    EXPECT_EQ(r.mrz.given_names, "MARIANA OLENA");
    EXPECT_EQ(r.mrz.document_number, "FX123456");
    EXPECT_EQ(r.mrz.optional_data, "1234567890");
    EXPECT_EQ(r.mrz.sex, MrzSex::Male);
    EXPECT_EQ(r.mrz.birth_date, ymd(1990, 1, 15));
    EXPECT_EQ(r.mrz.expiry_date, ymd(2030, 1, 15));
    EXPECT_EQ(r.mrz.issuing_state, "UKR");
}

TEST(MrzTd3, EachCheckDigitCorruptedAloneGivesItsOwnProblem) {
    const Td3 p;
    const std::string l2 = p.line2();
    struct Case {
        std::size_t position;
        const char* field;
    };
    for (const Case c : {Case{9, "document_number"}, Case{19, "birth_date"},
                         Case{27, "expiry_date"}, Case{42, "optional_data"}}) {
        std::string bad = l2.substr(0, 43);
        const char right = bad[c.position];
        bad[c.position] = wrong_digit(right);
        bad = Td3::with_composite(bad);  // only this field's digit is wrong
        const MrzReading r = read_ok(p.line1() + "\n" + bad);
        ASSERT_EQ(r.problems.size(), 1u) << c.field;
        EXPECT_EQ(r.problems[0], check_problem(2, c.field, right, wrong_digit(right)));
    }
    std::string bad = l2;
    bad[43] = wrong_digit(l2[43]);
    const MrzReading r = read_ok(p.line1() + "\n" + bad);
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0], check_problem(2, "composite", l2[43], bad[43]));
}

TEST(MrzTd3, AllProblemsAreListedAtOnce) {
    const Td3 p;
    std::string l2 = p.line2();
    for (std::size_t i : {9u, 19u, 27u, 42u, 43u}) l2[i] = wrong_digit(l2[i]);
    const MrzReading r = read_ok(p.line1() + "\n" + l2);
    ASSERT_EQ(r.problems.size(), 5u);
    EXPECT_EQ(r.problems[0].param("field"), "document_number");
    EXPECT_EQ(r.problems[1].param("field"), "birth_date");
    EXPECT_EQ(r.problems[2].param("field"), "expiry_date");
    EXPECT_EQ(r.problems[3].param("field"), "optional_data");
    EXPECT_EQ(r.problems[4].param("field"), "composite");
    EXPECT_FALSE(r.all_checks_passed());
}

TEST(MrzTd3, CorruptedDataIsCaughtByItsCheckDigit) {
    const Td3 p;
    std::string l2 = p.line2();
    l2[14] = l2[14] == '9' ? '8' : '9';  // a digit of the birth date, as a misread would
    const MrzReading r = read_ok(p.line1() + "\n" + l2);
    ASSERT_EQ(r.problems.size(), 2u);
    EXPECT_EQ(r.problems[0].param("field"), "birth_date");
    EXPECT_EQ(r.problems[1].param("field"), "composite");
}

TEST(MrzTd3, EmptyPersonalNumberMayHaveFillerOrZeroCheckDigit) {
    Td3 p;
    const std::string zero = p.line2();
    ASSERT_EQ(zero[42], '0');
    EXPECT_TRUE(read_ok(p.line1() + "\n" + zero).problems.empty());

    std::string filler = zero.substr(0, 43);
    filler[42] = '<';
    const MrzReading r = read_ok(p.line1() + "\n" + Td3::with_composite(filler));
    EXPECT_TRUE(r.problems.empty());

    filler[42] = '5';
    const MrzReading wrong = read_ok(p.line1() + "\n" + Td3::with_composite(filler));
    ASSERT_EQ(wrong.problems.size(), 1u);
    EXPECT_EQ(wrong.problems[0], check_problem(2, "optional_data", '0', '5'));
}

TEST(MrzTd3, FilledPersonalNumberNeedsItsCheckDigit) {
    Td3 p;
    p.personal = "AB12";
    std::string l2 = p.line2().substr(0, 43);
    const char right = l2[42];
    l2[42] = '<';
    const MrzReading r = read_ok(p.line1() + "\n" + Td3::with_composite(l2));
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0], check_problem(2, "optional_data", right, '<'));
}

TEST(MrzTd3, NonDigitCheckCharacterIsReported) {
    const Td3 p;
    std::string l2 = p.line2().substr(0, 43);
    const char right = l2[9];
    l2[9] = 'A';
    const MrzReading r = read_ok(p.line1() + "\n" + Td3::with_composite(l2));
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0], check_problem(2, "document_number", right, 'A'));
}

// --- dates --------------------------------------------------------------------

TEST(MrzDates, BirthYearInTheFutureBelongsToThePreviousCentury) {
    Td3 p;
    p.birth = "250601";  // today exactly: 2025
    EXPECT_EQ(read_ok(p.text()).mrz.birth_date, ymd(2025, 6, 1));
    p.birth = "250602";  // tomorrow: 1925
    EXPECT_EQ(read_ok(p.text()).mrz.birth_date, ymd(1925, 6, 2));
    p.birth = "991231";
    EXPECT_EQ(read_ok(p.text()).mrz.birth_date, ymd(1999, 12, 31));
    p.birth = "000101";
    EXPECT_EQ(read_ok(p.text()).mrz.birth_date, ymd(2000, 1, 1));
    // The same MRZ read on another day places the year by that day.
    p.birth = "250602";
    EXPECT_EQ(read_ok(p.text(), ymd(2025, 6, 2)).mrz.birth_date, ymd(2025, 6, 2));
}

TEST(MrzDates, ExpiryIsAlwaysThisCentury) {
    Td3 p;
    p.expiry = "991231";
    EXPECT_EQ(read_ok(p.text()).mrz.expiry_date, ymd(2099, 12, 31));
    p.expiry = "000229";
    EXPECT_EQ(read_ok(p.text()).mrz.expiry_date, ymd(2000, 2, 29));
}

TEST(MrzDates, ImpossibleDatesAreReportedNotGuessed) {
    Td3 p;
    p.birth = "741332";  // check digits right, the date impossible
    p.expiry = "2102<9";
    const MrzReading r = read_ok(p.text());
    ASSERT_EQ(r.problems.size(), 2u);
    EXPECT_EQ(r.problems[0], Problem("mrz.date", {{"line", "2"}, {"field", "birth_date"}}));
    EXPECT_EQ(r.problems[1], Problem("mrz.date", {{"line", "2"}, {"field", "expiry_date"}}));
    EXPECT_FALSE(r.mrz.birth_date.has_value());
    EXPECT_FALSE(r.mrz.expiry_date.has_value());

    p.birth = "010229";  // 2001 is not a leap year
    p.expiry = "300115";
    const MrzReading leap = read_ok(p.text());
    ASSERT_EQ(leap.problems.size(), 1u);
    EXPECT_EQ(leap.problems[0].param("field"), "birth_date");
}

TEST(MrzSexMarker, AllMarkers) {
    Td3 p;
    p.sex = 'F';
    EXPECT_EQ(read_ok(p.text()).mrz.sex, MrzSex::Female);
    p.sex = '<';
    EXPECT_EQ(read_ok(p.text()).mrz.sex, MrzSex::Unspecified);
    p.sex = 'X';
    EXPECT_EQ(read_ok(p.text()).mrz.sex, MrzSex::Unspecified);
    p.sex = 'Z';
    const MrzReading r = read_ok(p.text());
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0], Problem("mrz.sex", {{"line", "2"}, {"character", "Z"}}));
}

// --- names --------------------------------------------------------------------

TEST(MrzNames, SurnameOnlyAndFillerRuns) {
    Td3 p;
    p.name = "MADONNA";
    MrzReading r = read_ok(p.text());
    EXPECT_EQ(r.mrz.surname, "MADONNA");
    EXPECT_EQ(r.mrz.given_names, "");
    p.name = "DE<LA<CRUZ<<JUAN<<CARLOS";  // a stray double filler inside the given names
    r = read_ok(p.text());
    EXPECT_EQ(r.mrz.surname, "DE LA CRUZ");
    EXPECT_EQ(r.mrz.given_names, "JUAN CARLOS");
}

// --- synthetic TD1 --------------------------------------------------------------

TEST(MrzTd1, SyntheticIdCardParses) {
    Td1 c;
    c.optional = "2001011234567";
    c.optional2 = "AB";
    const MrzReading r = read_ok(c.text());
    EXPECT_TRUE(r.problems.empty());
    EXPECT_EQ(r.mrz.format, MrzFormat::Td1);
    EXPECT_EQ(r.mrz.document_code, "ID");
    EXPECT_EQ(r.mrz.document_number, "001234567");
    EXPECT_EQ(r.mrz.optional_data, "2001011234567");
    EXPECT_EQ(r.mrz.optional_data_2, "AB");
    EXPECT_EQ(r.mrz.surname, "KOVAL IVANOVA");
    EXPECT_EQ(r.mrz.given_names, "MARIANA");
    EXPECT_EQ(r.mrz.sex, MrzSex::Female);
    EXPECT_EQ(r.mrz.nationality, "UKR");
}

TEST(MrzTd1, EachCheckDigitCorruptedAloneGivesItsOwnProblem) {
    const Td1 c;
    struct Case {
        int line;
        std::size_t position;
        const char* field;
    };
    for (const Case k :
         {Case{1, 14, "document_number"}, Case{2, 6, "birth_date"}, Case{2, 14, "expiry_date"}}) {
        std::string l1 = c.line1();
        std::string l2 = c.line2_first29();
        std::string& target = k.line == 1 ? l1 : l2;
        const char right = target[k.position];
        target[k.position] = wrong_digit(right);
        const std::string text = l1 + "\n" + l2 + Td1::composite(l1, l2) + "\n" + c.line3();
        const MrzReading r = read_ok(text);
        ASSERT_EQ(r.problems.size(), 1u) << k.field;
        EXPECT_EQ(r.problems[0], check_problem(k.line, k.field, right, wrong_digit(right)));
    }
    std::string l2 = c.line2();
    const char right = l2[29];
    l2[29] = wrong_digit(right);
    const MrzReading r = read_ok(c.line1() + "\n" + l2 + "\n" + c.line3());
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0], check_problem(2, "composite", right, wrong_digit(right)));
}

TEST(MrzTd1, CompositeCoversOptionalData) {
    Td1 c;
    c.optional = "12345";
    std::string l1 = c.line1();
    l1[16] = '9';  // optional data changed, composite not recomputed
    const MrzReading r = read_ok(l1 + "\n" + c.line2() + "\n" + c.line3());
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].param("field"), "composite");
}

TEST(MrzTd1, LongDocumentNumberContinuesInOptionalData) {
    Td1 c;
    c.number = "AB1234567890";
    c.optional = "XYZ";
    const std::string l1 = c.line1();
    ASSERT_EQ(l1[14], '<');
    const MrzReading r = read_ok(c.text());
    EXPECT_TRUE(r.problems.empty());
    EXPECT_EQ(r.mrz.document_number, "AB1234567890");
    EXPECT_EQ(r.mrz.optional_data, "XYZ");

    // The continuation's check digit sits just before the first filler.
    std::string bad1 = l1;
    const char right = bad1[18];
    bad1[18] = wrong_digit(right);
    const std::string l2 = c.line2_first29();
    const MrzReading wrong =
        read_ok(bad1 + "\n" + l2 + Td1::composite(bad1, l2) + "\n" + c.line3());
    ASSERT_EQ(wrong.problems.size(), 1u);
    EXPECT_EQ(wrong.problems[0], check_problem(1, "document_number", right, wrong_digit(right)));
}

TEST(MrzTd1, FillerCheckDigitWithoutContinuationIsAProblem) {
    Td1 c;
    std::string l1 = c.line1();
    const char right = l1[14];
    l1[14] = '<';
    const std::string l2 = c.line2_first29();
    const MrzReading r = read_ok(l1 + "\n" + l2 + Td1::composite(l1, l2) + "\n" + c.line3());
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0], check_problem(1, "document_number", right, '<'));
    EXPECT_EQ(r.mrz.document_number, "001234567");
}

// --- how a reader types -----------------------------------------------------------

TEST(MrzInput, LineEndingsSpacesAndLowerCase) {
    const Td3 p;
    const MrzReading base = read_ok(p.text());
    ASSERT_TRUE(base.problems.empty());
    auto lower = [](std::string s) {
        for (char& ch : s)
            if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        return s;
    };
    for (const std::string& text :
         {p.line1() + "\r\n" + p.line2() + "\r\n", p.line1() + "\r" + p.line2() + "\r",
          "  " + p.line1() + "  \n\t" + p.line2() + " \n\n", "\n\n" + p.text() + "\n\n",
          lower(p.line1()) + "\n" + lower(p.line2()), p.line1() + p.line2(),
          "  " + p.line1() + p.line2() + "\r\n"}) {
        const MrzReading r = read_ok(text);
        EXPECT_TRUE(r.problems.empty()) << text;
        EXPECT_EQ(r.mrz.lines, base.mrz.lines) << text;
        EXPECT_EQ(r.mrz.surname, "SHEVCHENKO");
        EXPECT_EQ(r.mrz.given_names, "TARAS");
    }
    const Td1 c;
    for (const std::string& text : {c.line1() + "\r\n" + c.line2() + "\r\n" + c.line3() + "\r\n",
                                    lower(c.text()), c.line1() + c.line2() + c.line3()}) {
        const MrzReading r = read_ok(text);
        EXPECT_EQ(r.mrz.format, MrzFormat::Td1) << text;
        EXPECT_TRUE(r.problems.empty()) << text;
        EXPECT_EQ(r.mrz.document_number, "001234567");
    }
}

TEST(MrzInput, LinesGivenSeparately) {
    const Td1 c;
    Result<MrzReading> r = read_mrz_lines({c.line1(), " " + c.line2() + "\r", c.line3()}, kToday);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->mrz.format, MrzFormat::Td1);
    EXPECT_TRUE(r->problems.empty());
    EXPECT_FALSE(read_mrz_lines({}, kToday).ok());
    EXPECT_EQ(read_mrz_lines({c.line1(), c.line2()}, kToday).problem().code, "mrz.format");
    EXPECT_EQ(read_mrz_lines(std::vector<std::string>(10000, c.line1()), kToday).problem().code,
              "mrz.too_long");
}

// --- structural problems ------------------------------------------------------------

TEST(MrzStructure, EmptyInput) {
    EXPECT_EQ(read_fail(""), Problem("mrz.empty"));
    EXPECT_EQ(read_fail("   \r\n\t\n  "), Problem("mrz.empty"));
}

TEST(MrzStructure, WrongLineCountsAndLengths) {
    const Td3 p;
    const Td1 c;
    EXPECT_EQ(read_fail(p.line1() + "\n" + p.line2().substr(0, 43)),
              Problem("mrz.format", {{"lines", "2"}, {"lengths", "44,43"}}));
    EXPECT_EQ(read_fail(p.line1() + "\n" + p.line2() + "<"),
              Problem("mrz.format", {{"lines", "2"}, {"lengths", "44,45"}}));
    EXPECT_EQ(read_fail(c.text() + "\n" + c.line3()),
              Problem("mrz.format", {{"lines", "4"}, {"lengths", "30,30,30,30"}}));
    EXPECT_EQ(read_fail(c.line1() + "\n" + c.line2()),
              Problem("mrz.format", {{"lines", "2"}, {"lengths", "30,30"}}));
    EXPECT_EQ(read_fail(p.text() + "\n" + p.line2()).code, "mrz.format");
    EXPECT_EQ(read_fail(p.line1()), Problem("mrz.format", {{"lines", "1"}, {"lengths", "44"}}));
    EXPECT_EQ(read_fail("hello world"), Problem("mrz.format", {{"lines", "1"}, {"lengths", "11"}}));
    // A mix of the formats.
    EXPECT_EQ(read_fail(c.line1() + "\n" + c.line2() + "\n" + p.line2()).code, "mrz.format");
    // Many lines: lengths are cut short.
    EXPECT_EQ(read_fail("a\nb\nc\nd\ne\nf").param("lengths"), "1,1,1,1,...");
    // Lengths count characters, not bytes.
    EXPECT_EQ(read_fail("Ж\nЖЖ").param("lengths"), "1,2");
}

TEST(MrzStructure, HugeInputIsRefusedCleanly) {
    const std::string huge(5'000'000, 'A');
    EXPECT_EQ(read_fail(huge), Problem("mrz.too_long", {{"length", "5000000"}, {"max", "1024"}}));
    EXPECT_EQ(read_fail(std::string(1025, ' ')).code, "mrz.too_long");
    EXPECT_EQ(read_fail(std::string(1024, ' ')).code, "mrz.empty");
}

TEST(MrzStructure, BadCharactersNameLineAndColumn) {
    const Td3 p;
    std::string l2 = p.line2();
    l2[4] = '-';
    EXPECT_EQ(read_fail(p.line1() + "\n" + l2),
              Problem("mrz.character", {{"line", "2"}, {"column", "5"}, {"character", "-"}}));

    std::string nul = p.line2();
    nul[10] = '\0';
    EXPECT_EQ(read_fail(p.line1() + "\n" + nul),
              Problem("mrz.character", {{"line", "2"}, {"column", "11"}, {"character", "U+0000"}}));
    // A NUL byte added to a line makes it too long.
    EXPECT_EQ(read_fail(p.text() + std::string(1, '\0')).code, "mrz.format");

    std::string space = p.line1();
    space[20] = ' ';
    EXPECT_EQ(read_fail(space + "\n" + p.line2()),
              Problem("mrz.character", {{"line", "1"}, {"column", "21"}, {"character", "U+0020"}}));

    // A Cyrillic look-alike from a reader on the wrong keyboard layout: 44 characters, 45 bytes.
    std::string cyrillic = p.line1();
    cyrillic.replace(0, 1, "\xD0\xA0");  // Р
    EXPECT_EQ(read_fail(cyrillic + "\n" + p.line2()),
              Problem("mrz.character", {{"line", "1"}, {"column", "1"}, {"character", "Р"}}));

    std::string invalid = p.line1();
    invalid[7] = '\xFF';
    EXPECT_EQ(read_fail(invalid + "\n" + p.line2()),
              Problem("mrz.character", {{"line", "1"}, {"column", "8"}, {"character", "0xFF"}}));
    std::string truncated = p.line1();
    truncated[43] = '\xD0';  // a lone lead byte at the end of the line
    EXPECT_EQ(read_fail(truncated + "\n" + p.line2()).param("character"), "0xD0");
}

TEST(MrzStructure, UnknownDocumentCodes) {
    Td3 visa;
    visa.code = "V<";
    EXPECT_EQ(read_fail(visa.text()),
              Problem("mrz.document_code", {{"line", "1"}, {"code", "V<"}}));
    Td1 card;
    card.code = "P<";
    EXPECT_EQ(read_fail(card.text()).code, "mrz.document_code");
    for (const char* code : {"AC", "C<", "I<", "ID"}) {
        card.code = code;
        EXPECT_TRUE(read_mrz(card.text(), kToday).ok()) << code;
    }
    Td3 passport;
    passport.code = "PO";
    EXPECT_EQ(read_ok(passport.text()).mrz.document_code, "PO");
}

TEST(MrzStructure, RandomBytesAndMutationsNeverCrash) {
    std::mt19937 rng(20250601);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 200);
    for (int i = 0; i < 3000; ++i) {
        std::string s(static_cast<std::size_t>(length(rng)), '\0');
        for (char& ch : s) ch = static_cast<char>(byte(rng));
        const Result<MrzReading> r = read_mrz(s, kToday);
        if (!r.ok()) {
            EXPECT_FALSE(r.problem().code.empty());
        }
    }
    // Every position of a valid MRZ replaced by every interesting character.
    const Td1 c;
    const std::string text = c.text();
    for (std::size_t at = 0; at < text.size(); ++at) {
        for (const char ch : {'<', '0', '9', 'A', 'Z', '\n', '\0', '\xC3', ' '}) {
            std::string mutated = text;
            mutated[at] = ch;
            const Result<MrzReading> r = read_mrz(mutated, kToday);
            if (r.ok()) {
                EXPECT_EQ(r->mrz.lines.size(), 3u);
            }
        }
    }
}

TEST(MrzIds, StableIdentifiers) {
    EXPECT_EQ(mrz_format_id(MrzFormat::Td1), "td1");
    EXPECT_EQ(mrz_format_id(MrzFormat::Td3), "td3");
    EXPECT_EQ(mrz_sex_id(MrzSex::Male), "male");
    EXPECT_EQ(mrz_sex_id(MrzSex::Female), "female");
    EXPECT_EQ(mrz_sex_id(MrzSex::Unspecified), "unspecified");
}

}  // namespace
}  // namespace cherha::core
