// The demo's made-up people must pass every check a real booking passes.
#include "center/synthetic_identity.h"

#include <gtest/gtest.h>

#include <set>

#include "core/identity/edrpou.h"
#include "core/quota/identity_key.h"
#include "core/verification/registration_check.h"

namespace cherha::center {
namespace {

const core::Date kToday = date::year{2026} / 12 / 7;

std::string problems_of(const core::Registration& r, core::Date today) {
    std::string out;
    for (const auto& p : core::check_registration(r, today)) out += p.code + " ";
    return out;
}

TEST(SyntheticIdentities, PeopleWithRnokppPassTheRegistrationCheck) {
    SyntheticIdentities people(1);
    std::set<std::string> rnokpps, documents;
    for (int i = 0; i < 200; ++i) {
        for (auto type : {core::DocumentType::IdCard, core::DocumentType::PassportBook,
                          core::DocumentType::ForeignPassport, core::DocumentType::DrivingLicence,
                          core::DocumentType::ResidencePermit}) {
            const auto r = people.person(type);
            EXPECT_EQ(problems_of(r, kToday), "")
                << r.surname << " " << *r.rnokpp << " " << r.document_number;
            EXPECT_EQ(r.document_type, type);
            ASSERT_TRUE(r.rnokpp.has_value());
            rnokpps.insert(*r.rnokpp);
            documents.insert(r.document_number);
            EXPECT_FALSE(core::quota_identity_keys(r).empty());
        }
    }
    // The first thousand people of a generator have distinct numbers.
    EXPECT_EQ(rnokpps.size(), 1000u);
    EXPECT_EQ(documents.size(), 1000u);
}

TEST(SyntheticIdentities, TheRnokppEncodesTheBirthDateAndTheSexOfTheName) {
    SyntheticIdentities people(2);
    int men = 0, women = 0;
    for (int i = 0; i < 200; ++i) {
        const auto r = people.person();
        auto rnokpp = core::parse_rnokpp(*r.rnokpp);
        ASSERT_TRUE(rnokpp) << *r.rnokpp << " " << rnokpp.problem().code;
        EXPECT_EQ(rnokpp->birth_date, r.birth_date);
        // The check digit is the core's, for the first nine digits.
        EXPECT_EQ((*r.rnokpp)[9] - '0', core::rnokpp_check_digit(r.rnokpp->substr(0, 9)));
        // A man's patronymic ends in -ич, a woman's in -на.
        const bool male = r.patronymic->ends_with("ич");
        EXPECT_TRUE(male || r.patronymic->ends_with("на")) << *r.patronymic;
        EXPECT_EQ(rnokpp->sex, male ? core::Sex::Male : core::Sex::Female) << r.given_name;
        (male ? men : women)++;
    }
    EXPECT_GT(men, 50);
    EXPECT_GT(women, 50);
}

TEST(SyntheticIdentities, PeopleWithoutRnokppAndRepresentativesAreValidToo) {
    SyntheticIdentities people(3);
    for (int i = 0; i < 200; ++i) {
        const auto without = people.person_without_rnokpp();
        EXPECT_TRUE(without.has_no_rnokpp);
        EXPECT_FALSE(without.rnokpp.has_value());
        EXPECT_EQ(without.document_type, core::DocumentType::PassportBook);
        EXPECT_EQ(problems_of(without, kToday), "") << without.document_number;

        const auto representative = people.representative();
        EXPECT_EQ(representative.kind, core::RegistrantKind::LegalEntityRepresentative);
        ASSERT_TRUE(representative.legal_entity.has_value());
        EXPECT_TRUE(core::parse_edrpou(representative.legal_entity->edrpou))
            << representative.legal_entity->edrpou;
        EXPECT_EQ(problems_of(representative, kToday), "");
        EXPECT_EQ(core::quota_identity_key(representative).rfind("edrpou:", 0), 0u);
    }
}

TEST(SyntheticIdentities, EveryoneIsAnAdultForDecades) {
    SyntheticIdentities people(4);
    const core::Date early = date::year{2019} / 1 / 1;
    const core::Date late = date::year{2099} / 12 / 31;
    for (int i = 0; i < 300; ++i) {
        const auto r = people.person();
        EXPECT_EQ(problems_of(r, early), "");
        EXPECT_EQ(problems_of(r, late), "");
    }
}

TEST(SyntheticIdentities, TheSameSeedGivesTheSamePeople) {
    SyntheticIdentities a(99), b(99), c(100);
    bool any_difference = false;
    for (int i = 0; i < 20; ++i) {
        const auto x = a.person(), y = b.person(), z = c.person();
        EXPECT_EQ(x.surname, y.surname);
        EXPECT_EQ(x.rnokpp, y.rnokpp);
        EXPECT_EQ(x.document_number, y.document_number);
        any_difference = any_difference || x.rnokpp != z.rnokpp || x.surname != z.surname;
    }
    EXPECT_TRUE(any_difference);
}

}  // namespace
}  // namespace cherha::center
