// SqliteSession: bookings, their identity keys and the retention purge.
#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include "core/tickets/ticket_numbering.h"
#include "store/sqlite_session.h"

namespace cherha::store::detail {

namespace {

// Column order of every booking query (read_booking reads by these positions).
constexpr std::string_view kBookingSelect =
    "SELECT id, code, service_id, day, slot_minute, slot_start, channel, state, "
    "kind, surname, given_name, patronymic, birth_date, rnokpp, has_no_rnokpp, "
    "document_type, document_number, edrpou, entity_name, "
    "ticket_sequence, ticket_number, ticket_category, window_id, result, refusal_reason, "
    "refusal_note, transfer_service_id, transfer_window_id, recalls, created_at, updated_at, "
    "arrived_at, called_at, started_at, finished_at, personal_data_erased_at FROM bookings ";

constexpr std::string_view kInsertBooking =
    "INSERT INTO bookings(code, service_id, day, slot_minute, slot_start, channel, state, "
    "kind, surname, given_name, patronymic, birth_date, rnokpp, has_no_rnokpp, "
    "document_type, document_number, edrpou, entity_name, "
    "ticket_sequence, ticket_number, ticket_category, window_id, result, refusal_reason, "
    "refusal_note, transfer_service_id, transfer_window_id, recalls, created_at, updated_at, "
    "arrived_at, called_at, started_at, finished_at, personal_data_erased_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    "?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35)";

std::optional<core::RegistrantKind> parse_registrant_kind(std::string_view id) {
    for (auto kind :
         {core::RegistrantKind::NaturalPerson, core::RegistrantKind::LegalEntityRepresentative})
        if (core::registrant_kind_id(kind) == id) return kind;
    return std::nullopt;
}

// The text of an optional enum, or NULL.
template <class E, class F>
Param enum_param(const std::optional<E>& value, F id_of) {
    if (!value) return nullptr;
    return id_of(*value);
}

// An int column within int's range, else nullopt.
std::optional<int> int_at(const sqlite::Statement& row, int column) {
    const std::int64_t value = row.column_int64(column);
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max())
        return std::nullopt;
    return static_cast<int>(value);
}

// Placeholders "?first, ?first+1, ..." for `count` values.
std::string placeholders(int first, std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0) out += ", ";
        out += "?" + std::to_string(first + static_cast<int>(i));
    }
    return out;
}

// Distinct keys in chunks small enough for one statement's parameters.
std::vector<std::vector<std::string>> key_chunks(const std::vector<std::string>& keys) {
    constexpr std::size_t kChunk = 200;
    const std::set<std::string> distinct(keys.begin(), keys.end());
    std::vector<std::vector<std::string>> chunks;
    for (const auto& key : distinct) {
        if (chunks.empty() || chunks.back().size() == kChunk) chunks.emplace_back();
        chunks.back().push_back(key);
    }
    return chunks;
}

}  // namespace

std::optional<core::Problem> SqliteSession::load_keys(BookingRecord& booking) {
    auto keys =
        query("SELECT key FROM booking_keys WHERE booking_id = ?1 ORDER BY position", {booking.id});
    if (!keys) return keys.problem();
    booking.identity_keys.clear();
    for (;;) {
        auto stepped = keys.value()->step();
        if (!stepped) return stepped.problem();
        if (*stepped == sqlite::Step::Done) return std::nullopt;
        booking.identity_keys.push_back(keys.value()->column_text(0));
    }
}

