#include "center/demo_center.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "center/synthetic_identity.h"
#include "core/calendar/center_time.h"
#include "core/calendar/slot_calendar.h"
#include "core/quota/identity_key.h"
#include "core/tickets/ticket_numbering.h"
#include "core/token/booking_code.h"

// Evaluates a Result or returns its problem from the enclosing function.
#define CHERHA_DEMO_TRY(var, expr) \
    auto var = (expr);             \
    if (!var) return var.problem()

namespace cherha::center {

namespace {

using std::chrono::minutes;
constexpr std::string_view kDemoActor = "system";
constexpr int kLaterDays = 5;            // online bookings on this many next open days ...
constexpr int kLaterBookingsPerDay = 3;  // ... this many each

// One booking of today's demo: the state it is in and how it got there.
struct Planned {
    core::BookingState state;
    core::BookingChannel channel;
    int ago_minutes;  // how long before `now` the visitor arrived (or the booking ended)
    std::optional<core::PriorityCategory> priority = std::nullopt;
    std::optional<core::Refusal> refusal = std::nullopt;
};

// Final states first (they take the day's early slots), waiting ones last (the late slots).
std::vector<Planned> todays_plan() {
    using S = core::BookingState;
    using C = core::BookingChannel;
    return {
        {S::Served, C::Online, 150},
        {S::Served, C::Terminal, 130},
        {S::Refused, C::Online, 120, std::nullopt,
         core::Refusal{core::RefusalReason::DataMismatch,
                       "Номер документа не збігається із записом"}},
        {S::Refused, C::Terminal, 100, std::nullopt,
         core::Refusal{core::RefusalReason::MissingDocument, ""}},
        {S::NoShow, C::Online, 90},
        {S::Cancelled, C::Online, 24 * 60},
        {S::InService, C::Online, 40},
        {S::InService, C::Terminal, 35},
        {S::Called, C::Online, 25},
        {S::Called, C::Terminal, 20, core::PriorityCategory::ServingMilitary},
        {S::Arrived, C::Online, 15},
        {S::Arrived, C::Terminal, 10},
        {S::Arrived, C::Terminal, 5, core::PriorityCategory::PersonWithDisability},
        {S::Booked, C::Online, 0},
        {S::Booked, C::Online, 0},
        {S::Booked, C::Online, 0},
        {S::Booked, C::Online, 0},
        {S::Booked, C::Online, 0},
        {S::Booked, C::Online, 0},
    };
}

// The hours the demo gives today when the center would be closed: the first weekday that has
// opening hours, else 09:00-18:00.
core::DayHours working_day_hours(const core::CenterSchedule& schedule) {
    for (const auto& day : schedule.weekly)
        if (!day.opening.empty()) return day;
    return core::DayHours{{{minutes(9 * 60), minutes(18 * 60)}}, {}};
}

// Opens today when it is closed in `settings`. Returns whether anything changed.
bool open_today(CenterSettings& settings, core::Date today) {
    auto& schedule = settings.schedule;
    if (!core::hours_on(schedule, today).opening.empty()) return false;
    std::erase(schedule.closed_days, today);
    std::erase_if(schedule.special_days,
                  [&](const core::SpecialDay& special) { return special.date == today; });
    schedule.special_days.push_back(core::SpecialDay{today, working_day_hours(schedule)});
    return true;
}

// Today's slots of every service, front = earliest.
struct ServiceSlots {
    const core::Service* service = nullptr;
    std::vector<core::Slot> slots;
    std::size_t front = 0;
    std::size_t back = 0;  // slots taken from the end
    std::size_t left() const { return slots.size() - front - back; }
};

class DemoWriter {
  public:
    DemoWriter(store::StoreSession& session, Instant now) : session_(session), now_(now) {}

    // Inserts one booking (drawing a fresh booking code) and audits it.
    std::optional<core::Problem> insert(store::BookingRecord booking) {
        booking.identity_keys = core::quota_identity_keys(*booking.registration);
        std::optional<core::Problem> last;
        for (int attempt = 0; attempt < 10; ++attempt) {
            auto code = core::generate_booking_code();
            if (!code) return code.problem();
            booking.code = code->canonical;
            auto inserted = session_.insert_booking(booking);
            if (!inserted) {
                last = inserted.problem();
                if (last->code == "store.duplicate") continue;
                return last;
            }
            // The mutable part (state, ticket, window, outcome, times) through the update path
            // too, so the record is complete whatever insert_booking keeps.
            store::BookingRecord stored = booking;
            stored.id = inserted->id;
            if (auto problem = session_.update_booking(stored)) return problem;
            nlohmann::json details{{"channel", core::booking_channel_id(booking.channel)},
                                   {"service", booking.service_id},
                                   {"state", core::booking_state_id(booking.state)},
                                   {"demo", true}};
            store::AuditEvent event{
                now_, std::string(kDemoActor), booking.window_id, "booking.create", stored.id,
                "ok", details.dump()};
            auto audited = session_.append_audit(event);
            if (!audited) return audited.problem();
            return std::nullopt;
        }
        return last;
    }

