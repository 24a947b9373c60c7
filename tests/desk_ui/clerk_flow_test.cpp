// The clerk's day through the real windows against the real server: log in, the queue shows
// the demo day, a scanner's burst opens the booking wherever the focus is, a matching document
// gives the match verdict and the visitor is served, a mismatching one leads to the refusal
// with the data-mismatch reason already chosen. Keys are pressed through XTest
// (wxUIActionSimulator), so the accelerators and the event filter are what is tested.
#include <gtest/gtest.h>

#include <wx/button.h>
#include <wx/modalhook.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

#include "core/identity/document_number.h"
#include "desk/model/document_entry.h"
#include "desk/ui/booking_panel.h"
#include "desk/ui/queue_table.h"
#include "desk_ui/desk_ui_fixture.h"

namespace cherha::desk::ui::testing {
namespace {

using namespace std::chrono_literals;

void press(int key, int modifiers = wxMOD_NONE) {
    wxUIActionSimulator sim;
    sim.Char(key, modifiers);
    pump_for(50ms);
}

// The document as registered, in the fields' own typed form.
DocumentFields fields_of(const core::Registration& r) {
    DocumentFields fields;
    fields.document_type = std::string(core::document_type_id(r.document_type));
    fields.document_number = r.document_number;
    fields.surname = r.surname;
    fields.given_name = r.given_name;
    fields.patronymic = r.patronymic.value_or("");
    fields.birth_date = "";  // typed by the test, as a clerk does
    fields.rnokpp = r.rnokpp.value_or("");
    return fields;
}

std::string typed_birth_date(core::Date d) {
    return wxString::Format("%02u.%02u.%04d", static_cast<unsigned>(d.day()),
                            static_cast<unsigned>(d.month()), static_cast<int>(d.year()))
        .utf8_string();
}

class ClerkFlow : public DeskUiTest {
  protected:
    // F2 calls the next visitor; returns the booking the desk opened.
    const QueueBooking* call_next() {
        press(WXK_F2);
        EXPECT_TRUE(pump_until([this] {
            const auto* b = frame_->queue().find(frame_->open_booking());
            return b && b->state == core::BookingState::Called;
        })) << "F2 did not call anybody";
        return frame_->queue().find(frame_->open_booking());
    }

    // Types the booking's QR token like a scanner into the search field (the focus is there),
    // ends with Enter.
    void scan_into_search(const std::string& token) {
        auto* search = wxDynamicCast(frame_->FindWindow("search"), wxSearchCtrl);
        ASSERT_NE(search, nullptr);
        search->ChangeValue("");
        search->SetFocus();
        pump_for(100ms);
        wxUIActionSimulator sim;
        sim.Text(token.c_str());
        sim.Char(WXK_RETURN);
        pump_for(200ms);
    }

    // Fills the document: the names programmatically (Cyrillic), the birth date typed.
    void fill_document(const core::Registration& r, const std::string& surname) {
        auto fields = fields_of(r);
        fields.surname = surname;
        frame_->booking_panel()->set_fields(fields);
        auto* birth = frame_->booking_panel()->field("birth_date");
        birth->SetFocus();
        pump_for(50ms);
        // Typed faster than any person: the desk holds the characters back as a possible
        // scan, and gives them to the field when no Enter follows.
        wxUIActionSimulator sim;
        sim.Text(typed_birth_date(r.birth_date).c_str());
        pump_for(400ms);
        ASSERT_EQ(birth->GetValue().utf8_string(), typed_birth_date(r.birth_date));
    }

