#include "desk/model/desk_api.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <type_traits>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/auth/session_token.h"
#include "core/identity/document_number.h"
#include "core/token/booking_token.h"
#include "formats/json_nesting.h"
#include "formats/json_reader.h"
#include "formats/person_json.h"

namespace cherha::desk {
namespace {

using nlohmann::json;

// An answer longer than this is not read: a day of 5,000 bookings is about 5 MiB.
inline constexpr std::size_t kMaxAnswerBytes = std::size_t{32} << 20;
// Deeper than any answer of the API (a verification's reason params: 5 levels).
inline constexpr int kMaxAnswerDepth = 16;
// Byte limits of the texts the desk shows or keeps: a hostile answer cannot make the table
// draw megabytes.
inline constexpr std::size_t kMaxIdBytes = 256;       // ids, codes, logins, windows, actions
inline constexpr std::size_t kMaxLabelBytes = 1000;   // names of the center and its services
inline constexpr std::size_t kMaxNoteBytes = 4000;    // a refusal note, a verification value
inline constexpr std::size_t kMaxPemBytes = 16384;    // a public key
inline constexpr std::size_t kMaxDetailBytes = 4000;  // an audit entry's detail, a param

const std::string kApi = "/api/v1";

core::Problem bad_answer(std::string what) {
    return core::Problem("desk.bad_answer", {{"what", std::move(what)}});
}

// The answer's text as a JSON object, or nullopt (too long, too deep, not JSON, not an object).
std::optional<json> parse_answer(std::string_view text) {
    if (text.size() > kMaxAnswerBytes) return std::nullopt;
    if (formats::first_too_deep(text, kMaxAnswerDepth)) return std::nullopt;
    json parsed = json::parse(text.begin(), text.end(), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
    return parsed;
}

// "2026-11-25T09:00:00Z" exactly (what the server writes) -> the instant.
std::optional<core::Instant> parse_instant(std::string_view text) {
    if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
        text[19] != 'Z')
        return std::nullopt;
    const auto day = core::parse_iso_date(text.substr(0, 10));
    const auto two_digits = [&](std::size_t at) -> int {
        const char a = text[at], b = text[at + 1];
        if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
        return (a - '0') * 10 + (b - '0');
    };
    const int hours = two_digits(11), minutes = two_digits(14), seconds = two_digits(17);
    if (!day || hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 ||
        seconds > 59)
        return std::nullopt;
    return core::Instant{date::sys_days(*day)} + std::chrono::hours(hours) +
           std::chrono::minutes(minutes) + std::chrono::seconds(seconds);
}

// A JSON value as a problem parameter or a detail: a string as it is, anything else as JSON.
std::string as_text(const json& value) {
    std::string text = value.is_string()
                           ? value.get<std::string>()
                           : value.dump(-1, ' ', false, json::error_handler_t::replace);
    if (text.size() > kMaxDetailBytes) text.resize(kMaxDetailBytes);
    return text;
}

// Reads the fields of one object of an answer. Fields not read are ignored; the first field
// missing or of the wrong type is kept as desk.bad_answer {what = "<what>.<key>"}. Null counts
// as absent.
class AnswerFields {
  public:
    AnswerFields(const json& object, std::string what) : object_(object), what_(std::move(what)) {
        if (!object_.is_object()) problem_ = bad_answer(what_);
    }

    const json* find(std::string_view key) const {
        if (!object_.is_object()) return nullptr;
        const auto it = object_.find(std::string(key));
        if (it == object_.end() || it->is_null()) return nullptr;
        return &*it;
    }
    std::string path(std::string_view key) const { return what_ + "." + std::string(key); }
    void fail(std::string_view key) {
        if (!problem_) problem_ = bad_answer(path(key));
    }
    void fail_with(core::Problem problem) {
        if (!problem_) problem_ = std::move(problem);
    }

    std::optional<std::string> optional_text(std::string_view key, std::size_t max_bytes) {
        const json* value = find(key);
        if (!value) return std::nullopt;
        if (!value->is_string() || value->get_ref<const std::string&>().size() > max_bytes) {
            fail(key);
            return std::nullopt;
        }
        return value->get<std::string>();
    }
    std::string text(std::string_view key, std::size_t max_bytes) {
        if (!find(key)) fail(key);
        return optional_text(key, max_bytes).value_or("");
    }

