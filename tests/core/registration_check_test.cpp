// The checks before a booking is accepted: every rule both ways, all problems together,
// hostile input. Identity numbers are synthetic (compose_rnokpp / compose_edrpou).
#include "core/verification/registration_check.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/identity/edrpou.h"
#include "core/identity/rnokpp.h"
#include "support/core_printers.h"
#include "support/synthetic_people.h"

namespace cherha::core {

namespace {

using Problems = std::vector<Problem>;

Date ymd(int y, unsigned m, unsigned d) {
    return date::year{y} / date::month{m} / date::day{d};
}

const Date kToday = ymd(2025, 6, 1);
const Date kBirth = ymd(1990, 1, 15);

Registration person() {
    return synthetic::registration_of({});
}

Registration representative() {
    return synthetic::as_representative(person(), 3456789, "ТОВ «Ромашка-2000»");
}

// A person without RNOKPP whose birth date can be anything.
Registration without_rnokpp(Date birth) {
    Registration r = synthetic::as_without_rnokpp(person());
    r.birth_date = birth;
    return r;
}

Problems check(const Registration& r, Date today = kToday) {
    return check_registration(r, today);
}

Problem name_problem(const char* code, const char* field, const std::string& position) {
    return Problem(code, {{"field", field}, {"position", position}});
}

Problem invalid(const char* field, int position) {
    return name_problem("registration.name_invalid", field, std::to_string(position));
}

Problem mixed(const char* field, int position) {
    return name_problem("registration.name_mixed_scripts", field, std::to_string(position));
}

Problems surname_problems(const std::string& surname) {
    Registration r = person();
    r.surname = surname;
    return check(r);
}

Problem birth(const char* reason) {
    return Problem("registration.birth_date", {{"reason", reason}});
}

Problem too_young(int min_age) {
    return Problem("registration.birth_date",
                   {{"reason", "too_young"}, {"min_age", std::to_string(min_age)}});
}

std::string repeat(const std::string& unit, std::size_t n) {
    std::string s;
    s.reserve(unit.size() * n);
    for (std::size_t i = 0; i < n; ++i) s += unit;
    return s;
}

// --- valid registrations -----------------------------------------------------------------

TEST(RegistrationCheck, ValidNaturalPersonPasses) {
    EXPECT_EQ(check(person()), Problems{});
    Registration r = person();
    r.patronymic.reset();
    EXPECT_EQ(check(r), Problems{});
    r.patronymic = "";
    EXPECT_EQ(check(r), Problems{});
    r.rnokpp = "  " + compose_rnokpp(kBirth, 5, Sex::Female) + " ";  // spaces are trimmed
    EXPECT_EQ(check(r), Problems{});
}

TEST(RegistrationCheck, ValidRepresentativePasses) {
    EXPECT_EQ(check(representative()), Problems{});
}

TEST(RegistrationCheck, PersonWithoutRnokppIsIdentifiedByDocument) {
    Registration r = without_rnokpp(kBirth);
    r.document_type = DocumentType::PassportBook;
    r.document_number = "АВ123456";
    EXPECT_EQ(check(r), Problems{});
    r.rnokpp = "";  // an empty string is "not given"
    EXPECT_EQ(check(r), Problems{});
}

TEST(RegistrationCheck, NameShapesThatAreAllowed) {
    for (const char* name : {
             "Мар'яна",             // ASCII apostrophe
             "Мар’яна",             // U+2019
             "Марʼяна",             // U+02BC
             "Мар`яна",             // grave accent as apostrophe
             "Коваль-Іванова",      // hyphen-minus
             "Коваль‑Іванова",      // U+2011 non-breaking hyphen
             "Коваль—Іванова",      // em dash taken as a hyphen
             "Анна Марія",          // one space between words
             "ҐЄЇІ ґєїі",           // the Ukrainian-only letters
             "ЙОСИП",               // capitals
             "О'Брайен-Сміт Джон",  // several separators, each between letters
             "Smith",               // Latin
             "O'Brien-Smith",       // Latin with separators
             "José Müller",         // Latin-1 letters
             "Łukasz Ščerba",       // Latin Extended-A
             "Nguyễn",              // Latin Extended Additional
             "Я",                   // one letter
         }) {
        EXPECT_EQ(surname_problems(name), Problems{}) << name;
    }
}

TEST(RegistrationCheck, DecomposedLettersAreAllowedWhereTheySpellALetter) {
    EXPECT_EQ(surname_problems("Андрі\u0438\u0306"), Problems{});  // й = и + breve
    EXPECT_EQ(surname_problems("\u0406\u0308гор"), Problems{});    // Ї = І + diaeresis
    EXPECT_EQ(surname_problems("Jose\u0301"), Problems{});         // é = e + acute
    EXPECT_EQ(surname_problems("e\u0301\u0300x"), Problems{});     // two marks on a Latin letter
    // A mark that spells no Ukrainian letter, a second mark, a mark with no letter before.
    EXPECT_EQ(surname_problems("Ко\u0301валь"), Problems{invalid("surname", 3)});
    EXPECT_EQ(surname_problems("Е\u0308ва"), Problems{invalid("surname", 2)});  // Ё
    EXPECT_EQ(surname_problems("Ми\u0306\u0306ко"), Problems{invalid("surname", 4)});
    EXPECT_EQ(surname_problems("\u0301Ян"), Problems{invalid("surname", 1)});
    EXPECT_EQ(surname_problems("Ян-\u0301о"), Problems{invalid("surname", 4)});
}

// --- names: required, length ---------------------------------------------------------------

TEST(RegistrationCheck, SurnameAndGivenNameAreRequired) {
    Registration r = person();
    r.surname = "";
    r.given_name = "   ";
    EXPECT_EQ(check(r),
              (Problems{Problem("registration.name_required", {{"field", "surname"}}),
                        Problem("registration.name_required", {{"field", "given_name"}})}));
    r.surname = "Ш";
    r.given_name = "О";
    EXPECT_EQ(check(r), Problems{});
}

TEST(RegistrationCheck, BlankPatronymicIsInvalidNotNone) {
    Registration r = person();
    r.patronymic = " ";
    EXPECT_EQ(check(r), Problems{invalid("patronymic", 1)});
}

TEST(RegistrationCheck, NameLengthBoundary) {
    const Problem too_long("registration.name_too_long", {{"field", "surname"}, {"max", "100"}});
    EXPECT_EQ(surname_problems(repeat("ж", 100)), Problems{});  // 100 characters, 200 bytes
    EXPECT_EQ(surname_problems(repeat("ж", 101)), Problems{too_long});
    EXPECT_EQ(surname_problems(repeat("z", 100)), Problems{});
    EXPECT_EQ(surname_problems(repeat("z", 101)), Problems{too_long});
    // Characters, not bytes: a decomposed й counts as two characters.
    EXPECT_EQ(surname_problems(repeat("и\u0306", 50)), Problems{});
    EXPECT_EQ(surname_problems(repeat("и\u0306", 50) + "й"), Problems{too_long});
}

TEST(RegistrationCheck, MegabyteNamesAreRefusedWithoutCrashing) {
    Registration r = person();
    r.surname = repeat("а", 512 * 1024);  // 1 MB of Cyrillic letters
    r.given_name = repeat("😀", 256 * 1024);
    r.patronymic = std::string(1024 * 1024, '\0');
    EXPECT_EQ(
        check(r),
        (Problems{Problem("registration.name_too_long", {{"field", "surname"}, {"max", "100"}}),
                  Problem("registration.name_too_long", {{"field", "given_name"}, {"max", "100"}}),
                  invalid("given_name", 1),
                  Problem("registration.name_too_long", {{"field", "patronymic"}, {"max", "100"}}),
                  invalid("patronymic", 1)}));
}

// --- names: characters ---------------------------------------------------------------------

TEST(RegistrationCheck, InvalidCharactersArePointedAt) {
    using namespace std::string_literals;
    EXPECT_EQ(surname_problems("Шевч3нко"), Problems{invalid("surname", 5)});     // characters
    EXPECT_EQ(surname_problems("Шев\0ченко"s), Problems{invalid("surname", 4)});  // NUL
    EXPECT_EQ(surname_problems("Шевченко😀"), Problems{invalid("surname", 9)});    // emoji
    EXPECT_EQ(surname_problems("Анна\tМарія"), Problems{invalid("surname", 5)});
    EXPECT_EQ(surname_problems("Анна\u00A0Марія"), Problems{invalid("surname", 5)});  // NBSP
    EXPECT_EQ(surname_problems("Анна.Марія"), Problems{invalid("surname", 5)});
    EXPECT_EQ(surname_problems("Шевченко!"), Problems{invalid("surname", 9)});
    EXPECT_EQ(surname_problems("Шевченко\n"), Problems{invalid("surname", 9)});
    // Letters outside the Ukrainian alphabet and the Latin ranges.
    EXPECT_EQ(surname_problems("Рыбак"), Problems{invalid("surname", 2)});   // ы
    EXPECT_EQ(surname_problems("Пётр"), Problems{invalid("surname", 2)});    // ё
    EXPECT_EQ(surname_problems("Объект"), Problems{invalid("surname", 3)});  // ъ
    EXPECT_EQ(surname_problems("Эдуард"), Problems{invalid("surname", 1)});  // Э
    EXPECT_EQ(surname_problems("Ωmega"), Problems{invalid("surname", 1)});   // Greek
    EXPECT_EQ(surname_problems("A×B"), Problems{invalid("surname", 2)});     // × is no letter
    EXPECT_EQ(surname_problems("Aǃb"), Problems{invalid("surname", 2)});     // click letter
    EXPECT_EQ(surname_problems("ＡＢ"), Problems{invalid("surname", 1)});    // fullwidth
    // Only the first invalid character is reported per field.
    EXPECT_EQ(surname_problems("1 2 3"), Problems{invalid("surname", 1)});
}

TEST(RegistrationCheck, SeparatorsOnlyBetweenLetters) {
    EXPECT_EQ(surname_problems(" Анна"), Problems{invalid("surname", 1)});
    EXPECT_EQ(surname_problems("Анна "), Problems{invalid("surname", 5)});
    EXPECT_EQ(surname_problems("Анна  Марія"), Problems{invalid("surname", 6)});
    EXPECT_EQ(surname_problems("Коваль - Іванова"), Problems{invalid("surname", 8)});
    EXPECT_EQ(surname_problems("Коваль--Іванова"), Problems{invalid("surname", 8)});
    EXPECT_EQ(surname_problems("Коваль-"), Problems{invalid("surname", 7)});
    EXPECT_EQ(surname_problems("-Коваль"), Problems{invalid("surname", 1)});
    EXPECT_EQ(surname_problems("'Ян"), Problems{invalid("surname", 1)});
    EXPECT_EQ(surname_problems("Ян'"), Problems{invalid("surname", 3)});
    EXPECT_EQ(surname_problems("Мар''яна"), Problems{invalid("surname", 5)});
    EXPECT_EQ(surname_problems("-"), Problems{invalid("surname", 1)});
}

TEST(RegistrationCheck, InvalidUtf8IsPointedAtAsOneCharacter) {
    EXPECT_EQ(surname_problems("Ко\xFFвал"), Problems{invalid("surname", 3)});
    EXPECT_EQ(surname_problems("\xD0"), Problems{invalid("surname", 1)});            // truncated
    EXPECT_EQ(surname_problems("Ян\xD0"), Problems{invalid("surname", 3)});          // at the end
    EXPECT_EQ(surname_problems("Ян\xC0\xAF"), Problems{invalid("surname", 3)});      // overlong /
    EXPECT_EQ(surname_problems("Ян\xED\xA0\x80"), Problems{invalid("surname", 3)});  // surrogate
    EXPECT_EQ(surname_problems("Ян\xF4\x90\x80\x80"), Problems{invalid("surname", 3)});  // >10FFFF
    EXPECT_EQ(surname_problems("\x80\x80Ян"), Problems{invalid("surname", 1)});
    // A Cyrillic letter cut in half still counts the following characters correctly.
    Registration r = person();
    r.given_name = "\xD0Ян1";
    EXPECT_EQ(check(r), Problems{invalid("given_name", 1)});
    // 101 characters, one of them a stray byte: too long and invalid.
    EXPECT_EQ(
        surname_problems(repeat("ж", 100) + "\xFF"),
        (Problems{Problem("registration.name_too_long", {{"field", "surname"}, {"max", "100"}}),
                  invalid("surname", 101)}));
}

// Decision: a name may be Ukrainian Cyrillic or Latin, but each field in one script only.
TEST(RegistrationCheck, EachNameFieldIsOneScript) {
    EXPECT_EQ(surname_problems("Kовальчук"), Problems{mixed("surname", 1)});     // Latin K
    EXPECT_EQ(surname_problems("Шевчeнко"), Problems{mixed("surname", 5)});      // Latin e
    EXPECT_EQ(surname_problems("Іvan"), Problems{mixed("surname", 1)});          // Cyrillic І
    EXPECT_EQ(surname_problems("Iван"), Problems{mixed("surname", 1)});          // Latin I
    EXPECT_EQ(surname_problems("Коваль-Smith"), Problems{mixed("surname", 8)});  // 6 vs 5
    EXPECT_EQ(surname_problems("Ab-Аб"), Problems{mixed("surname", 4)});  // tie: not the first
    EXPECT_EQ(surname_problems("Ко\u0301val"),
              (Problems{invalid("surname", 3), mixed("surname", 1)}));
    // Different fields may use different scripts.
    Registration r = person();
    r.given_name = "John";
    EXPECT_EQ(check(r), Problems{});
    r.patronymic = "Pетрович";
    EXPECT_EQ(check(r), Problems{mixed("patronymic", 1)});
}

// --- birth date ----------------------------------------------------------------------------

TEST(RegistrationCheck, BirthDateBoundaries) {
    EXPECT_EQ(check(without_rnokpp(ymd(1900, 1, 1)), ymd(2025, 6, 1)), Problems{});
    EXPECT_EQ(check(without_rnokpp(ymd(1899, 12, 31))), Problems{birth("too_old")});
    EXPECT_EQ(check(without_rnokpp(ymd(1, 1, 1))), Problems{birth("too_old")});
    EXPECT_EQ(check(without_rnokpp(ymd(2025, 6, 2))), Problems{birth("future")});
    EXPECT_EQ(check(without_rnokpp(ymd(9999, 12, 31))), Problems{birth("future")});
    EXPECT_EQ(check(without_rnokpp(ymd(2023, 2, 29))), Problems{birth("invalid")});
    EXPECT_EQ(check(without_rnokpp(ymd(2000, 13, 1))), Problems{birth("invalid")});
    EXPECT_EQ(check(without_rnokpp(Date{})), Problems{birth("invalid")});
}

TEST(RegistrationCheck, MinimumAgeIsFourteenByDefault) {
    // The 14th birthday is the first day allowed.
    EXPECT_EQ(check(without_rnokpp(ymd(2011, 6, 1))), Problems{});
    EXPECT_EQ(check(without_rnokpp(ymd(2011, 6, 2))), Problems{too_young(14)});
    EXPECT_EQ(check(without_rnokpp(ymd(2025, 6, 1))), Problems{too_young(14)});  // born today
}

TEST(RegistrationCheck, MinimumAgeIsAParameter) {
    const Registration r = without_rnokpp(ymd(2007, 6, 1));
    EXPECT_EQ(check_registration(r, ymd(2025, 6, 1), 18), Problems{});
    EXPECT_EQ(check_registration(r, ymd(2025, 5, 31), 18), Problems{too_young(18)});
    const Registration baby = without_rnokpp(ymd(2025, 6, 1));
    EXPECT_EQ(check_registration(baby, ymd(2025, 6, 1), 0), Problems{});
    EXPECT_EQ(check_registration(baby, ymd(2025, 6, 1), -5), Problems{});  // as 0
    EXPECT_EQ(check_registration(baby, ymd(2025, 6, 1), 1), Problems{too_young(1)});
    // Huge minimum ages are capped at 150 (no overflow).
    const Registration old = without_rnokpp(ymd(1900, 1, 1));
    EXPECT_EQ(check_registration(old, ymd(2025, 6, 1), 2147483647), Problems{too_young(150)});
    EXPECT_EQ(check_registration(old, ymd(2050, 1, 1), 150), Problems{});
}

TEST(RegistrationCheck, LeapDayBirthdayTurnsOnFirstOfMarch) {
    const Registration r = without_rnokpp(ymd(2008, 2, 29));
    EXPECT_EQ(check(r, ymd(2022, 2, 28)), Problems{too_young(14)});
    EXPECT_EQ(check(r, ymd(2022, 3, 1)), Problems{});
    const Registration leap = without_rnokpp(ymd(2004, 2, 29));  // 14th birthday 2018: common
    EXPECT_EQ(check(leap, ymd(2018, 2, 28)), Problems{too_young(14)});
    EXPECT_EQ(check(leap, ymd(2018, 3, 1)), Problems{});
    const Registration on_leap = without_rnokpp(ymd(2000, 2, 29));  // 2016 is a leap year
    EXPECT_EQ(check_registration(on_leap, ymd(2016, 2, 28), 16), Problems{too_young(16)});
    EXPECT_EQ(check_registration(on_leap, ymd(2016, 2, 29), 16), Problems{});
}

TEST(RegistrationCheck, InvalidTodaySkipsOnlyTheChecksAgainstToday) {
    EXPECT_EQ(check(without_rnokpp(ymd(2025, 6, 2)), Date{}), Problems{});
    EXPECT_EQ(check(without_rnokpp(ymd(1899, 12, 31)), Date{}), Problems{birth("too_old")});
}

// --- RNOKPP --------------------------------------------------------------------------------

TEST(RegistrationCheck, RnokppOrItsAbsenceMustBeDeclared) {
    Registration r = person();
    r.rnokpp.reset();
    EXPECT_EQ(check(r), Problems{Problem("registration.rnokpp_required")});
    r.rnokpp = "";
    EXPECT_EQ(check(r), Problems{Problem("registration.rnokpp_required")});
    r.has_no_rnokpp = true;
    EXPECT_EQ(check(r), Problems{});
    r.rnokpp = compose_rnokpp(kBirth, 1, Sex::Female);
    EXPECT_EQ(check(r), Problems{Problem("registration.rnokpp_conflict")});
    r.has_no_rnokpp = false;
    EXPECT_EQ(check(r), Problems{});
}

TEST(RegistrationCheck, InvalidRnokppGivesTheParseProblem) {
    Registration r = person();
    const std::string good = compose_rnokpp(kBirth, 7, Sex::Male);
    std::string bad = good;
    bad[9] = static_cast<char>('0' + (good[9] - '0' + 1) % 10);
    r.rnokpp = bad;
    Problems p = check(r);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].code, "rnokpp.check_digit");
    EXPECT_EQ(p[0].param("expected"), std::string(1, good[9]));

