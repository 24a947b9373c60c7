#include "desk/model/outbox.h"

#include <nlohmann/json.hpp>

#include <set>

#include "core/auth/session_token.h"
#include "store/sqlite/statement.h"
#include "store/sqlite/transaction.h"

namespace cherha::desk {

namespace {

using store::sqlite::Connection;
using store::sqlite::Statement;
using store::sqlite::Step;

constexpr int kSchemaVersion = 1;
constexpr std::size_t kMaxPathBytes = 1024;
constexpr std::size_t kMaxBodyBytes = 64 * 1024;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    idempotency_key TEXT NOT NULL UNIQUE,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    body TEXT NOT NULL,
    booking_id INTEGER NOT NULL,
    staff TEXT NOT NULL,
    added_at INTEGER NOT NULL,
    state TEXT NOT NULL
        CHECK (state IN ('pending', 'delivered', 'conflict', 'rejected', 'expired')),
    attempts INTEGER NOT NULL DEFAULT 0,
    status INTEGER NOT NULL DEFAULT 0,
    problem_code TEXT NOT NULL DEFAULT '',
    reply TEXT NOT NULL DEFAULT '',
    acknowledged INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS outbox_by_state ON outbox(state, seq);
)sql";

constexpr const char* kColumns =
    "seq, idempotency_key, method, path, body, booking_id, added_at, state, attempts, status, "
    "problem_code, reply, acknowledged, staff";
constexpr std::size_t kMaxStaffBytes = 100;

core::Problem bad_request(std::string field, std::string reason) {
    return core::Problem("desk.outbox_request",
                         {{"field", std::move(field)}, {"reason", std::move(reason)}});
}

// Field and reason are ids that src/text/problem_text.cpp words in the clerk's language.
std::optional<core::Problem> check_request(const OutboxRequest& r) {
    if (r.method != "POST" && r.method != "PUT" && r.method != "PATCH" && r.method != "DELETE")
        return bad_request("request_method", "not_sendable");
    if (r.path.rfind("/api/v1/", 0) != 0) return bad_request("request_path", "not_api");
    if (r.path.size() > kMaxPathBytes) return bad_request("request_path", "too_long");
    for (unsigned char c : r.path)
        if (c <= 0x20 || c >= 0x7f) return bad_request("request_path", "not_printable_ascii");
    // "/./" and "/../" would be resolved by the client into another address than the one kept.
    for (std::size_t at = 0; (at = r.path.find('/', at)) != std::string::npos; ++at) {
        const auto end = r.path.find_first_of("/?", at + 1);
        const auto segment = r.path.substr(at + 1, end == std::string::npos ? end : end - at - 1);
        if (segment == "." || segment == "..") return bad_request("request_path", "dot_segment");
    }
    if (r.body.size() > kMaxBodyBytes) return bad_request("request_body", "too_long");
    if (r.booking_id < 0) return bad_request("booking_id", "negative");
    if (r.staff.empty()) return bad_request("staff_login", "empty");
    if (r.staff.size() > kMaxStaffBytes) return bad_request("staff_login", "too_long");
    for (unsigned char c : r.staff)
        if (c < 0x20 || c >= 0x7f) return bad_request("staff_login", "not_printable_ascii");
    return std::nullopt;
}

std::optional<OutboxState> parse_state(std::string_view id) {
    for (auto s : {OutboxState::Pending, OutboxState::Delivered, OutboxState::Conflict,
                   OutboxState::Rejected, OutboxState::Expired})
        if (outbox_state_id(s) == id) return s;
    return std::nullopt;
}

core::Result<OutboxEntry> entry_of(const Statement& row) {
    OutboxEntry e;
    e.seq = row.column_int64(0);
    e.idempotency_key = row.column_text(1);
    e.request.method = row.column_text(2);
    e.request.path = row.column_text(3);
    e.request.body = row.column_text(4);
    e.request.booking_id = row.column_int64(5);
    e.added_at = Instant{std::chrono::seconds{row.column_int64(6)}};
    auto state = parse_state(row.column_text(7));
    if (!state)
        return core::Problem("store.corrupt",
                             {{"what", "outbox state"}, {"id", std::to_string(e.seq)}});
    e.state = *state;
    e.attempts = static_cast<int>(row.column_int64(8));
    e.status = static_cast<long>(row.column_int64(9));
    e.problem_code = row.column_text(10);
    e.reply = row.column_text(11);
    e.acknowledged = row.column_int64(12) != 0;
    e.request.staff = row.column_text(13);
    return e;
}

// The code of a Cherha error body ({"error": "<code>", "message": ..., "params": ...}, see
// docs/api.md), or "" when the body is not one.
std::string error_code_of(const std::string& body) {
    auto parsed = nlohmann::json::parse(body, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) return "";
    auto error = parsed.find("error");
    return error != parsed.end() && error->is_string() ? error->get<std::string>() : "";
}

}  // namespace

