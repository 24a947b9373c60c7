// cherha init [--data DIR] [--schedule FILE] [--center-id N] [--name-uk NAME] [--name-en NAME]
//             [--address-uk TEXT] [--address-en TEXT]: sets up a center in a data directory: its
//             settings, a first signing key and the
// proof-of-work secret.
#include <ostream>

#include "center/data_dir.h"
#include "center/provisioning.h"
#include "cli/center_command.h"
#include "cli/commands.h"
#include "text/i18n.h"

namespace cherha::cli {

using namespace cherha::text;  // tr, fill
namespace {

constexpr const char* kSynopsis =
    "init [--data DIR] [--schedule FILE] [--center-id N] [--name-uk NAME] [--name-en NAME] "
    "[--address-uk TEXT] [--address-en TEXT]";

int run_init(const Arguments& args, Io& io) {
    if (!args.positional.empty()) return usage(io, kSynopsis);
    auto settings = center::default_center_settings();
    if (!settings) return refused(io, settings.problem());
    if (auto id = args.option("center-id")) {
        auto value = parse_count(*id, UINT32_MAX);
        if (!value || *value == 0)
            return usage_error(io, "usage.bad_value",
                               fill(tr("Invalid value \"{value}\" for {option}."),
                                    {{"value", *id}, {"option", "--center-id"}}));
        settings.value().center_id = static_cast<std::uint32_t>(*value);
    }
    if (auto name = args.option("name-uk")) settings.value().name_uk = *name;
    if (auto name = args.option("name-en")) settings.value().name_en = *name;
    if (auto address = args.option("address-uk")) settings.value().address_uk = *address;
    if (auto address = args.option("address-en")) settings.value().address_en = *address;
    int status = kExitOk;
    if (auto file = args.option("schedule")) {
        auto schedule = load_schedule_file(io, *file, status);
        if (!schedule) return status;
        settings.value().schedule = std::move(*schedule);
    }
    const auto now = now_option(args, io);
    if (!now) return kExitUsage;

    auto store = open_center_store(io, args, true, status);
    if (!store) return status;
    if (auto problem = center::initialise_center(*store, *settings, *now))
        return refused(io, *problem);
    auto keys = center::list_signing_keys(*store);
    const std::string key_id = keys && !keys->empty() ? keys->back().key_id : "";

    const auto dir = data_dir_option(args);
    const auto db = center::database_path(dir);
    if (io.json) {
        print_json(io, {{"ok", true},
                        {"data_dir", dir.string()},
                        {"database", db.string()},
                        {"center_id", settings->center_id},
                        {"key_id", key_id}});
    } else {
        io.out << fill(tr("Center {center_id} is set up in {dir}."),
                       {{"center_id", std::to_string(settings->center_id)}, {"dir", dir.string()}})
               << "\n"
               << "  " << tr("Database:") << " " << db.string() << "\n"
               << "  " << tr("Signing key:") << " " << key_id << "\n"
               << tr("Next: create an administrator, e.g. cherha user add admin --role admin")
               << "\n";
    }
    return kExitOk;
}

}  // namespace

Command init_command() {
    return {
        {"init"},
        kSynopsis,
        N_("Set up a center in a data directory: settings and schedule, a signing key, the "
           "anti-bot secret."),
        {{"data", "schedule", "center-id", "name-uk", "name-en", "address-uk", "address-en"}, {}},
        run_init};
}

}  // namespace cherha::cli