    r.rnokpp = "12345";
    EXPECT_EQ(check(r), Problems{Problem("rnokpp.length", {{"length", "5"}, {"expected", "10"}})});
    r.rnokpp = "   ";
    EXPECT_EQ(check(r), Problems{Problem("rnokpp.empty")});
    r.rnokpp = std::string(
        "12345\0"
        "6789",
        10);
    EXPECT_EQ(check(r), Problems{Problem("rnokpp.not_digits", {{"position", "6"}})});
    r.rnokpp = std::string(1024 * 1024, '7');
    EXPECT_EQ(check(r)[0].code, "rnokpp.length");
    // A conflict and an invalid number are both reported.
    r.rnokpp = "12345";
    r.has_no_rnokpp = true;
    EXPECT_EQ(check(r),
              (Problems{Problem("registration.rnokpp_conflict"),
                        Problem("rnokpp.length", {{"length", "5"}, {"expected", "10"}})}));
}

TEST(RegistrationCheck, RnokppMustEncodeTheBirthDate) {
    Registration r = person();
    r.rnokpp = compose_rnokpp(ymd(1990, 1, 16), 1, Sex::Male);
    EXPECT_EQ(check(r),
              Problems{Problem("rnokpp.birth_date_mismatch", {{"rnokpp_date", "1990-01-16"},
                                                              {"registered_date", "1990-01-15"}})});
    r.rnokpp = compose_rnokpp(ymd(1990, 1, 15), 1, Sex::Male);
    EXPECT_EQ(check(r), Problems{});
    // With an invalid registered date only the date problem is reported.
    r.birth_date = ymd(1990, 2, 30);
    EXPECT_EQ(check(r), Problems{birth("invalid")});
    // A future date is reported and is also not the RNOKPP's.
    r.birth_date = ymd(2030, 1, 1);
    const Problems p = check(r);
    ASSERT_EQ(p.size(), 2u);
    EXPECT_EQ(p[0], birth("future"));
    EXPECT_EQ(p[1].code, "rnokpp.birth_date_mismatch");
}