std::string_view outbox_state_id(OutboxState state) {
    switch (state) {
        case OutboxState::Pending:
            return "pending";
        case OutboxState::Delivered:
            return "delivered";
        case OutboxState::Conflict:
            return "conflict";
        case OutboxState::Rejected:
            return "rejected";
        case OutboxState::Expired:
            return "expired";
    }
    return "pending";
}

core::Result<std::unique_ptr<Outbox>> Outbox::open(const std::string& path) {
    auto opened = Connection::open(path);
    if (!opened) return opened.problem();
    Connection connection = std::move(opened).value();
    {
        auto version_prepared = Statement::prepare(connection, "PRAGMA user_version");
        if (!version_prepared) return version_prepared.problem();
        Statement& version = version_prepared.value();
        auto step = version.step();
        if (!step) return step.problem();
        const auto found = version.column_int64(0);
        if (found > kSchemaVersion)
            return core::Problem(
                "desk.outbox_too_new",
                {{"found", std::to_string(found)}, {"supported", std::to_string(kSchemaVersion)}});
    }
    auto transaction = store::sqlite::Transaction::begin_immediate(connection);
    if (!transaction) return transaction.problem();
    if (auto problem = connection.execute(kSchema)) return *problem;
    if (auto problem =
            connection.execute("PRAGMA user_version = " + std::to_string(kSchemaVersion)))
        return *problem;
    if (auto problem = transaction.value().commit()) return *problem;
    return std::unique_ptr<Outbox>(new Outbox(std::move(connection)));
}

core::Result<OutboxEntry> Outbox::add(const OutboxRequest& request, Instant now) {
    if (auto problem = check_request(request)) return *problem;
    auto key = core::new_session_token();
    if (!key) return key.problem();
    auto insert_prepared = Statement::prepare(
        connection_,
        "INSERT INTO outbox(idempotency_key, method, path, body, booking_id, added_at, state, "
        "staff) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7)");
    if (!insert_prepared) return insert_prepared.problem();
    Statement& insert = insert_prepared.value();
    for (auto problem :
         {insert.bind_text(1, *key), insert.bind_text(2, request.method),
          insert.bind_text(3, request.path), insert.bind_text(4, request.body),
          insert.bind_int64(5, request.booking_id),
          insert.bind_int64(6, now.time_since_epoch().count()), insert.bind_text(7, request.staff)})
        if (problem) return *problem;
    if (auto problem = insert.run()) return *problem;
    OutboxEntry entry;
    entry.seq = connection_.last_insert_rowid();
    entry.idempotency_key = *key;
    entry.request = request;
    entry.added_at = now;
    return entry;
}

std::optional<core::Problem> Outbox::record(const OutboxEntry& e) {
    auto update_prepared = Statement::prepare(
        connection_,
        "UPDATE outbox SET state = ?2, attempts = ?3, status = ?4, problem_code = ?5, "
        "reply = ?6, body = CASE WHEN ?2 = 'delivered' THEN '' ELSE body END "
        "WHERE seq = ?1 AND state = 'pending'");
    if (!update_prepared) return update_prepared.problem();
    Statement& update = update_prepared.value();
    for (auto problem : {update.bind_int64(1, e.seq), update.bind_text(2, outbox_state_id(e.state)),
                         update.bind_int64(3, e.attempts), update.bind_int64(4, e.status),
                         update.bind_text(5, e.problem_code), update.bind_text(6, e.reply)})
        if (problem) return problem;
    if (auto problem = update.run()) return problem;
    if (connection_.changes() == 0)  // another flush recorded it first
        return core::Problem("desk.outbox_entry", {{"seq", std::to_string(e.seq)}});
    return std::nullopt;
}

