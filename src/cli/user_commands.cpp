// cherha user add|passwd|disable|list: the staff accounts of a center. Passwords are read from
// standard input (twice from a terminal), never from the command line.
#include <ostream>

#include "center/provisioning.h"
#include "cli/center_command.h"
#include "cli/commands.h"
#include "core/calendar/center_time.h"
#include "text/i18n.h"
#include "text/problem_text.h"

namespace cherha::cli {

using namespace cherha::text;  // tr, fill, describe_value
namespace {

constexpr const char* kAddSynopsis =
    "user add LOGIN --role clerk|supervisor|admin [--name NAME] [--data DIR]";
constexpr const char* kPasswdSynopsis = "user passwd LOGIN [--data DIR]";
constexpr const char* kDisableSynopsis = "user disable LOGIN [--data DIR]";
constexpr const char* kListSynopsis = "user list [--data DIR]";

int run_add(const Arguments& args, Io& io) {
    if (args.positional.size() != 1) return usage(io, kAddSynopsis);
    const std::string& login = args.positional[0];
    const auto role_text = args.option("role");
    if (!role_text) return usage(io, kAddSynopsis);
    const auto role = store::parse_staff_role(*role_text);
    if (!role)
        return usage_error(io, "usage.bad_role",
                           fill(tr("Unknown role \"{role}\": use clerk, supervisor or admin."),
                                {{"role", *role_text}}));
    const std::string name = args.option("name").value_or("");
    // Refuse a bad login or name before asking for a password.
    if (auto problem = center::check_login(login)) return refused(io, *problem);
    if (auto problem = center::check_display_name(name.empty() ? login : name))
        return refused(io, *problem);
    int status = kExitOk;
    auto store = open_center_store(io, args, false, status);
    if (!store) return status;
    auto password = read_new_password(io, status);
    if (!password) return status;
    auto added = center::add_staff(*store, login, name, *role, *password,
                                   core::PasswordHashCost::standard(), system_now());
    if (!added) return refused(io, added.problem());
    if (io.json) {
        print_json(io, {{"ok", true},
                        {"login", added->login},
                        {"role", store::staff_role_id(added->role)},
                        {"name", added->display_name}});
    } else {
        io.out << fill(tr("Account {login} ({role}) created."),
                       {{"login", added->login},
                        {"role", describe_value(store::staff_role_id(added->role))}})
               << "\n";
    }
    return kExitOk;
}

int run_passwd(const Arguments& args, Io& io) {
    if (args.positional.size() != 1) return usage(io, kPasswdSynopsis);
    const std::string& login = args.positional[0];
    int status = kExitOk;
    auto store = open_center_store(io, args, false, status);
    if (!store) return status;
    auto password = read_new_password(io, status);
    if (!password) return status;
    if (auto problem = center::set_password(*store, login, *password,
                                            core::PasswordHashCost::standard(), system_now()))
        return refused(io, *problem);
    if (io.json)
        print_json(io, {{"ok", true}, {"login", login}});
    else
        io.out << fill(tr("The password of {login} is changed; its sessions are ended and any "
                          "lockout is lifted."),
                       {{"login", login}})
               << "\n";
    return kExitOk;
}

int run_disable(const Arguments& args, Io& io) {
    if (args.positional.size() != 1) return usage(io, kDisableSynopsis);
    const std::string& login = args.positional[0];
    int status = kExitOk;
    auto store = open_center_store(io, args, false, status);
    if (!store) return status;
    if (auto problem = center::disable_staff(*store, login, system_now()))
        return refused(io, *problem);
    if (io.json)
        print_json(io, {{"ok", true}, {"login", login}, {"disabled", true}});
    else
        io.out << fill(tr("Account {login} is disabled and its sessions are ended."),
                       {{"login", login}})
               << "\n";
    return kExitOk;
}

int run_list(const Arguments& args, Io& io) {
    if (!args.positional.empty()) return usage(io, kListSynopsis);
    int status = kExitOk;
    auto store = open_center_store(io, args, false, status);
    if (!store) return status;
    auto staff = center::list_staff(*store);
    if (!staff) return refused(io, staff.problem());
    const auto now = system_now();
    if (io.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& s : *staff) {
            nlohmann::json entry{{"login", s.login},
                                 {"name", s.display_name},
                                 {"role", store::staff_role_id(s.role)},
                                 {"disabled", s.disabled},
                                 {"created_at", utc_text(s.created_at)}};
            if (s.locked_until && *s.locked_until > now)
                entry["locked_until"] = utc_text(*s.locked_until);
            list.push_back(std::move(entry));
        }
        print_json(io, {{"ok", true}, {"staff", list}});
        return kExitOk;
    }
    if (staff->empty()) {
        io.out << tr("No accounts yet. Create one with: cherha user add LOGIN --role admin")
               << "\n";
        return kExitOk;
    }
    std::vector<std::vector<std::string>> rows{{tr("Login"), tr("Role"), tr("Name"), tr("State")}};
    for (const auto& s : *staff) {
        std::string state = tr("active");
        if (s.disabled)
            state = tr("disabled");
        else if (s.locked_until && *s.locked_until > now)
            state = fill(tr("locked until {time}"), {{"time", utc_text(*s.locked_until)}});
        rows.push_back(
            {s.login, describe_value(store::staff_role_id(s.role)), s.display_name, state});
    }
    print_table(io.out, rows);
    return kExitOk;
}

}  // namespace

Command user_add_command() {
    return {{"user", "add"},
            kAddSynopsis,
            N_("Create a staff account; the password is read from standard input."),
            {{"data", "role", "name"}, {}},
            run_add};
}

Command user_passwd_command() {
    return {{"user", "passwd"},
            kPasswdSynopsis,
            N_("Set a new password (read from standard input); ends the account's sessions and "
               "lifts a lockout."),
            {{"data"}, {}},
            run_passwd};
}

Command user_disable_command() {
    return {{"user", "disable"},
            kDisableSynopsis,
            N_("Disable a staff account and end its sessions."),
            {{"data"}, {}},
            run_disable};
}

Command user_list_command() {
    return {{"user", "list"},
            kListSynopsis,
            N_("List the staff accounts with their roles."),
            {{"data"}, {}},
            run_list};
}

}  // namespace cherha::cli