    std::optional<std::int64_t> optional_integer(std::string_view key, std::int64_t min,
                                                 std::int64_t max) {
        const json* value = find(key);
        if (!value) return std::nullopt;
        if (value->is_number_unsigned()) {
            const auto number = value->get<std::uint64_t>();
            if (number <= static_cast<std::uint64_t>(max) &&
                static_cast<std::int64_t>(number) >= min)
                return static_cast<std::int64_t>(number);
        } else if (value->is_number_integer()) {
            const auto number = value->get<std::int64_t>();
            if (number >= min && number <= max) return number;
        }
        fail(key);
        return std::nullopt;
    }
    std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max) {
        if (!find(key)) fail(key);
        return optional_integer(key, min, max).value_or(min);
    }

    std::optional<bool> optional_boolean(std::string_view key) {
        const json* value = find(key);
        if (!value) return std::nullopt;
        if (!value->is_boolean()) {
            fail(key);
            return std::nullopt;
        }
        return value->get<bool>();
    }
    bool boolean(std::string_view key) {
        if (!find(key)) fail(key);
        return optional_boolean(key).value_or(false);
    }

    std::optional<double> optional_number(std::string_view key) {
        const json* value = find(key);
        if (!value) return std::nullopt;
        if (!value->is_number()) {
            fail(key);
            return std::nullopt;
        }
        return value->get<double>();
    }

    core::Date date(std::string_view key) {
        const auto text = this->text(key, 10);
        auto day = core::parse_iso_date(text);
        if (!day) fail(key);
        return day.value_or(core::Date{});
    }

    std::optional<core::Instant> optional_instant(std::string_view key) {
        const auto text = optional_text(key, 20);
        if (!text) return std::nullopt;
        auto at = parse_instant(*text);
        if (!at) fail(key);
        return at;
    }
    core::Instant instant(std::string_view key) {
        if (!find(key)) fail(key);
        return optional_instant(key).value_or(core::Instant{});
    }

    // An id read with `parse` (absent: nullopt; unknown: a problem).
    template <class Parse>
    auto optional_choice(std::string_view key, Parse parse) -> decltype(parse(std::string_view{})) {
        const auto text = optional_text(key, kMaxIdBytes);
        if (!text) return std::nullopt;
        auto parsed = parse(std::string_view(*text));
        if (!parsed) fail(key);
        return parsed;
    }
    template <class Parse>
    auto choice(std::string_view key, Parse parse) -> decltype(parse(std::string_view{})) {
        if (!find(key)) fail(key);
        return optional_choice(key, parse);
    }

    // A nested object or array; nullptr when absent (a problem when required or mistyped).
    const json* object(std::string_view key, bool required) { return node(key, required, false); }
    const json* array(std::string_view key, bool required) { return node(key, required, true); }

    bool ok() const { return !problem_; }
    const std::optional<core::Problem>& problem() const { return problem_; }

  private:
    const json* node(std::string_view key, bool required, bool is_array) {
        const json* value = find(key);
        if (!value) {
            if (required) fail(key);
            return nullptr;
        }
        if (is_array ? !value->is_array() : !value->is_object()) {
            fail(key);
            return nullptr;
        }
        return value;
    }

