// The personal data a booking holds: what the visitor entered and confirmed when booking
// (it cannot be edited afterwards) and what the clerk compares the presented document with.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/common/civil.h"
#include "core/identity/document_number.h"

namespace cherha::core {

enum class RegistrantKind {
    NaturalPerson,              // a person booking for themselves
    LegalEntityRepresentative,  // a person booking on behalf of a legal entity
};

// The legal entity a representative acts for.
struct LegalEntity {
    std::string edrpou;  // 8 digits (see core/identity/edrpou.h)
    std::string name;
};

struct Registration {
    RegistrantKind kind = RegistrantKind::NaturalPerson;
    std::string surname;  // Cyrillic as registered (UTF-8)
    std::string given_name;
    std::optional<std::string> patronymic;  // nullopt or empty: none registered
    Date birth_date{};
    std::optional<std::string> rnokpp;                  // 10 digits when the person has one
    bool has_no_rnokpp = false;                         // the person declared having no RNOKPP
    DocumentType document_type = DocumentType::IdCard;  // the document they will bring
    std::string document_number;
    std::optional<LegalEntity> legal_entity;  // set for RegistrantKind::LegalEntityRepresentative
};

// Stable identifiers: "natural_person", "legal_entity_representative".
constexpr std::string_view registrant_kind_id(RegistrantKind kind) {
    return kind == RegistrantKind::NaturalPerson ? "natural_person" : "legal_entity_representative";
}

}  // namespace cherha::core
