#include "core/verification/verification.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/identity/edrpou.h"
#include "core/identity/rnokpp.h"
#include "core/mrz/mrz.h"
#include "core/verification/presented_document.h"
#include "core/verification/registration.h"
#include "support/core_printers.h"
#include "support/synthetic_mrz.h"
#include "support/synthetic_people.h"

namespace cherha::core {

namespace {

Date ymd(int y, unsigned m, unsigned d) {
    return date::year{y} / date::month{m} / date::day{d};
}

const Date kToday = ymd(2025, 6, 1);
const Date kBirth = ymd(1990, 1, 15);

Registration registration() {
    return synthetic::registration_of({});
}

// The ID card of the same person, typed by the clerk.
PresentedDocument id_card() {
    return synthetic::id_card_of({}, ymd(2030, 1, 15));
}

Problem field_reason(const char* code, const char* field) {
    return Problem(code, {{"field", field}});
}

Problem missing(const char* field, const char* side) {
    return Problem("verification.missing", {{"field", field}, {"side", side}});
}

bool has_problem(const Verification& v, std::string_view code) {
    for (const Problem& p : v.problems)
        if (p.code == code) return true;
    return false;
}

// --- the whole picture -------------------------------------------------------------

TEST(Verify, SameDataMatchesEveryField) {
    const Verification v = verify(registration(), id_card(), kToday);
    EXPECT_EQ(v.verdict, Verdict::Match);
    EXPECT_TRUE(v.problems.empty());
    ASSERT_EQ(v.fields.size(), 8u);
    const VerifiedField order[] = {VerifiedField::DocumentType, VerifiedField::DocumentNumber,
                                   VerifiedField::Surname,      VerifiedField::GivenName,
                                   VerifiedField::Patronymic,   VerifiedField::BirthDate,
                                   VerifiedField::Rnokpp,       VerifiedField::Expiry};
    for (std::size_t i = 0; i < 8; ++i) {
        EXPECT_EQ(v.fields[i].field, order[i]);
        EXPECT_EQ(v.fields[i].status, FieldStatus::Match) << verified_field_id(order[i]);
        EXPECT_FALSE(v.fields[i].reason.has_value());
    }
    EXPECT_EQ(v.field(VerifiedField::Surname).registered, "Шевченко");
    EXPECT_EQ(v.field(VerifiedField::Surname).presented, "Шевченко");
    EXPECT_EQ(v.field(VerifiedField::BirthDate).registered, "1990-01-15");
    EXPECT_EQ(v.field(VerifiedField::DocumentType).presented, "id_card");
    EXPECT_EQ(v.field(VerifiedField::Expiry).presented, "2030-01-15");
}

// --- names (Cyrillic) ------------------------------------------------------------------

TEST(VerifyNames, OneLetterDifferenceIsAMismatch) {
    PresentedDocument p = id_card();
    p.given_name = "Олександра";
    const Verification v = verify(registration(), p, kToday);
    EXPECT_EQ(v.verdict, Verdict::Mismatch);
    const FieldCheck& given = v.field(VerifiedField::GivenName);
    EXPECT_EQ(given.status, FieldStatus::Mismatch);
    EXPECT_EQ(given.reason, field_reason("verification.different", "given_name"));
    EXPECT_EQ(given.registered, "Олександр");
    EXPECT_EQ(given.presented, "Олександра");
    EXPECT_TRUE(v.problems.empty());  // a field mismatch is not repeated as a verdict problem

    p = id_card();
    p.surname = "Шевчеко";
    EXPECT_EQ(verify(registration(), p, kToday).field(VerifiedField::Surname).status,
              FieldStatus::Mismatch);
}

TEST(VerifyNames, CaseSpacesApostrophesAndHyphensMatchAfterNormalisation) {
    Registration r = registration();
    r.surname = "Коваль-Іванова";
    r.given_name = "Мар'яна";
    PresentedDocument p = id_card();
    p.surname = "КОВАЛЬ–ІВАНОВА";  // upper case, en dash
    p.given_name = " Мар’яна ";    // typographic apostrophe, spaces
    const Verification v = verify(r, p, kToday);
    EXPECT_EQ(v.verdict, Verdict::Match);
    EXPECT_EQ(v.field(VerifiedField::Surname).status, FieldStatus::MatchAfterNormalization);
    EXPECT_EQ(v.field(VerifiedField::Surname).reason,
              field_reason("verification.normalized", "surname"));
    EXPECT_EQ(v.field(VerifiedField::GivenName).status, FieldStatus::MatchAfterNormalization);
    EXPECT_EQ(v.field(VerifiedField::GivenName).reason,
              field_reason("verification.normalized", "given_name"));
}

TEST(VerifyNames, LatinLookAlikeInsideACyrillicNameIsAMismatch) {
    PresentedDocument p = id_card();
    p.surname = "Шевчeнко";  // Latin 'e'
    const Verification v = verify(registration(), p, kToday);
    EXPECT_EQ(v.field(VerifiedField::Surname).status, FieldStatus::Mismatch);
    EXPECT_EQ(v.verdict, Verdict::Mismatch);
}

TEST(VerifyNames, MissingOrHostileNamesNeverMatch) {
    PresentedDocument p = id_card();
    p.surname = "";
    Verification v = verify(registration(), p, kToday);
    EXPECT_EQ(v.field(VerifiedField::Surname).status, FieldStatus::Mismatch);
    EXPECT_EQ(v.field(VerifiedField::Surname).reason, missing("surname", "presented"));
    EXPECT_EQ(v.verdict, Verdict::Mismatch);

    Registration r = registration();
    r.given_name = "  ";
    p = id_card();
    p.given_name = "";
    v = verify(r, p, kToday);
    EXPECT_EQ(v.field(VerifiedField::GivenName).reason, missing("given_name", "both"));
    EXPECT_EQ(v.verdict, Verdict::Mismatch);

    // Invalid UTF-8 never matches, not even itself, in either script mode.
    for (const bool latin : {false, true}) {
        r = registration();
        r.surname = "\xFF\xFE";
        p = id_card();
        p.surname = "\xFF\xFE";
        p.latin_names = latin;
        v = verify(r, p, kToday);
        EXPECT_EQ(v.field(VerifiedField::Surname).status, FieldStatus::Mismatch) << latin;
    }

    p = id_card();
    p.surname = std::string("Шевченко\0", 17);  // a NUL byte after the name
    EXPECT_EQ(verify(registration(), p, kToday).field(VerifiedField::Surname).status,
              FieldStatus::Mismatch);

    p = id_card();
    p.surname = std::string(1'000'000, 'A');
    EXPECT_EQ(verify(registration(), p, kToday).verdict, Verdict::Mismatch);
}

// --- names (Latin) -------------------------------------------------------------------

PresentedDocument foreign_passport() {
    PresentedDocument p;
    p.document_type = DocumentType::ForeignPassport;
    p.document_number = "EK123456";
    p.surname = "SHEVCHENKO";
    p.given_name = "OLEKSANDR";
    p.birth_date = kBirth;
    p.expiry_date = ymd(2030, 1, 15);
    p.latin_names = true;
    return p;
}

Registration passport_registration() {
    Registration r = registration();
    r.document_type = DocumentType::ForeignPassport;
    r.document_number = "EK123456";
    return r;
}

TEST(VerifyLatinNames, TransliterationMatches) {
    const Verification v = verify(passport_registration(), foreign_passport(), kToday);
    EXPECT_EQ(v.verdict, Verdict::Match);
    const FieldCheck& surname = v.field(VerifiedField::Surname);
    EXPECT_EQ(surname.status, FieldStatus::MatchAfterNormalization);
    EXPECT_EQ(surname.reason, Problem("verification.transliterated",
                                      {{"field", "surname"}, {"transliteration", "SHEVCHENKO"}}));
    EXPECT_EQ(v.field(VerifiedField::GivenName).status, FieldStatus::MatchAfterNormalization);
    EXPECT_EQ(v.field(VerifiedField::Patronymic).status, FieldStatus::NotComparable);
    EXPECT_EQ(v.field(VerifiedField::Patronymic).reason, missing("patronymic", "presented"));
    EXPECT_EQ(v.field(VerifiedField::Rnokpp).status, FieldStatus::NotComparable);
}

TEST(VerifyLatinNames, CaseAndSeparatorsDoNotMatter) {
    Registration r = passport_registration();
    r.surname = "Коваль-Іванова";
    r.given_name = "Мар'яна";
    for (const char* surname : {"KOVAL<IVANOVA", "KOVAL IVANOVA", "koval-ivanova",
                                "Koval - Ivanova", " KOVAL<<IVANOVA<"}) {
        PresentedDocument p = foreign_passport();
        p.surname = surname;
        p.given_name = "Mariana";
        const Verification v = verify(r, p, kToday);
        EXPECT_EQ(v.field(VerifiedField::Surname).status, FieldStatus::MatchAfterNormalization)
            << surname;
        EXPECT_EQ(v.field(VerifiedField::GivenName).status, FieldStatus::MatchAfterNormalization);
        EXPECT_EQ(v.verdict, Verdict::Match) << surname;
    }
}

TEST(VerifyLatinNames, AWrongLetterOrAMissingSeparatorFails) {
    Registration r = passport_registration();
    r.surname = "Коваль-Іванова";
    for (const char* surname :
         {"KOVAL<IVANOVO", "KOVALIVANOVA", "KOVAL", "KOVALʼ<IVANOVA", "КОВАЛЬ-ІВАНОВА"}) {
        PresentedDocument p = foreign_passport();
        p.surname = surname;
        const Verification v = verify(r, p, kToday);
        const FieldCheck& check = v.field(VerifiedField::Surname);
        EXPECT_EQ(check.status, FieldStatus::Mismatch) << surname;
        EXPECT_EQ(check.reason,
                  Problem("verification.transliteration_different",
                          {{"field", "surname"}, {"transliteration", "KOVAL<IVANOVA"}}))
            << surname;
        EXPECT_EQ(v.verdict, Verdict::Mismatch) << surname;
    }
    PresentedDocument p = foreign_passport();
    p.given_name = "OLEKSANDRA";
    EXPECT_EQ(verify(passport_registration(), p, kToday).field(VerifiedField::GivenName).status,
              FieldStatus::Mismatch);
}

TEST(VerifyLatinNames, OfficialTransliterationRulesApply) {
    Registration r = passport_registration();
    r.surname = "Згурська";
    r.given_name = "Юлія";
    PresentedDocument p = foreign_passport();
    p.surname = "ZGHURSKA";
    p.given_name = "YULIIA";
    EXPECT_EQ(verify(r, p, kToday).verdict, Verdict::Match);
    p.surname = "ZHURSKA";  // "зг" must be "zgh"
    EXPECT_EQ(verify(r, p, kToday).verdict, Verdict::Mismatch);
    p.surname = "ZGHURSKA";
    p.given_name = "IULIIA";  // Ю at the start of a word is "Yu"
    EXPECT_EQ(verify(r, p, kToday).verdict, Verdict::Mismatch);
}

TEST(VerifyLatinNames, PatronymicsInLatinAreComparedToo) {
    Registration r = passport_registration();
    PresentedDocument p = foreign_passport();
    p.patronymic = "PETROVYCH";
    EXPECT_EQ(verify(r, p, kToday).field(VerifiedField::Patronymic).status,
              FieldStatus::MatchAfterNormalization);
    p.patronymic = "PETROVICH";
    EXPECT_EQ(verify(r, p, kToday).field(VerifiedField::Patronymic).status, FieldStatus::Mismatch);
}

// --- document type and number ------------------------------------------------------

TEST(VerifyDocument, LookAlikeLettersInTheNumberMatchAfterNormalisation) {
    Registration r = registration();
    r.document_type = DocumentType::PassportBook;
    r.document_number = "ВВ123456";
    for (const char* number : {"BB123456", "вв 123456", "Вb-123456"}) {
        PresentedDocument p = id_card();
        p.document_type = DocumentType::PassportBook;
        p.document_number = number;
        p.expiry_date.reset();
        const Verification v = verify(r, p, kToday);
        EXPECT_EQ(v.field(VerifiedField::DocumentNumber).status,
                  FieldStatus::MatchAfterNormalization)
            << number;
        EXPECT_EQ(v.field(VerifiedField::DocumentNumber).reason,
                  field_reason("verification.normalized", "document_number"));
        EXPECT_EQ(v.verdict, Verdict::Match) << number;
    }
    PresentedDocument p = id_card();
    p.document_type = DocumentType::PassportBook;
    p.document_number = "ВВ123456";
    EXPECT_EQ(verify(r, p, kToday).field(VerifiedField::DocumentNumber).status, FieldStatus::Match);
    for (const char* number : {"ВВ123457", "ВС123456", "ВВ12345", "", "   "}) {
        p.document_number = number;
        const Verification v = verify(r, p, kToday);
        EXPECT_EQ(v.field(VerifiedField::DocumentNumber).status, FieldStatus::Mismatch) << number;
        EXPECT_EQ(v.verdict, Verdict::Mismatch) << number;
    }
    p.document_number = "";
    EXPECT_EQ(verify(r, p, kToday).field(VerifiedField::DocumentNumber).reason,
              missing("document_number", "presented"));
}

TEST(VerifyDocument, AnotherDocumentTypeIsAMismatch) {
    PresentedDocument p = id_card();
    p.document_type = DocumentType::DrivingLicence;
    const Verification v = verify(registration(), p, kToday);
    const FieldCheck& type = v.field(VerifiedField::DocumentType);
    EXPECT_EQ(type.status, FieldStatus::Mismatch);
    EXPECT_EQ(type.registered, "id_card");
    EXPECT_EQ(type.presented, "driving_licence");
    EXPECT_EQ(type.reason, field_reason("verification.different", "document_type"));
    EXPECT_EQ(v.field(VerifiedField::DocumentNumber).status, FieldStatus::Match);
    EXPECT_EQ(v.verdict, Verdict::Mismatch);
}

// --- dates --------------------------------------------------------------------------

TEST(VerifyDates, ExpiredByOneDayFailsExpiringTodayPasses) {
    PresentedDocument p = id_card();
    p.expiry_date = kToday;
    Verification v = verify(registration(), p, kToday);
    EXPECT_EQ(v.field(VerifiedField::Expiry).status, FieldStatus::Match);
    EXPECT_EQ(v.verdict, Verdict::Match);

    p.expiry_date = ymd(2025, 5, 31);
    v = verify(registration(), p, kToday);
    EXPECT_EQ(v.verdict, Verdict::Mismatch);
    const Problem expired("document.expired", {{"expiry", "2025-05-31"}});
    ASSERT_EQ(v.problems.size(), 1u);
    EXPECT_EQ(v.problems[0], expired);
    EXPECT_EQ(v.field(VerifiedField::Expiry).status, FieldStatus::Mismatch);
    EXPECT_EQ(v.field(VerifiedField::Expiry).reason, expired);
    EXPECT_EQ(v.field(VerifiedField::Expiry).presented, "2025-05-31");
}

TEST(VerifyDates, NoExpiryIsNotComparable) {
    PresentedDocument p = id_card();
    p.expiry_date.reset();
    const Verification v = verify(registration(), p, kToday);
    EXPECT_EQ(v.field(VerifiedField::Expiry).status, FieldStatus::NotComparable);
    EXPECT_EQ(v.field(VerifiedField::Expiry).reason, missing("expiry", "presented"));
    EXPECT_EQ(v.verdict, Verdict::Match);

    p.expiry_date = Date{};  // not a date at all
    EXPECT_EQ(verify(registration(), p, kToday).verdict, Verdict::Mismatch);
}

TEST(VerifyDates, BirthDateOneDayOffIsAMismatch) {
    PresentedDocument p = id_card();
    p.birth_date = ymd(1990, 1, 16);
    Verification v = verify(registration(), p, kToday);
    EXPECT_EQ(v.field(VerifiedField::BirthDate).status, FieldStatus::Mismatch);
    EXPECT_EQ(v.field(VerifiedField::BirthDate).reason,
              field_reason("verification.different", "birth_date"));
    EXPECT_EQ(v.verdict, Verdict::Mismatch);

    p.birth_date = Date{};
    v = verify(registration(), p, kToday);
    EXPECT_EQ(v.field(VerifiedField::BirthDate).reason, missing("birth_date", "presented"));
    EXPECT_EQ(v.verdict, Verdict::Mismatch);
}

// --- RNOKPP -------------------------------------------------------------------------

TEST(VerifyRnokpp, RegisteredRnokppContradictingTheBirthDateFails) {
    Registration r = registration();
    r.rnokpp = compose_rnokpp(ymd(1990, 1, 16), 123, Sex::Male);
    PresentedDocument p = id_card();
    p.rnokpp = r.rnokpp;
    const Verification v = verify(r, p, kToday);
    EXPECT_EQ(v.field(VerifiedField::Rnokpp).status, FieldStatus::Match);
    EXPECT_TRUE(has_problem(v, "rnokpp.birth_date_mismatch"));
    EXPECT_EQ(v.verdict, Verdict::Mismatch);
}

TEST(VerifyRnokpp, InvalidRegisteredRnokppFails) {
    Registration r = registration();
    std::string broken = *r.rnokpp;
    broken[9] = broken[9] == '9' ? '0' : static_cast<char>(broken[9] + 1);
    r.rnokpp = broken;
    PresentedDocument p = id_card();
    p.rnokpp.reset();
    const Verification v = verify(r, p, kToday);
    EXPECT_TRUE(has_problem(v, "rnokpp.check_digit"));
    EXPECT_EQ(v.verdict, Verdict::Mismatch);
}

TEST(VerifyRnokpp, PresentedRnokppThatDiffersIsAMismatch) {
    PresentedDocument p = id_card();
    p.rnokpp = compose_rnokpp(kBirth, 124, Sex::Male);
    Verification v = verify(registration(), p, kToday);
    EXPECT_EQ(v.field(VerifiedField::Rnokpp).status, FieldStatus::Mismatch);
    EXPECT_EQ(v.field(VerifiedField::Rnokpp).reason,
              field_reason("verification.different", "rnokpp"));
    EXPECT_EQ(v.verdict, Verdict::Mismatch);

    p.rnokpp = " " + *registration().rnokpp + " ";
    v = verify(registration(), p, kToday);
    EXPECT_EQ(v.field(VerifiedField::Rnokpp).status, FieldStatus::MatchAfterNormalization);
    EXPECT_EQ(v.verdict, Verdict::Match);
}

TEST(VerifyRnokpp, AbsentOnOneSideIsNotComparable) {
    PresentedDocument p = id_card();
    p.rnokpp.reset();
    Verification v = verify(registration(), p, kToday);
    EXPECT_EQ(v.field(VerifiedField::Rnokpp).status, FieldStatus::NotComparable);
    EXPECT_EQ(v.field(VerifiedField::Rnokpp).reason, missing("rnokpp", "presented"));
    EXPECT_EQ(v.verdict, Verdict::Match);

    Registration r = registration();
    r.rnokpp.reset();
    r.has_no_rnokpp = true;
    v = verify(r, p, kToday);
    EXPECT_EQ(v.field(VerifiedField::Rnokpp).reason, missing("rnokpp", "both"));
    EXPECT_EQ(v.verdict, Verdict::Match);
}

TEST(VerifyRnokpp, DeclaredNoneButTheDocumentShowsOneFails) {
    Registration r = registration();
    r.rnokpp.reset();
    r.has_no_rnokpp = true;
    const Verification v = verify(r, id_card(), kToday);
    EXPECT_EQ(v.field(VerifiedField::Rnokpp).status, FieldStatus::Mismatch);
    EXPECT_EQ(v.field(VerifiedField::Rnokpp).reason,
              field_reason("verification.rnokpp_declared_absent", "rnokpp"));
    EXPECT_EQ(v.verdict, Verdict::Mismatch);

    r.has_no_rnokpp = false;  // simply not registered: shown, not a failure
    EXPECT_EQ(verify(r, id_card(), kToday).field(VerifiedField::Rnokpp).status,
              FieldStatus::NotComparable);
}

// --- patronymic ---------------------------------------------------------------------

// A Cyrillic document (ID card, passport book, driving licence, residence permit typed by
// the clerk) shows the patronymic when the person has one, and the booking must hold the
// visitor's exact data (PRODUCT.md rule 6). So a patronymic on one side only is a
// mismatch: this used to be NotComparable with a Match verdict, which let a booking made
// without the patronymic pass for a document that has one (and the other way round).
TEST(VerifyPatronymic, CyrillicDocumentMissingOnOneSideIsAMismatch) {
    PresentedDocument p = id_card();
    p.patronymic.reset();
    Verification v = verify(registration(), p, kToday);
    EXPECT_EQ(v.field(VerifiedField::Patronymic).status, FieldStatus::Mismatch);
    EXPECT_EQ(v.field(VerifiedField::Patronymic).reason, missing("patronymic", "presented"));
    EXPECT_EQ(v.field(VerifiedField::Patronymic).registered, "Петрович");
    EXPECT_EQ(v.field(VerifiedField::Patronymic).presented, "");
    EXPECT_EQ(v.verdict, Verdict::Mismatch);

    Registration r = registration();
    r.patronymic = "";
    v = verify(r, id_card(), kToday);
    EXPECT_EQ(v.field(VerifiedField::Patronymic).status, FieldStatus::Mismatch);
    EXPECT_EQ(v.field(VerifiedField::Patronymic).reason, missing("patronymic", "registered"));
    EXPECT_EQ(v.verdict, Verdict::Mismatch);

    // Blank (spaces only) is absent, on either side; nullopt and "" are the same.
    r.patronymic = " \t ";
    EXPECT_EQ(verify(r, id_card(), kToday).field(VerifiedField::Patronymic).reason,
              missing("patronymic", "registered"));
    r.patronymic.reset();
    EXPECT_EQ(verify(r, id_card(), kToday).field(VerifiedField::Patronymic).status,
              FieldStatus::Mismatch);
    p = id_card();
    p.patronymic = "  ";
    v = verify(registration(), p, kToday);
    EXPECT_EQ(v.field(VerifiedField::Patronymic).reason, missing("patronymic", "presented"));
    EXPECT_EQ(v.verdict, Verdict::Mismatch);
}

TEST(VerifyPatronymic, EveryCyrillicDocumentTypeRequiresIt) {
    for (const DocumentType type : {DocumentType::IdCard, DocumentType::PassportBook,
                                    DocumentType::DrivingLicence, DocumentType::ResidencePermit}) {
        Registration r = registration();
        r.document_type = type;
        PresentedDocument p = id_card();
        p.document_type = type;
        p.document_number = r.document_number;
        p.patronymic.reset();
        const Verification v = verify(r, p, kToday);
        EXPECT_EQ(v.field(VerifiedField::Patronymic).status, FieldStatus::Mismatch)
            << document_type_id(type);
        EXPECT_EQ(v.verdict, Verdict::Mismatch) << document_type_id(type);
        // The same document with the patronymic passes: the absence alone refused it.
        p.patronymic = r.patronymic;
        EXPECT_EQ(verify(r, p, kToday).verdict, Verdict::Match) << document_type_id(type);
    }
}

TEST(VerifyPatronymic, AbsentOnBothSidesIsAPersonWithout) {
    Registration r = registration();
    r.patronymic.reset();
    PresentedDocument p = id_card();
    p.patronymic = "";
    const Verification v = verify(r, p, kToday);
    EXPECT_EQ(v.field(VerifiedField::Patronymic).status, FieldStatus::NotComparable);
    EXPECT_EQ(v.field(VerifiedField::Patronymic).reason, missing("patronymic", "both"));
    EXPECT_EQ(v.verdict, Verdict::Match);
}

TEST(VerifyPatronymic, LatinDocumentWithoutPatronymicIsNotComparable) {
    // A passport or an MRZ never shows a patronymic: its absence says nothing.
    Registration r = passport_registration();
    PresentedDocument p = foreign_passport();
    p.patronymic.reset();
    Verification v = verify(r, p, kToday);
    EXPECT_EQ(v.field(VerifiedField::Patronymic).status, FieldStatus::NotComparable);
    EXPECT_EQ(v.field(VerifiedField::Patronymic).reason, missing("patronymic", "presented"));
    EXPECT_EQ(v.verdict, Verdict::Match);

    // Latin names decide, not the document type: an ID card read from its MRZ is Latin too.
    Registration card = registration();
    PresentedDocument card_latin = id_card();
    card_latin.surname = "SHEVCHENKO";
    card_latin.given_name = "OLEKSANDR";
    card_latin.patronymic.reset();
    card_latin.latin_names = true;
    v = verify(card, card_latin, kToday);
    EXPECT_EQ(v.field(VerifiedField::Patronymic).status, FieldStatus::NotComparable);
    EXPECT_EQ(v.verdict, Verdict::Match);

    // The registered side empty and a Latin patronymic presented: not comparable either.
    r.patronymic.reset();
    p.patronymic = "PETROVYCH";
    v = verify(r, p, kToday);
    EXPECT_EQ(v.field(VerifiedField::Patronymic).status, FieldStatus::NotComparable);
    EXPECT_EQ(v.field(VerifiedField::Patronymic).reason, missing("patronymic", "registered"));
    EXPECT_EQ(v.verdict, Verdict::Match);
}

TEST(VerifyPatronymic, BothPresentAreComparedAsNames) {
    PresentedDocument p = id_card();
    p.patronymic = "Петрівна";
    Verification v = verify(registration(), p, kToday);
    EXPECT_EQ(v.field(VerifiedField::Patronymic).status, FieldStatus::Mismatch);
    EXPECT_EQ(v.field(VerifiedField::Patronymic).reason,
              field_reason("verification.different", "patronymic"));
    EXPECT_EQ(v.verdict, Verdict::Mismatch);

    p.patronymic = "петрович";
    EXPECT_EQ(verify(registration(), p, kToday).field(VerifiedField::Patronymic).status,
              FieldStatus::MatchAfterNormalization);

    p.patronymic = "Петрович\xFF";  // invalid UTF-8 never matches
    EXPECT_EQ(verify(registration(), p, kToday).field(VerifiedField::Patronymic).status,
              FieldStatus::Mismatch);
}

// --- MRZ ------------------------------------------------------------------------------

// The passport of the registered person (TD3), check digits right.
std::string td3_text(const std::string& number9, const std::string& expiry) {
    synthetic::Td3 passport;
    passport.name = "SHEVCHENKO<<OLEKSANDR";
    passport.number = number9;
    passport.expiry = expiry;
    return passport.text();
}

// The ID card of the registered person (TD1), check digits right.
std::string td1_text(const std::string& state, const std::string& optional1,
                     const std::string& birth = "900115") {
    synthetic::Td1 card;
    card.state = state;
    card.optional = optional1;
    card.birth = birth;
    card.sex = 'M';
    card.name = "SHEVCHENKO<<OLEKSANDR";
    return card.text();
}

TEST(VerifyFromMrz, PassportMrzAgainstARegistration) {
    const Result<MrzReading> reading = read_mrz(td3_text("EK123456<", "300115"), kToday);
    ASSERT_TRUE(reading.ok());
    ASSERT_TRUE(reading->problems.empty());
    const Result<PresentedDocument> p = presented_document_from_mrz(reading->mrz);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->document_type, DocumentType::ForeignPassport);
    EXPECT_EQ(p->document_number, "EK123456");
    EXPECT_EQ(p->surname, "SHEVCHENKO");
    EXPECT_EQ(p->given_name, "OLEKSANDR");
    EXPECT_FALSE(p->patronymic.has_value());
    EXPECT_EQ(p->birth_date, kBirth);
    EXPECT_EQ(p->expiry_date, ymd(2030, 1, 15));
    EXPECT_FALSE(p->rnokpp.has_value());
    EXPECT_TRUE(p->latin_names);

