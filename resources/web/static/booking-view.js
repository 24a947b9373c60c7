// What the booking page (/) and "My booking" (/my) share: the center's details, problems in
// words with their dates in the center's time, the confirmation card (QR code, booking code,
// date, time, address, what to bring), and the .ics calendar entry. ES module, text only.
import { ApiError, api, describeProblem, describeValue, el, fill, formatClock, formatDay, language, t } from "./common.js";

// /services, once per page: {center, today, time_zone, online_window_days, services, windows}.
let servicesAnswer = null;
export async function centerInfo() {
    if (!servicesAnswer) servicesAnswer = await api("/services");
    return servicesAnswer;
}

export function timeZone(info) {
    return (info && info.time_zone) || "Europe/Kyiv";
}

export function localName(thing) {
    if (!thing) return "";
    const own = language() === "en" ? thing.name_en : thing.name_uk;
    return own || thing.name || thing.name_uk || thing.name_en || thing.id || "";
}

export function centerAddress(info) {
    const center = (info && info.center) || {};
    const own = language() === "en" ? center.address_en : center.address_uk;
    return (own || center.address_uk || center.address_en || "").trim();
}

export function findService(info, id) {
    return ((info && info.services) || []).find((service) => service.id === id) || null;
}

// "25 листопада 2026" for "2026-11-25" (formatDay without the weekday).
export function plainDay(isoDay) {
    const [y, m, d] = isoDay.split("-").map(Number);
    return new Intl.DateTimeFormat(language() === "en" ? "en-GB" : "uk-UA", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
        .format(new Date(Date.UTC(y, m - 1, d, 12)))
        .replace(/\s*р\.$/, "");
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/;

// The calendar day of an instant in the center's zone ("2026-11-25").
export function localDay(instant, zone) {
    const parts = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
        .formatToParts(new Date(instant));
    const get = (type) => parts.find((part) => part.type === type).value;
    return `${get("year")}-${get("month")}-${get("day")}`;
}

// A problem's params with days and instants written for people ("1 December 2026, 06:00").
export function readableParams(params, zone) {
    const out = {};
    for (const [name, value] of Object.entries(params || {})) {
        const text = String(value);
        if (ISO_DAY.test(text)) out[name] = plainDay(text);
        else if (ISO_INSTANT.test(text)) out[name] = fill(t("{day} at {time}"), {
            day: plainDay(localDay(text, zone)),
            time: formatClock(text, zone),
        });
        else out[name] = text;
    }
    return out;
}

// An error (ApiError or any other) in words.
export function problemText(error, zone) {
    if (error instanceof ApiError) {
        if (error.status === 0) return error.message;
        return describeProblem(error.code, readableParams(error.params, zone));
    }
    return t("Something went wrong. Load the page again and try once more.");
}

// For a refusal of the queue's rules: when it frees up, as a separate sentence (or "").
export function freesUpText(error, zone) {
    if (!(error instanceof ApiError)) return "";
    const params = error.params || {};
    if (params.frees_on && ISO_DAY.test(String(params.frees_on)))
        return fill(t("You can book again from {day}."), { day: plainDay(String(params.frees_on)) });
    if (params.earliest && ISO_DAY.test(String(params.earliest)))
        return fill(t("You can book again from {day}."), { day: plainDay(String(params.earliest)) });
    if (params.retry_after) return fill(t("Try again in {seconds} seconds."), { seconds: params.retry_after });
    return "";
}

export function personName(registration) {
    if (!registration) return "";
    return [registration.surname, registration.given_name, registration.patronymic].filter(Boolean).join(" ");
}

export function documentText(registration) {
    const document = (registration && registration.document) || {};
    return fill(t("{type} No. {number}"), { type: describeValue(document.type || ""), number: document.number || "" });
}

// What to bring to the window, as sentences.
export function whatToBring(registration) {
    const items = [];
    if (!registration) return items;
    items.push(fill(t("The identity document you registered: {document}."), { document: documentText(registration) }));
    if (registration.rnokpp)
        items.push(fill(t("Your RNOKPP (tax number) card or a document showing it: {rnokpp}."), { rnokpp: registration.rnokpp }));
    if (registration.kind === "legal_entity_representative") {
        const entity = registration.legal_entity || {};
        items.push(fill(t("The documents of the legal entity {name} (EDRPOU {edrpou})."), {
            name: entity.name || "",
            edrpou: entity.edrpou || "",
        }));
        items.push(t("The power of attorney that lets you act for the legal entity."));
    }
    items.push(t("This booking code or its QR code (printed or on your phone)."));
    return items;
}

function fact(term, value) {
    return [el("dt", {}, term), el("dd", {}, value)];
}

// The confirmation: QR code, booking code, service, date, time, address, visitor, what to bring.
// `heading` is the card's title; `extra` elements go below the facts.
export function bookingCard(booking, info, { heading, headingLevel = "h2", headingId } = {}) {
    const zone = timeZone(info);
    const service = findService(info, booking.service);
    const address = centerAddress(info);
    const registration = booking.registration;
    const facts = el("dl", { class: "facts" },
        fact(t("Booking code"), el("span", { class: "code" }, booking.code || "")),
        fact(t("Service"), service ? localName(service) : booking.service),
        fact(t("Date"), booking.day ? formatDay(booking.day) : ""),
        fact(t("Time"), booking.time || (booking.start ? formatClock(booking.start, zone) : "")),
        fact(t("Place"), [localName(info && info.center), address].filter(Boolean).join(", ")),
        booking.state ? fact(t("Status"), describeValue(booking.state)) : null,
        registration ? fact(t("Visitor"), personName(registration)) : null,
        registration && registration.kind === "legal_entity_representative" && registration.legal_entity
            ? fact(t("Representing"), fill(t("{name}, EDRPOU {edrpou}"), registration.legal_entity))
            : null,
    );
    const qr = booking.qr
        ? el("img", { class: "qr", src: booking.qr, width: 220, height: 220, alt: fill(t("QR code of booking {code}"), { code: booking.code || "" }) })
        : null;
    const bring = whatToBring(registration);
    return el("section", { class: "card booking-card", "aria-labelledby": headingId || null },
        heading ? el(headingLevel, { id: headingId || null }, heading) : null,
        el("div", { class: "booking-summary" }, qr ? el("div", { class: "qr-box" }, qr) : null, facts),
        bring.length ? el("h3", {}, t("What to bring")) : null,
        bring.length ? el("ul", { class: "bring" }, bring.map((item) => el("li", {}, item))) : null,
        el("p", { class: "note" }, t("Come a few minutes early. At the window the clerk compares your documents with the data of the booking; if they do not match, the service is refused.")),
    );
}

// --- The calendar entry -------------------------------------------------------------------

function icsEscape(text) {
    return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

// Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character.
function icsFold(line) {
    const encoder = new TextEncoder();
    const out = [];
    let current = "";
    let bytes = 0;
    for (const character of line) {
        const size = encoder.encode(character).length;
        if (bytes + size > (out.length ? 74 : 75)) {
            out.push(current);
            current = "";
            bytes = 0;
        }
        current += character;
        bytes += size;
    }
    out.push(current);
    return out.join("\r\n ");
}

function icsInstant(date) {
    return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

// The .ics text of a booking (no personal data beyond the code: calendars are often shared).
export function bookingIcs(booking, info) {
    const service = findService(info, booking.service);
    const start = new Date(booking.start);
    const minutes = (service && service.duration_minutes) || 30;
    const end = new Date(start.getTime() + minutes * 60000);
    const place = [localName(info && info.center), centerAddress(info)].filter(Boolean).join(", ");
    const description = [
        fill(t("Booking code: {code}"), { code: booking.code || "" }),
        t("What to bring"),
        ...whatToBring(booking.registration ? { ...booking.registration, rnokpp: null } : null).map((item) => "- " + item),
    ].join("\n");
    const lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Cherha//Booking//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        "UID:" + icsEscape((booking.code || "booking") + "-" + (booking.id || "") + "@cherha"),
        "DTSTAMP:" + icsInstant(new Date()),
        "DTSTART:" + icsInstant(start),
        "DTEND:" + icsInstant(end),
        "SUMMARY:" + icsEscape(fill(t("{service}: booking {code}"), { service: service ? localName(service) : booking.service, code: booking.code || "" })),
        place ? "LOCATION:" + icsEscape(place) : null,
        "DESCRIPTION:" + icsEscape(description),
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:-PT2H",
        "DESCRIPTION:" + icsEscape(fill(t("{service}: booking {code}"), { service: service ? localName(service) : booking.service, code: booking.code || "" })),
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ].filter(Boolean);
    return lines.map(icsFold).join("\r\n") + "\r\n";
}

// A link that downloads the .ics file (built again when the language changes).
export function icsLink(booking, info) {
    const blob = new Blob([bookingIcs(booking, info)], { type: "text/calendar;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    setTimeout(() => URL.revokeObjectURL(url), 30 * 60000);
    return el("a", { class: "button secondary", href: url, download: "cherha-" + String(booking.code || "booking").replace(/[^A-Za-z0-9-]/g, "") + ".ics" },
        t("Add to calendar (.ics)"));
}
