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
// the next letter is also capital ("ЩЕ" -> "SHCHE").  Thread-safe, pure.
std::string transliterate_kmu55(std::string_view utf8);

// The form of a name in an MRZ: transliterated, upper case A-Z, word separators (spaces,
// hyphens) as '<', apostrophes dropped, other characters removed.
// "Мар'яна Коваль-Іванова" -> "MARIANA<KOVAL<IVANOVA"
std::string mrz_name_form(std::string_view utf8);

}  // namespace cherha::core