    Registration r = passport_registration();
    Verification v = verify(r, *p, kToday, reading->problems);
    EXPECT_EQ(v.verdict, Verdict::Match);
    EXPECT_EQ(v.field(VerifiedField::Surname).status, FieldStatus::MatchAfterNormalization);

    r.document_number = "ЕК123456";  // registered with Cyrillic look-alikes
    v = verify(r, *p, kToday, reading->problems);
    EXPECT_EQ(v.field(VerifiedField::DocumentNumber).status, FieldStatus::MatchAfterNormalization);
    EXPECT_EQ(v.verdict, Verdict::Match);
}

TEST(VerifyFromMrz, CheckDigitProblemsRefuseWithThoseProblemsListed) {
    std::string text = td3_text("EK123456<", "300115");
    text[45 + 9] = text[45 + 9] == '9' ? '0' : static_cast<char>(text[45 + 9] + 1);
    const Result<MrzReading> reading = read_mrz(text, kToday);
    ASSERT_TRUE(reading.ok());
    ASSERT_EQ(reading->problems.size(), 2u);  // number and composite
    const Result<PresentedDocument> p = presented_document_from_mrz(reading->mrz);
    ASSERT_TRUE(p.ok());
    const Verification v = verify(passport_registration(), *p, kToday, reading->problems);
    EXPECT_EQ(v.verdict, Verdict::Mismatch);
    EXPECT_EQ(v.problems, reading->problems);
    for (const FieldCheck& check : v.fields) EXPECT_NE(check.status, FieldStatus::Mismatch);
}

TEST(VerifyFromMrz, ExpiredPassportFromMrz) {
    const Result<MrzReading> reading = read_mrz(td3_text("EK123456<", "250531"), kToday);
    ASSERT_TRUE(reading.ok());
    const Verification v =
        verify(passport_registration(), *presented_document_from_mrz(reading->mrz), kToday);
    EXPECT_EQ(v.verdict, Verdict::Mismatch);
    EXPECT_TRUE(has_problem(v, "document.expired"));
}

TEST(VerifyFromMrz, UkrainianIdCardRnokppFromOptionalData) {
    const std::string rnokpp = compose_rnokpp(kBirth, 123, Sex::Male);
    Result<MrzReading> reading = read_mrz(td1_text("UKR", rnokpp), kToday);
    ASSERT_TRUE(reading.ok());
    ASSERT_TRUE(reading->problems.empty());
    Result<PresentedDocument> p = presented_document_from_mrz(reading->mrz);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->document_type, DocumentType::IdCard);
    EXPECT_EQ(p->document_number, "001234567");
    EXPECT_EQ(p->rnokpp, rnokpp);
    const Verification v = verify(registration(), *p, kToday, reading->problems);
    EXPECT_EQ(v.field(VerifiedField::Rnokpp).status, FieldStatus::Match);
    EXPECT_EQ(v.verdict, Verdict::Match);

