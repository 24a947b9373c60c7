#include "desk/model/day_queue.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>
#include <tuple>

#include "core/common/utf8.h"
#include "core/names/person_name.h"
#include "core/token/booking_code.h"

namespace cherha::desk {

namespace {

// Larger than any event the server sends (a few hundred bytes); the stream parser already
// drops events over 256 KiB.
constexpr std::size_t kMaxQueueEventBytes = 64 * 1024;
constexpr std::size_t kMaxTicketBytes = 32;
constexpr std::size_t kMaxIdBytes = 256;

core::Problem bad_event() {
    return core::Problem("desk.bad_answer", {{"what", "event"}});
}

// A short string member: "" when absent or null, nullopt when of another type or too long.
std::optional<std::string> optional_text(const nlohmann::json& object, const char* name,
                                         std::size_t max_bytes) {
    const auto found = object.find(name);
    if (found == object.end() || found->is_null()) return std::string();
    if (!found->is_string()) return std::nullopt;
    const auto& text = found->get_ref<const std::string&>();
    if (text.size() > max_bytes) return std::nullopt;
    return text;
}

// A non-negative integer member: 0 when absent or null, nullopt otherwise.
std::optional<std::int64_t> optional_count(const nlohmann::json& object, const char* name) {
    const auto found = object.find(name);
    if (found == object.end() || found->is_null()) return 0;
    if (found->is_number_unsigned()) {
        const auto value = found->get<std::uint64_t>();
        if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return std::nullopt;
        return static_cast<std::int64_t>(value);
    }
    if (found->is_number_integer()) {
        const auto value = found->get<std::int64_t>();
        return value < 0 ? std::nullopt : std::optional<std::int64_t>(value);
    }
    return std::nullopt;
}

// The ticket a display form stands for, keeping the one held when it is the same ticket.
// The event carries only the display form ("1009", "П-003"); a priority ticket read from it
// has no category (the table shows the display form).
std::optional<core::Ticket> ticket_of(const std::string& display,
                                      const std::optional<core::Ticket>& held) {
    if (display.empty()) return std::nullopt;
    if (held && core::format_ticket(*held) == display) return held;
    std::size_t start = display.size();
    while (start > 0 && display[start - 1] >= '0' && display[start - 1] <= '9') --start;
    const std::size_t digits = display.size() - start;
    if (digits == 0 || digits > 6) return std::nullopt;
    core::Ticket ticket;
    ticket.number = std::stoi(display.substr(start));
    ticket.sequence = start == 0 ? core::TicketSequence::Regular : core::TicketSequence::Priority;
    if (held && held->sequence == ticket.sequence && held->number == ticket.number) return held;
    return ticket;
}

// The folded form a search compares: normalize_name (NFC, case folding, collapsed spaces,
// hyphen variants as '-') without hyphens and spaces.
std::string search_form(std::string_view text) {
    std::string folded = core::normalize_name(text);
    std::erase_if(folded, [](char c) { return c == '-' || c == ' '; });
    return folded;
}

// The first character of `text` (UTF-8), "" when it does not start with a valid one.
std::string first_character(const std::string& text) {
    if (text.empty()) return {};
    const auto decoded = core::decode_utf8_char(text, 0);
    return decoded.valid ? text.substr(0, decoded.bytes) : std::string();
}

// The states in which a window has the visitor in front of it (or had, at the end).
bool at_window(core::BookingState state) {
    switch (state) {
        case core::BookingState::Called:
        case core::BookingState::InService:
        case core::BookingState::Served:
        case core::BookingState::Refused:
            return true;
        default:
            return false;
    }
}

}  // namespace

core::Result<QueueEvent> read_queue_event(std::string_view data) {
    if (data.size() > kMaxQueueEventBytes) return bad_event();
    const auto parsed = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded() || !parsed.is_object()) return bad_event();

