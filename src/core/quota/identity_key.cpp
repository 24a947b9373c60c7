#include "core/quota/identity_key.h"

#include "core/identity/document_number.h"
#include "core/identity/edrpou.h"
#include "core/identity/rnokpp.h"

namespace cherha::core {

std::string quota_identity_key(const Registration& registration) {
    if (registration.kind == RegistrantKind::LegalEntityRepresentative) {
        if (!registration.legal_entity) return {};
        const Result<Edrpou> edrpou = parse_edrpou(registration.legal_entity->edrpou);
        if (!edrpou) return {};
        return "edrpou:" + edrpou->code;
    }
    if (registration.rnokpp && !registration.rnokpp->empty()) {
        const Result<Rnokpp> rnokpp = parse_rnokpp(*registration.rnokpp);
        if (!rnokpp) return {};
        return "rnokpp:" + rnokpp->number;
    }
    const std::string_view type = document_type_id(registration.document_type);
    if (type == "unknown") return {};
    if (!parse_document_number(registration.document_type, registration.document_number)) return {};
    return "doc:" + std::string(type) + ":" + document_number_key(registration.document_number);
}

}  // namespace cherha::core