core::Result<BookingRecord> SqliteSession::read_booking(sqlite::Statement& row) {
    BookingRecord b;
    b.id = row.column_int64(0);
    b.code = row.column_text(1);
    b.service_id = row.column_text(2);
    auto day = core::parse_iso_date(row.column_text(3));
    if (!day) return corrupt("booking.day", b.id);
    b.day = *day;
    auto minute = int_at(row, 4);
    if (!minute) return corrupt("booking.slot_minute", b.id);
    b.slot_minute = *minute;
    b.slot_start = instant_at(row, 5);
    auto channel = core::parse_booking_channel(row.column_text(6));
    if (!channel) return corrupt("booking.channel", b.id);
    b.channel = *channel;
    auto state = core::parse_booking_state(row.column_text(7));
    if (!state) return corrupt("booking.state", b.id);
    b.state = *state;

    if (!row.column_is_null(8)) {
        core::Registration r;
        auto kind = parse_registrant_kind(row.column_text(8));
        if (!kind) return corrupt("booking.kind", b.id);
        r.kind = *kind;
        r.surname = row.column_text(9);
        r.given_name = row.column_text(10);
        r.patronymic = optional_text_at(row, 11);
        auto birth = core::parse_iso_date(row.column_text(12));
        if (!birth) return corrupt("booking.birth_date", b.id);
        r.birth_date = *birth;
        r.rnokpp = optional_text_at(row, 13);
        r.has_no_rnokpp = row.column_int64(14) != 0;
        auto document = core::document_type_from_id(row.column_text(15));
        if (!document) return corrupt("booking.document_type", b.id);
        r.document_type = *document;
        r.document_number = row.column_text(16);
        if (!row.column_is_null(17))
            r.legal_entity = core::LegalEntity{row.column_text(17), row.column_text(18)};
        b.registration = std::move(r);
    }

    if (!row.column_is_null(19)) {
        core::Ticket ticket;
        auto sequence = core::parse_ticket_sequence(row.column_text(19));
        if (!sequence) return corrupt("booking.ticket_sequence", b.id);
        ticket.sequence = *sequence;
        auto number = int_at(row, 20);
        if (!number) return corrupt("booking.ticket_number", b.id);
        ticket.number = *number;
        if (!row.column_is_null(21)) {
            auto category = core::parse_priority_category(row.column_text(21));
            if (!category) return corrupt("booking.ticket_category", b.id);
            ticket.category = *category;
        }
        b.ticket = ticket;
    }
    b.window_id = row.column_text(22);
    if (!row.column_is_null(23)) {
        auto result = core::parse_service_result(row.column_text(23));
        if (!result) return corrupt("booking.result", b.id);
        b.result = *result;
    }
    if (!row.column_is_null(24)) {
        auto reason = core::parse_refusal_reason(row.column_text(24));
        if (!reason) return corrupt("booking.refusal_reason", b.id);
        b.refusal = core::Refusal{*reason, row.column_text(25)};
    }
    if (!row.column_is_null(26))
        b.transfer = core::TransferTarget{row.column_text(26), row.column_text(27)};
    auto recalls = int_at(row, 28);
    if (!recalls) return corrupt("booking.recalls", b.id);
    b.recalls = *recalls;
    b.created_at = instant_at(row, 29);
    b.updated_at = instant_at(row, 30);
    b.arrived_at = optional_instant_at(row, 31);
    b.called_at = optional_instant_at(row, 32);
    b.started_at = optional_instant_at(row, 33);
    b.finished_at = optional_instant_at(row, 34);
    b.personal_data_erased_at = optional_instant_at(row, 35);
    if (auto problem = load_keys(b)) return *problem;
    return b;
}

core::Result<BookingRecord> SqliteSession::insert_booking(const BookingRecord& booking) {
    if (auto problem = usable(true)) return *problem;
    if (auto problem = check_storable(booking.day, "day")) return *problem;
    const core::Registration* r = booking.registration ? &*booking.registration : nullptr;
    if (r != nullptr)
        if (auto problem = check_storable(r->birth_date, "birth_date")) return *problem;

    // The row and its keys together or not at all, without ending the session's transaction.
    auto savepoint = run("SAVEPOINT insert_booking", {});
    if (!savepoint) return savepoint.problem();
    auto undo = [&] {
        (void)run("ROLLBACK TO insert_booking", {});
        (void)run("RELEASE insert_booking", {});
    };

    const auto& ticket = booking.ticket;
    const core::LegalEntity* entity = r != nullptr && r->legal_entity ? &*r->legal_entity : nullptr;
    auto insert =
        query(kInsertBooking,
              {booking.code,
               booking.service_id,
               booking.day,
               booking.slot_minute,
               booking.slot_start,
               core::booking_channel_id(booking.channel),
               core::booking_state_id(booking.state),
               r ? Param(core::registrant_kind_id(r->kind)) : nullptr,
               r ? Param(r->surname) : nullptr,
               r ? Param(r->given_name) : nullptr,
               r ? Param(r->patronymic) : nullptr,
               r ? Param(r->birth_date) : nullptr,
               r ? Param(r->rnokpp) : nullptr,
               r ? Param(r->has_no_rnokpp) : nullptr,
               r ? Param(core::document_type_id(r->document_type)) : nullptr,
               r ? Param(r->document_number) : nullptr,
               entity ? Param(entity->edrpou) : nullptr,
               entity ? Param(entity->name) : nullptr,
               ticket ? Param(core::ticket_sequence_id(ticket->sequence)) : nullptr,
               ticket ? Param(ticket->number) : nullptr,
               ticket ? enum_param(ticket->category, core::priority_category_id) : nullptr,
               booking.window_id,
               enum_param(booking.result, core::service_result_id),
               booking.refusal ? Param(core::refusal_reason_id(booking.refusal->reason)) : nullptr,
               booking.refusal ? Param(booking.refusal->note) : nullptr,
               booking.transfer ? Param(booking.transfer->service_id) : nullptr,
               booking.transfer ? Param(booking.transfer->window_id) : nullptr,
               booking.recalls,
               booking.created_at,
               booking.updated_at,
               booking.arrived_at,
               booking.called_at,
               booking.started_at,
               booking.finished_at,
               booking.personal_data_erased_at});
    if (!insert) {
        undo();
        return insert.problem();
    }
    if (auto problem = insert.value()->run()) {
        const bool taken = refused_as_unique();
        undo();
        if (taken) return duplicate("booking_code");
        return *problem;
    }
    BookingRecord stored = booking;
    stored.id = connection_->connection().last_insert_rowid();

    int position = 0;
    for (const auto& key : booking.identity_keys) {
        auto added = run("INSERT INTO booking_keys(booking_id, position, key) VALUES (?1, ?2, ?3)",
                         {stored.id, position++, key});
        if (!added) {
            undo();
            return added.problem();
        }
    }
    auto released = run("RELEASE insert_booking", {});
    if (!released) {
        undo();
        return released.problem();
    }
    return stored;
}