    QueueEvent event;
    const auto kind = optional_text(parsed, "kind", kMaxIdBytes);
    if (!kind || (*kind != "booking" && *kind != "alert")) return bad_event();
    event.kind = *kind;

    const auto booking = optional_count(parsed, "booking");
    if (!booking) return bad_event();
    event.booking = *booking;

    const auto state = optional_text(parsed, "state", kMaxIdBytes);
    if (!state) return bad_event();
    event.state = core::parse_booking_state(*state);

    const auto ticket = optional_text(parsed, "ticket", kMaxTicketBytes);
    if (!ticket) return bad_event();
    event.ticket = *ticket;

    // {"id": "w6", "number": 6}, or null.
    if (const auto window = parsed.find("window"); window != parsed.end() && !window->is_null()) {
        if (!window->is_object()) return bad_event();
        const auto id = optional_text(*window, "id", kMaxIdBytes);
        if (!id) return bad_event();
        event.window_id = *id;
    }

    const auto service = optional_text(parsed, "service", kMaxIdBytes);
    if (!service) return bad_event();
    event.service_id = *service;

    if (const auto alert = parsed.find("alert"); alert != parsed.end() && !alert->is_null()) {
        if (!alert->is_boolean()) return bad_event();
        event.alert = alert->get<bool>();
    }

    const auto change = optional_count(parsed, "change");
    if (!change) return bad_event();
    event.change = *change;

    // A booking event names a booking and its new state.
    if (event.kind == "booking" && (event.booking <= 0 || !event.state)) return bad_event();
    return event;
}

StatusTone status_tone(core::BookingState state) {
    switch (state) {
        case core::BookingState::Booked:
        case core::BookingState::Arrived:
            return StatusTone::Waiting;
        case core::BookingState::Called:
            return StatusTone::Called;
        case core::BookingState::InService:
            return StatusTone::InService;
        case core::BookingState::Served:
            return StatusTone::Done;
        case core::BookingState::Refused:
            return StatusTone::Refused;
        case core::BookingState::NoShow:
        case core::BookingState::Cancelled:
            return StatusTone::Missed;
    }
    return StatusTone::Waiting;
}

DayQueue::SearchKeys DayQueue::keys_of(const QueueBooking& booking) {
    SearchKeys keys;
    keys.ticket = search_form(booking.ticket_display);
    keys.code = search_form(booking.code);
    if (booking.registration && !booking.personal_data_erased)
        keys.surname = core::normalize_name(booking.registration->surname);
    return keys;
}

void DayQueue::replace(DayQueueSnapshot snapshot) {
    day_ = snapshot.day;
    alert_ = snapshot.alert;
    alert_change_ = 0;
    bookings_ = std::move(snapshot.bookings);
    changes_.assign(bookings_.size(), 0);
    keys_.clear();
    keys_.reserve(bookings_.size());
    index_.clear();
    index_.reserve(bookings_.size());
    for (std::size_t i = 0; i < bookings_.size(); ++i) {
        keys_.push_back(keys_of(bookings_[i]));
        index_[bookings_[i].id] = i;
    }
}

// An event whose change is 0 (no order known) is applied without moving the last change
// applied: there is nothing to compare it with.
bool DayQueue::apply(const QueueEvent& event) {
    if (event.kind == "alert") {
        if (event.change != 0 && event.change <= alert_change_) return true;
        alert_ = event.alert;
        if (event.change != 0) alert_change_ = event.change;
        return true;
    }
    if (event.kind != "booking") return true;
    const auto found = index_.find(event.booking);
    if (found == index_.end()) return false;
    const std::size_t i = found->second;
    if (event.change != 0 && event.change <= changes_[i]) return true;  // older than shown
    QueueBooking& booking = bookings_[i];
    if (event.state) booking.state = *event.state;
    booking.ticket = ticket_of(event.ticket, booking.ticket);
    booking.ticket_display = event.ticket;
    booking.window_id = event.window_id;
    if (event.change != 0) changes_[i] = event.change;
    keys_[i] = keys_of(booking);
    return true;
}

