// The desk's API calls against the real cherha-server with the demo center: what the desk
// reads is what the server holds (the day's bookings with their registrations, the keys that
// verify the QR tokens, verifications, statistics, the audit log), the requests it builds are
// taken by the server, refusals keep the server's code and status, and a stopped server is
// desk.offline.
#include <gtest/gtest.h>

#include <numeric>
#include <set>

#include "core/auth/session_token.h"
#include "core/token/booking_token.h"
#include "core/token/signing_key.h"
#include "desk/model/curl_transport.h"
#include "desk/model/desk_api.h"
#include "server/server_fixture.h"

namespace cherha::desk {
namespace {

using nlohmann::json;

// An action without payload.
ActionRequest act(core::BookingAction action) {
    ActionRequest request;
    request.action = action;
    return request;
}

Instant now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

// The document a visitor registered with, as they present it at the window.
core::PresentedDocument presented_from(const core::Registration& r, core::Date today) {
    core::PresentedDocument d;
    d.document_type = r.document_type;
    d.document_number = r.document_number;
    d.surname = r.surname;
    d.given_name = r.given_name;
    d.patronymic = r.patronymic;
    d.birth_date = r.birth_date;
    d.expiry_date = core::Date{today.year() + date::years{5}, today.month(), date::day{1}};
    d.rnokpp = r.rnokpp;
    return d;
}

class DeskApiWithServer : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(server_.start({"--demo"}));
        ASSERT_TRUE(server_.process().wait_for_stdout("board-1", std::chrono::seconds(30)));
        transport_ = std::make_unique<CurlTransport>(server_.url());
        api_ = std::make_unique<DeskApi>(*transport_);
    }

    StaffSession log_in(const std::string& login, const std::string& password,
                        const std::string& window) {
        auto session = api_->login(login, password, window);
        EXPECT_TRUE(session) << session.problem().code;
        return session ? session.value() : StaffSession{};
    }

    // A booking of today the clerk of window 1 can take: booked for vehicle registration.
    QueueBooking booked_at_window_1(const DayQueueSnapshot& queue) {
        for (const auto& b : queue.bookings)
            if (b.state == core::BookingState::Booked && b.service_id == "vehicle-registration" &&
                b.registration)
                return b;
        ADD_FAILURE() << "the demo has no booked vehicle registration today";
        return {};
    }

    test::ServerUnderTest server_;
    std::unique_ptr<CurlTransport> transport_;
    std::unique_ptr<DeskApi> api_;
};

TEST_F(DeskApiWithServer, LoginGivesASessionAndAWrongPasswordIsRefusedWith401) {
    const StaffSession clerk = log_in("clerk1", test::kClerk1Password, "w1");
    EXPECT_EQ(clerk.login, "clerk1");
    EXPECT_EQ(clerk.role, "clerk");
    EXPECT_EQ(clerk.window, (WindowRef{"w1", 1}));
    EXPECT_TRUE(core::is_session_token_well_formed(clerk.token));

    auto wrong = api_->login("clerk1", "not-the-password", "w1");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.problem().code, "auth.invalid_credentials");
    EXPECT_EQ(problem_status(wrong.problem()), 401);
    EXPECT_FALSE(is_offline_problem(wrong.problem()));

    // The session works until logout, then not.
    ASSERT_TRUE(api_->queue(clerk.token));
    EXPECT_TRUE(api_->logout(clerk.token));
    auto after = api_->queue(clerk.token);
    ASSERT_FALSE(after);
    EXPECT_EQ(after.problem().code, "auth.session_invalid");
    EXPECT_EQ(problem_status(after.problem()), 401);
}

