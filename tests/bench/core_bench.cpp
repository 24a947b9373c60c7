// Benchmarks of what a busy service center does all day with the domain core: checking
// identity numbers and names, reading MRZs, verifying a presented document, laying out
// slots, deciding quotas and transitions, signing and verifying booking tokens, and
// drawing and reading their QR codes. Synthetic data only (no real persons).
// Run: tests/bench/run.sh; the figures are read in docs/performance.md.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <date/date.h>
#include <date/tz.h>

#include "core/booking/booking_state.h"
#include "core/booking/booking_transition.h"
#include "core/calendar/booking_rules.h"
#include "core/calendar/booking_window.h"
#include "core/calendar/center_schedule.h"
#include "core/calendar/center_time.h"
#include "core/calendar/slot_calendar.h"
#include "core/common/civil.h"
#include "core/identity/rnokpp.h"
#include "core/mrz/mrz.h"
#include "core/names/person_name.h"
#include "core/names/transliteration.h"
#include "core/quota/quota_decision.h"
#include "core/quota/quota_policy.h"
#include "core/token/booking_token.h"
#include "core/token/signing_key.h"
#include "core/verification/presented_document.h"
#include "core/verification/registration.h"
#include "core/verification/verification.h"
#include "qr/qr_image.h"
#include "support/synthetic_mrz.h"
#include "support/synthetic_people.h"

