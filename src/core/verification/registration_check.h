// What the booking page and the terminal check BEFORE a booking is accepted (PRODUCT.md
// rule 6 and "Domain facts"): the personal data of a booking cannot be edited after
// confirmation, so it must be well-formed, self-consistent and identify the visitor (or the
// legal entity) the quotas count for.
//
// Names (surname, given name, patronymic):
//   * well-formed UTF-8, at most kMaxNameCharacters characters (Unicode code points);
//   * letters of ONE script: the Ukrainian Cyrillic alphabet (А-Я with Ґ Є І Ї, without
//     Ё Ъ Ы Э) or Latin (A-Z a-z, Latin-1 letters À-ÿ without x ÷, Latin Extended-A/B
//     U+0100-U+024F without the click letters U+01C0-U+01C3, Latin Extended Additional
//     U+1E00-U+1EFF). Each field is judged on its own: "Kовальчук" (Latin K + Cyrillic) is
//     refused, a Cyrillic surname with a Latin given name is not. A name written in one
//     script is what a document carries; a mixed one is a typo or a look-alike trick and
//     could never be verified at the window;
//   * combining marks are accepted only where they spell a letter of that script in
//     decomposed form: U+0306 after И/и (Й/й) and U+0308 after І/і (Ї/ї); any of
//     U+0300-U+036F after a Latin letter (or another such mark);
//   * separators: apostrophes (every is_apostrophe_variant of core/names/person_name.h),
//     hyphens (every is_hyphen_variant) and the plain space U+0020. A name starts and ends
//     with a letter, and two separators never follow each other ("Коваль-Іванова",
//     "Мар'яна", "Анна Марія" are fine; " Анна", "Анна ", "Анна  Марія", "Коваль - Іванова",
//     "Коваль-", "'Ян" are not). Other white space (tab, NBSP...), digits, punctuation,
//     symbols, emoji and NUL are not name characters.
//
// Problem codes and params (every problem found is returned, in the order listed; each
// name field gives at most one problem of each code):
//   registration.name_required {field}            surname / given name empty or only spaces
//   registration.name_too_long {field, max}       more than max ("100") characters
//   registration.name_invalid {field, position}   first character that is not allowed where
//                                                 it stands (invalid UTF-8, a digit, a symbol,
//                                                 a leading/trailing/doubled separator, Ё...)
//   registration.name_mixed_scripts {field, position}
//                                                 letters of both scripts: position of the
//                                                 first letter of the script with fewer
//                                                 letters (on a tie, of the script that does
//                                                 not start the name): "Kовальчук" -> 1
//     field: "surname", "given_name" or "patronymic"; position: 1-based character position
//     in the text as given (each ill-formed UTF-8 subsequence counts as one character).
//     A patronymic that is nullopt or empty is "none"; one made only of spaces is invalid
//     at position 1.
//   registration.birth_date {reason}              reason "invalid" (not a real day),
//                                                 "future" (after today), "too_old" (before
//                                                 1900-01-01); at most one of these
//   registration.birth_date {reason="too_young", min_age}
//                                                 younger than min_age years on today
//   registration.rnokpp_required {}               no RNOKPP given and has_no_rnokpp false
//   registration.rnokpp_conflict {}               an RNOKPP given and has_no_rnokpp true
//   rnokpp.* (parse_rnokpp's problems)            the given RNOKPP is invalid
//   rnokpp.birth_date_mismatch {rnokpp_date, registered_date}
//                                                 valid RNOKPP, valid birth date, different
//   registration.document_type_invalid {}         document_type outside DocumentType
//   document.* (parse_document_number's problems) the document number is invalid
//   registration.entity_required {}               representative without legal_entity
//   edrpou.* (parse_edrpou's problems)            the legal entity's EDRPOU is invalid
//   registration.entity_name_required {}          entity name empty or only spaces
//   registration.entity_name_too_long {max}       more than max ("200") characters
//   registration.entity_name_invalid {position}   first ill-formed UTF-8 subsequence or
//                                                 control character (C0 incl. NUL, DEL, C1)
//   registration.entity_not_allowed {}            natural person with legal_entity set
//
// "RNOKPP given" means rnokpp holds a non-empty string (nullopt and "" are "not given").
// A person with no RNOKPP is identified by the document type and number (see
// core/quota/identity_key.h), which are required from everybody anyway.
#pragma once

#include <cstddef>
#include <vector>

#include "core/common/civil.h"
#include "core/common/problem.h"
#include "core/verification/registration.h"

namespace cherha::core {

inline constexpr std::size_t kMaxNameCharacters = 100;
inline constexpr std::size_t kMaxEntityNameCharacters = 200;
// Default minimum age for booking a visit alone.
inline constexpr int kDefaultMinimumRegistrantAge = 14;

// Checks a registration before the booking is accepted.
// Needs: `today` = the center's local date (a valid date; if it is not, the checks against
// today, future and too_young, are skipped); any registration, any bytes in
// its strings (1 MB names included). `minimum_age` below 0 is treated as 0, above 150 as
// 150. A person born on 29 February reaches an age on 1 March in common years.
// The kind decides the entity rules; a kind outside RegistrantKind is judged as a natural
// person.
// Guarantees: an empty vector iff the registration satisfies every rule of this header;
// otherwise every problem found (codes above), in the order listed there. Linear in the
// input size. Pure, thread-safe, never throws (except std::bad_alloc).
std::vector<Problem> check_registration(const Registration& registration, Date today,
                                        int minimum_age = kDefaultMinimumRegistrantAge);

}  // namespace cherha::core
