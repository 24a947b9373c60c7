// The quota identity keys: the same keys per identity whatever face builds them, and every
// identity a registration carries. Identity numbers are synthetic (compose_rnokpp /
// compose_edrpou).
#include "core/quota/identity_key.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/identity/edrpou.h"
#include "core/identity/rnokpp.h"
#include "core/tickets/ticket_numbering.h"
#include "core/verification/registration_check.h"
#include "support/synthetic_people.h"

namespace cherha::core {
namespace {

Date ymd(int y, unsigned m, unsigned d) {
    return date::year{y} / date::month{m} / date::day{d};
}

const Date kToday = ymd(2025, 6, 1);
const Date kBirth = ymd(1988, 11, 3);

Registration person() {
    synthetic::Person p;
    p.surname = "Коваленко";
    p.given_name = "Ірина";
    p.patronymic.reset();
    p.birth = kBirth;
    p.rnokpp_serial = 42;
    p.sex = Sex::Female;
    p.id_card_number = "004512378";
    return synthetic::registration_of(p);
}

Registration without_rnokpp(DocumentType type, std::string number) {
    Registration r = synthetic::as_without_rnokpp(person());
    r.document_type = type;
    r.document_number = std::move(number);
    return r;
}

Registration representative(int edrpou_first_seven) {
    return synthetic::as_representative(person(), edrpou_first_seven, "ТОВ Ромашка");
}

TEST(QuotaIdentityKey, NaturalPersonWithRnokpp) {
    const Registration r = person();
    ASSERT_TRUE(check_registration(r, kToday).empty());
    EXPECT_EQ(quota_identity_key(r), "rnokpp:" + *r.rnokpp);
    // Surrounding spaces the RNOKPP parser ignores do not change the key.
    Registration spaced = r;
    spaced.rnokpp = " \t" + *r.rnokpp + "\n";
    EXPECT_EQ(quota_identity_key(spaced), quota_identity_key(r));
    // The primary key does not look at the document when there is an RNOKPP.
    Registration other_document = r;
    other_document.document_type = DocumentType::ForeignPassport;
    other_document.document_number = "FX123456";
    EXPECT_EQ(quota_identity_key(other_document), quota_identity_key(r));
    // Another RNOKPP is another identity.
    Registration other = r;
    other.rnokpp = compose_rnokpp(kBirth, 43, Sex::Female);
    EXPECT_NE(quota_identity_key(other), quota_identity_key(r));
}

TEST(QuotaIdentityKey, NaturalPersonWithoutRnokppIsKeyedByDocument) {
    const Registration r = without_rnokpp(DocumentType::PassportBook, "АВ123456");
    ASSERT_TRUE(check_registration(r, kToday).empty());
    EXPECT_EQ(quota_identity_key(r), "doc:passport_book:АВ123456");
    // Latin look-alikes, lower case, spaces and hyphens give the same key.
    for (const char* typed : {"AB123456", "ab 123-456", "аВ123456", "A\u0412 123 456"}) {
        const Registration same = without_rnokpp(DocumentType::PassportBook, typed);
        ASSERT_TRUE(check_registration(same, kToday).empty()) << typed;
        EXPECT_EQ(quota_identity_key(same), quota_identity_key(r)) << typed;
    }
    // An empty RNOKPP string is "not given".
    Registration empty = r;
    empty.rnokpp = "";
    EXPECT_EQ(quota_identity_key(empty), quota_identity_key(r));
}

TEST(QuotaIdentityKey, DocumentKeysOfEachType) {
    EXPECT_EQ(quota_identity_key(without_rnokpp(DocumentType::IdCard, "004512378")),
              "doc:id_card:004512378");
    // The foreign passport's Latin series is folded to Cyrillic like every document key.
    EXPECT_EQ(quota_identity_key(without_rnokpp(DocumentType::ForeignPassport, "fx123456")),
              "doc:foreign_passport:FХ123456");
    EXPECT_EQ(quota_identity_key(without_rnokpp(DocumentType::DrivingLicence, "BXK 123456")),
              "doc:driving_licence:ВХК123456");
    EXPECT_EQ(quota_identity_key(without_rnokpp(DocumentType::ResidencePermit, "IH123456")),
              "doc:residence_permit:ІН123456");
    // The same digits on documents of different types are different identities.
    EXPECT_NE(quota_identity_key(without_rnokpp(DocumentType::IdCard, "123456789")),
              quota_identity_key(without_rnokpp(DocumentType::ResidencePermit, "123456789")));
}

TEST(QuotaIdentityKey, RepresentativeCountsForTheEntity) {
    const Registration r = representative(3456789);
    ASSERT_TRUE(check_registration(r, kToday).empty());
    EXPECT_EQ(quota_identity_key(r), "edrpou:" + compose_edrpou(3456789));
    // Another representative of the same entity: the same key.
    Registration other = representative(3456789);
    other.rnokpp.reset();
    other.has_no_rnokpp = true;
    other.document_type = DocumentType::PassportBook;
    other.document_number = "КМ654321";
    ASSERT_TRUE(check_registration(other, kToday).empty());
    EXPECT_EQ(quota_identity_key(other), quota_identity_key(r));
    Registration spaced = r;
    spaced.legal_entity->edrpou = " " + spaced.legal_entity->edrpou + " ";
    EXPECT_EQ(quota_identity_key(spaced), quota_identity_key(r));
    EXPECT_NE(quota_identity_key(representative(3456788)), quota_identity_key(r));
    // The same person booking for themselves is a different identity.
    EXPECT_EQ(quota_identity_key(person()), "rnokpp:" + *person().rnokpp);
}

TEST(QuotaIdentityKey, KindsNeverCollide) {
    // Digits that could be read as more than one kind still give distinct keys.
    Registration doc = without_rnokpp(DocumentType::IdCard, "123456789");
    Registration rn = person();
    Registration ent = representative(1234567);
    std::set<std::string> keys{quota_identity_key(doc), quota_identity_key(rn),
                               quota_identity_key(ent)};
    EXPECT_EQ(keys.size(), 3u);
    for (const std::string& k : keys) EXPECT_FALSE(k.empty());
}

TEST(QuotaIdentityKey, ViolatedPreconditionGivesNoKey) {
    Registration no_entity = representative(1234567);
    no_entity.legal_entity.reset();
    EXPECT_EQ(quota_identity_key(no_entity), "");
    Registration bad_edrpou = representative(1234567);
    bad_edrpou.legal_entity->edrpou = "1234567";
    EXPECT_EQ(quota_identity_key(bad_edrpou), "");
    Registration bad_rnokpp = person();
    bad_rnokpp.rnokpp = "12345";
    EXPECT_EQ(quota_identity_key(bad_rnokpp), "");
    Registration nul_rnokpp = person();
    nul_rnokpp.rnokpp = std::string(10, '\0');
    EXPECT_EQ(quota_identity_key(nul_rnokpp), "");
    EXPECT_EQ(quota_identity_key(without_rnokpp(DocumentType::IdCard, "")), "");
    EXPECT_EQ(quota_identity_key(without_rnokpp(DocumentType::IdCard, "12345678\xFF")), "");
    EXPECT_EQ(quota_identity_key(without_rnokpp(DocumentType::PassportBook, "AD123456")), "");
    EXPECT_EQ(quota_identity_key(without_rnokpp(static_cast<DocumentType>(42), "123456789")), "");
    EXPECT_EQ(quota_identity_key(without_rnokpp(DocumentType::IdCard, std::string(1 << 20, '1'))),
              "");
    // A kind outside the enum is a natural person.
    Registration odd = person();
    odd.kind = static_cast<RegistrantKind>(9);
    EXPECT_EQ(quota_identity_key(odd), quota_identity_key(person()));
    // A conflicting declaration: a valid RNOKPP wins.
    Registration conflict = person();
    conflict.has_no_rnokpp = true;
    EXPECT_EQ(quota_identity_key(conflict), quota_identity_key(person()));
}

TEST(QuotaIdentityKey, EveryCheckedRegistrationHasAShortKey) {
    int checked = 0;
    for (int year = 1900; year <= 2011; year += 7) {
        const Date birth = date::year{year} / date::month{static_cast<unsigned>(year % 12 + 1)} /
                           date::day{static_cast<unsigned>(year % 28 + 1)};
        Registration r = person();
        r.birth_date = birth;
        r.rnokpp = compose_rnokpp(birth, year % 1000, year % 2 ? Sex::Male : Sex::Female);
        Registration e = representative(year * 997 % 10000000);
        e.birth_date = birth;
        e.rnokpp = r.rnokpp;
        for (const Registration& reg :
             {r, e, without_rnokpp(DocumentType::DrivingLicence, "ЕКХ 000 001")}) {
            ASSERT_TRUE(check_registration(reg, kToday).empty()) << year;
            const std::string key = quota_identity_key(reg);
            EXPECT_FALSE(key.empty());
            EXPECT_LE(key.size(), kMaxTicketKeyBytes);
            ++checked;
        }
    }
    EXPECT_EQ(checked, 48);
}

// --- every key a registration carries (quota_identity_keys) ---------------------------

using Keys = std::vector<std::string>;

TEST(QuotaIdentityKeys, PersonWithRnokppCarriesRnokppAndDocument) {
    const Registration r = person();
    ASSERT_TRUE(check_registration(r, kToday).empty());
    EXPECT_EQ(quota_identity_keys(r), (Keys{"rnokpp:" + *r.rnokpp, "doc:id_card:004512378"}));
    EXPECT_EQ(quota_identity_keys(r).front(), quota_identity_key(r));
    // A conflicting "no RNOKPP" declaration does not drop the valid RNOKPP.
    Registration conflict = r;
    conflict.has_no_rnokpp = true;
    EXPECT_EQ(quota_identity_keys(conflict), quota_identity_keys(r));
}

TEST(QuotaIdentityKeys, SamePersonWithAndWithoutRnokppSharesTheDocumentKey) {
    // The bypass this closes: 4 bookings with the RNOKPP, then 4 more declaring "no RNOKPP"
    // with the same document. Both kinds of registration must carry the document key.
    Registration with = person();
    with.document_type = DocumentType::PassportBook;
    with.document_number = "АВ123456";
    const Registration without = without_rnokpp(DocumentType::PassportBook, "АВ123456");
    ASSERT_TRUE(check_registration(with, kToday).empty());
    ASSERT_TRUE(check_registration(without, kToday).empty());
    const Keys with_keys = quota_identity_keys(with);
    const Keys without_keys = quota_identity_keys(without);
    EXPECT_EQ(with_keys, (Keys{"rnokpp:" + *with.rnokpp, "doc:passport_book:АВ123456"}));
    EXPECT_EQ(without_keys, (Keys{"doc:passport_book:АВ123456"}));
    // The primary keys differ (that was the hole); the document key is shared.
    EXPECT_NE(quota_identity_key(with), quota_identity_key(without));
    EXPECT_EQ(with_keys.back(), without_keys.front());
    // An empty RNOKPP string is "not given": the document key alone.
    Registration empty = with;
    empty.rnokpp = "";
    EXPECT_EQ(quota_identity_keys(empty), without_keys);
    // Another document of the same person shares the RNOKPP key, not the document key.
    Registration other_document = with;
    other_document.document_type = DocumentType::ForeignPassport;
    other_document.document_number = "FX123456";
    const Keys other_keys = quota_identity_keys(other_document);
    ASSERT_EQ(other_keys.size(), 2u);
    EXPECT_EQ(other_keys.front(), with_keys.front());
    EXPECT_NE(other_keys.back(), with_keys.back());
}

TEST(QuotaIdentityKeys, LookAlikeTypedDocumentNumbersGiveTheSameKey) {
    const Keys expected{"doc:passport_book:АВ123456"};
    for (const char* typed :
         {"АВ123456", "AB123456", "ab 123-456", "аВ123456", "A\u0412 123 456", " АВ-123456 "}) {
        const Registration r = without_rnokpp(DocumentType::PassportBook, typed);
        ASSERT_TRUE(check_registration(r, kToday).empty()) << typed;
        EXPECT_EQ(quota_identity_keys(r), expected) << typed;
        Registration with = person();
        with.document_type = DocumentType::PassportBook;
        with.document_number = typed;
        const Keys with_keys = quota_identity_keys(with);
        ASSERT_EQ(with_keys.size(), 2u) << typed;
        EXPECT_EQ(with_keys.back(), expected.front()) << typed;
    }
    // Another number or another type is another document.
    EXPECT_EQ(quota_identity_keys(without_rnokpp(DocumentType::PassportBook, "АВ123457")),
              (Keys{"doc:passport_book:АВ123457"}));
    EXPECT_NE(quota_identity_keys(without_rnokpp(DocumentType::IdCard, "123456789")),
              quota_identity_keys(without_rnokpp(DocumentType::ResidencePermit, "123456789")));
}

TEST(QuotaIdentityKeys, RepresentativeCarriesOnlyTheEntityKey) {
    const Registration r = representative(3456789);
    ASSERT_TRUE(check_registration(r, kToday).empty());
    EXPECT_EQ(quota_identity_keys(r), (Keys{"edrpou:" + compose_edrpou(3456789)}));
    EXPECT_EQ(quota_identity_keys(r).front(), quota_identity_key(r));
    // Without an RNOKPP, with another document: still the entity's one key.
    Registration other = representative(3456789);
    other.rnokpp.reset();
    other.has_no_rnokpp = true;
    other.document_type = DocumentType::PassportBook;
    other.document_number = "КМ654321";
    ASSERT_TRUE(check_registration(other, kToday).empty());
    EXPECT_EQ(quota_identity_keys(other), quota_identity_keys(r));
    // The representative's own RNOKPP or document is not looked at, valid or not.
    Registration odd_personal = r;
    odd_personal.rnokpp = "12345";
    odd_personal.document_number = "";
    EXPECT_EQ(quota_identity_keys(odd_personal), quota_identity_keys(r));
    EXPECT_NE(quota_identity_keys(representative(3456788)), quota_identity_keys(r));
}

TEST(QuotaIdentityKeys, InvalidRegistrationGivesNoKeys) {
    Registration no_entity = representative(1234567);
    no_entity.legal_entity.reset();
    EXPECT_TRUE(quota_identity_keys(no_entity).empty());
    Registration bad_edrpou = representative(1234567);
    bad_edrpou.legal_entity->edrpou = "1234567";
    EXPECT_TRUE(quota_identity_keys(bad_edrpou).empty());
    // An invalid RNOKPP with a valid document: refused, not counted under the document only.
    Registration bad_rnokpp = person();
    bad_rnokpp.rnokpp = "12345";
    EXPECT_TRUE(quota_identity_keys(bad_rnokpp).empty());
    Registration nul_rnokpp = person();
    nul_rnokpp.rnokpp = std::string(10, '\0');
    EXPECT_TRUE(quota_identity_keys(nul_rnokpp).empty());
    // A valid RNOKPP with an invalid document: refused too, although the primary key exists.
    Registration bad_document = person();
    bad_document.document_number = "12345678\xFF";
    EXPECT_FALSE(quota_identity_key(bad_document).empty());
    EXPECT_TRUE(quota_identity_keys(bad_document).empty());
    Registration bad_type = person();
    bad_type.document_type = static_cast<DocumentType>(42);
    EXPECT_TRUE(quota_identity_keys(bad_type).empty());
    Registration no_document = person();
    no_document.document_number = "";
    EXPECT_TRUE(quota_identity_keys(no_document).empty());
    EXPECT_TRUE(quota_identity_keys(without_rnokpp(DocumentType::IdCard, "")).empty());
    EXPECT_TRUE(
        quota_identity_keys(without_rnokpp(DocumentType::PassportBook, "AD123456")).empty());
    EXPECT_TRUE(quota_identity_keys(without_rnokpp(DocumentType::IdCard, std::string(1 << 20, '1')))
                    .empty());
    EXPECT_TRUE(quota_identity_keys(Registration{}).empty());
    // A kind outside the enum is a natural person.
    Registration odd = person();
    odd.kind = static_cast<RegistrantKind>(9);
    EXPECT_EQ(quota_identity_keys(odd), quota_identity_keys(person()));
}

TEST(QuotaIdentityKeys, EveryCheckedRegistrationHasDistinctShortKeysPrimaryFirst) {
    int checked = 0;
    for (int year = 1900; year <= 2011; year += 7) {
        const Date birth = date::year{year} / date::month{static_cast<unsigned>(year % 12 + 1)} /
                           date::day{static_cast<unsigned>(year % 28 + 1)};
        Registration r = person();
        r.birth_date = birth;
        r.rnokpp = compose_rnokpp(birth, year % 1000, year % 2 ? Sex::Male : Sex::Female);
        Registration e = representative(year * 997 % 10000000);
        e.birth_date = birth;
        e.rnokpp = r.rnokpp;
        const Registration d = without_rnokpp(DocumentType::DrivingLicence, "ЕКХ 000 001");
        for (const auto& [reg, count] : {std::pair{r, 2u}, std::pair{e, 1u}, std::pair{d, 1u}}) {
            ASSERT_TRUE(check_registration(reg, kToday).empty()) << year;
            const Keys keys = quota_identity_keys(reg);
            ASSERT_EQ(keys.size(), count) << year;
            EXPECT_EQ(keys.front(), quota_identity_key(reg));
            EXPECT_EQ(std::set<std::string>(keys.begin(), keys.end()).size(), keys.size());
            for (const std::string& key : keys) {
                EXPECT_FALSE(key.empty());
                EXPECT_LE(key.size(), kMaxTicketKeyBytes);
            }
            ++checked;
        }
    }
    EXPECT_EQ(checked, 48);
}

}  // namespace
}  // namespace cherha::core