namespace {

using namespace cherha::core;  // NOLINT: a benchmark file, not a header
using std::chrono::hours;
using std::chrono::minutes;

Date ymd(int y, unsigned m, unsigned d) {
    return Date{date::year{y}, date::month{m}, date::day{d}};
}

// A Thursday in August: the center is open, the 21-day window crosses a weekend and the
// Independence Day holiday (24 August).
const Date kToday = ymd(2026, 8, 20);
const Date kBirth = ymd(1990, 1, 15);

// 10:30 local time in Kyiv (UTC+3 in summer).
Instant now_at_center() {
    return Instant{date::sys_days{kToday}} + hours{7} + minutes{30};
}

const date::time_zone& kyiv() {
    static const date::time_zone* zone = [] {
        Result<const date::time_zone*> z = locate_center_zone("Europe/Kyiv");
        return z.ok() ? z.value() : date::locate_zone("UTC");
    }();
    return *zone;
}

// Every iteration is one operation: Google Benchmark then reports items_per_second as the
// operations per second.
void count_operations(benchmark::State& state) {
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// --- identity numbers and names ---------------------------------------------------------

void BM_ParseRnokpp(benchmark::State& state) {
    const std::string text = compose_rnokpp(kBirth, 123, Sex::Male);
    for (auto _ : state) {
        Result<Rnokpp> r = parse_rnokpp(text);
        benchmark::DoNotOptimize(r);
    }
    count_operations(state);
}
BENCHMARK(BM_ParseRnokpp);

// A typed number with a check digit error: the refusal path (a Problem with params).
void BM_ParseRnokppInvalid(benchmark::State& state) {
    std::string text = compose_rnokpp(kBirth, 123, Sex::Male);
    text.back() = text.back() == '9' ? '0' : static_cast<char>(text.back() + 1);
    text = "  " + text + " ";
    for (auto _ : state) {
        Result<Rnokpp> r = parse_rnokpp(text);
        benchmark::DoNotOptimize(r);
    }
    count_operations(state);
}
BENCHMARK(BM_ParseRnokppInvalid);

// The full name as the desk compares it: apostrophe variant, hyphen, mixed case.
const std::string kRegisteredName = "Коваль-Іванова Мар'яна Олександрівна";
const std::string kPresentedSameBytes = kRegisteredName;
const std::string kPresentedNormalized = "КОВАЛЬ–ІВАНОВА  Мар’яна олександрівна";
const std::string kPresentedDifferent = "Коваль-Іванова Мар'яна Олександрівн";

void BM_NormalizeName(benchmark::State& state) {
    for (auto _ : state) {
        std::string key = normalize_name(kPresentedNormalized);
        benchmark::DoNotOptimize(key);
    }
    count_operations(state);
}
BENCHMARK(BM_NormalizeName);

void BM_CompareNames_Exact(benchmark::State& state) {
    for (auto _ : state) {
        NameMatch m = compare_names(kRegisteredName, kPresentedSameBytes);
        benchmark::DoNotOptimize(m);
    }
    count_operations(state);
}
BENCHMARK(BM_CompareNames_Exact);

void BM_CompareNames_Normalized(benchmark::State& state) {
    for (auto _ : state) {
        NameMatch m = compare_names(kRegisteredName, kPresentedNormalized);
        benchmark::DoNotOptimize(m);
    }
    count_operations(state);
}
BENCHMARK(BM_CompareNames_Normalized);

void BM_CompareNames_Different(benchmark::State& state) {
    for (auto _ : state) {
        NameMatch m = compare_names(kRegisteredName, kPresentedDifferent);
        benchmark::DoNotOptimize(m);
    }
    count_operations(state);
}
BENCHMARK(BM_CompareNames_Different);

void BM_TransliterateKmu55(benchmark::State& state) {
    for (auto _ : state) {
        std::string latin = transliterate_kmu55(kRegisteredName);
        benchmark::DoNotOptimize(latin);
    }
    count_operations(state);
}
BENCHMARK(BM_TransliterateKmu55);

// --- MRZ --------------------------------------------------------------------------------

// A synthetic Ukrainian passport for travel abroad (TD3), every check digit right.
std::string td3_text() {
    synthetic::Td3 passport;
    passport.name = "KOVAL<IVANOVA<<MARIANA";
    passport.sex = 'F';
    return passport.text();
}

// A synthetic Ukrainian ID card (TD1) with a record number and an RNOKPP, check digits right.
std::string td1_text() {
    synthetic::Td1 card;
    card.optional = "1990011500123";
    card.optional2 = compose_rnokpp(kBirth, 124, Sex::Female);
    return card.text();
}

void read_mrz_bench(benchmark::State& state, const std::string& text) {
    {
        Result<MrzReading> r = read_mrz(text, kToday);
        if (!r.ok() || !r->all_checks_passed()) {
            state.SkipWithError("the synthetic MRZ does not read cleanly");
            return;
        }
    }
    for (auto _ : state) {
        Result<MrzReading> r = read_mrz(text, kToday);
        benchmark::DoNotOptimize(r);
    }
    count_operations(state);
}

void BM_ReadMrz_TD3(benchmark::State& state) {
    read_mrz_bench(state, td3_text());
}
BENCHMARK(BM_ReadMrz_TD3);

void BM_ReadMrz_TD1(benchmark::State& state) {
    read_mrz_bench(state, td1_text());
}
BENCHMARK(BM_ReadMrz_TD1);

// --- verification at the window ---------------------------------------------------------

// Коваль-Іванова Мар'яна Олександрівна, born 1990-01-15 (kBirth).
synthetic::Person person() {
    synthetic::Person p;
    p.surname = "Коваль-Іванова";
    p.given_name = "Мар'яна";
    p.patronymic = "Олександрівна";
    p.birth = kBirth;
    p.rnokpp_serial = 124;
    p.sex = Sex::Female;
    return p;
}

Registration registration() {
    return synthetic::registration_of(person());
}

// The ID card typed by the clerk: the same person, the given name with another apostrophe.
PresentedDocument typed_id_card() {
    PresentedDocument p = synthetic::id_card_of(person(), ymd(2030, 1, 15));
    p.document_number = "001 234 567";
    p.given_name = "Мар’яна";
    return p;
}

void BM_Verify_TypedIdCard(benchmark::State& state) {
    const Registration reg = registration();
    const PresentedDocument doc = typed_id_card();
    if (verify(reg, doc, kToday).verdict != Verdict::Match) {
        state.SkipWithError("the synthetic document does not match its registration");
        return;
    }
    for (auto _ : state) {
        Verification v = verify(reg, doc, kToday);
        benchmark::DoNotOptimize(v);
    }
    count_operations(state);
}
BENCHMARK(BM_Verify_TypedIdCard);

// The whole desk step for a scanned ID card: read the MRZ, make the presented document,
// verify it (Latin names against the KMU-55 transliteration of the registration).
void BM_Verify_ScannedTd1(benchmark::State& state) {
    const Registration reg = registration();
    const std::string text = td1_text();
    for (auto _ : state) {
        Result<MrzReading> reading = read_mrz(text, kToday);
        if (!reading.ok()) {
            state.SkipWithError("MRZ not readable");
            return;
        }
        Result<PresentedDocument> doc = presented_document_from_mrz(reading->mrz);
        if (!doc.ok()) {
            state.SkipWithError("no presented document from the MRZ");
            return;
        }
        Verification v = verify(reg, doc.value(), kToday, reading->problems);
        benchmark::DoNotOptimize(v);
    }
    count_operations(state);
}
BENCHMARK(BM_Verify_ScannedTd1);

// --- calendar ---------------------------------------------------------------------------

WallClockInterval span(int h1, int m1, int h2, int m2) {
    return {hours{h1} + minutes{m1}, hours{h2} + minutes{m2}};
}

// A typical center: Mon-Fri 09:00-18:00 with a 13:00-13:45 break, Sat 09:00-16:00, Sunday
// closed, Independence Day closed; six windows, five services.
CenterSchedule typical_center() {
    CenterSchedule s;
    for (std::size_t d = 0; d < 5; ++d) {
        s.weekly[d].opening = {span(9, 0, 18, 0)};
        s.weekly[d].breaks = {span(13, 0, 13, 45)};
    }
    s.weekly[5].opening = {span(9, 0, 16, 0)};
    s.closed_days = {ymd(2026, 8, 24)};
    s.windows = {{"w1", 1}, {"w2", 2}, {"w3", 3}, {"w4", 4}, {"w5", 5}, {"w6", 6}};
    s.services = {
        Service{"exam", "Теоретичний іспит", "Theory exam", minutes{20}, {"w1", "w2"}, 10},
        Service{
            "registration", "Реєстрація ТЗ", "Vehicle registration", minutes{30}, {"w3", "w4"}, {}},
        Service{"licence", "Посвідчення водія", "Driving licence", minutes{45}, {"w5"}, {}},
        Service{"reregistration",
                "Перереєстрація ТЗ",
                "Vehicle re-registration",
                minutes{15},
                {"w3", "w4", "w6"},
                {}},
        Service{"consultation", "Консультація", "Consultation", minutes{10}, {"w6"}, {}},
    };
    return s;
}

// One working day of the five services (what the terminal shows each morning).
void BM_GenerateSlots_Day5Services(benchmark::State& state) {
    const CenterSchedule schedule = typical_center();
    std::size_t slots = 0;
    for (auto _ : state) {
        slots = 0;
        for (const Service& service : schedule.services) {
            Result<std::vector<Slot>> r = generate_slots(schedule, service, kToday);
            if (!r.ok()) {
                state.SkipWithError("slot generation failed");
                return;
            }
            slots += r->size();
            benchmark::DoNotOptimize(r);
        }
    }
    count_operations(state);
    state.counters["slots"] = static_cast<double>(slots);
}
BENCHMARK(BM_GenerateSlots_Day5Services);

// The booking page: 21 days x 5 services (weekends and a holiday included).
void BM_GenerateSlots_21Days5Services(benchmark::State& state) {
    const CenterSchedule schedule = typical_center();
    std::size_t slots = 0;
    for (auto _ : state) {
        slots = 0;
        for (int d = 0; d < 21; ++d) {
            const Date day{date::sys_days{kToday} + date::days{d}};
            for (const Service& service : schedule.services) {
                Result<std::vector<Slot>> r = generate_slots(schedule, service, day);
                if (!r.ok()) {
                    state.SkipWithError("slot generation failed");
                    return;
                }
                slots += r->size();
                benchmark::DoNotOptimize(r);
            }
        }
    }
    count_operations(state);
    state.counters["slots"] = static_cast<double>(slots);
}
BENCHMARK(BM_GenerateSlots_21Days5Services)->Unit(benchmark::kMicrosecond);

void BM_OnlineBookableDays(benchmark::State& state) {
    const BookingRules rules;
    const Instant now = now_at_center();
    for (auto _ : state) {
        Result<BookableDays> r = online_bookable_days(now, kyiv(), rules);
        benchmark::DoNotOptimize(r);
    }
    count_operations(state);
}
BENCHMARK(BM_OnlineBookableDays);

void BM_CheckOnlineBooking(benchmark::State& state) {
    const CenterSchedule schedule = typical_center();
    const BookingRules rules;
    const Date tomorrow{date::sys_days{kToday} + date::days{1}};
    Result<std::vector<Slot>> slots = generate_slots(schedule, "exam", tomorrow);
    if (!slots.ok() || slots->size() < 4) {
        state.SkipWithError("no slots to book");
        return;
    }
    const Slot slot = slots->at(3);
    const Instant now = now_at_center();
    if (check_online_booking(slot, now, kyiv(), rules).has_value()) {
        state.SkipWithError("the slot should be bookable");
        return;
    }
    for (auto _ : state) {
        std::optional<Problem> p = check_online_booking(slot, now, kyiv(), rules);
        benchmark::DoNotOptimize(p);
    }
    count_operations(state);
}
BENCHMARK(BM_CheckOnlineBooking);

// --- quotas and transitions -------------------------------------------------------------

// n existing registrations of one person, every third day back from the visit day,
// alternating online and terminal (so with 4 of them 2 fall in the visit's month online:
// allowed; 1,000 span about eight years).
void BM_DecideQuota(benchmark::State& state) {
    const QuotaPolicy policy;
    const auto n = static_cast<int>(state.range(0));
    std::vector<QuotaRegistration> existing;
    existing.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        existing.push_back(
            QuotaRegistration{Date{date::sys_days{kToday} - date::days{3 * i}},
                              i % 2 == 0 ? BookingChannel::Online : BookingChannel::Terminal,
                              i % 5 == 0 ? BookingState::Cancelled : BookingState::Served});
    }
    for (auto _ : state) {
        Result<QuotaDecision> r = decide_quota(policy, RegistrantKind::NaturalPerson,
                                               BookingChannel::Online, kToday, existing);
        benchmark::DoNotOptimize(r);
    }
    count_operations(state);
}
BENCHMARK(BM_DecideQuota)->Arg(0)->Arg(4)->Arg(1000);

void BM_ApplyBookingAction_Arrive(benchmark::State& state) {
    const TransitionContext context;
    for (auto _ : state) {
        Result<BookingTransition> r = apply_booking_action(
            BookingState::Booked, BookingAction::Arrive, BookingActor::Kiosk, context);
        benchmark::DoNotOptimize(r);
    }
    count_operations(state);
}
BENCHMARK(BM_ApplyBookingAction_Arrive);

// A refusal with the clerk's note (the payload is validated as UTF-8 text).
void BM_ApplyBookingAction_RefuseWithNote(benchmark::State& state) {
    TransitionContext context;
    context.refusal = Refusal{RefusalReason::Other, "Документ пошкоджено, фото нечитабельне"};
    for (auto _ : state) {
        Result<BookingTransition> r = apply_booking_action(
            BookingState::Called, BookingAction::Refuse, BookingActor::Clerk, context);
        benchmark::DoNotOptimize(r);
    }
    count_operations(state);
}
BENCHMARK(BM_ApplyBookingAction_RefuseWithNote);

// --- booking tokens and QR codes --------------------------------------------------------

BookingTokenClaims claims() {
    BookingTokenClaims c;
    c.booking_id = 4'200'017;
    c.center_id = 8041;
    c.visit_day = kToday;
    c.slot_minute = 10 * 60 + 20;
    c.channel = TokenChannel::Online;
    return c;
}

// One key for every token benchmark (key generation is not what the center does all day).
const SigningKey* bench_key() {
    static const std::optional<SigningKey> key = []() -> std::optional<SigningKey> {
        Result<SigningKey> k = generate_signing_key();
        if (!k.ok()) return std::nullopt;
        return k.value();
    }();
    return key ? &*key : nullptr;
}

// A ring with the current key and two older ones (after two rotations).
const KeyRing* bench_ring() {
    static const std::optional<KeyRing> ring = []() -> std::optional<KeyRing> {
        const SigningKey* key = bench_key();
        if (key == nullptr) return std::nullopt;
        KeyRing r;
        const Instant t0 = Instant{date::sys_days{ymd(2025, 1, 1)}};
        for (int i = 0; i < 2; ++i) {
            Result<SigningKey> old = generate_signing_key();
            if (!old.ok() || r.add(old->verifying_key(), t0 + hours{24 * i})) return std::nullopt;
        }
        if (r.add(*key, t0 + hours{24 * 100})) return std::nullopt;
        return r;
    }();
    return ring ? &*ring : nullptr;
}

std::optional<std::string> bench_token() {
    const SigningKey* key = bench_key();
    if (key == nullptr) return std::nullopt;
    Result<std::string> t = sign_booking_token(claims(), *key);
    if (!t.ok()) return std::nullopt;
    return t.value();
}

void BM_SignBookingToken(benchmark::State& state) {
    const SigningKey* key = bench_key();
    if (key == nullptr) {
        state.SkipWithError("no signing key");
        return;
    }
    const BookingTokenClaims c = claims();
    for (auto _ : state) {
        Result<std::string> t = sign_booking_token(c, *key);
        benchmark::DoNotOptimize(t);
    }
    count_operations(state);
}
BENCHMARK(BM_SignBookingToken);

void BM_VerifyBookingToken(benchmark::State& state) {
    const KeyRing* ring = bench_ring();
    const std::optional<std::string> token = bench_token();
    const TokenExpectation expected{8041, kToday};
    if (ring == nullptr || !token || !verify_booking_token(*token, *ring, expected).ok()) {
        state.SkipWithError("the synthetic token does not verify");
        return;
    }
    for (auto _ : state) {
        Result<BookingToken> r = verify_booking_token(*token, *ring, expected);
        benchmark::DoNotOptimize(r);
    }
    count_operations(state);
}
BENCHMARK(BM_VerifyBookingToken);

void BM_EncodeQr(benchmark::State& state) {
    const std::optional<std::string> token = bench_token();
    if (!token) {
        state.SkipWithError("no token");
        return;
    }
    for (auto _ : state) {
        Result<cherha::qr::QrMatrix> m = cherha::qr::encode_qr(*token);
        benchmark::DoNotOptimize(m);
    }
    count_operations(state);
}
BENCHMARK(BM_EncodeQr)->Unit(benchmark::kMicrosecond);

// The PNG the booking page and the e-mail carry (8 pixels per module, quiet zone 4).
void BM_QrPng(benchmark::State& state) {
    const std::optional<std::string> token = bench_token();
    if (!token) {
        state.SkipWithError("no token");
        return;
    }
    std::size_t bytes = 0;
    for (auto _ : state) {
        Result<std::vector<std::uint8_t>> png = cherha::qr::qr_png(*token);
        if (png.ok()) bytes = png->size();
        benchmark::DoNotOptimize(png);
    }
    count_operations(state);
    state.counters["png_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_QrPng)->Unit(benchmark::kMicrosecond);

// The desk reads the QR code of a PNG the visitor shows (a file, the clipboard).
void BM_DecodeQrImageBytes(benchmark::State& state) {
    const std::optional<std::string> token = bench_token();
    if (!token) {
        state.SkipWithError("no token");
        return;
    }
    const auto scale = static_cast<int>(state.range(0));
    Result<std::vector<std::uint8_t>> png = cherha::qr::qr_png(*token, scale);
    if (!png.ok()) {
        state.SkipWithError("no PNG");
        return;
    }
    Result<std::string> check = cherha::qr::decode_qr_image_bytes(png.value());
    if (!check.ok() || check.value() != *token) {
        state.SkipWithError("the PNG does not decode to its token");
        return;
    }
    for (auto _ : state) {
        Result<std::string> text = cherha::qr::decode_qr_image_bytes(png.value());
        benchmark::DoNotOptimize(text);
    }
    count_operations(state);
    state.counters["png_bytes"] = static_cast<double>(png->size());
}
BENCHMARK(BM_DecodeQrImageBytes)->Arg(4)->Arg(8)->ArgName("scale")->Unit(benchmark::kMicrosecond);

// The whole desk step for a scanned QR code: decode the picture, verify the token.
void BM_DeskScan_DecodeAndVerify(benchmark::State& state) {
    const KeyRing* ring = bench_ring();
    const std::optional<std::string> token = bench_token();
    if (ring == nullptr || !token) {
        state.SkipWithError("no token");
        return;
    }
    Result<std::vector<std::uint8_t>> png = cherha::qr::qr_png(*token);
    if (!png.ok()) {
        state.SkipWithError("no PNG");
        return;
    }
    const TokenExpectation expected{8041, kToday};
    for (auto _ : state) {
        Result<std::string> text = cherha::qr::decode_qr_image_bytes(png.value());
        if (!text.ok()) {
            state.SkipWithError("no code found");
            return;
        }
        Result<BookingToken> r = verify_booking_token(text.value(), *ring, expected);
        benchmark::DoNotOptimize(r);
    }
    count_operations(state);
}
BENCHMARK(BM_DeskScan_DecodeAndVerify)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
