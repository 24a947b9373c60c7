#include "formats/person_json.h"

namespace cherha::formats {
namespace {

std::optional<core::RegistrantKind> parse_kind(std::string_view id) {
    if (id == core::registrant_kind_id(core::RegistrantKind::NaturalPerson))
        return core::RegistrantKind::NaturalPerson;
    if (id == core::registrant_kind_id(core::RegistrantKind::LegalEntityRepresentative))
        return core::RegistrantKind::LegalEntityRepresentative;
    return std::nullopt;
}

std::optional<core::DocumentType> parse_document_type(std::string_view id) {
    return core::document_type_from_id(id);
}

}  // namespace

core::Registration read_registration(JsonReader& reader) {
    core::Registration r;
    r.kind = reader.choice("kind", true, "registrant_kind_id", parse_kind)
                 .value_or(core::RegistrantKind::NaturalPerson);
    r.surname = reader.text("surname", kMaxNameBytes, TextRule::Raw);
    r.given_name = reader.text("given_name", kMaxNameBytes, TextRule::Raw);
    r.patronymic = reader.optional_text("patronymic", kMaxNameBytes, TextRule::Raw);
    r.birth_date = reader.date("birth_date", true).value_or(core::Date{});
    r.rnokpp = reader.optional_text("rnokpp", kMaxNumberBytes);
    r.has_no_rnokpp = reader.optional_boolean("no_rnokpp").value_or(false);
    reader.nested("document", true, [&](JsonReader& document) {
        r.document_type = document.choice("type", true, "document_type_id", parse_document_type)
                              .value_or(core::DocumentType::IdCard);
        r.document_number = document.text("number", kMaxNumberBytes);
    });
    reader.nested("legal_entity", false, [&](JsonReader& entity) {
        core::LegalEntity e;
        e.edrpou = entity.text("edrpou", kMaxNumberBytes);
        e.name = entity.text("name", kMaxEntityNameBytes, TextRule::Raw);
        r.legal_entity = std::move(e);
    });
    return r;
}

core::PresentedDocument read_presented_document(JsonReader& reader) {
    core::PresentedDocument d;
    d.document_type = reader.choice("type", true, "document_type_id", parse_document_type)
                          .value_or(core::DocumentType::IdCard);
    d.document_number = reader.text("number", kMaxNumberBytes);
    d.surname = reader.text("surname", kMaxNameBytes, TextRule::Raw);
    d.given_name = reader.text("given_name", kMaxNameBytes, TextRule::Raw);
    d.patronymic = reader.optional_text("patronymic", kMaxNameBytes, TextRule::Raw);
    d.birth_date = reader.date("birth_date", true).value_or(core::Date{});
    d.expiry_date = reader.date("expiry_date", false);
    d.rnokpp = reader.optional_text("rnokpp", kMaxNumberBytes);
    d.latin_names = reader.optional_boolean("latin_names").value_or(false);
    return d;
}

nlohmann::json registration_json(const core::Registration& r) {
    nlohmann::json out = {
        {"kind", core::registrant_kind_id(r.kind)},
        {"surname", r.surname},
        {"given_name", r.given_name},
        {"patronymic", nullptr},
        {"birth_date", core::format_iso_date(r.birth_date)},
        {"rnokpp", nullptr},
        {"no_rnokpp", r.has_no_rnokpp},
        {"document",
         {{"type", core::document_type_id(r.document_type)}, {"number", r.document_number}}},
        {"legal_entity", nullptr},
    };
    if (r.patronymic && !r.patronymic->empty()) out["patronymic"] = *r.patronymic;
    if (r.rnokpp && !r.rnokpp->empty()) out["rnokpp"] = *r.rnokpp;
    if (r.legal_entity)
        out["legal_entity"] = {{"edrpou", r.legal_entity->edrpou}, {"name", r.legal_entity->name}};
    return out;
}

}  // namespace cherha::formats
