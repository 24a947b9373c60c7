// The official Ukrainian-to-Latin transliteration (Cabinet of Ministers of Ukraine
// resolution No. 55 of 27 January 2010), used to compare a Cyrillic registration with
// the Latin name of a passport or its MRZ.
#pragma once

#include <string>
#include <string_view>

namespace cherha::core {

// Transliterates Ukrainian Cyrillic letters; everything else passes through unchanged.
// Є, Ї, Й, Ю, Я are Ye, Yi, Y, Yu, Ya at the start of a word and ie, i, i, iu, ia
// elsewhere; "зг" is "zgh"; Ь and apostrophes are dropped. Case follows the source: a
// capital letter gives a capitalised digraph ("Щ" -> "Shch"), or an all-capital one when
// the next letter is also capital ("ЩЕ" -> "SHCHE"), or, for the last letter of a word,
// when the letter before it is capital ("ЗАЯЦ" -> "ZAIATS").
// A word starts at the start of the text or after a non-letter (space, hyphen, digit...);
// an apostrophe does not start a word ("Мар'яна" -> "Mariana"). The input is put in NFC
// first (a decomposed й reads as й); invalid UTF-8 comes out as U+FFFD. Apostrophes are the
// is_apostrophe_variant set of core/names/person_name.h. Letters of other alphabets
// (Latin, Russian Ы Э Ё Ъ...) pass through unchanged. Thread-safe, pure.
std::string transliterate_kmu55(std::string_view utf8);

// The form of a name in an MRZ: transliterated, upper case A-Z, word separators (spaces,
// hyphens) as '<', apostrophes dropped, other characters removed.
// "Мар'яна Коваль-Іванова" -> "MARIANA<KOVAL<IVANOVA"
// A run of separators gives one '<' and none at either end ("  Коваль -- Іванова " ->
// "KOVAL<IVANOVA"); Latin letters with diacritics lose them ("José" -> "JOSE"); digits and
// letters without an A-Z base are removed. Thread-safe, pure.
std::string mrz_name_form(std::string_view utf8);

}  // namespace cherha::core