FlushReport Outbox::flush(DeskTransport& transport, const std::string& bearer_token,
                          const std::string& staff, Instant now) {
    FlushReport report;
    auto all = entries();
    if (!all) {
        report.stopped = "store";
        return report;
    }
    // Bookings with a refusal the clerk has not seen: their later requests wait.
    std::set<std::int64_t> blocked;
    for (const auto& e : *all)
        if (e.request.booking_id != 0 && !e.acknowledged &&
            (e.state == OutboxState::Conflict || e.state == OutboxState::Rejected ||
             e.state == OutboxState::Expired))
            blocked.insert(e.request.booking_id);

    std::vector<OutboxEntry> mine;
    for (auto& e : *all)
        if (e.state == OutboxState::Pending && e.request.staff == staff) mine.push_back(e);
    std::size_t i = 0;
    for (; i < mine.size(); ++i) {
        OutboxEntry e = mine[i];
        if (now - e.added_at > kOutboxMaxAge) {
            e.state = OutboxState::Expired;
            if (record(e)) {
                report.stopped = "store";
                break;
            }
            ++report.expired;
            if (e.request.booking_id != 0) blocked.insert(e.request.booking_id);
            continue;
        }
        if (e.request.booking_id != 0 && blocked.count(e.request.booking_id)) {
            ++report.held;
            continue;
        }
        // Counted before sending: an attempt whose answer is lost still counts.
        e.attempts += 1;
        if (record(e)) {
            report.stopped = "store";
            break;
        }
        const TransportReply reply = transport.send(
            e.request.method, e.request.path, e.request.body,
            {{"Authorization", "Bearer " + bearer_token}, {"Idempotency-Key", e.idempotency_key}});
        e.status = reply.status;
        const std::string code = reply.status == 0 ? "" : error_code_of(reply.body);
        if (reply.status == 0) {
            report.stopped = "offline";
        } else if (reply.status == 401 || (reply.status == 403 && code != "auth.forbidden")) {
            report.stopped = "unauthorised";
        } else if (reply.status == 429 || reply.status >= 500) {
            report.stopped = "server";
        } else if (reply.status >= 200 && reply.status < 300) {
            e.state = OutboxState::Delivered;
        } else if (reply.status == 409) {
            e.state = OutboxState::Conflict;
        } else {
            e.state = OutboxState::Rejected;
        }
        if (e.state != OutboxState::Pending) {
            e.reply = reply.body;
            e.problem_code = e.state == OutboxState::Delivered ? "" : code;
        }
        if (record(e)) {
            report.stopped = "store";
            break;
        }
        if (!report.stopped.empty()) break;
        if (e.state == OutboxState::Delivered) ++report.delivered;
        if (e.state == OutboxState::Conflict) ++report.conflicts;
        if (e.state == OutboxState::Rejected) ++report.rejected;
        if (e.state != OutboxState::Delivered && e.request.booking_id != 0)
            blocked.insert(e.request.booking_id);
    }
    auto left = entries(OutboxState::Pending);
    if (left)
        for (const auto& e : *left) report.still_pending += e.request.staff == staff ? 1 : 0;
    return report;
}

core::Result<int> Outbox::purge_finished(Instant before) {
    auto purge_prepared =
        Statement::prepare(connection_,
                           "DELETE FROM outbox WHERE added_at < ?1 AND (state = 'delivered' OR "
                           "(state IN ('conflict', 'rejected', 'expired') AND acknowledged = 1))");
    if (!purge_prepared) return purge_prepared.problem();
    Statement& purge = purge_prepared.value();
    if (auto problem = purge.bind_int64(1, before.time_since_epoch().count())) return *problem;
    if (auto problem = purge.run()) return *problem;
    return static_cast<int>(connection_.changes());
}

core::Result<std::vector<OutboxEntry>> Outbox::entries(std::optional<OutboxState> state) const {
    const std::string sql = std::string("SELECT ") + kColumns + " FROM outbox" +
                            (state ? " WHERE state = ?1" : "") + " ORDER BY seq";
    auto select_prepared = Statement::prepare(connection_, sql);
    if (!select_prepared) return select_prepared.problem();
    Statement& select = select_prepared.value();
    if (state)
        if (auto problem = select.bind_text(1, outbox_state_id(*state))) return *problem;
    std::vector<OutboxEntry> out;
    for (;;) {
        auto step = select.step();
        if (!step) return step.problem();
        if (*step != Step::Row) break;
        auto entry = entry_of(select);
        if (!entry) return entry.problem();
        out.push_back(std::move(entry).value());
    }
    return out;
}

core::Result<std::vector<OutboxEntry>> Outbox::unacknowledged_refusals() const {
    auto all = entries();
    if (!all) return all.problem();
    std::vector<OutboxEntry> out;
    for (auto& e : *all)
        if ((e.state == OutboxState::Conflict || e.state == OutboxState::Rejected ||
             e.state == OutboxState::Expired) &&
            !e.acknowledged)
            out.push_back(std::move(e));
    return out;
}

std::optional<core::Problem> Outbox::acknowledge(std::int64_t seq) {
    auto update_prepared =
        Statement::prepare(connection_,
                           "UPDATE outbox SET acknowledged = 1 WHERE seq = ?1 AND "
                           "state IN ('conflict', 'rejected', 'expired')");
    if (!update_prepared) return update_prepared.problem();
    Statement& update = update_prepared.value();
    if (auto problem = update.bind_int64(1, seq)) return problem;
    if (auto problem = update.run()) return problem;
    if (connection_.changes() == 0)
        return core::Problem("desk.outbox_entry", {{"seq", std::to_string(seq)}});
    return std::nullopt;
}

}  // namespace cherha::desk