core::Result<std::optional<BookingRecord>> SqliteSession::one_booking(std::string_view sql,
                                                                      Param key) {
    if (auto problem = usable(false)) return *problem;
    auto found = query(sql, {key});
    if (!found) return found.problem();
    auto stepped = found.value()->step();
    if (!stepped) return stepped.problem();
    if (*stepped == sqlite::Step::Done) return std::optional<BookingRecord>();
    auto booking = read_booking(*found.value());
    if (!booking) return booking.problem();
    return std::optional<BookingRecord>(std::move(booking).value());
}

core::Result<std::optional<BookingRecord>> SqliteSession::booking(std::int64_t id) {
    static const std::string sql = std::string(kBookingSelect) + "WHERE id = ?1";
    return one_booking(sql, id);
}

core::Result<std::optional<BookingRecord>> SqliteSession::booking_by_code(std::string_view code) {
    static const std::string sql = std::string(kBookingSelect) + "WHERE code = ?1";
    return one_booking(sql, code);
}

std::optional<core::Problem> SqliteSession::update_booking(const BookingRecord& booking) {
    if (auto problem = usable(true)) return problem;
    const auto& ticket = booking.ticket;
    auto changed = run(
        "UPDATE bookings SET state = ?2, ticket_sequence = ?3, ticket_number = ?4, "
        "ticket_category = ?5, window_id = ?6, result = ?7, refusal_reason = ?8, "
        "refusal_note = ?9, transfer_service_id = ?10, transfer_window_id = ?11, recalls = ?12, "
        "updated_at = ?13, arrived_at = ?14, called_at = ?15, started_at = ?16, "
        "finished_at = ?17 WHERE id = ?1",
        {booking.id, core::booking_state_id(booking.state),
         ticket ? Param(core::ticket_sequence_id(ticket->sequence)) : nullptr,
         ticket ? Param(ticket->number) : nullptr,
         ticket ? enum_param(ticket->category, core::priority_category_id) : nullptr,
         booking.window_id, enum_param(booking.result, core::service_result_id),
         booking.refusal ? Param(core::refusal_reason_id(booking.refusal->reason)) : nullptr,
         booking.refusal ? Param(booking.refusal->note) : nullptr,
         booking.transfer ? Param(booking.transfer->service_id) : nullptr,
         booking.transfer ? Param(booking.transfer->window_id) : nullptr, booking.recalls,
         booking.updated_at, booking.arrived_at, booking.called_at, booking.started_at,
         booking.finished_at});
    if (!changed) return changed.problem();
    if (*changed == 0) return not_found("booking", std::to_string(booking.id));
    return std::nullopt;
}

core::Result<std::vector<BookingRecord>> SqliteSession::day_bookings(Date day,
                                                                     const BookingFilter& filter) {
    if (auto problem = usable(false)) return *problem;
    static const std::string sql =
        std::string(kBookingSelect) +
        "WHERE day = ?1 AND (?2 IS NULL OR service_id = ?2) AND (?3 IS NULL OR state = ?3) "
        "AND (?4 IS NULL OR channel = ?4) AND (?5 IS NULL OR window_id = ?5) "
        "ORDER BY slot_start, id";
    auto rows =
        query(sql, {day, filter.service_id, enum_param(filter.state, core::booking_state_id),
                    enum_param(filter.channel, core::booking_channel_id), filter.window_id});
    if (!rows) return rows.problem();
    std::vector<BookingRecord> out;
    for (;;) {
        auto stepped = rows.value()->step();
        if (!stepped) return stepped.problem();
        if (*stepped == sqlite::Step::Done) return out;
        auto booking = read_booking(*rows.value());
        if (!booking) return booking.problem();
        out.push_back(std::move(booking).value());
    }
}