// --- document ------------------------------------------------------------------------------

TEST(RegistrationCheck, DocumentNumberMustFitItsType) {
    struct Case {
        DocumentType type;
        const char* number;
        const char* code;  // nullptr: valid
    };
    for (const Case& c : std::vector<Case>{
             {DocumentType::IdCard, "001234567", nullptr},
             {DocumentType::IdCard, "00123456", "document.length"},
             {DocumentType::IdCard, "", "document.empty"},
             {DocumentType::IdCard, "AB1234567", "document.format"},
             {DocumentType::PassportBook, "АВ123456", nullptr},
             {DocumentType::PassportBook, "AB 123-456", nullptr},  // Latin look-alikes
             {DocumentType::PassportBook, "AD123456", "document.letter"},
             {DocumentType::ForeignPassport, "FX123456", nullptr},
             {DocumentType::ForeignPassport, "ЖХ123456", "document.letter"},
             {DocumentType::ForeignPassport, "123456789", "document.length"},
             {DocumentType::DrivingLicence, "ВХК123456", nullptr},
             {DocumentType::DrivingLicence, "ВХ1234567", "document.format"},
             {DocumentType::ResidencePermit, "123456789", nullptr},
             {DocumentType::ResidencePermit, "ІН123456", nullptr},
             {DocumentType::ResidencePermit, "1234567", "document.length"},
         }) {
        Registration r = person();
        r.document_type = c.type;
        r.document_number = c.number;
        const Problems p = check(r);
        if (!c.code) {
            EXPECT_EQ(p, Problems{}) << c.number;
        } else {
            ASSERT_EQ(p.size(), 1u) << c.number;
            EXPECT_EQ(p[0].code, c.code) << c.number;
        }
    }
}