    const json& object_;
    std::string what_;
    std::optional<core::Problem> problem_;
};

std::string indexed(const std::string& what, std::size_t index) {
    return what + "[" + std::to_string(index) + "]";
}

// {"code", "message", "params"} of a verification -> the problem (the message is the server's
// wording; the desk words the code itself).
std::optional<core::Problem> read_problem(const json& node, const std::string& what,
                                          AnswerFields& owner) {
    AnswerFields fields(node, what);
    core::Problem problem(fields.text("code", kMaxIdBytes));
    if (const json* params = fields.object("params", false))
        for (const auto& [name, value] : params->items()) problem.with(name, as_text(value));
    if (!fields.ok()) {
        owner.fail_with(*fields.problem());
        return std::nullopt;
    }
    return problem;
}

template <class Enum, class IdOf>
std::optional<Enum> parse_by_id(std::string_view id, std::initializer_list<Enum> all, IdOf id_of) {
    for (Enum value : all)
        if (id_of(value) == id) return value;
    return std::nullopt;
}

// "HH:MM" -> the same text; anything else is a problem.
bool is_time_of_day(const std::string& text) {
    return formats::parse_time_of_day(text).has_value();
}

// A map of counts {"key": n}; a value that is not a count is a problem.
std::map<std::string, int> read_counts(const json* node, const std::string& what,
                                       AnswerFields& owner) {
    std::map<std::string, int> counts;
    if (!node) return counts;
    AnswerFields fields(*node, what);
    for (const auto& [key, value] : node->items()) {
        if (key.size() > kMaxIdBytes) {
            fields.fail(key.substr(0, 32));
            break;
        }
        counts[key] = static_cast<int>(fields.integer(key, 0, std::numeric_limits<int>::max()));
    }
    if (!fields.ok()) owner.fail_with(*fields.problem());
    return counts;
}

std::map<std::string, std::map<std::string, int>> read_count_table(const json* node,
                                                                   const std::string& what,
                                                                   AnswerFields& owner) {
    std::map<std::string, std::map<std::string, int>> table;
    if (!node) return table;
    AnswerFields fields(*node, what);
    for (const auto& [key, value] : node->items()) {
        if (key.size() > kMaxIdBytes) {
            fields.fail(key.substr(0, 32));
            break;
        }
        table[key] = read_counts(fields.object(key, true), fields.path(key), fields);
    }
    if (!fields.ok()) owner.fail_with(*fields.problem());
    return table;
}

template <class T>
core::Result<T> finish(AnswerFields& fields, T value) {
    if (!fields.ok()) return *fields.problem();
    return value;
}

bool success(const TransportReply& reply) {
    return reply.status >= 200 && reply.status < 300;
}

// The problem of an answer that is not a success: desk.offline without an answer, the
// server's error with its params and the status, desk.bad_answer {what, status} for a body
// that is not the API's error.
core::Problem problem_of(const TransportReply& reply, const std::string& what) {
    if (reply.status <= 0) return core::Problem("desk.offline", {{"detail", reply.error}});
    const std::string status = std::to_string(reply.status);
    const auto body = parse_answer(reply.body);
    const json* code = nullptr;
    if (body) {
        const auto it = body->find("error");
        if (it != body->end() && it->is_string()) code = &*it;
    }
    const auto is_code = [](const std::string& text) {
        return !text.empty() && text.size() <= kMaxIdBytes &&
               std::all_of(text.begin(), text.end(), [](char c) {
                   return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
               });
    };
    if (!code || !is_code(code->get<std::string>()))
        return core::Problem("desk.bad_answer", {{"what", what}, {"status", status}});
    core::Problem problem(code->get<std::string>());
    const auto params = body->find("params");
    if (params != body->end() && params->is_object())
        for (const auto& [name, value] : params->items())
            if (name != "status") problem.with(name, as_text(value));
    problem.with("status", status);
    return problem;
}

Headers bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
}

std::string dump(const json& body) {
    return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

template <class R>
struct ResultValue;
template <class T>
struct ResultValue<core::Result<T>> {
    using type = T;
};

// Sends and reads a JSON answer with `read(text)`; the answer's text is kept with the value.
template <class Read,
          class Value = typename ResultValue<std::invoke_result_t<Read, std::string_view>>::type>
core::Result<std::pair<Value, std::string>> exchange(
    DeskTransport& transport, const std::string& method, const std::string& path,
    const std::string& body, const Headers& headers, const std::string& what, Read read) {
    TransportReply reply = transport.send(method, path, body, headers);
    if (!success(reply)) return problem_of(reply, what);
    auto value = read(reply.body);
    if (!value) return value.problem();
    return std::pair<Value, std::string>(std::move(value).value(), std::move(reply.body));
}

// Reads an answer's object with `read(fields)`.
template <class T, class Read>
core::Result<T> read_object(std::string_view text, const std::string& what, Read read) {
    const auto parsed = parse_answer(text);
    if (!parsed) return bad_answer(what);
    AnswerFields fields(*parsed, what);
    T value = read(*parsed, fields);
    return finish(fields, std::move(value));
}

}  // namespace

int problem_status(const core::Problem& problem) {
    const std::string text = problem.param("status");
    int status = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), status);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return 0;
    return status;
}

