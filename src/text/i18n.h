// The command line's languages: Ukrainian by default, English on request.
// Strings are English msgids looked up with gettext in the "cherha" domain
// (i18n/uk.po, i18n/en.po, compiled to .mo at build time).
#pragma once

// Marks a string for extraction without translating it where it stands.
#ifndef N_  // wxWidgets defines the same
#define N_(text) text
#endif

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cherha::text {

enum class Language { Ukrainian, English };

// Picks the language: `requested` (--lang) if given, else $CHERHA_LANG, else English when
// $LANGUAGE/$LC_ALL/$LC_MESSAGES/$LANG starts with "en", else Ukrainian.
// nullopt when `requested` or $CHERHA_LANG names a language we do not have.
std::optional<Language> choose_language(std::optional<std::string_view> requested);

// "uk" or "en".
std::string_view language_code(Language language);

// Binds the gettext catalog of `language`. Catalogs are looked up in $CHERHA_LOCALE_DIR, next
// to the executable (build tree or installed tree), then in the install prefix.
// Returns false when no catalog was found (English msgids are then shown).
bool activate_language(Language language);

// The directory holding <code>/LC_MESSAGES/cherha.mo for `language`, searched as above
// (the desk hands it to wxTranslations); nullopt when there is none.
std::optional<std::filesystem::path> catalog_dir(Language language);

// The language last passed to activate_language() (Ukrainian before any call), e.g. to pick
// a service's name_uk or name_en. Not thread-safe against a concurrent activate_language().
Language active_language();

// The translation of `msgid` in the active language.
const char* tr(const char* msgid);
// The plural form for `n` (Ukrainian has three).
const char* trn(const char* singular, const char* plural, unsigned long n);

// Replaces each "{name}" in `text` with its value.
std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace cherha::text