void DayQueue::update(const QueueBooking& booking) {
    const auto found = index_.find(booking.id);
    if (found == index_.end()) {
        index_[booking.id] = bookings_.size();
        bookings_.push_back(booking);
        changes_.push_back(0);
        keys_.push_back(keys_of(booking));
        return;
    }
    const std::size_t i = found->second;
    QueueBooking fresher = booking;
    // An action's answer has no registration: keep the one held, unless it was erased since.
    if (!fresher.registration && !fresher.personal_data_erased)
        fresher.registration = std::move(bookings_[i].registration);
    if (fresher.token.empty()) fresher.token = std::move(bookings_[i].token);
    bookings_[i] = std::move(fresher);
    keys_[i] = keys_of(bookings_[i]);
}

const QueueBooking* DayQueue::find(std::int64_t id) const {
    const auto found = index_.find(id);
    return found == index_.end() ? nullptr : &bookings_[found->second];
}

bool DayQueue::matches(std::size_t index, const QueueFilter& filter,
                       const SearchKeys& wanted) const {
    const QueueBooking& booking = bookings_[index];
    if (filter.state && booking.state != *filter.state) return false;
    if (!filter.service_id.empty() && booking.waiting_service() != filter.service_id) return false;
    if (wanted.ticket.empty()) return true;  // no search
    const SearchKeys& keys = keys_[index];
    if (!keys.ticket.empty() && keys.ticket.starts_with(wanted.ticket)) return true;
    // A whole code (read tolerantly: Cyrillic look-alikes), or its first four characters or more.
    if (!wanted.code.empty() && wanted.code == keys.code) return true;
    if (wanted.ticket.size() >= 4 && keys.code.starts_with(wanted.ticket)) return true;
    return !keys.surname.empty() && !wanted.surname.empty() &&
           keys.surname.starts_with(wanted.surname);
}

std::vector<std::size_t> DayQueue::visible(const QueueFilter& filter) const {
    SearchKeys wanted;
    wanted.ticket = search_form(filter.search);  // also the code's form
    if (!wanted.ticket.empty()) {
        wanted.surname = core::normalize_name(filter.search);
        if (auto code = core::parse_booking_code(filter.search))
            wanted.code = search_form(code->canonical);
    }
    std::vector<std::size_t> rows;
    rows.reserve(bookings_.size());
    for (std::size_t i = 0; i < bookings_.size(); ++i)
        if (matches(i, filter, wanted)) rows.push_back(i);
    const auto order = [this](std::size_t i) {
        const QueueBooking& b = bookings_[i];
        const int ticket = b.ticket ? b.ticket->number : std::numeric_limits<int>::max();
        return std::tuple(b.start, ticket, b.id);
    };
    std::sort(rows.begin(), rows.end(),
              [&order](std::size_t a, std::size_t b) { return order(a) < order(b); });
    return rows;
}

std::string DayQueue::visitor_name(const QueueBooking& booking, const std::string& window_id,
                                   bool supervisor) {
    if (booking.personal_data_erased || !booking.registration) return {};
    const core::Registration& r = *booking.registration;
    const bool full = supervisor || (!window_id.empty() && booking.window_id == window_id &&
                                     at_window(booking.state));
    if (full) {
        std::string name = r.surname;
        for (const std::string* part : {&r.given_name, r.patronymic ? &*r.patronymic : nullptr})
            if (part && !part->empty()) name += (name.empty() ? "" : " ") + *part;
        return name;
    }
    std::string masked;
    for (const std::string* part : {&r.surname, &r.given_name}) {
        const std::string first = first_character(*part);
        if (first.empty()) continue;
        masked += (masked.empty() ? "" : " ") + first + ".";
    }
    return masked;
}

}  // namespace cherha::desk