bool is_offline_problem(const core::Problem& problem) {
    if (problem.code == "desk.offline") return true;
    const int status = problem_status(problem);
    return status == 502 || status == 503 || status == 504;
}

core::Result<CenterInfo> read_center_info(std::string_view text) {
    return read_object<CenterInfo>(text, "services", [](const json& root, AnswerFields& fields) {
        CenterInfo info;
        if (const json* center = fields.object("center", true)) {
            AnswerFields c(*center, "services.center");
            info.center_id = static_cast<std::uint32_t>(
                c.integer("id", 0, std::numeric_limits<std::uint32_t>::max()));
            info.name_uk = c.text("name_uk", kMaxLabelBytes);
            info.name_en = c.text("name_en", kMaxLabelBytes);
            if (!c.ok()) fields.fail_with(*c.problem());
        }
        info.time_zone = fields.text("time_zone", kMaxIdBytes);
        info.today = fields.date("today");
        if (const json* windows = fields.array("windows", true)) {
            for (std::size_t i = 0; i < windows->size(); ++i) {
                AnswerFields w((*windows)[i], indexed("services.windows", i));
                WindowRef window{w.text("id", kMaxIdBytes),
                                 static_cast<int>(w.integer("number", 0, 1000000))};
                if (!w.ok()) fields.fail_with(*w.problem());
                info.windows.push_back(std::move(window));
            }
        }
        if (const json* services = fields.array("services", true)) {
            for (std::size_t i = 0; i < services->size(); ++i) {
                AnswerFields s((*services)[i], indexed("services.services", i));
                ServiceInfo service;
                service.id = s.text("id", kMaxIdBytes);
                service.name_uk = s.text("name_uk", kMaxLabelBytes);
                service.name_en = s.text("name_en", kMaxLabelBytes);
                service.duration_minutes =
                    static_cast<int>(s.integer("duration_minutes", 1, 24 * 60));
                if (const json* ids = s.array("windows", true)) {
                    for (std::size_t k = 0; k < ids->size(); ++k) {
                        const json& id = (*ids)[k];
                        if (!id.is_string() ||
                            id.get_ref<const std::string&>().size() > kMaxIdBytes)
                            s.fail("windows[" + std::to_string(k) + "]");
                        else
                            service.windows.push_back(id.get<std::string>());
                    }
                }
                if (auto pause = s.optional_integer("retake_pause_days", 0, 3650))
                    service.retake_pause_days = static_cast<int>(*pause);
                if (!s.ok()) fields.fail_with(*s.problem());
                info.services.push_back(std::move(service));
            }
        }
        (void)root;
        return info;
    });
}