TEST_F(DeskApiWithServer, TheCenterAndTheDaysQueueWithRegistrationsAreWhatTheServerHolds) {
    const StaffSession clerk = log_in("clerk1", test::kClerk1Password, "w1");
    auto center = api_->center();
    ASSERT_TRUE(center) << center.problem().code << " " << center.problem().param("what");
    const CenterInfo& info = center->first;
    EXPECT_GT(info.center_id, 0u);
    EXPECT_EQ(info.window_number("w1"), 1);
    EXPECT_FALSE(info.services.empty());
    EXPECT_NE(info.service_name("vehicle-registration", "en"), "vehicle-registration");
    // The text kept for the local cache reads back to the same.
    EXPECT_EQ(read_center_info(center->second).value().today, info.today);

    auto queue = api_->queue(clerk.token);
    ASSERT_TRUE(queue) << queue.problem().code << " " << queue.problem().param("what");
    const DayQueueSnapshot& day = queue->first;
    EXPECT_EQ(day.day, info.today);
    EXPECT_FALSE(day.alert);

    // The same bookings as the server's own answer, each with its registration.
    test::HttpClient client(server_.url());
    const json raw = test::json_of(client.get("/api/v1/queue", test::bearer(clerk.token)));
    ASSERT_EQ(day.bookings.size(), raw["bookings"].size());
    ASSERT_GE(day.bookings.size(), 10u);
    std::set<core::BookingState> states;
    for (std::size_t i = 0; i < day.bookings.size(); ++i) {
        const QueueBooking& b = day.bookings[i];
        const json& r = raw["bookings"][i];
        EXPECT_EQ(b.id, r["id"].get<std::int64_t>());
        EXPECT_EQ(core::booking_state_id(b.state), r["state"].get<std::string>());
        EXPECT_EQ(b.ticket_display, r["ticket"].is_null() ? "" : r["ticket"]["display"]);
        ASSERT_TRUE(b.registration) << b.id;
        EXPECT_EQ(b.registration->surname, r["registration"]["surname"].get<std::string>());
        EXPECT_EQ(b.registration->document_number,
                  r["registration"]["document"]["number"].get<std::string>());
        EXPECT_EQ(b.ticket.has_value(), !r["ticket"].is_null()) << b.id;
        if (b.ticket) {
            EXPECT_EQ(b.ticket->number, r["ticket"]["number"].get<int>());
        }
        states.insert(b.state);
    }
    EXPECT_GE(states.size(), 5u);  // the demo has today's bookings in many states
}

TEST_F(DeskApiWithServer, TheKeysVerifyABookingsTokenFoundByCodeOrByToken) {
    const StaffSession clerk = log_in("clerk1", test::kClerk1Password, "w1");
    auto keys = api_->keys(clerk.token);
    ASSERT_TRUE(keys) << keys.problem().code;
    auto center = api_->center();
    ASSERT_TRUE(center);
    EXPECT_EQ(keys->first.center_id, center->first.center_id);
    core::KeyRing ring;
    for (const auto& key : keys->first.keys) {
        auto loaded = core::load_verifying_key_pem(key.public_pem);
        ASSERT_TRUE(loaded) << loaded.problem().code;
        EXPECT_EQ(loaded->key_id().hex(), key.key_id);
        ASSERT_FALSE(ring.add(*loaded, now()));
    }

    auto queue = api_->queue(clerk.token);
    ASSERT_TRUE(queue);
    const QueueBooking booked = booked_at_window_1(queue->first);
    auto by_code = api_->find(clerk.token, booked.code);
    ASSERT_TRUE(by_code) << by_code.problem().code << " " << by_code.problem().param("what");
    EXPECT_EQ(by_code->id, booked.id);
    ASSERT_TRUE(by_code->registration);
    EXPECT_EQ(by_code->registration->surname, booked.registration->surname);
    ASSERT_FALSE(by_code->token.empty());

    const core::TokenExpectation expected{keys->first.center_id, center->first.today};
    auto token = core::verify_booking_token(by_code->token, ring, expected);
    ASSERT_TRUE(token) << token.problem().code;
    EXPECT_EQ(token->claims.booking_id, static_cast<std::uint64_t>(booked.id));
    // A changed token does not verify with these keys.
    std::string changed = by_code->token;
    changed[changed.size() - 3] = changed[changed.size() - 3] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(core::verify_booking_token(changed, ring, expected));

    auto by_token = api_->find(clerk.token, by_code->token);
    ASSERT_TRUE(by_token) << by_token.problem().code;
    EXPECT_EQ(by_token->id, booked.id);
    auto unknown = api_->find(clerk.token, "AAAA-AAAA");
    ASSERT_FALSE(unknown);
    const int status = problem_status(unknown.problem());
    EXPECT_TRUE(status == 404 || status == 422) << unknown.problem().code;
}

