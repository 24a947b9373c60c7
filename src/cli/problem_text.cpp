#include "cli/problem_text.h"

#include <map>
#include <string>

#include "cli/i18n.h"

namespace cherha::cli {
namespace {

// TRANSLATORS: every "{name}" is replaced by a value; keep the braces and the names.
const std::map<std::string_view, const char*>& sentences() {
    static const std::map<std::string_view, const char*> table = {
        // Identity numbers
        {"rnokpp.empty", N_("The RNOKPP is empty.")},
        {"rnokpp.length", N_("An RNOKPP has {expected} digits, this one has {length}.")},
        {"rnokpp.not_digits",
         N_("An RNOKPP has digits only; character {position} is not a digit.")},
        {"rnokpp.check_digit",
         N_("The RNOKPP check digit is wrong: the last digit should be {expected}, not {actual}. "
            "Check for a typing error.")},
        {"rnokpp.birth_date", N_("The RNOKPP does not encode a possible date of birth.")},
        {"rnokpp.birth_date_mismatch",
         N_("The date of birth {registered_date} contradicts the RNOKPP, which encodes "
            "{rnokpp_date}.")},
        {"edrpou.empty", N_("The EDRPOU code is empty.")},
        {"edrpou.length", N_("An EDRPOU code has {expected} digits, this one has {length}.")},
        {"edrpou.not_digits",
         N_("An EDRPOU code has digits only; character {position} is not a digit.")},
        {"edrpou.check_digit",
         N_("The EDRPOU check digit is wrong: the last digit should be {expected}, not {actual}.")},
        {"document.empty", N_("The document number is empty.")},
        {"document.length",
         N_("This document number should have {expected} characters, it has {length}.")},
        {"document.format", N_("A number of a {type} looks like this: {expected}.")},
        {"document.letter",
         N_("Character {position} (\"{letter}\") cannot be part of this document number.")},
        // MRZ
        {"mrz.empty", N_("The MRZ is empty.")},
        {"mrz.too_long", N_("The MRZ text is {length} bytes long; at most {max} are read.")},
        {"mrz.format",
         N_("An MRZ has 3 lines of 30 characters (ID card) or 2 lines of 44 (passport); this "
            "has {lines} line(s) of {lengths}.")},
        {"mrz.character",
         N_("Line {line}, column {column}: \"{character}\" cannot appear in an MRZ.")},
        {"mrz.document_code", N_("Line {line}: \"{code}\" is not a passport or ID card code.")},
        {"mrz.check_digit",
         N_("Line {line}: the check digit of the {field} is {actual}, it should be {expected}.")},
        {"mrz.date", N_("Line {line}: the {field} is not a valid date.")},
        {"mrz.sex", N_("Line {line}: \"{character}\" is not a sex marker (M, F or <).")},
        // Verification
        {"verification.normalized",
         N_("The {field} matches once case, spaces, apostrophes and look-alike letters are "
            "ignored.")},
        {"verification.transliterated",
         N_("The {field} matches the official transliteration {transliteration}.")},
        {"verification.transliteration_different",
         N_("The {field} differs: the official transliteration of the registered value is "
            "{transliteration}.")},
        {"verification.different", N_("The {field} differs from the registered one.")},
        {"verification.missing", N_("The {field} is missing ({side}).")},
        {"verification.rnokpp_declared_absent",
         N_("The booking says the person has no RNOKPP, but the document shows one.")},
        {"document.expired", N_("The document expired on {expiry}.")},
        // Quotas, blocks, retakes
        {"quota.person_online_month",
         N_("The limit of registrations has been exceeded for these data: at most {limit} online "
            "registrations a month ({count} already). It frees up on {frees_on}.")},
        {"quota.person_terminal_month",
         N_("The limit of registrations has been exceeded for these data: at most {limit} "
            "terminal registrations a month ({count} already). It frees up on {frees_on}.")},
        {"quota.entity_online_day",
         N_("The limit of registrations has been exceeded for these data: at most {limit} online "
            "registrations a day for a legal entity ({count} already). It frees up on "
            "{frees_on}.")},
        {"quota.entity_terminal_day",
         N_("The limit of registrations has been exceeded for these data: at most {limit} "
            "terminal registrations a day for a legal entity ({count} already). It frees up on "
            "{frees_on}.")},
        {"quota.unknown", N_("Unknown quota rule.")},
        {"quota.visit_date_invalid", N_("The visit date {visit_date} is not a valid date.")},
        {"quota.policy_limit_invalid",
         N_("The quota setting {field} = {value} is out of range (at most {max}).")},
        {"block.no_shows",
         N_("Online booking is blocked: {count} missed visits in {month} (limit {threshold}). A "
            "supervisor can unblock it in person at the center.")},
        {"retake.too_early",
         N_("After the failed attempt on {failed_on}, a retake is possible from {earliest}.")},
        {"retake.visit_date_invalid", N_("The visit date {visit_date} is not a valid date.")},
        // Tickets
        {"ticket.identity_required", N_("A priority ticket needs the visitor's identity.")},
        {"ticket.identity_invalid", N_("The identity is too long (at most {max} bytes).")},
        {"ticket.service_required", N_("A priority ticket needs a service.")},
        {"ticket.service_invalid", N_("The service id is too long (at most {max} bytes).")},
        {"ticket.category_invalid", N_("Unknown priority category.")},
        {"ticket.priority_already_issued",
         N_("A priority ticket ({number}) was already issued today for this service; a regular "
            "ticket is still possible.")},
        {"ticket.sequence_exhausted",
         N_("No more {sequence} tickets today: the last one was {last}.")},
        {"ticket.number_out_of_range", N_("Ticket {number} is outside the {sequence} sequence.")},
        // Booking states
        {"transition.not_allowed", N_("A booking that is {from} cannot be given \"{action}\".")},
        {"transition.actor_not_allowed", N_("A {actor} may not do \"{action}\".")},
        {"transition.alert_active", N_("Air-raid alert: \"{action}\" waits for the all-clear.")},
        {"transition.not_own_booking", N_("This is not your booking.")},
        {"transition.cancellation_deadline_passed",
         N_("It is too late to cancel: cancelling closes 2 hours before the visit.")},
        {"transition.result_required", N_("This service needs a result (passed or failed).")},
        {"transition.result_not_applicable", N_("This service has no result such as {result}.")},
        {"transition.reason_required", N_("A refusal needs a reason.")},
        {"transition.reason_text_required", N_("Describe the reason \"{reason}\" in words.")},
        {"transition.target_required", N_("A transfer needs a service or window to go to.")},
        {"transition.text_invalid", N_("The {field} is not acceptable ({issue}).")},
        {"transition.channel_not_allowed", N_("A {actor} cannot register through {channel}.")},
        // Booking code and token
        {"booking_code.empty", N_("The booking code is empty.")},
        {"booking_code.character",
         N_("Character {position} (\"{character}\") cannot be part of a booking code.")},
        {"booking_code.length",
         N_("A booking code has {expected} characters, this one has {length}.")},
        {"booking_code.check",
         N_("The booking code is mistyped: its check character does not match. Check each "
            "character again.")},
        {"booking_code.random_unavailable", N_("The system could not produce random numbers.")},
        {"token.malformed", N_("This is not a Cherha booking code ({why}).")},
        {"token.version",
         N_("The booking code has format version {version}, which this program does not know.")},
        {"token.unknown_key",
         N_("The booking code was signed with key {key_id}, which is not one of this center's "
            "keys.")},
        {"token.bad_signature",
         N_("The booking code has been altered: its signature does not match.")},
        {"token.wrong_center",
         N_("The booking code belongs to center {center}, not to this center ({expected}).")},
        {"token.wrong_day", N_("The booking code is for {day}, not for today ({expected}).")},
        {"token.invalid_field", N_("The token cannot hold this {field}.")},
        {"key.empty", N_("The key file is empty.")},
        {"key.unreadable", N_("The key file is not a readable PEM key.")},
        {"key.encrypted", N_("The key is protected by a password; give an unencrypted key.")},
        {"key.wrong_type", N_("The key is a {type} key; booking codes use Ed25519 keys.")},
        {"key.wrong_kind", N_("A {expected} key is needed here, this is a {found} key.")},
        {"key.generation_failed", N_("Could not generate a key.")},
        {"key.sign_failed", N_("Could not sign.")},
        {"key.duplicate", N_("The key {key_id} is already in the key ring.")},
        {"key.not_found", N_("There is no key {key_id} in the key ring.")},
        {"key.no_signing_key", N_("There is no active signing key.")},
        // QR images
        {"qr.invalid_text", N_("This text cannot be put into a QR code.")},
        {"qr.text_too_long", N_("The text is too long for a QR code ({length} characters).")},
        {"qr.invalid_argument", N_("The value of {name} is out of range.")},
        {"qr.file_unwritable", N_("Cannot write the file \"{path}\".")},
        {"qr.file_unreadable", N_("Cannot read the file \"{path}\".")},
        {"qr.file_too_large", N_("The picture is too large ({bytes} bytes).")},
        {"qr.not_an_image", N_("This is not a PNG or JPEG picture.")},
        {"qr.image_damaged", N_("The picture is damaged or incomplete.")},
        {"qr.too_large", N_("The picture is too large ({width}x{height} pixels).")},
        {"qr.no_code_found", N_("No QR code was found in the picture.")},
        // Schedule, schedule file, calendar and booking window (core/calendar, formats)
        {"schedule.unknown_time_zone",
         N_("Unknown time zone \"{time_zone}\": use an IANA name such as Europe/Kyiv.")},
        {"schedule.time_out_of_range",
         N_("{where}: the interval {interval} lies outside 00:00-24:00.")},
        {"schedule.interval_end_before_start",
         N_("{where}: the interval {interval} does not end after it starts.")},
        {"schedule.intervals_overlap",
         N_("{where}: the intervals {interval} and {other} overlap.")},
        {"schedule.break_outside_opening",
         N_("{where}: the break {interval} is not inside the opening hours.")},
        {"schedule.invalid_date",
         N_("Entry {index} (counting from 0) of {list} is not a calendar date.")},
        {"schedule.duplicate_date",
         N_("The date {date} appears more than once among the closed and special days.")},
        {"schedule.empty_id", N_("The {kind} at position {index} (counting from 0) has no id.")},
        {"schedule.duplicate_id", N_("The id \"{id}\" is used by more than one {kind}.")},
        {"schedule.window_number",
         N_("Window \"{window}\" has the number {number}; window numbers start at 1.")},
        {"schedule.duplicate_window_number", N_("Two windows have the number {number}.")},
        {"schedule.service_name_missing",
         N_("The service \"{service}\" has no name in {language}.")},
        {"schedule.service_duration",
         N_("The service \"{service}\" lasts {minutes} min; a slot lasts 1 to 1440 minutes.")},
        {"schedule.service_without_windows", N_("No window serves the service \"{service}\".")},
        {"schedule.unknown_window",
         N_("The service \"{service}\" names the window \"{window}\", which does not exist.")},
        {"schedule.window_listed_twice",
         N_("The service \"{service}\" lists the window \"{window}\" twice.")},
        {"schedule.retake_pause",
         N_("The retake pause of the service \"{service}\" is {days} days; it must be 0 to "
            "3650.")},
        {"schedule_file.too_large",
         N_("The schedule file is {bytes} bytes long; at most {max} are read.")},
        {"schedule_file.encoding",
         N_("Line {line}, column {column}: the text is not valid UTF-8.")},
        {"schedule_file.too_deep",
         N_("Line {line}, column {column}: lists and objects are nested more than {max} "
            "deep.")},
        {"schedule_file.json", N_("Line {line}, column {column}: this is not valid JSON.")},
        {"schedule_file.duplicate_field", N_("{path}: this field is given twice.")},
        {"schedule_file.type", N_("{path} should be {expected}.")},
        {"schedule_file.missing", N_("{path} is missing.")},
        {"schedule_file.unknown_field", N_("{path}: unknown field (check its spelling).")},
        {"schedule_file.out_of_range", N_("{path}: {value} is outside {min} to {max}.")},
        {"schedule_file.text", N_("{path}: the text {issue}.")},
        {"schedule_file.time",
         N_("{path}: \"{value}\" is not an interval of the form HH:MM-HH:MM (24:00 only as "
            "an end).")},
        {"schedule_file.date", N_("{path}: \"{value}\" is not a date of the form YYYY-MM-DD.")},
        {"schedule_file.version",
         N_("Schedule file version {value} is not supported; this program reads version "
            "{supported}.")},
        {"slots.invalid_day", N_("{day} is not a day the calendar can use.")},
        {"slots.unknown_service", N_("There is no service \"{service}\" in the schedule.")},
        {"online.day_in_past", N_("The day {day} has passed (today is {today}).")},
        {"online.day_not_open_yet", N_("Online booking for {day} opens at {opens_at}.")},
        {"online.too_late", N_("Online booking of this slot closed at {closes_at}.")},
        {"terminal.not_today",
         N_("The terminal registers for today ({today}) only, not for {day}.")},
        {"terminal.slot_passed", N_("This slot ended at {ended_at}.")},
        {"cancel.too_late",
         N_("It is too late to cancel: cancelling was possible until {deadline}.")},
        {"rules.online_window_days",
         N_("An online booking window of {days} days is not possible: it must be 1 to 366.")},
        {"rules.online_opening_time",
         N_("The daily opening of online booking ({seconds} s after midnight) must lie within "
            "the day.")},
        {"rules.online_lead_time",
         N_("An online lead time of {minutes} min is not possible: it must be 0 to 10080.")},
        {"rules.cancellation_deadline",
         N_("A cancellation deadline of {minutes} min is not possible: it must be 0 to 10080.")},
        {"calendar.instant_out_of_range",
         N_("The moment {instant} (seconds since 1970) is outside the years 1900 to 9999.")},
        // Registration (what a booking must hold before it is accepted)
        {"registration.name_required", N_("The {field} is required.")},
        {"registration.name_too_long", N_("The {field} is longer than {max} characters.")},
        {"registration.name_invalid",
         N_("The {field} has a character that cannot be in a name at position {position}.")},
        {"registration.name_mixed_scripts",
         N_("The {field} mixes Cyrillic and Latin letters (position {position}); write it in one "
            "alphabet.")},
        {"registration.birth_date", N_("The date of birth is not possible ({reason}).")},
        {"registration.rnokpp_required", N_("Give the RNOKPP, or mark that the person has none.")},
        {"registration.rnokpp_conflict",
         N_("An RNOKPP is given, but the person is marked as having none.")},
        {"registration.document_type_invalid", N_("Unknown document type.")},
        {"registration.entity_required",
         N_("A representative of a legal entity needs the entity's EDRPOU code and name.")},
        {"registration.entity_name_required", N_("The name of the legal entity is required.")},
        {"registration.entity_name_too_long",
         N_("The name of the legal entity is longer than {max} characters.")},
        {"registration.entity_name_invalid",
         N_("The name of the legal entity has a character that is not allowed at position "
            "{position}.")},
        {"registration.entity_not_allowed",
         N_("A natural person's registration cannot hold a legal entity.")},
        {"identity.unknown_shape",
         N_("This is neither an RNOKPP (10 digits), an EDRPOU code (8 digits) nor a document "
            "number.")},
    };
    return table;
}

const std::map<std::string_view, const char*>& values() {
    static const std::map<std::string_view, const char*> table = {
        {"id_card", N_("ID card")},
        {"passport_book", N_("passport book")},
        {"foreign_passport", N_("passport for travel abroad")},
        {"driving_licence", N_("driving licence")},
        {"residence_permit", N_("residence permit")},
        {"rnokpp", N_("RNOKPP")},
        {"edrpou", N_("EDRPOU code")},
        {"male", N_("male")},
        {"female", N_("female")},
        {"td1", N_("ID card (TD1)")},
        {"td3", N_("passport (TD3)")},
        {"unspecified", N_("unspecified")},
        {"document_number", N_("document number")},
        {"birth_date", N_("date of birth")},
        {"expiry_date", N_("date of expiry")},
        {"optional_data", N_("optional data")},
        {"composite", N_("composite")},
        {"document_type", N_("document type")},
        {"surname", N_("surname")},
        {"given_name", N_("given name")},
        {"patronymic", N_("patronymic")},
        {"expiry", N_("expiry")},
        {"registered", N_("in the booking")},
        {"presented", N_("in the document")},
        {"both", N_("in both")},
        {"match", N_("match")},
        {"match_after_normalization", N_("match after normalisation")},
        {"mismatch", N_("mismatch")},
        {"not_comparable", N_("not comparable")},
        {"booked", N_("booked")},
        {"arrived", N_("arrived")},
        {"called", N_("called")},
        {"in_service", N_("in service")},
        {"served", N_("served")},
        {"refused", N_("refused")},
        {"no_show", N_("no-show")},
        {"cancelled", N_("cancelled")},
        {"arrive", N_("arrive")},
        {"call", N_("call")},
        {"recall", N_("recall")},
        {"start", N_("start")},
        {"serve", N_("serve")},
        {"refuse", N_("refuse")},
        {"mark_no_show", N_("mark no-show")},
        {"cancel", N_("cancel")},
        {"transfer", N_("transfer")},
        {"create", N_("register")},
        {"citizen", N_("citizen")},
        {"kiosk", N_("terminal")},
        {"clerk", N_("clerk")},
        {"supervisor", N_("supervisor")},
        {"system", N_("system")},
        {"online", N_("online")},
        {"terminal", N_("the terminal")},
        {"regular", N_("regular")},
        {"priority", N_("priority")},
        {"passed", N_("passed")},
        {"failed", N_("failed")},
        {"data_mismatch", N_("data mismatch")},
        {"missing_document", N_("missing document")},
        {"other", N_("other")},
        {"note", N_("note")},
        {"service_id", N_("service")},
        {"window_id", N_("window")},
        {"too_long", N_("too long")},
        {"not_utf8", N_("not valid UTF-8")},
        {"control_character", N_("contains a control character")},
        {"empty", N_("empty")},
        {"prefix", N_("wrong beginning")},
        {"base32", N_("characters that cannot be in it")},
        {"length", N_("wrong length")},
        {"field", N_("impossible contents")},
        {"public", N_("public")},
        {"private", N_("private")},
        {"visit_day", N_("visit day")},
        {"slot_minute", N_("time")},
        {"channel", N_("channel")},
        {"scale", N_("scale")},
        {"quiet_zone", N_("quiet zone")},
        // Schedules: weekdays, lists, kinds, languages and JSON types in problem params
        {"mon", N_("Monday")},
        {"tue", N_("Tuesday")},
        {"wed", N_("Wednesday")},
        {"thu", N_("Thursday")},
        {"fri", N_("Friday")},
        {"sat", N_("Saturday")},
        {"sun", N_("Sunday")},
        {"closed_days", N_("the closed days")},
        {"special_days", N_("the special days")},
        {"service", N_("service")},
        {"window", N_("window")},
        {"uk", N_("Ukrainian")},
        {"en", N_("English")},
        {"object", N_("an object {...}")},
        {"array", N_("a list [...]")},
        {"string", N_("a text in quotes")},
        {"integer", N_("a whole number")},
        {"future", N_("it is in the future")},
        {"too_old", N_("before 1900")},
        {"too_young", N_("younger than the minimum age")},
        {"invalid", N_("not a date")},
        {"9d", N_("9 digits")},
        {"2C6d", N_("2 Cyrillic letters and 6 digits")},
        {"2L6d", N_("2 Latin letters and 6 digits")},
        {"3C6d", N_("3 letters and 6 digits")},
        {"9d|2C6d", N_("9 digits, or 2 letters and 6 digits")},
    };
    return table;
}

}  // namespace

std::string describe_value(std::string_view value) {
    auto it = values().find(value);
    return it == values().end() ? std::string(value) : std::string(tr(it->second));
}

bool has_sentence(std::string_view code) {
    return sentences().count(code) > 0;
}

std::string describe_problem(const core::Problem& problem) {
    auto it = sentences().find(problem.code);
    if (it == sentences().end()) {
        std::string text = fill(tr("Problem \"{code}\"."), {{"code", problem.code}});
        for (const auto& [k, v] : problem.params) text += " " + k + "=" + v;
        return text;
    }
    auto params = problem.params;
    for (auto& [name, value] : params) value = describe_value(value);
    return fill(tr(it->second), params);
}

}  // namespace cherha::cli
