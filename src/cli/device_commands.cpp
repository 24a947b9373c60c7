// cherha device add|revoke|list: the kiosks (terminals) and hall boards of a center and their
// tokens. A token is shown once, when the device is added; the store keeps only its digest.
#include <ostream>

#include "center/provisioning.h"
#include "cli/center_command.h"
#include "cli/commands.h"
#include "text/i18n.h"
#include "text/problem_text.h"

namespace cherha::cli {

using namespace cherha::text;  // tr, fill, describe_value
namespace {

constexpr const char* kAddSynopsis = "device add NAME --kind kiosk|board [--data DIR]";
constexpr const char* kRevokeSynopsis = "device revoke NAME [--data DIR]";
constexpr const char* kListSynopsis = "device list [--data DIR]";

int run_add(const Arguments& args, Io& io) {
    const auto kind_text = args.option("kind");
    if (args.positional.size() != 1 || !kind_text) return usage(io, kAddSynopsis);
    const auto kind = store::parse_device_kind(*kind_text);
    if (!kind)
        return usage_error(io, "usage.bad_value",
                           fill(tr("Invalid value \"{value}\" for {option}."),
                                {{"value", *kind_text}, {"option", "--kind"}}));
    int status = kExitOk;
    auto store = open_center_store(io, args, false, status);
    if (!store) return status;
    auto device = center::add_device(*store, args.positional[0], *kind, system_now());
    if (!device) return refused(io, device.problem());
    if (io.json) {
        print_json(io, {{"ok", true},
                        {"name", device->record.name},
                        {"kind", store::device_kind_id(device->record.kind)},
                        {"token", device->token}});
    } else {
        io.out << fill(tr("Device {name} ({kind}) added. Its token, shown only now: enter it in "
                          "the device's settings and keep it secret."),
                       {{"name", device->record.name},
                        {"kind", describe_value(store::device_kind_id(device->record.kind))}})
               << "\n"
               << "  " << device->token << "\n";
    }
    return kExitOk;
}

int run_revoke(const Arguments& args, Io& io) {
    if (args.positional.size() != 1) return usage(io, kRevokeSynopsis);
    int status = kExitOk;
    auto store = open_center_store(io, args, false, status);
    if (!store) return status;
    if (auto problem = center::revoke_device(*store, args.positional[0], system_now()))
        return refused(io, *problem);
    if (io.json)
        print_json(io, {{"ok", true}, {"name", args.positional[0]}, {"revoked", true}});
    else
        io.out << fill(tr("Device {name} is revoked: its token no longer works."),
                       {{"name", args.positional[0]}})
               << "\n";
    return kExitOk;
}

int run_list(const Arguments& args, Io& io) {
    if (!args.positional.empty()) return usage(io, kListSynopsis);
    int status = kExitOk;
    auto store = open_center_store(io, args, false, status);
    if (!store) return status;
    auto devices = center::list_devices(*store);
    if (!devices) return refused(io, devices.problem());
    if (io.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& d : *devices) {
            nlohmann::json entry{{"name", d.name},
                                 {"kind", store::device_kind_id(d.kind)},
                                 {"created_at", utc_text(d.created_at)},
                                 {"revoked", d.revoked_at.has_value()}};
            if (d.revoked_at) entry["revoked_at"] = utc_text(*d.revoked_at);
            list.push_back(std::move(entry));
        }
        print_json(io, {{"ok", true}, {"devices", list}});
        return kExitOk;
    }
    if (devices->empty()) {
        io.out << tr("No devices yet. Add one with: cherha device add NAME --kind kiosk") << "\n";
        return kExitOk;
    }
    std::vector<std::vector<std::string>> rows{{tr("Name"), tr("Kind"), tr("Added"), tr("State")}};
    for (const auto& d : *devices)
        rows.push_back(
            {d.name, describe_value(store::device_kind_id(d.kind)), utc_text(d.created_at),
             d.revoked_at ? fill(tr("revoked {time}"), {{"time", utc_text(*d.revoked_at)}})
                          : std::string(tr("active"))});
    print_table(io.out, rows);
    return kExitOk;
}

}  // namespace

Command device_add_command() {
    return {{"device", "add"},
            kAddSynopsis,
            N_("Add a kiosk or board device and print its token (shown only once)."),
            {{"data", "kind"}, {}},
            run_add};
}

Command device_revoke_command() {
    return {{"device", "revoke"},
            kRevokeSynopsis,
            N_("Revoke a device: its token stops working."),
            {{"data"}, {}},
            run_revoke};
}

Command device_list_command() {
    return {{"device", "list"},
            kListSynopsis,
            N_("List the devices (kiosks and boards)."),
            {{"data"}, {}},
            run_list};
}

}  // namespace cherha::cli
