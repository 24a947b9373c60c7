// The desk's language: Ukrainian by default, English from the settings. Both the desk's own
// strings (wx's _() through wxTranslations) and the shared problem sentences (text::tr, libc
// gettext) come from the same "cherha" catalogs.
#pragma once

#include <memory>
#include <string>

class wxLocale;

namespace cherha::desk::ui {

// Activates `code` ("uk" or "en"; anything else is Ukrainian). Returns false when the catalog
// was not found (the English msgids are shown then).
bool use_language(const std::string& code);

}  // namespace cherha::desk::ui