TEST(RegistrationCheck, DocumentTypeOutsideTheEnumIsRefused) {
    Registration r = person();
    r.document_type = static_cast<DocumentType>(99);
    EXPECT_EQ(check(r), Problems{Problem("registration.document_type_invalid")});
}

TEST(RegistrationCheck, HostileDocumentNumbers) {
    Registration r = person();
    r.document_number = std::string(1024 * 1024, 'A');
    EXPECT_EQ(check(r).at(0).code, "document.length");
    r.document_number = std::string(
        "0012\0"
        "4567",
        9);
    EXPECT_EQ(check(r).at(0).code, "document.format");
    r.document_number =
        "00123\xFF"
        "567";
    EXPECT_EQ(check(r).at(0).code, "document.format");
}

// --- legal entity --------------------------------------------------------------------------

TEST(RegistrationCheck, RepresentativeNeedsTheEntity) {
    Registration r = representative();
    r.legal_entity.reset();
    EXPECT_EQ(check(r), Problems{Problem("registration.entity_required")});
}

TEST(RegistrationCheck, EntityEdrpouMustBeValid) {
    Registration r = representative();
    for (int first_seven : {0, 2999999, 3000000, 5999999, 6000000, 9999999}) {
        r.legal_entity->edrpou = compose_edrpou(first_seven);
        EXPECT_EQ(check(r), Problems{}) << r.legal_entity->edrpou;
    }
    const std::string good = compose_edrpou(3456789);
    std::string bad = good;
    bad[7] = static_cast<char>('0' + (good[7] - '0' + 1) % 10);
    r.legal_entity->edrpou = bad;
    Problems p = check(r);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].code, "edrpou.check_digit");
    r.legal_entity->edrpou = "";
    EXPECT_EQ(check(r), Problems{Problem("edrpou.empty")});
    r.legal_entity->edrpou = "1234567";
    EXPECT_EQ(check(r), Problems{Problem("edrpou.length", {{"length", "7"}, {"expected", "8"}})});
    r.legal_entity->edrpou = "1234x678";
    EXPECT_EQ(check(r), Problems{Problem("edrpou.not_digits", {{"position", "5"}})});
}