core::Result<std::map<int, int>> SqliteSession::slot_occupancy(Date day,
                                                               std::string_view service_id) {
    if (auto problem = usable(false)) return *problem;
    auto rows = query(
        "SELECT slot_minute, taken FROM slot_counts "
        "WHERE day = ?1 AND service_id = ?2 AND taken > 0",
        {day, service_id});
    if (!rows) return rows.problem();
    std::map<int, int> out;
    for (;;) {
        auto stepped = rows.value()->step();
        if (!stepped) return stepped.problem();
        if (*stepped == sqlite::Step::Done) return out;
        auto minute = int_at(*rows.value(), 0);
        auto count = int_at(*rows.value(), 1);
        if (!minute || !count) return corrupt("slot_counts", service_id);
        out[*minute] = *count;
    }
}

core::Result<std::vector<IdentityBooking>> SqliteSession::identity_bookings(
    const std::vector<std::string>& keys, Date from, Date to) {
    if (auto problem = usable(false)) return *problem;
    std::map<std::int64_t, IdentityBooking> found;  // by id: each booking once
    for (const auto& chunk : key_chunks(keys)) {
        const std::string sql =
            "SELECT id, service_id, day, slot_start, channel, state, result, "
            "COALESCE(NULLIF(transfer_service_id, ''), service_id) FROM bookings "
            "WHERE day BETWEEN ?1 AND ?2 AND id IN "
            "(SELECT booking_id FROM booking_keys WHERE key IN (" +
            placeholders(3, chunk.size()) + "))";
        auto prepared = connection_->query(sql, chunk.size() <= 8);
        if (!prepared) return prepared.problem();
        Query rows = std::move(prepared).value();
        if (auto problem = bind(*rows, {from, to})) return *problem;
        for (std::size_t i = 0; i < chunk.size(); ++i)
            if (auto problem = rows->bind_text(static_cast<int>(i) + 3, chunk[i])) return *problem;
        for (;;) {
            auto stepped = rows->step();
            if (!stepped) return stepped.problem();
            if (*stepped == sqlite::Step::Done) break;
            IdentityBooking b;
            b.booking_id = rows->column_int64(0);
            b.service_id = rows->column_text(1);
            b.taken_service_id = rows->column_text(7);
            auto day = core::parse_iso_date(rows->column_text(2));
            if (!day) return corrupt("booking.day", b.booking_id);
            b.day = *day;
            b.slot_start = instant_at(*rows, 3);
            auto channel = core::parse_booking_channel(rows->column_text(4));
            if (!channel) return corrupt("booking.channel", b.booking_id);
            b.channel = *channel;
            auto state = core::parse_booking_state(rows->column_text(5));
            if (!state) return corrupt("booking.state", b.booking_id);
            b.state = *state;
            if (!rows->column_is_null(6)) {
                auto result = core::parse_service_result(rows->column_text(6));
                if (!result) return corrupt("booking.result", b.booking_id);
                b.result = *result;
            }
            found.emplace(b.booking_id, std::move(b));
        }
    }
    std::vector<IdentityBooking> out;
    out.reserve(found.size());
    for (auto& [id, b] : found) out.push_back(std::move(b));
    std::sort(out.begin(), out.end(), [](const IdentityBooking& a, const IdentityBooking& b) {
        return std::tie(a.day, a.slot_start, a.booking_id) <
               std::tie(b.day, b.slot_start, b.booking_id);
    });
    return out;
}

core::Result<std::int64_t> SqliteSession::erase_personal_data(Date before_day, Instant at) {
    if (auto problem = usable(true)) return *problem;
    if (auto problem = check_storable(before_day, "day")) return *problem;
    auto keys =
        run("DELETE FROM booking_keys WHERE booking_id IN "
            "(SELECT id FROM bookings WHERE day < ?1 AND personal_data_erased_at IS NULL)",
            {before_day});
    if (!keys) return keys.problem();
    // The refusal note is free text a clerk typed: it may name the person, so it goes too.
    return run(
        "UPDATE bookings SET kind = NULL, surname = NULL, given_name = NULL, patronymic = NULL, "
        "birth_date = NULL, rnokpp = NULL, has_no_rnokpp = NULL, document_type = NULL, "
        "document_number = NULL, edrpou = NULL, entity_name = NULL, "
        "refusal_note = CASE WHEN refusal_reason IS NULL THEN NULL ELSE '' END, "
        "personal_data_erased_at = ?2 WHERE day < ?1 AND personal_data_erased_at IS NULL",
        {before_day, at});
}

}  // namespace cherha::store::detail