    std::string server_state(std::int64_t id, const std::string& token) {
        const auto queue = desk_day_queue(token);
        for (const auto& b : queue.value("bookings", nlohmann::json::array()))
            if (b.value("id", 0LL) == id) return b.value("state", "");
        return "";
    }
};

TEST_F(ClerkFlow, QueueShowsTheDemoDayAndFilters) {
    ASSERT_NE(open_desk("clerk1", test::kClerk1Password, "w1"), nullptr);
    const auto token = staff_token("clerk1", test::kClerk1Password, "w1");
    const auto queue = desk_day_queue(token);
    const auto count = queue["bookings"].size();
    ASSERT_GT(count, 5u);
    EXPECT_TRUE(frame_->online());
    EXPECT_FALSE(frame_->offline_banner()->IsShown());
    EXPECT_EQ(frame_->queue().bookings().size(), count);
    EXPECT_EQ(frame_->table()->row_count(), count);

    // Typing a booking code in the search field leaves that booking alone.
    const std::string code = queue["bookings"][0]["code"];
    auto* search = wxDynamicCast(frame_->FindWindow("search"), wxSearchCtrl);
    search->SetFocus();
    pump_for(50ms);
    wxUIActionSimulator sim;
    for (const char c : code) {
        sim.Char(c, std::isupper(static_cast<unsigned char>(c)) ? wxMOD_SHIFT : wxMOD_NONE);
        pump_for(70ms);  // a person's pace: not a scanner burst
    }
    pump_for(100ms);
    EXPECT_EQ(search->GetValue().utf8_string(), code);
    EXPECT_EQ(frame_->table()->row_count(), 1u);
    EXPECT_EQ(frame_->table()->booking_at(0), queue["bookings"][0]["id"].get<std::int64_t>());
}

TEST_F(ClerkFlow, ScanOpensTheBookingAndAMatchingDocumentIsServed) {
    ASSERT_NE(open_desk("clerk1", test::kClerk1Password, "w1"), nullptr);
    const auto token = staff_token("clerk1", test::kClerk1Password, "w1");
    const QueueBooking* called = call_next();
    ASSERT_NE(called, nullptr);
    const auto id = called->id;
    ASSERT_TRUE(called->registration);
    const auto registration = *called->registration;

    // Open another booking first, so the scan is what brings the visitor back.
    for (const auto& b : frame_->queue().bookings()) {
        if (b.id == id) continue;
        frame_->on_scan(b.code);
        break;
    }
    ASSERT_NE(frame_->open_booking(), id);
    const auto qr = token_of(called->code, token);
    ASSERT_FALSE(qr.empty());
    scan_into_search(qr);
    ASSERT_TRUE(pump_until([&] { return frame_->open_booking() == id; }));
    auto* search = wxDynamicCast(frame_->FindWindow("search"), wxSearchCtrl);
    EXPECT_EQ(search->GetValue(), "") << "the scanner's characters leaked into the search field";

    fill_document(registration, registration.surname);
    press(WXK_RETURN, wxMOD_CONTROL);
    ASSERT_TRUE(pump_until([&] { return frame_->booking_panel()->verdict().has_value(); }));
    EXPECT_EQ(*frame_->booking_panel()->verdict(), core::Verdict::Match);
    EXPECT_FALSE(frame_->booking_panel()->verdict_label()->GetLabel().empty());

    AnswerDialogs accept;  // an exam's result: "passed" is pre-selected
    press(WXK_F4);         // start
    ASSERT_TRUE(pump_until(
        [&] { return frame_->queue().find(id)->state == core::BookingState::InService; }));
    press(WXK_F5);  // served
    ASSERT_TRUE(
        pump_until([&] { return frame_->queue().find(id)->state == core::BookingState::Served; }));
    EXPECT_EQ(server_state(id, token), "served");
    // Served is final: no outcome button is left enabled for it.
    for (const auto action : {core::BookingAction::Start, core::BookingAction::Serve,
                              core::BookingAction::Refuse, core::BookingAction::Recall})
        EXPECT_FALSE(frame_->booking_panel()->button(action)->IsEnabled());
}

TEST_F(ClerkFlow, AMismatchingDocumentLeadsToARefusalForDataMismatch) {
    ASSERT_NE(open_desk("clerk1", test::kClerk1Password, "w1"), nullptr);
    const auto token = staff_token("clerk1", test::kClerk1Password, "w1");
    const QueueBooking* called = call_next();
    ASSERT_NE(called, nullptr);
    const auto id = called->id;
    const auto registration = *called->registration;
    // The scanner's typing has its own test above; here the scan arrives as the filter
    // hands it over (typing a token through XTest takes about ten seconds).
    frame_->on_scan(token_of(called->code, token));
    ASSERT_TRUE(pump_until([&] { return frame_->open_booking() == id; }));

    fill_document(registration, "Іваненко");  // another surname
    press(WXK_RETURN, wxMOD_CONTROL);
    ASSERT_TRUE(pump_until([&] { return frame_->booking_panel()->verdict().has_value(); }));
    EXPECT_EQ(*frame_->booking_panel()->verdict(), core::Verdict::Mismatch);
    EXPECT_TRUE(frame_->booking_panel()->last_verdict_mismatch());

    AnswerDialogs accept;
    press(WXK_F6);  // refuse: the dialog opens with "data mismatch" chosen
    EXPECT_EQ(accept.shown, 1);
    ASSERT_TRUE(
        pump_until([&] { return frame_->queue().find(id)->state == core::BookingState::Refused; }));
    const auto queue = desk_day_queue(token, "state=refused");
    bool found = false;
    for (const auto& b : queue["bookings"]) {
        if (b["id"].get<std::int64_t>() != id) continue;
        found = true;
        EXPECT_EQ(b["refusal"]["reason"], "data_mismatch");
    }
    EXPECT_TRUE(found);
}

TEST_F(ClerkFlow, IllegalActionsAreDisabled) {
    ASSERT_NE(open_desk("clerk1", test::kClerk1Password, "w1"), nullptr);
    // A booking not yet arrived: it can be marked arrived, not started or served.
    const QueueBooking* booked = nullptr;
    for (const auto& b : frame_->queue().bookings())
        if (b.state == core::BookingState::Booked) booked = &b;
    ASSERT_NE(booked, nullptr);
    const auto id = booked->id;
    frame_->on_scan(booked->code);
    ASSERT_EQ(frame_->open_booking(), id);
    auto* panel = frame_->booking_panel();
    EXPECT_TRUE(panel->button(core::BookingAction::Arrive)->IsEnabled());
    EXPECT_FALSE(panel->button(core::BookingAction::Start)->IsEnabled());
    EXPECT_FALSE(panel->button(core::BookingAction::Serve)->IsEnabled());
    EXPECT_FALSE(panel->button(core::BookingAction::Recall)->IsEnabled());
    // F5 on a disabled button does nothing.
    press(WXK_F5);
    pump_for(300ms);
    EXPECT_EQ(frame_->queue().find(id)->state, core::BookingState::Booked);
}

}  // namespace
}  // namespace cherha::desk::ui::testing