TEST(RegistrationCheck, EntityNameRules) {
    Registration r = representative();
    const Problem too_long("registration.entity_name_too_long", {{"max", "200"}});
    r.legal_entity->name = "";
    EXPECT_EQ(check(r), Problems{Problem("registration.entity_name_required")});
    r.legal_entity->name = "    ";
    EXPECT_EQ(check(r), Problems{Problem("registration.entity_name_required")});
    r.legal_entity->name = repeat("Ф", 200);
    EXPECT_EQ(check(r), Problems{});
    r.legal_entity->name = repeat("Ф", 201);
    EXPECT_EQ(check(r), Problems{too_long});
    r.legal_entity->name = "ПП \"Агро-Світ\" № 7, Ltd.";  // digits, quotes, Latin: fine
    EXPECT_EQ(check(r), Problems{});
    r.legal_entity->name = std::string("ТОВ\0X", 8);
    EXPECT_EQ(check(r), Problems{Problem("registration.entity_name_invalid", {{"position", "4"}})});
    r.legal_entity->name = "ТОВ\tX";
    EXPECT_EQ(check(r), Problems{Problem("registration.entity_name_invalid", {{"position", "4"}})});
    r.legal_entity->name = "ТОВ\xC2\x85X";  // U+0085, a C1 control
    EXPECT_EQ(check(r), Problems{Problem("registration.entity_name_invalid", {{"position", "4"}})});
    r.legal_entity->name = "ТОВ\x7F";
    EXPECT_EQ(check(r), Problems{Problem("registration.entity_name_invalid", {{"position", "4"}})});
    r.legal_entity->name = "ТОВ \xE2\x82";  // truncated €
    EXPECT_EQ(check(r), Problems{Problem("registration.entity_name_invalid", {{"position", "5"}})});
    r.legal_entity->name = std::string(1024 * 1024, '\0');
    EXPECT_EQ(
        check(r),
        (Problems{too_long, Problem("registration.entity_name_invalid", {{"position", "1"}})}));
}

