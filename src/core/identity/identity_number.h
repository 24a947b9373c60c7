// Telling which kind of number a person typed (the command line's `id check`, the
// booking form's identity field).
#pragma once

#include <optional>
#include <string_view>

#include "core/identity/document_number.h"

namespace cherha::core {

enum class IdentityKind { Rnokpp, Edrpou, Document };

struct IdentityGuess {
    IdentityKind kind;
    std::optional<DocumentType> document_type;  // set when kind == Document
};

// Guesses by shape only (no check digits): 10 digits -> RNOKPP, 8 digits -> EDRPOU,
// 9 digits -> ID card, 2 Cyrillic letters + 6 digits -> passport book, 2 Latin letters +
// 6 digits -> foreign passport, 3 letters + 6 digits -> driving licence. nullopt when no
// shape fits. Spaces and hyphens are ignored.
std::optional<IdentityGuess> guess_identity_kind(std::string_view text);

}  // namespace cherha::core
