// cherha translit TEXT...: the official Ukrainian-to-Latin transliteration (KMU 55/2010).
#include <ostream>

#include "cli/command.h"
#include "cli/commands.h"
#include "text/i18n.h"
#include "core/names/person_name.h"
#include "core/names/transliteration.h"

namespace cherha::cli {

using namespace cherha::text;  // tr, trn, fill, describe_problem
namespace {

int run_translit(const Arguments& args, Io& io) {
    if (args.positional.empty())
        return usage_error(io, "usage.arguments",
                           std::string(tr("Usage:")) + " cherha translit TEXT...");
    std::string text;
    for (const auto& word : args.positional) text += (text.empty() ? "" : " ") + word;
    if (!core::is_valid_utf8(text))
        return usage_error(io, "usage.invalid_utf8", tr("The text is not valid UTF-8."));
    const std::string latin = core::transliterate_kmu55(text);
    const std::string mrz = core::mrz_name_form(text);
    if (io.json) {
        print_json(io, {{"input", text}, {"latin", latin}, {"mrz", mrz}});
    } else {
        io.out << latin << "\n";
        if (args.flag("mrz")) io.out << tr("MRZ form:") << " " << mrz << "\n";
    }
    return kExitOk;
}

}  // namespace

Command translit_command() {
    return {{"translit"},
            "translit TEXT... [--mrz]",
            N_("Transliterate Ukrainian text into Latin letters (KMU resolution 55 of 2010)."),
            {{}, {"mrz"}},
            run_translit};
}

}  // namespace cherha::cli
