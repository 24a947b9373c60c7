#include "desk/ui/desk_language.h"

#include <wx/intl.h>
#include <wx/translation.h>

#include "text/i18n.h"

namespace cherha::desk::ui {

bool use_language(const std::string& code) {
    const auto language = code == "en" ? text::Language::English : text::Language::Ukrainian;
    const bool shared = text::activate_language(language);
    auto* translations = new wxTranslations();
    translations->SetLanguage(language == text::Language::English ? wxLANGUAGE_ENGLISH
                                                                  : wxLANGUAGE_UKRAINIAN);
    wxTranslations::Set(translations);  // owns it
    const auto dir = text::catalog_dir(language);
    if (!dir) return false;
    wxFileTranslationsLoader::AddCatalogLookupPathPrefix(wxString::FromUTF8(dir->string()));
    return translations->AddCatalog("cherha") && shared;
}

}  // namespace cherha::desk::ui
