// cherha schedule import FILE / cherha schedule export [FILE]: the center's schedule (hours,
// holidays, windows, services) as a schedule file (docs/schedule.md). An import is checked
// completely first: a file with any problem changes nothing.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <ostream>

#include "center/provisioning.h"
#include "cli/center_command.h"
#include "cli/commands.h"
#include "formats/schedule_json.h"
#include "text/i18n.h"

namespace cherha::cli {

using namespace cherha::text;  // tr, fill
namespace {

constexpr const char* kImportSynopsis = "schedule import FILE [--data DIR]";
constexpr const char* kExportSynopsis = "schedule export [FILE] [--data DIR]";

int run_import(const Arguments& args, Io& io) {
    if (args.positional.size() != 1) return usage(io, kImportSynopsis);
    int status = kExitOk;
    auto schedule = load_schedule_file(io, args.positional[0], status);
    if (!schedule) return status;
    auto store = open_center_store(io, args, false, status);
    if (!store) return status;
    if (auto problem = center::import_schedule(*store, *schedule, system_now()))
        return refused(io, *problem);
    if (io.json)
        print_json(io, {{"ok", true},
                        {"services", schedule->services.size()},
                        {"windows", schedule->windows.size()}});
    else
        io.out << fill(tr("Schedule imported: {services} services, {windows} windows. A running "
                          "server uses it within its reload_seconds (10 s by default)."),
                       {{"services", std::to_string(schedule->services.size())},
                        {"windows", std::to_string(schedule->windows.size())}})
               << "\n";
    return kExitOk;
}

int run_export(const Arguments& args, Io& io) {
    if (args.positional.size() > 1) return usage(io, kExportSynopsis);
    int status = kExitOk;
    auto store = open_center_store(io, args, false, status);
    if (!store) return status;
    auto session = store->read();
    if (!session) return refused(io, session.problem());
    auto settings = center::load_settings(**session);
    if (!settings) return refused(io, settings.problem());
    const std::string text = formats::schedule_to_json(settings->schedule);
    if (args.positional.empty()) {
        if (io.json)
            print_json(io, {{"ok", true}, {"schedule", nlohmann::json::parse(text)}});
        else
            io.out << text;
        return kExitOk;
    }
    const std::string& file = args.positional[0];
    // A new file only (never overwrites, never writes through a planted symbolic link): to
    // replace a file, redirect standard output instead.
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
        if (errno == EEXIST || errno == ELOOP)
            return usage_error(io, "usage.file_exists",
                               fill(tr("\"{path}\" already exists; the schedule is written to a "
                                       "new file only."),
                                    {{"path", file}}));
        return usage_error(io, "usage.file_unwritable",
                           fill(tr("Cannot write the file \"{path}\"."), {{"path", file}}));
    }
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        written += static_cast<std::size_t>(n);
    }
    const bool ok = written == text.size() && ::close(fd) == 0;
    if (!ok) {
        if (written != text.size()) ::close(fd);
        ::unlink(file.c_str());
        return usage_error(io, "usage.file_unwritable",
                           fill(tr("Cannot write the file \"{path}\"."), {{"path", file}}));
    }
    if (io.json)
        print_json(io, {{"ok", true}, {"file", file}});
    else
        io.out << fill(tr("Schedule written to {path}."), {{"path", file}}) << "\n";
    return kExitOk;
}

}  // namespace

Command schedule_import_command() {
    return {{"schedule", "import"},
            kImportSynopsis,
            N_("Replace the center's schedule by a schedule file (checked first; a bad file "
               "changes nothing)."),
            {{"data"}, {}},
            run_import};
}

Command schedule_export_command() {
    return {{"schedule", "export"},
            kExportSynopsis,
            N_("Write the center's schedule as a schedule file (to standard output without "
               "FILE)."),
            {{"data"}, {}},
            run_export};
}

}  // namespace cherha::cli