core::Result<QueueBooking> read_queue_booking(const nlohmann::json& node, const std::string& what) {
    AnswerFields fields(node, what);
    QueueBooking b;
    b.id = fields.integer("id", 1, std::numeric_limits<std::int64_t>::max());
    b.code = fields.text("code", kMaxIdBytes);
    b.service_id = fields.text("service", kMaxIdBytes);
    b.day = fields.date("day");
    b.time = fields.text("time", 5);
    if (fields.ok() && !is_time_of_day(b.time)) fields.fail("time");
    b.start = fields.instant("start");
    b.channel = fields.choice("channel", core::parse_booking_channel)
                    .value_or(core::BookingChannel::Online);
    b.state =
        fields.choice("state", core::parse_booking_state).value_or(core::BookingState::Booked);
    if (const json* ticket = fields.object("ticket", false)) {
        AnswerFields t(*ticket, fields.path("ticket"));
        core::Ticket read;
        b.ticket_display = t.text("display", 32);
        read.number = static_cast<int>(t.integer("number", 0, 1000000));
        read.sequence = t.choice("sequence", core::parse_ticket_sequence)
                            .value_or(core::TicketSequence::Regular);
        read.category = t.optional_choice("category", core::parse_priority_category);
        if (t.ok())
            b.ticket = read;
        else
            fields.fail_with(*t.problem());
    }
    if (const json* window = fields.object("window", false)) {
        AnswerFields w(*window, fields.path("window"));
        b.window_id = w.text("id", kMaxIdBytes);
        if (!w.ok()) fields.fail_with(*w.problem());
    }
    b.result = fields.optional_choice("result", core::parse_service_result);
    if (const json* refusal = fields.object("refusal", false)) {
        AnswerFields r(*refusal, fields.path("refusal"));
        b.refusal_reason = r.choice("reason", core::parse_refusal_reason);
        b.refusal_note = r.optional_text("note", kMaxNoteBytes).value_or("");
        if (!r.ok()) fields.fail_with(*r.problem());
    }
    b.token = fields.optional_text("token", core::kBookingTokenMaxLength).value_or("");
    if (const json* registration = fields.object("registration", false)) {
        // The server writes exactly the shape read_registration reads; a field a newer server
        // adds at this level is passed over like any other.
        formats::JsonReader reader(*registration, "registration.");
        for (const auto& item : registration->items()) (void)reader.has(item.key());
        auto read = formats::read_registration(reader);
        if (auto problem = reader.finish()) {
            const std::string field = problem->param("field");
            fields.fail_with(bad_answer(what + "." + (field.empty() ? "registration" : field)));
        } else {
            b.registration = std::move(read);
        }
    }
    b.personal_data_erased = fields.optional_boolean("personal_data_erased").value_or(false);
    if (const json* transfer = fields.object("transfer", false)) {
        AnswerFields t(*transfer, fields.path("transfer"));
        core::TransferTarget target;
        target.service_id = t.optional_text("service", kMaxIdBytes).value_or("");
        target.window_id = t.optional_text("window", kMaxIdBytes).value_or("");
        if (t.ok())
            b.transfer = std::move(target);
        else
            fields.fail_with(*t.problem());
    }
    b.recalls = static_cast<int>(
        fields.optional_integer("recalls", 0, std::numeric_limits<int>::max()).value_or(0));
    b.arrived_at = fields.optional_instant("arrived_at");
    b.called_at = fields.optional_instant("called_at");
    b.started_at = fields.optional_instant("started_at");
    b.finished_at = fields.optional_instant("finished_at");
    return finish(fields, std::move(b));
}

core::Result<DayQueueSnapshot> read_day_queue(std::string_view text) {
    return read_object<DayQueueSnapshot>(text, "queue", [](const json&, AnswerFields& fields) {
        DayQueueSnapshot snapshot;
        snapshot.day = fields.date("day");
        snapshot.alert = fields.optional_boolean("alert").value_or(false);
        if (const json* bookings = fields.array("bookings", true)) {
            snapshot.bookings.reserve(bookings->size());
            for (std::size_t i = 0; i < bookings->size() && fields.ok(); ++i) {
                auto booking = read_queue_booking((*bookings)[i], indexed("queue.bookings", i));
                if (!booking)
                    fields.fail_with(booking.problem());
                else
                    snapshot.bookings.push_back(std::move(booking).value());
            }
        }
        return snapshot;
    });
}

core::Result<CenterKeys> read_center_keys(std::string_view text) {
    return read_object<CenterKeys>(text, "keys", [](const json&, AnswerFields& fields) {
        CenterKeys keys;
        keys.center_id = static_cast<std::uint32_t>(
            fields.integer("center_id", 0, std::numeric_limits<std::uint32_t>::max()));
        if (const json* list = fields.array("keys", true)) {
            for (std::size_t i = 0; i < list->size(); ++i) {
                AnswerFields k((*list)[i], indexed("keys.keys", i));
                PublicKeyInfo key;
                key.key_id = k.text("key_id", kMaxIdBytes);
                key.public_pem = k.text("public_pem", kMaxPemBytes);
                key.retired = k.optional_boolean("retired").value_or(false);
                if (!k.ok()) fields.fail_with(*k.problem());
                keys.keys.push_back(std::move(key));
            }
        }
        return keys;
    });
}

