// cherha backup FILE / cherha restore FILE: a consistent copy of a center's database (taken
// with SQLite's online backup API, safe while the server runs) and putting one back (only
// while the server is stopped).
#include <filesystem>
#include <ostream>
#include <system_error>

#include "center/data_dir.h"
#include "cli/center_command.h"
#include "cli/commands.h"
#include "text/i18n.h"

namespace cherha::cli {

using namespace cherha::text;  // tr, fill
namespace {

namespace fs = std::filesystem;
constexpr const char* kBackupSynopsis = "backup FILE [--data DIR]";
constexpr const char* kRestoreSynopsis = "restore FILE [--data DIR]";

int run_backup(const Arguments& args, Io& io) {
    if (args.positional.size() != 1) return usage(io, kBackupSynopsis);
    const std::string& file = args.positional[0];
    std::error_code ec;
    if (fs::symlink_status(file, ec).type() != fs::file_type::not_found)
        return usage_error(io, "usage.file_exists",
                           fill(tr("\"{path}\" already exists; a backup never overwrites a file."),
                                {{"path", file}}));
    int status = kExitOk;
    auto store = open_center_store(io, args, false, status);
    if (!store) return status;
    if (auto problem = store->backup_to(file)) return refused(io, *problem);
    if (io.json)
        print_json(io, {{"ok", true}, {"file", file}});
    else
        io.out << fill(tr("Backup written to {path} (readable by you only). It holds personal "
                          "data: store it safely."),
                       {{"path", file}})
               << "\n";
    return kExitOk;
}

int run_restore(const Arguments& args, Io& io) {
    if (args.positional.size() != 1) return usage(io, kRestoreSynopsis);
    const std::string& file = args.positional[0];
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        return usage_error(io, "usage.file_unreadable",
                           fill(tr("Cannot read the file \"{path}\"."), {{"path", file}}));
    const fs::path dir = data_dir_option(args);
    if (auto problem = center::ensure_data_dir(dir)) return refused(io, *problem);
    const fs::path db = center::database_path(dir);
    if (auto problem = store::SqliteStore::restore_from(file, db.string()))
        return refused(io, *problem);
    if (io.json)
        print_json(io, {{"ok", true}, {"file", file}, {"database", db.string()}});
    else
        io.out << fill(tr("The database {database} is restored from {path}."),
                       {{"database", db.string()}, {"path", file}})
               << "\n";
    return kExitOk;
}

}  // namespace

Command backup_command() {
    return {{"backup"},
            kBackupSynopsis,
            N_("Copy the center's database into a new file; safe while the server runs."),
            {{"data"}, {}},
            run_backup};
}

Command restore_command() {
    return {{"restore"},
            kRestoreSynopsis,
            N_("Replace the center's database by a backup (checked first). Stop the server "
               "before."),
            {{"data"}, {}},
            run_restore};
}

}  // namespace cherha::cli
