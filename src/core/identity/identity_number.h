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
// shape fits. Spaces and hyphens are ignored, case too. Letters are judged as
// parse_document_number does: a passport-book series may contain Latin look-alikes and a
// foreign-passport series Cyrillic look-alikes; when both fit (only look-alike letters),
// a series typed with any Cyrillic letter is a passport book, an all-Latin one a foreign
// passport (so "KB123456" -> foreign passport, "КВ123456" -> passport book). Residence
// permits are never guessed (their shapes are those of the ID card and passport book).
// Thread-safe, pure.
std::optional<IdentityGuess> guess_identity_kind(std::string_view text);

}  // namespace cherha::core
