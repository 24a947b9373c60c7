// cherha center show / cherha center set: who and where the center is (its names and address in
// Ukrainian and English), as the citizens' pages and GET /api/v1/services show them. The rest of
// the settings has its own commands (schedule import/export).
#include <ostream>

#include "center/provisioning.h"
#include "cli/center_command.h"
#include "cli/commands.h"
#include "text/i18n.h"

namespace cherha::cli {

using namespace cherha::text;  // tr, fill
namespace {

constexpr const char* kShowSynopsis = "center show [--data DIR]";
constexpr const char* kSetSynopsis =
    "center set [--name-uk NAME] [--name-en NAME] [--address-uk TEXT] [--address-en TEXT] "
    "[--data DIR]";

void print_details(Io& io, const center::CenterSettings& settings) {
    if (io.json) {
        print_json(io, {{"ok", true},
                        {"center_id", settings.center_id},
                        {"name_uk", settings.name_uk},
                        {"name_en", settings.name_en},
                        {"address_uk", settings.address_uk},
                        {"address_en", settings.address_en}});
        return;
    }
    const auto shown = [](const std::string& text) {
        // TRANSLATORS: shown for a name or address the center has not given.
        return text.empty() ? std::string(tr("(none)")) : text;
    };
    print_table(io.out, {{tr("Center:"), std::to_string(settings.center_id)},
                         {tr("Name (Ukrainian):"), shown(settings.name_uk)},
                         {tr("Name (English):"), shown(settings.name_en)},
                         {tr("Address (Ukrainian):"), shown(settings.address_uk)},
                         {tr("Address (English):"), shown(settings.address_en)}});
}

int run_show(const Arguments& args, Io& io) {
    if (!args.positional.empty()) return usage(io, kShowSynopsis);
    int status = kExitOk;
    auto store = open_center_store(io, args, false, status);
    if (!store) return status;
    auto session = store->read();
    if (!session) return refused(io, session.problem());
    auto settings = center::load_settings(**session);
    if (!settings) return refused(io, settings.problem());
    print_details(io, *settings);
    return kExitOk;
}

int run_set(const Arguments& args, Io& io) {
    if (!args.positional.empty()) return usage(io, kSetSynopsis);
    const center::CenterDetailsChange change{args.option("name-uk"), args.option("name-en"),
                                             args.option("address-uk"), args.option("address-en")};
    if (!change.name_uk && !change.name_en && !change.address_uk && !change.address_en)
        return usage(io, kSetSynopsis);
    int status = kExitOk;
    auto store = open_center_store(io, args, false, status);
    if (!store) return status;
    auto settings = center::update_center_details(*store, change, system_now());
    if (!settings) return refused(io, settings.problem());
    if (!io.json)
        io.out << tr("The center's details are saved. A running server shows them within its "
                     "reload_seconds (10 s by default).")
               << "\n";
    print_details(io, *settings);
    return kExitOk;
}

}  // namespace

Command center_show_command() {
    return {{"center", "show"},
            kShowSynopsis,
            N_("Show the center's names and address."),
            {{"data"}, {}},
            run_show};
}

Command center_set_command() {
    return {{"center", "set"},
            kSetSynopsis,
            N_("Change the center's names or address (an empty text removes the address)."),
            {{"data", "name-uk", "name-en", "address-uk", "address-en"}, {}},
            run_set};
}

}  // namespace cherha::cli