TEST(RegistrationCheck, NaturalPersonMustNotCarryAnEntity) {
    Registration r = person();
    r.legal_entity = LegalEntity{compose_edrpou(1234567), "ТОВ Ромашка"};
    EXPECT_EQ(check(r), Problems{Problem("registration.entity_not_allowed")});
    // A kind outside the enum is judged as a natural person.
    r.kind = static_cast<RegistrantKind>(7);
    EXPECT_EQ(check(r), Problems{Problem("registration.entity_not_allowed")});
    r.legal_entity.reset();
    EXPECT_EQ(check(r), Problems{});
}

// --- all together --------------------------------------------------------------------------

TEST(RegistrationCheck, EveryProblemIsReturnedInOrder) {
    Registration r;
    r.kind = RegistrantKind::LegalEntityRepresentative;
    r.surname = "";
    r.given_name = "Iван";
    r.patronymic = "Петр0вич";
    r.birth_date = ymd(2030, 1, 1);
    r.rnokpp = "123";
    r.has_no_rnokpp = true;
    r.document_type = DocumentType::PassportBook;
    r.document_number = "AB12";
    r.legal_entity = LegalEntity{"1234567", ""};
    EXPECT_EQ(check(r), (Problems{Problem("registration.name_required", {{"field", "surname"}}),
                                  mixed("given_name", 1), invalid("patronymic", 5), birth("future"),
                                  Problem("registration.rnokpp_conflict"),
                                  Problem("rnokpp.length", {{"length", "3"}, {"expected", "10"}}),
                                  Problem("document.length", {{"length", "4"}, {"expected", "8"}}),
                                  Problem("edrpou.length", {{"length", "7"}, {"expected", "8"}}),
                                  Problem("registration.entity_name_required")}));

    Registration natural = person();
    natural.surname = "Ш1";
    natural.given_name = " ";
    natural.rnokpp.reset();
    natural.birth_date = ymd(1899, 1, 1);
    natural.document_number = "12";
    natural.legal_entity = LegalEntity{};
    EXPECT_EQ(check(natural),
              (Problems{invalid("surname", 2),
                        Problem("registration.name_required", {{"field", "given_name"}}),
                        birth("too_old"), Problem("registration.rnokpp_required"),
                        Problem("document.length", {{"length", "2"}, {"expected", "9"}}),
                        Problem("registration.entity_not_allowed")}));
}

TEST(RegistrationCheck, DefaultRegistrationIsRefusedNotCrashed) {
    const Problems p = check(Registration{});
    EXPECT_FALSE(p.empty());
    EXPECT_EQ(p.front(), Problem("registration.name_required", {{"field", "surname"}}));
}

}  // namespace
}  // namespace cherha::core