core::Result<VerificationAnswer> read_verification(std::string_view text) {
    return read_object<VerificationAnswer>(text, "verify", [](const json&, AnswerFields& fields) {
        VerificationAnswer answer;
        answer.booking_id = fields.integer("booking", 1, std::numeric_limits<std::int64_t>::max());
        const json* node = fields.object("verification", true);
        if (!node) return answer;
        AnswerFields v(*node, "verify.verification");
        core::Verification& verification = answer.verification;
        verification.verdict =
            v.choice("verdict", [](std::string_view id) {
                 return parse_by_id(id, {core::Verdict::Match, core::Verdict::Mismatch},
                                    core::verdict_id);
             }).value_or(core::Verdict::Mismatch);
        if (const json* list = v.array("fields", true)) {
            for (std::size_t i = 0; i < list->size(); ++i) {
                AnswerFields f((*list)[i], indexed("verify.verification.fields", i));
                const auto field_id = f.text("field", kMaxIdBytes);
                const auto field = parse_by_id(
                    std::string_view(field_id),
                    {core::VerifiedField::DocumentType, core::VerifiedField::DocumentNumber,
                     core::VerifiedField::Surname, core::VerifiedField::GivenName,
                     core::VerifiedField::Patronymic, core::VerifiedField::BirthDate,
                     core::VerifiedField::Rnokpp, core::VerifiedField::Expiry},
                    core::verified_field_id);
                const auto status = f.choice("status", [](std::string_view id) {
                    return parse_by_id(
                        id,
                        {core::FieldStatus::Match, core::FieldStatus::MatchAfterNormalization,
                         core::FieldStatus::Mismatch, core::FieldStatus::NotComparable},
                        core::field_status_id);
                });
                core::FieldCheck check{field.value_or(core::VerifiedField::DocumentType),
                                       status.value_or(core::FieldStatus::NotComparable),
                                       f.optional_text("registered", kMaxNoteBytes).value_or(""),
                                       f.optional_text("presented", kMaxNoteBytes).value_or(""),
                                       std::nullopt};
                if (const json* reason = f.object("reason", false))
                    check.reason = read_problem(*reason, f.path("reason"), f);
                if (!f.ok()) {
                    v.fail_with(*f.problem());
                    break;
                }
                // A field a newer server compares is not shown by this desk.
                if (field) verification.fields.push_back(std::move(check));
            }
        }
        if (const json* list = v.array("problems", false)) {
            for (std::size_t i = 0; i < list->size(); ++i) {
                auto problem =
                    read_problem((*list)[i], indexed("verify.verification.problems", i), v);
                if (problem) verification.problems.push_back(std::move(*problem));
            }
        }
        if (!v.ok()) fields.fail_with(*v.problem());
        return answer;
    });
}

core::Result<DayStats> read_day_stats(std::string_view text) {
    return read_object<DayStats>(text, "stats", [](const json&, AnswerFields& fields) {
        DayStats stats;
        stats.day = fields.date("day");
        stats.by_state = read_counts(fields.object("by_state", false), "stats.by_state", fields);
        stats.by_service =
            read_count_table(fields.object("by_service", false), "stats.by_service", fields);
        stats.by_window =
            read_count_table(fields.object("by_window", false), "stats.by_window", fields);
        stats.arrivals_by_hour =
            read_counts(fields.object("arrivals_by_hour", false), "stats.arrivals_by_hour", fields);
        stats.mean_wait_minutes = fields.optional_number("mean_wait_minutes");
        stats.mean_service_minutes = fields.optional_number("mean_service_minutes");
        stats.abuse = read_counts(fields.object("abuse", false), "stats.abuse", fields);
        if (const json* alerts = fields.array("alerts", false)) {
            for (std::size_t i = 0; i < alerts->size(); ++i) {
                AnswerFields a((*alerts)[i], indexed("stats.alerts", i));
                (void)a.instant("started_at");
                // An alert period without an end is the alert in force now.
                if (!a.optional_instant("ended_at") && a.ok()) stats.alert = true;
                if (!a.ok()) fields.fail_with(*a.problem());
            }
        }
        return stats;
    });
}