TEST_F(DeskApiWithServer, VerifyMatchesTheRegisteredDocumentAndRefusesAnotherSurname) {
    const StaffSession clerk = log_in("clerk1", test::kClerk1Password, "w1");
    auto queue = api_->queue(clerk.token);
    ASSERT_TRUE(queue);
    const QueueBooking booked = booked_at_window_1(queue->first);
    ASSERT_TRUE(booked.registration);
    core::PresentedDocument document = presented_from(*booked.registration, queue->first.day);

    auto match = api_->verify(clerk.token, booked.id, document);
    ASSERT_TRUE(match) << match.problem().code << " " << match.problem().param("what")
                       << match.problem().param("field");
    EXPECT_EQ(match->booking_id, booked.id);
    EXPECT_EQ(match->verification.verdict, core::Verdict::Match);
    EXPECT_EQ(match->verification.field(core::VerifiedField::Surname).status,
              core::FieldStatus::Match);

    document.surname = "Іншапрізвищенко";
    auto mismatch = api_->verify(clerk.token, booked.id, document);
    ASSERT_TRUE(mismatch) << mismatch.problem().code;
    EXPECT_EQ(mismatch->verification.verdict, core::Verdict::Mismatch);
    EXPECT_EQ(mismatch->verification.field(core::VerifiedField::Surname).status,
              core::FieldStatus::Mismatch);
    EXPECT_EQ(mismatch->verification.field(core::VerifiedField::Surname).presented,
              "Іншапрізвищенко");

    // An MRZ that cannot be read is the server's 422, not a verification.
    auto unreadable = api_->verify_mrz(clerk.token, booked.id, "NOT AN MRZ");
    ASSERT_FALSE(unreadable);
    EXPECT_EQ(unreadable.problem().code.rfind("mrz.", 0), 0u) << unreadable.problem().code;
    EXPECT_EQ(problem_status(unreadable.problem()), 422);
}

TEST_F(DeskApiWithServer, TheOutboxRequestsAreTakenByTheServer) {
    const StaffSession clerk = log_in("clerk1", test::kClerk1Password, "w1");
    auto queue = api_->queue(clerk.token);
    ASSERT_TRUE(queue);
    const QueueBooking booked = booked_at_window_1(queue->first);
    auto box = Outbox::open(":memory:");
    ASSERT_TRUE(box);
    const auto send = [&](const OutboxRequest& request) -> QueueBooking {
        EXPECT_TRUE((*box)->add(request, now()));
        const FlushReport report = (*box)->flush(*transport_, clerk.token, "clerk1", now());
        EXPECT_EQ(report.delivered, 1) << request.path << " " << request.body;
        auto entries = (*box)->entries();
        if (!entries || entries->empty()) return {};
        const OutboxEntry& last = entries->back();
        EXPECT_EQ(last.state, OutboxState::Delivered) << last.problem_code << " " << last.reply;
        auto read = read_queue_booking(json::parse(last.reply, nullptr, false), "action");
        EXPECT_TRUE(read) << last.reply;
        return read ? read.value() : QueueBooking{};
    };

    const QueueBooking arrived =
        send(action_request(booked.id, act(core::BookingAction::Arrive), "clerk1"));
    EXPECT_EQ(arrived.id, booked.id);
    EXPECT_EQ(arrived.state, core::BookingState::Arrived);
    EXPECT_TRUE(arrived.ticket);
    EXPECT_FALSE(arrived.registration);  // an action's answer carries no personal data

    const QueueBooking called = send(call_next_request("clerk1"));
    EXPECT_EQ(called.state, core::BookingState::Called);
    EXPECT_EQ(called.window_id, "w1");
    const QueueBooking started =
        send(action_request(called.id, act(core::BookingAction::Start), "clerk1"));
    EXPECT_EQ(started.state, core::BookingState::InService);
    ActionRequest refuse = act(core::BookingAction::Refuse);
    refuse.refusal = core::RefusalReason::Other;
    refuse.refusal_note = "синтетична причина";
    const QueueBooking refused = send(action_request(called.id, refuse, "clerk1"));
    EXPECT_EQ(refused.state, core::BookingState::Refused);
    EXPECT_EQ(refused.refusal_reason, core::RefusalReason::Other);
    EXPECT_EQ(refused.refusal_note, "синтетична причина");

    // A verification recorded through the outbox is taken too.
    ASSERT_TRUE(booked.registration);
    EXPECT_TRUE((*box)->add(
        verify_request(booked.id, presented_from(*booked.registration, queue->first.day), "clerk1"),
        now()));
    EXPECT_EQ((*box)->flush(*transport_, clerk.token, "clerk1", now()).delivered, 1);
}

