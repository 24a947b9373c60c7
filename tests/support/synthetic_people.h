// Synthetic people for the tests and benchmarks of the core: registrations and the ID cards
// they bring, with identity numbers whose check digits are valid (compose_rnokpp /
// compose_edrpou). No real persons.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "core/common/civil.h"
#include "core/identity/edrpou.h"
#include "core/identity/rnokpp.h"
#include "core/verification/presented_document.h"
#include "core/verification/registration.h"

namespace cherha::core::synthetic {

// A made-up person. The defaults are the one most tests use.
struct Person {
    std::string surname = "Шевченко";
    std::string given_name = "Олександр";
    std::optional<std::string> patronymic = "Петрович";
    Date birth = date::year{1990} / date::month{1} / date::day{15};
    int rnokpp_serial = 123;  // the serial part of the composed RNOKPP (0..9999)
    Sex sex = Sex::Male;
    std::string id_card_number = "001234567";  // 9 digits
};

// The person's RNOKPP, check digit right.
inline std::string rnokpp_of(const Person& p) {
    return compose_rnokpp(p.birth, p.rnokpp_serial, p.sex);
}

// The person booked as a natural person, with an RNOKPP, bringing the ID card.
inline Registration registration_of(const Person& p) {
    Registration r;
    r.kind = RegistrantKind::NaturalPerson;
    r.surname = p.surname;
    r.given_name = p.given_name;
    r.patronymic = p.patronymic;
    r.birth_date = p.birth;
    r.rnokpp = rnokpp_of(p);
    r.document_type = DocumentType::IdCard;
    r.document_number = p.id_card_number;
    return r;
}

// The person's ID card as the clerk types it: the same data as registration_of.
inline PresentedDocument id_card_of(const Person& p, Date expiry) {
    PresentedDocument d;
    d.document_type = DocumentType::IdCard;
    d.document_number = p.id_card_number;
    d.surname = p.surname;
    d.given_name = p.given_name;
    d.patronymic = p.patronymic;
    d.birth_date = p.birth;
    d.expiry_date = expiry;
    d.rnokpp = rnokpp_of(p);
    return d;
}

// `r` booked as the representative of a legal entity whose EDRPOU is composed from
// `edrpou_first_seven` (0..9999999).
inline Registration as_representative(Registration r, int edrpou_first_seven,
                                      std::string entity_name) {
    r.kind = RegistrantKind::LegalEntityRepresentative;
    r.legal_entity = LegalEntity{compose_edrpou(edrpou_first_seven), std::move(entity_name)};
    return r;
}

// `r` declaring that the person has no RNOKPP.
inline Registration as_without_rnokpp(Registration r) {
    r.rnokpp.reset();
    r.has_no_rnokpp = true;
    return r;
}

}  // namespace cherha::core::synthetic
