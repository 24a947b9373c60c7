// cherha purge [--now INSTANT]: erases the personal data of bookings older than the retention
// period. cherha audit verify: checks the hash chain of the audit log.
#include <ostream>

#include "center/service_center.h"
#include "cli/center_command.h"
#include "cli/commands.h"
#include "text/i18n.h"

namespace cherha::cli {

using namespace cherha::text;  // tr, trn, fill
namespace {

constexpr const char* kPurgeSynopsis = "purge [--now YYYY-MM-DDTHH:MM[:SS](Z|+HH:MM)] [--data DIR]";
constexpr const char* kAuditSynopsis = "audit verify [--data DIR]";

int run_purge(const Arguments& args, Io& io) {
    if (!args.positional.empty()) return usage(io, kPurgeSynopsis);
    const auto now = now_option(args, io);
    if (!now) return kExitUsage;
    int status = kExitOk;
    auto store = open_center_store(io, args, false, status);
    if (!store) return status;
    const core::Instant at = *now;
    auto center = center::ServiceCenter::open(*store, {}, [at] { return at; });
    if (!center) return refused(io, center.problem());
    const int retention = (*center)->settings()->retention_days;
    auto erased = (*center)->purge();
    if (!erased) return refused(io, erased.problem());
    const auto count = static_cast<unsigned long>(*erased);
    if (io.json) {
        print_json(io, {{"ok", true}, {"erased", *erased}, {"retention_days", retention}});
    } else {
        io.out << fill(trn("Personal data erased from {count} booking older than {days} days.",
                           "Personal data erased from {count} bookings older than {days} days.",
                           count),
                       {{"count", std::to_string(count)}, {"days", std::to_string(retention)}})
               << "\n";
    }
    return kExitOk;
}

int run_audit_verify(const Arguments& args, Io& io) {
    if (!args.positional.empty()) return usage(io, kAuditSynopsis);
    int status = kExitOk;
    auto store = open_center_store(io, args, false, status);
    if (!store) return status;
    auto session = store->read();
    if (!session) return refused(io, session.problem());
    auto verification = (*session)->verify_audit_chain();
    if (!verification) return refused(io, verification.problem());
    const auto entries = static_cast<unsigned long>(verification->entries);
    if (verification->first_broken) {
        const std::string seq = std::to_string(*verification->first_broken);
        if (io.json)
            print_json(io, {{"ok", false},
                            {"entries", verification->entries},
                            {"first_broken", *verification->first_broken}});
        else
            io.out << fill(tr("The audit log has been altered: entry {seq} does not match the "
                              "chain (every entry from there on is suspect)."),
                           {{"seq", seq}})
                   << "\n";
        return kExitNegative;
    }
    if (io.json)
        print_json(io, {{"ok", true}, {"entries", verification->entries}});
    else
        io.out << fill(trn("The audit log is intact: {count} entry checked.",
                           "The audit log is intact: {count} entries checked.", entries),
                       {{"count", std::to_string(entries)}})
               << "\n";
    return kExitOk;
}

}  // namespace

Command purge_command() {
    return {{"purge"},
            kPurgeSynopsis,
            N_("Erase the personal data of bookings older than the retention period; the "
               "statistics stay."),
            {{"data", "now"}, {}},
            run_purge};
}

Command audit_verify_command() {
    return {{"audit", "verify"},
            kAuditSynopsis,
            N_("Check that the audit log is unaltered (its hash chain); exit 1 when it is not."),
            {{"data"}, {}},
            run_audit_verify};
}

}  // namespace cherha::cli