core::Result<std::vector<AuditEntry>> read_audit(std::string_view text) {
    return read_object<std::vector<AuditEntry>>(
        text, "audit", [](const json&, AnswerFields& fields) {
            std::vector<AuditEntry> entries;
            const json* list = fields.array("entries", true);
            if (!list) return entries;
            for (std::size_t i = 0; i < list->size() && fields.ok(); ++i) {
                const json& node = (*list)[i];
                AnswerFields e(node, indexed("audit.entries", i));
                AuditEntry entry;
                entry.seq = e.integer("seq", 1, std::numeric_limits<std::int64_t>::max());
                entry.at = e.instant("at");
                entry.actor = e.text("actor", kMaxIdBytes);
                entry.window = e.optional_text("window", kMaxIdBytes).value_or("");
                entry.action = e.text("action", kMaxIdBytes);
                entry.booking =
                    e.optional_integer("booking", 1, std::numeric_limits<std::int64_t>::max())
                        .value_or(0);
                entry.result = e.text("result", kMaxIdBytes);
                if (const json* details = e.find("details")) {
                    if (details->is_object()) {
                        for (const auto& [name, value] : details->items())
                            entry.details[name] = as_text(value);
                    } else {
                        entry.details["text"] = as_text(*details);
                    }
                }
                if (!e.ok()) fields.fail_with(*e.problem());
                entries.push_back(std::move(entry));
            }
            return entries;
        });
}

std::string presented_document_json(const core::PresentedDocument& document) {
    json body = {{"type", core::document_type_id(document.document_type)},
                 {"number", document.document_number},
                 {"surname", document.surname},
                 {"given_name", document.given_name},
                 {"birth_date", core::format_iso_date(document.birth_date)},
                 {"latin_names", document.latin_names}};
    if (document.patronymic && !document.patronymic->empty())
        body["patronymic"] = *document.patronymic;
    if (document.expiry_date) body["expiry_date"] = core::format_iso_date(*document.expiry_date);
    if (document.rnokpp && !document.rnokpp->empty()) body["rnokpp"] = *document.rnokpp;
    return dump(body);
}

OutboxRequest action_request(std::int64_t booking_id, const ActionRequest& action,
                             const std::string& staff) {
    json body = {{"action", core::booking_action_id(action.action)}};
    if (action.result) body["result"] = core::service_result_id(*action.result);
    if (action.refusal) {
        body["refusal"] = {{"reason", core::refusal_reason_id(*action.refusal)}};
        if (!action.refusal_note.empty()) body["refusal"]["note"] = action.refusal_note;
    }
    if (action.transfer) {
        body["transfer"] = json::object();
        if (!action.transfer->service_id.empty())
            body["transfer"]["service"] = action.transfer->service_id;
        if (!action.transfer->window_id.empty())
            body["transfer"]["window"] = action.transfer->window_id;
    }
    return {"POST", kApi + "/bookings/" + std::to_string(booking_id) + "/actions", dump(body),
            booking_id, staff};
}

OutboxRequest call_next_request(const std::string& staff) {
    return {"POST", kApi + "/desk/call-next", "{}", 0, staff};
}

OutboxRequest verify_request(std::int64_t booking_id, const core::PresentedDocument& document,
                             const std::string& staff) {
    return {"POST", kApi + "/bookings/" + std::to_string(booking_id) + "/verify",
            "{\"document\":" + presented_document_json(document) + "}", booking_id, staff};
}

OutboxRequest verify_mrz_request(std::int64_t booking_id, const std::string& mrz_text,
                                 const std::string& staff) {
    return {"POST", kApi + "/bookings/" + std::to_string(booking_id) + "/verify",
            dump(json{{"mrz", mrz_text}}), booking_id, staff};
}

core::Result<StaffSession> DeskApi::login(const std::string& login, const std::string& password,
                                          const std::string& window) {
    json body = {{"login", login}, {"password", password}};
    if (!window.empty()) body["window"] = window;
    auto answer = exchange(
        transport_, "POST", kApi + "/auth/login", dump(body), {}, "login",
        [](std::string_view text) {
            return read_object<StaffSession>(text, "login", [](const json&, AnswerFields& fields) {
                StaffSession session;
                session.token = fields.text("token", kMaxIdBytes);
                session.login = fields.text("login", kMaxIdBytes);
                session.role = fields.text("role", kMaxIdBytes);
                if (const json* w = fields.object("window", false)) {
                    AnswerFields wf(*w, "login.window");
                    WindowRef ref{wf.text("id", kMaxIdBytes),
                                  static_cast<int>(wf.integer("number", 0, 1000000))};
                    if (!wf.ok()) fields.fail_with(*wf.problem());
                    session.window = std::move(ref);
                }
                return session;
            });
        });
    if (!answer) return answer.problem();
    return std::move(answer).value().first;
}

