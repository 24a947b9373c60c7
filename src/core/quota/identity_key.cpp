#include "core/quota/identity_key.h"

#include <optional>
#include <string_view>
#include <utility>

#include "core/identity/document_number.h"
#include "core/identity/edrpou.h"
#include "core/identity/rnokpp.h"

namespace cherha::core {

namespace {

// The key of the entity a representative books for; "" when it cannot be built.
std::string legal_entity_key(const Registration& registration) {
    if (!registration.legal_entity) return {};
    const Result<Edrpou> edrpou = parse_edrpou(registration.legal_entity->edrpou);
    if (!edrpou) return {};
    return "edrpou:" + edrpou->code;
}

// The RNOKPP key: nullopt when no RNOKPP is given (absent or empty), "" when the given
// one is invalid.
std::optional<std::string> rnokpp_key(const Registration& registration) {
    if (!registration.rnokpp || registration.rnokpp->empty()) return std::nullopt;
    const Result<Rnokpp> rnokpp = parse_rnokpp(*registration.rnokpp);
    if (!rnokpp) return std::string();
    return "rnokpp:" + rnokpp->number;
}

// The document key; "" when the type or the number is invalid.
std::string document_key(const Registration& registration) {
    const std::string_view type = document_type_id(registration.document_type);
    if (type == "unknown") return {};
    if (!parse_document_number(registration.document_type, registration.document_number)) return {};
    return "doc:" + std::string(type) + ":" + document_number_key(registration.document_number);
}

}  // namespace

std::vector<std::string> quota_identity_keys(const Registration& registration) {
    if (registration.kind == RegistrantKind::LegalEntityRepresentative) {
        std::string entity = legal_entity_key(registration);
        if (entity.empty()) return {};
        return {std::move(entity)};
    }
    const std::optional<std::string> rnokpp = rnokpp_key(registration);
    if (rnokpp && rnokpp->empty()) return {};
    std::string document = document_key(registration);
    if (document.empty()) return {};
    std::vector<std::string> keys;
    if (rnokpp) keys.push_back(*rnokpp);
    keys.push_back(std::move(document));
    return keys;
}

std::string quota_identity_key(const Registration& registration) {
    if (registration.kind == RegistrantKind::LegalEntityRepresentative)
        return legal_entity_key(registration);
    if (std::optional<std::string> rnokpp = rnokpp_key(registration)) return *std::move(rnokpp);
    return document_key(registration);
}

}  // namespace cherha::core