  private:
    store::StoreSession& session_;
    Instant now_;
};

core::Registration registration_for(SyntheticIdentities& people, int index) {
    switch (index % 7) {
        case 3:
            return people.person(core::DocumentType::DrivingLicence);
        case 4:
            return people.representative();
        case 5:
            return people.person_without_rnokpp();
        case 6:
            return people.person(core::DocumentType::ForeignPassport);
        default:
            return people.person(core::DocumentType::IdCard);
    }
}

// Fills in the times and the outcome of a planned booking of today.
void shape(store::BookingRecord& b, const Planned& plan, const std::string& window, Instant now,
           const core::Service& service) {
    using S = core::BookingState;
    const Instant arrived = now - minutes(plan.ago_minutes);
    b.created_at = plan.channel == core::BookingChannel::Online ? now - date::days(3) : arrived;
    b.updated_at = b.created_at;
    const auto mark = [&](std::optional<Instant>& field, Instant at) {
        field = at;
        b.updated_at = std::max(b.updated_at, at);
    };
    switch (plan.state) {
        case S::Booked:
            break;
        case S::Cancelled:
            mark(b.finished_at, arrived);
            break;
        case S::NoShow:
            mark(b.finished_at, arrived);
            break;
        default: {
            mark(b.arrived_at, arrived);
            if (plan.state == S::Arrived) break;
            b.window_id = window;
            mark(b.called_at, arrived + minutes(plan.ago_minutes / 4));
            if (plan.state == S::Called) break;
            if (plan.state == S::Refused) {
                b.refusal = plan.refusal;
                mark(b.finished_at, *b.called_at + minutes(3));
                break;
            }
            mark(b.started_at, *b.called_at + minutes(2));
            if (plan.state == S::InService) break;
            if (service.retake_pause_days) b.result = core::ServiceResult::Passed;
            mark(b.finished_at, *b.started_at + minutes(std::min(15, plan.ago_minutes / 3)));
        }
    }
}

bool has_ticket(core::BookingState state) {
    using S = core::BookingState;
    return state == S::Arrived || state == S::Called || state == S::InService ||
           state == S::Served || state == S::Refused;
}

core::Result<int> fill_today(store::StoreSession& session, const CenterSettings& settings,
                             core::Date today, Instant now, SyntheticIdentities& people) {
    std::vector<ServiceSlots> services;
    for (const auto& service : settings.schedule.services) {
        auto slots = core::generate_slots(settings.schedule, service, today);
        if (!slots) return slots.problem();
        if (!slots->empty()) services.push_back({&service, std::move(slots).value()});
    }
    if (services.empty())
        return core::Problem("center.demo_no_slots", {{"day", core::format_iso_date(today)}});

    DemoWriter writer(session, now);
    core::TicketBook tickets(std::to_string(settings.center_id), today);
    int written = 0;
    std::size_t turn = 0;
    for (const Planned& plan : todays_plan()) {
        // The next service (round robin) that still has a free slot.
        ServiceSlots* chosen = nullptr;
        for (std::size_t tried = 0; tried < services.size() && !chosen; ++tried, ++turn)
            if (services[turn % services.size()].left() > 0)
                chosen = &services[turn % services.size()];
        if (!chosen) break;  // a tiny schedule: fewer slots than planned bookings
        const bool late = plan.state == core::BookingState::Booked;
        const core::Slot& slot = late ? chosen->slots[chosen->slots.size() - 1 - chosen->back++]
                                      : chosen->slots[chosen->front++];
        const core::Service& service = *chosen->service;

        store::BookingRecord b;
        b.service_id = service.id;
        b.day = today;
        b.slot_minute = core::minute_of_day(slot);
        b.slot_start = slot.start;
        b.channel = plan.channel;
        b.state = plan.state;
        b.registration = registration_for(people, written);
        const auto keys = core::quota_identity_keys(*b.registration);
        if (has_ticket(plan.state)) {
            auto ticket = plan.priority ? tickets.issue_priority(*plan.priority, keys, service.id)
                                        : tickets.issue_regular();
            if (!ticket) return ticket.problem();
            b.ticket = *ticket;
        }
        const std::string& window =
            service.window_ids[static_cast<std::size_t>(written) % service.window_ids.size()];
        shape(b, plan, window, now, service);
        if (auto problem = writer.insert(std::move(b))) return *problem;
        ++written;
    }
    return written;
}

core::Result<int> fill_later(store::StoreSession& session, const CenterSettings& settings,
                             core::Date today, Instant now, SyntheticIdentities& people) {
    DemoWriter writer(session, now);
    int written = 0, days = 0;
    const int reach = std::max(1, settings.rules.online_window_days) - 1;
    for (int ahead = 1; ahead <= reach && days < kLaterDays; ++ahead) {
        const core::Date day{date::sys_days{today} + date::days{ahead}};
        int on_day = 0;
        for (const auto& service : settings.schedule.services) {
            if (on_day == kLaterBookingsPerDay) break;
            auto slots = core::generate_slots(settings.schedule, service, day);
            if (!slots) return slots.problem();
            if (slots->empty()) continue;
            const std::size_t index =
                (slots->size() / 3 + static_cast<std::size_t>(on_day)) % slots->size();
            const core::Slot& slot = (*slots)[index];
            store::BookingRecord b;
            b.service_id = service.id;
            b.day = day;
            b.slot_minute = core::minute_of_day(slot);
            b.slot_start = slot.start;
            b.channel = core::BookingChannel::Online;
            b.state = core::BookingState::Booked;
            b.registration = registration_for(people, written + on_day);
            b.created_at = now - minutes(30 * (written + 1));
            b.updated_at = b.created_at;
            if (auto problem = writer.insert(std::move(b))) return *problem;
            ++on_day;
        }
        if (on_day > 0) ++days;
        written += on_day;
    }
    return written;
}

}  // namespace

core::Result<DemoLogins> fill_demo(store::CenterStore& store, Instant now,
                                   core::PasswordHashCost cost) {
    // The slow part (password hashing) before the write lock is taken.
    std::vector<std::string> hashes;
    for (const auto& account : kDemoAccounts) {
        CHERHA_DEMO_TRY(hash, core::hash_password(account.password, cost));
        hashes.push_back(std::move(hash).value());
    }

    CHERHA_DEMO_TRY(opened, store.write());
    store::StoreSession& session = *opened.value();

    CHERHA_DEMO_TRY(marker, session.setting(kDemoSetting));
    if (marker->has_value()) return core::Problem("center.demo_exists");
    for (const auto& account : kDemoAccounts) {
        CHERHA_DEMO_TRY(existing, session.staff_by_login(account.login));
        if (existing->has_value()) return core::Problem("center.demo_exists");
    }

    CHERHA_DEMO_TRY(initialised, is_initialised(session));
    if (!*initialised) {
        CHERHA_DEMO_TRY(defaults, default_center_settings());
        defaults.value().address_uk = kDemoAddressUk;
        defaults.value().address_en = kDemoAddressEn;
        if (auto problem = initialise_center(session, *defaults, now, kDemoActor)) return *problem;
    }
    CHERHA_DEMO_TRY(loaded, load_settings(session));
    CenterSettings settings = std::move(loaded).value();
    CHERHA_DEMO_TRY(zone, core::locate_center_zone(settings.schedule.time_zone));
    const core::Date today = core::local_date_of(now, **zone);
    if (open_today(settings, today))
        if (auto problem = save_settings(session, settings)) return *problem;

    DemoLogins logins;
    for (std::size_t i = 0; i < kDemoAccounts.size(); ++i) {
        const auto& spec = kDemoAccounts[i];
        CHERHA_DEMO_TRY(staff, insert_staff(session, spec.login, spec.display_name, spec.role,
                                            std::move(hashes[i]), now, kDemoActor));
        logins.staff.push_back({std::string(spec.login), std::string(spec.password), spec.role,
                                std::string(spec.display_name)});
    }
    logins.kiosk_name = "kiosk-1";
    logins.board_name = "board-1";
    CHERHA_DEMO_TRY(
        kiosk, add_device(session, logins.kiosk_name, store::DeviceKind::Kiosk, now, kDemoActor));
    CHERHA_DEMO_TRY(
        board, add_device(session, logins.board_name, store::DeviceKind::Board, now, kDemoActor));
    logins.kiosk_token = kiosk->token;
    logins.board_token = board->token;

    SyntheticIdentities people;
    CHERHA_DEMO_TRY(today_count, fill_today(session, settings, today, now, people));
    CHERHA_DEMO_TRY(later_count, fill_later(session, settings, today, now, people));
    logins.bookings_today = *today_count;
    logins.bookings_later = *later_count;

    const nlohmann::json marker_json{{"filled_at", date::format("%Y-%m-%dT%H:%M:%SZ", now)},
                                     {"day", core::format_iso_date(today)}};
    if (auto problem = session.put_setting(kDemoSetting, marker_json.dump())) return *problem;
    const nlohmann::json details{{"day", core::format_iso_date(today)},
                                 {"bookings_today", logins.bookings_today},
                                 {"bookings_later", logins.bookings_later}};
    store::AuditEvent event{now,  std::string(kDemoActor), "", "demo.fill", std::nullopt,
                            "ok", details.dump()};
    CHERHA_DEMO_TRY(audited, session.append_audit(event));
    if (auto problem = session.commit()) return *problem;
    return logins;
}

}  // namespace cherha::center