    // A record number (13 digits), a 10-digit value with a wrong check digit, another state.
    std::string wrong = rnokpp;
    wrong[9] = wrong[9] == '9' ? '0' : static_cast<char>(wrong[9] + 1);
    for (const auto& [state, optional] : std::vector<std::pair<std::string, std::string>>{
             {"UKR", "1990011501234"}, {"UKR", wrong}, {"UKR", ""}, {"UTO", rnokpp}}) {
        reading = read_mrz(td1_text(state, optional), kToday);
        ASSERT_TRUE(reading.ok()) << state << optional;
        p = presented_document_from_mrz(reading->mrz);
        ASSERT_TRUE(p.ok());
        EXPECT_FALSE(p->rnokpp.has_value()) << state << " " << optional;
    }
}

TEST(VerifyFromMrz, NoDocumentWithoutABirthDate) {
    const Result<MrzReading> reading = read_mrz(td1_text("UKR", "", "901332"), kToday);
    ASSERT_TRUE(reading.ok());
    ASSERT_EQ(reading->problems.size(), 1u);
    const Result<PresentedDocument> p = presented_document_from_mrz(reading->mrz);
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.problem(), Problem("mrz.date", {{"line", "2"}, {"field", "birth_date"}}));
}

// --- legal entities and identifiers ---------------------------------------------------

