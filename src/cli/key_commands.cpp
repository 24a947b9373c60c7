// cherha key rotate|list: the Ed25519 keys that sign a center's booking QR codes. Rotation adds
// a new signing key; the older keys stay and keep verifying the codes they signed.
#include <ostream>

#include "center/provisioning.h"
#include "cli/center_command.h"
#include "cli/commands.h"
#include "text/i18n.h"

namespace cherha::cli {

using namespace cherha::text;  // tr, fill
namespace {

constexpr const char* kRotateSynopsis = "key rotate [--data DIR]";
constexpr const char* kListSynopsis = "key list [--data DIR]";

int run_rotate(const Arguments& args, Io& io) {
    if (!args.positional.empty()) return usage(io, kRotateSynopsis);
    int status = kExitOk;
    auto store = open_center_store(io, args, false, status);
    if (!store) return status;
    auto rotation = center::rotate_signing_key(*store, system_now());
    if (!rotation) return refused(io, rotation.problem());
    if (io.json) {
        print_json(io, {{"ok", true},
                        {"key_id", rotation->new_key_id},
                        {"verifying_key_ids", rotation->verifying_ids}});
    } else {
        io.out << fill(tr("New signing key {key_id}: it signs the booking codes from now on."),
                       {{"key_id", rotation->new_key_id}})
               << "\n";
        if (!rotation->verifying_ids.empty()) {
            std::string ids;
            for (const auto& id : rotation->verifying_ids) ids += (ids.empty() ? "" : ", ") + id;
            io.out << fill(tr("Older keys keep verifying the codes they signed: {key_ids}."),
                           {{"key_ids", ids}})
                   << "\n";
        }
        io.out << tr("A running server signs with the new key within its reload_seconds (10 s by "
                     "default); offline desks fetch the new public key when they next connect.")
               << "\n";
    }
    return kExitOk;
}

int run_list(const Arguments& args, Io& io) {
    if (!args.positional.empty()) return usage(io, kListSynopsis);
    int status = kExitOk;
    auto store = open_center_store(io, args, false, status);
    if (!store) return status;
    auto keys = center::list_signing_keys(*store);
    if (!keys) return refused(io, keys.problem());
    // The newest key that is not retired signs; the rest verify.
    std::string signing;
    for (const auto& key : *keys)
        if (!key.retired) signing = key.key_id;
    if (io.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& key : *keys)
            list.push_back({{"key_id", key.key_id},
                            {"activated_at", utc_text(key.activated_at)},
                            {"retired", key.retired},
                            {"signing", key.key_id == signing},
                            {"public_pem", key.public_pem}});
        print_json(io, {{"ok", true}, {"keys", list}});
        return kExitOk;
    }
    std::vector<std::vector<std::string>> rows{{tr("Key"), tr("Activated"), tr("Use")}};
    for (const auto& key : *keys)
        rows.push_back({key.key_id, utc_text(key.activated_at),
                        key.key_id == signing ? tr("signs and verifies")
                        : key.retired         ? tr("retired, verifies")
                                              : tr("verifies")});
    print_table(io.out, rows);
    return kExitOk;
}

}  // namespace

Command key_rotate_command() {
    return {{"key", "rotate"},
            kRotateSynopsis,
            N_("Make a new signing key for booking codes; older keys keep verifying."),
            {{"data"}, {}},
            run_rotate};
}

Command key_list_command() {
    return {{"key", "list"},
            kListSynopsis,
            N_("List the center's signing keys and which one signs."),
            {{"data"}, {}},
            run_list};
}

}  // namespace cherha::cli
