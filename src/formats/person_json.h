// JSON of the personal data the API carries: a booking's registration and the document a visitor
// presents at the window. Reading checks the shape only (types, byte limits, date shapes, enum
// ids); core::check_registration and core::verify judge the content.
//
// Registration JSON:
//   {"kind": "natural_person" | "legal_entity_representative",
//    "surname": "...", "given_name": "...", "patronymic": "..." (optional),
//    "birth_date": "YYYY-MM-DD", "rnokpp": "..." (optional), "no_rnokpp": false (optional),
//    "document": {"type": "id_card" | "passport_book" | "foreign_passport" |
//                         "driving_licence" | "residence_permit", "number": "..."},
//    "legal_entity": {"edrpou": "...", "name": "..."} (representatives)}
// Presented document JSON:
//   {"type", "number", "surname", "given_name", "patronymic"?, "birth_date",
//    "expiry_date"?, "rnokpp"?, "latin_names"?: bool}
//
// Problems: those of json_reader.h; expected values "registrant_kind_id", "document_type_id".
#pragma once

#include <nlohmann/json.hpp>

#include "core/verification/presented_document.h"
#include "core/verification/registration.h"
#include "formats/json_reader.h"

namespace cherha::formats {

// Byte limits of the text fields (the core's character limits are lower; a name of 100 Cyrillic
// characters takes 200 bytes, combining marks take more).
inline constexpr std::size_t kMaxNameBytes = 400;
inline constexpr std::size_t kMaxEntityNameBytes = 800;
inline constexpr std::size_t kMaxNumberBytes = 64;  // RNOKPP, EDRPOU, document numbers

// Reads the fields of a registration object. Problems are recorded in `reader`.
core::Registration read_registration(JsonReader& reader);
// Reads the fields of a presented document object. Problems are recorded in `reader`.
core::PresentedDocument read_presented_document(JsonReader& reader);

// The registration as JSON (the shape read_registration reads). Thread-safe.
nlohmann::json registration_json(const core::Registration& registration);

}  // namespace cherha::formats