TEST(Verify, LegalEntityRepresentativeIsCheckedAsAPerson) {
    Registration r = registration();
    r.kind = RegistrantKind::LegalEntityRepresentative;
    r.legal_entity = LegalEntity{compose_edrpou(1234567), "ТОВ «Черга»"};
    EXPECT_EQ(verify(r, id_card(), kToday).verdict, Verdict::Match);
    PresentedDocument p = id_card();
    p.surname = "Шевчук";
    EXPECT_EQ(verify(r, p, kToday).verdict, Verdict::Mismatch);
}

TEST(Verify, StableIdentifiers) {
    EXPECT_EQ(verified_field_id(VerifiedField::DocumentType), "document_type");
    EXPECT_EQ(verified_field_id(VerifiedField::DocumentNumber), "document_number");
    EXPECT_EQ(verified_field_id(VerifiedField::Surname), "surname");
    EXPECT_EQ(verified_field_id(VerifiedField::GivenName), "given_name");
    EXPECT_EQ(verified_field_id(VerifiedField::Patronymic), "patronymic");
    EXPECT_EQ(verified_field_id(VerifiedField::BirthDate), "birth_date");
    EXPECT_EQ(verified_field_id(VerifiedField::Rnokpp), "rnokpp");
    EXPECT_EQ(verified_field_id(VerifiedField::Expiry), "expiry");
    EXPECT_EQ(field_status_id(FieldStatus::Match), "match");
    EXPECT_EQ(field_status_id(FieldStatus::MatchAfterNormalization), "match_after_normalization");
    EXPECT_EQ(field_status_id(FieldStatus::Mismatch), "mismatch");
    EXPECT_EQ(field_status_id(FieldStatus::NotComparable), "not_comparable");
    EXPECT_EQ(verdict_id(Verdict::Match), "match");
    EXPECT_EQ(verdict_id(Verdict::Mismatch), "mismatch");
    EXPECT_EQ(registrant_kind_id(RegistrantKind::NaturalPerson), "natural_person");
    EXPECT_EQ(registrant_kind_id(RegistrantKind::LegalEntityRepresentative),
              "legal_entity_representative");
}

TEST(Verify, FieldOfAnEmptyVerificationIsNotComparable) {
    const Verification empty;
    EXPECT_EQ(empty.verdict, Verdict::Mismatch);
    const FieldCheck& check = empty.field(VerifiedField::Rnokpp);
    EXPECT_EQ(check.field, VerifiedField::Rnokpp);
    EXPECT_EQ(check.status, FieldStatus::NotComparable);
    EXPECT_EQ(empty.field(VerifiedField::Expiry).field, VerifiedField::Expiry);
}

}  // namespace
}  // namespace cherha::core