TEST_F(DeskApiWithServer, SupervisorsReadStatisticsAndTheAuditAndSwitchTheAlert) {
    const StaffSession clerk = log_in("clerk1", test::kClerk1Password, "w1");
    const StaffSession boss = log_in("supervisor", test::kSupervisorPassword, "");
    EXPECT_TRUE(boss.supervises());
    EXPECT_FALSE(boss.window);
    auto queue = api_->queue(clerk.token);
    ASSERT_TRUE(queue);
    const DayQueueSnapshot& day = queue->first;

    auto stats = api_->stats(boss.token, day.day);
    ASSERT_TRUE(stats) << stats.problem().code << " " << stats.problem().param("what");
    EXPECT_EQ(stats->day, day.day);
    const int counted =
        std::accumulate(stats->by_state.begin(), stats->by_state.end(), 0,
                        [](int sum, const auto& entry) { return sum + entry.second; });
    EXPECT_EQ(counted, static_cast<int>(day.bookings.size()));
    EXPECT_FALSE(stats->alert);
    auto not_for_clerks = api_->stats(clerk.token, day.day);
    ASSERT_FALSE(not_for_clerks);
    EXPECT_EQ(not_for_clerks.problem().code, "auth.forbidden");
    EXPECT_EQ(problem_status(not_for_clerks.problem()), 403);

    // The audit of one booking: its creation and the verification the clerk just made.
    const QueueBooking booked = booked_at_window_1(day);
    ASSERT_TRUE(
        api_->verify(clerk.token, booked.id, presented_from(*booked.registration, day.day)));
    auto audit = api_->audit(boss.token, booked.id);
    ASSERT_TRUE(audit) << audit.problem().code << " " << audit.problem().param("what");
    std::set<std::string> actions;
    for (const auto& entry : *audit) {
        EXPECT_EQ(entry.booking, booked.id);
        actions.insert(entry.action);
    }
    EXPECT_TRUE(actions.count("booking.create"));
    EXPECT_TRUE(actions.count("verification"));
    const AuditEntry& last = audit->back();
    EXPECT_EQ(last.action, "verification");
    EXPECT_FALSE(last.actor.empty());
    EXPECT_EQ(last.window, "w1");
    EXPECT_LE(last.at, now());

    // The alert on: the queue and the statistics show it; twice is refused; off again.
    auto on = api_->set_alert(boss.token, true);
    ASSERT_TRUE(on) << on.problem().code;
    EXPECT_TRUE(on.value());
    EXPECT_TRUE(api_->queue(clerk.token)->first.alert);
    EXPECT_TRUE(api_->stats(boss.token, day.day)->alert);
    auto again = api_->set_alert(boss.token, true);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.problem().code, "center.alert_state");
    EXPECT_EQ(problem_status(again.problem()), 409);
    auto off = api_->set_alert(boss.token, false);
    ASSERT_TRUE(off) << off.problem().code;
    EXPECT_FALSE(off.value());
    EXPECT_FALSE(api_->queue(clerk.token)->first.alert);
    auto clerk_alert = api_->set_alert(clerk.token, true);
    ASSERT_FALSE(clerk_alert);
    EXPECT_EQ(clerk_alert.problem().code, "auth.forbidden");

    // Unblocking takes an identity and refuses what is none.
    auto unblocked = api_->unblock(boss.token, booked.registration->document_number);
    ASSERT_TRUE(unblocked) << unblocked.problem().code;
    EXPECT_TRUE(unblocked.value());
    auto not_an_identity = api_->unblock(boss.token, "");
    ASSERT_FALSE(not_an_identity);
    EXPECT_EQ(problem_status(not_an_identity.problem()), 400);
}

TEST_F(DeskApiWithServer, AStoppedServerIsOffline) {
    const StaffSession clerk = log_in("clerk1", test::kClerk1Password, "w1");
    const test::ServerExit exit = server_.process().stop();
    EXPECT_EQ(exit.exit_code, 0);
    auto queue = api_->queue(clerk.token);
    ASSERT_FALSE(queue);
    EXPECT_EQ(queue.problem().code, "desk.offline");
    EXPECT_FALSE(queue.problem().param("detail").empty());
    EXPECT_TRUE(is_offline_problem(queue.problem()));
    EXPECT_EQ(problem_status(queue.problem()), 0);
    auto login = api_->login("clerk1", test::kClerk1Password, "w1");
    ASSERT_FALSE(login);
    EXPECT_TRUE(is_offline_problem(login.problem()));
}

}  // namespace
}  // namespace cherha::desk