core::Result<bool> DeskApi::logout(const std::string& token) {
    TransportReply reply = transport_.send("POST", kApi + "/auth/logout", "", bearer(token));
    if (!success(reply)) return problem_of(reply, "logout");
    return true;
}

core::Result<std::pair<CenterInfo, std::string>> DeskApi::center() {
    return exchange(transport_, "GET", kApi + "/services", "", {}, "services", read_center_info);
}

core::Result<std::pair<DayQueueSnapshot, std::string>> DeskApi::queue(const std::string& token) {
    return exchange(transport_, "GET", kApi + "/queue", "", bearer(token), "queue", read_day_queue);
}

core::Result<std::pair<CenterKeys, std::string>> DeskApi::keys(const std::string& token) {
    return exchange(transport_, "GET", kApi + "/keys", "", bearer(token), "keys", read_center_keys);
}

core::Result<QueueBooking> DeskApi::find(const std::string& token, const std::string& scanned) {
    auto answer =
        exchange(transport_, "POST", kApi + "/desk/find", dump(json{{"scanned", scanned}}),
                 bearer(token), "find", [](std::string_view text) {
                     const auto parsed = parse_answer(text);
                     if (!parsed) return core::Result<QueueBooking>(bad_answer("find"));
                     return read_queue_booking(*parsed, "find");
                 });
    if (!answer) return answer.problem();
    return std::move(answer).value().first;
}

core::Result<VerificationAnswer> DeskApi::verify(const std::string& token, std::int64_t booking_id,
                                                 const core::PresentedDocument& document) {
    const OutboxRequest request = verify_request(booking_id, document, "");
    auto answer = exchange(transport_, request.method, request.path, request.body, bearer(token),
                           "verify", read_verification);
    if (!answer) return answer.problem();
    return std::move(answer).value().first;
}

core::Result<VerificationAnswer> DeskApi::verify_mrz(const std::string& token,
                                                     std::int64_t booking_id,
                                                     const std::string& mrz_text) {
    const OutboxRequest request = verify_mrz_request(booking_id, mrz_text, "");
    auto answer = exchange(transport_, request.method, request.path, request.body, bearer(token),
                           "verify", read_verification);
    if (!answer) return answer.problem();
    return std::move(answer).value().first;
}

core::Result<DayStats> DeskApi::stats(const std::string& token, core::Date day) {
    auto answer = exchange(transport_, "GET", kApi + "/stats?day=" + core::format_iso_date(day), "",
                           bearer(token), "stats", read_day_stats);
    if (!answer) return answer.problem();
    return std::move(answer).value().first;
}

core::Result<std::vector<AuditEntry>> DeskApi::audit(const std::string& token,
                                                     std::int64_t booking_id) {
    std::string path = kApi + "/audit?limit=1000";
    if (booking_id > 0) path += "&booking=" + std::to_string(booking_id);
    auto answer = exchange(transport_, "GET", path, "", bearer(token), "audit", read_audit);
    if (!answer) return answer.problem();
    return std::move(answer).value().first;
}

core::Result<bool> DeskApi::unblock(const std::string& token, const std::string& identity) {
    auto key = core::new_session_token();
    if (!key) return key.problem();
    Headers headers = bearer(token);
    headers.emplace_back("Idempotency-Key", key.value());
    auto answer = exchange(
        transport_, "POST", kApi + "/identities/unblock", dump(json{{"identity", identity}}),
        headers, "unblock", [](std::string_view text) {
            return read_object<bool>(text, "unblock", [](const json&, AnswerFields& fields) {
                return fields.boolean("unblocked");
            });
        });
    if (!answer) return answer.problem();
    return answer.value().first;
}

core::Result<bool> DeskApi::set_alert(const std::string& token, bool active) {
    auto key = core::new_session_token();
    if (!key) return key.problem();
    Headers headers = bearer(token);
    headers.emplace_back("Idempotency-Key", key.value());
    auto answer =
        exchange(transport_, "POST", kApi + "/alert", dump(json{{"active", active}}), headers,
                 "alert", [](std::string_view text) {
                     return read_object<bool>(text, "alert", [](const json&, AnswerFields& fields) {
                         return fields.boolean("active");
                     });
                 });
    if (!answer) return answer.problem();
    return answer.value().first;
}

}  // namespace cherha::desk
