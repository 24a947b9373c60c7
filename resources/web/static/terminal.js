// The self-service terminal (kiosk) in the hall: service, personal data, a check step, the
// registration for today, and a printed ticket. After a pause without a touch (default 60 s,
// /terminal?idle=<seconds> to change it), it warns and then returns to the start and forgets
// everything of the previous visitor.
import {
    api,
    applyTexts,
    describeProblem,
    describeValue,
    deviceToken,
    el,
    fill,
    formatDay,
    language,
    setLanguage,
    startPage,
    t,
} from "/static/common.js";

const $ = (id) => document.getElementById(id);

// The words for a failed call (ApiError's own message getter is shadowed by Error's "message").
function words(error) {
    if (error && error.status === 0) return t("The server cannot be reached. Check the connection and try again.");
    if (error && typeof error.code === "string") return describeProblem(error.code, error.params || {});
    return String(error && error.message ? error.message : error);
}

const STEPS = ["step-service", "step-data", "step-check", "step-ticket"];
const FIELDS = ["surname", "given_name", "patronymic", "birth_date", "rnokpp", "document_number", "edrpou", "entity_name"];
const MAX_NAME = 100;

function idleSeconds() {
    const asked = Number(new URLSearchParams(window.location.search).get("idle"));
    if (Number.isFinite(asked) && asked >= 2 && asked <= 3600) return asked;
    return 60;
}

const IDLE = idleSeconds();
const WARN = IDLE >= 30 ? 15 : Math.max(2, Math.floor(IDLE / 2));

const PRIORITY_WORDS = {
    person_with_disability: () => t("Person with a disability"),
    disability_companion: () => t("Companion of a person with a disability"),
    fallen_defender_family: () => t("Family of a fallen defender"),
    serving_military: () => t("Serving military"),
};

const KIND_WORDS = {
    natural_person: () => t("Natural person"),
    legal_entity_representative: () => t("Representative of a legal entity"),
};

let device = "";
let catalog = null; // GET /services
let step = "step-service";
let service = null; // the chosen service
let registration = null; // what the check step shows and confirm sends
let priority = "";
let booking = null; // the answer of the registration
let lastActivity = Date.now();
let sending = false;
// Counts the visitors: reset() starts a new visit, and an answer that arrives for an earlier one
// (a request slower than the idle pause) is dropped, never shown to the next person.
let visit = 0;

// ---- pages --------------------------------------------------------------------------------

function show(id, { focus = true } = {}) {
    step = id;
    for (const name of STEPS) $(name).hidden = name !== id;
    lastActivity = Date.now();
    hideIdleWarning();
    if (focus) {
        const heading = $(id).querySelector("h1");
        if (heading) heading.focus();
    }
    window.scrollTo(0, 0);
}

function setupProblem(text) {
    $("setup-text").textContent = text;
    $("setup").hidden = false;
    for (const name of STEPS) $(name).hidden = true;
}

function serviceName(s) {
    if (!s) return "";
    return language() === "en" ? s.name_en || s.name : s.name_uk || s.name;
}

function windowHint(s) {
    if (!catalog || !s) return "";
    const numbers = s.windows
        .map((id) => catalog.windows.find((w) => w.id === id))
        .filter(Boolean)
        .map((w) => w.number);
    if (numbers.length === 1) return fill(t("Window {number}"), { number: numbers[0] });
    return fill(t("Windows {numbers}"), { numbers: numbers.join(", ") });
}

function drawServices() {
    const list = $("services");
    list.replaceChildren();
    if (!catalog) return;
    for (const s of catalog.services) {
        list.append(
            el(
                "li",
                {},
                el(
                    "button",
                    { type: "button", class: "service-button", "data-service": s.id, onclick: () => chooseService(s) },
                    el("span", { class: "service-name" }, serviceName(s)),
                    el("span", { class: "service-windows" }, windowHint(s)),
                ),
            ),
        );
    }
}

function drawWords() {
    if (catalog) {
        $("today").textContent = formatDay(catalog.today);
        $("center-name").textContent = language() === "en" ? catalog.center.name_en : catalog.center.name_uk;
    }
    for (const option of $("document_type").options) option.textContent = describeValue(option.value);
    drawServices();
    for (const node of document.querySelectorAll(".chosen-service")) node.textContent = serviceName(service);
    if (registration) drawCheck();
    if (booking) drawTicket();
}

// ---- step 1: service -------------------------------------------------------------------

function chooseService(s) {
    service = s;
    for (const node of document.querySelectorAll(".chosen-service")) node.textContent = serviceName(s);
    show("step-data");
}

// ---- step 2: the data ------------------------------------------------------------------

function clearErrors() {
    $("summary").replaceChildren();
    for (const name of FIELDS) {
        $(name + "-error").textContent = "";
        $(name).removeAttribute("aria-invalid");
    }
}

function setError(field, text) {
    const error = $(field + "-error");
    if (error.textContent) return; // the first problem of a field is enough
    error.textContent = text;
    $(field).setAttribute("aria-invalid", "true");
}

// "20.05.1985" (also 20/05/1985, 20-05-1985, 1985-05-20) → "1985-05-20", or null.
function isoDate(text) {
    const value = text.trim();
    let m = value.match(/^(\d{1,2})[./\-\s](\d{1,2})[./\-\s](\d{4})$/);
    let y, mo, d;
    if (m) [, d, mo, y] = m;
    else if ((m = value.match(/^(\d{4})-(\d{2})-(\d{2})$/))) [, y, mo, d] = m;
    else return null;
    const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
    if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d))
        return null;
    return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function kind() {
    return document.querySelector('input[name="kind"]:checked').value;
}

function collect() {
    const value = (id) => $(id).value.replace(/\s+/g, " ").trim();
    const r = {
        kind: kind(),
        surname: value("surname"),
        given_name: value("given_name"),
        birth_date: value("birth_date"),
        document: { type: $("document_type").value, number: value("document_number").replace(/\s/g, "") },
    };
    const patronymic = value("patronymic");
    if (patronymic) r.patronymic = patronymic;
    if ($("no_rnokpp").checked) r.no_rnokpp = true;
    else r.rnokpp = value("rnokpp").replace(/\s/g, "");
    if (r.kind === "legal_entity_representative")
        r.legal_entity = { edrpou: value("edrpou").replace(/\s/g, ""), name: value("entity_name") };
    return r;
}

// The checks the server cannot word for a form (empty, too long, a date it cannot read).
function localProblems(r) {
    const problems = [];
    const required = [
        ["surname", r.surname, () => t("Enter your surname.")],
        ["given_name", r.given_name, () => t("Enter your given name.")],
        ["birth_date", r.birth_date, () => t("Enter your date of birth.")],
        ["document_number", r.document.number, () => t("Enter the number of your document.")],
    ];
    if (!r.no_rnokpp) required.push(["rnokpp", r.rnokpp, () => t("Enter your RNOKPP, or mark that you have none.")]);
    if (r.legal_entity) {
        required.push(["edrpou", r.legal_entity.edrpou, () => t("Enter the EDRPOU code of the legal entity.")]);
        required.push(["entity_name", r.legal_entity.name, () => t("Enter the name of the legal entity.")]);
    }
    for (const [field, value, wording] of required) if (!value) problems.push({ field, text: wording() });
    for (const field of ["surname", "given_name", "patronymic"]) {
        const value = field === "patronymic" ? r.patronymic || "" : r[field];
        if (value.length > MAX_NAME) problems.push({ field, text: fill(t("This is too long: at most {max} characters."), { max: MAX_NAME }) });
    }
    if (r.legal_entity && r.legal_entity.name.length > 200)
        problems.push({ field: "entity_name", text: fill(t("This is too long: at most {max} characters."), { max: 200 }) });
    if (r.birth_date && !isoDate(r.birth_date))
        problems.push({ field: "birth_date", text: t("Write the date as day.month.year, for example 20.05.1985.") });
    return problems;
}

// Which field a problem of the server belongs to (null: the form as a whole).
function fieldOf(code, params) {
    let field = params && typeof params.field === "string" ? params.field : "";
    field = field.replace(/^registration\./, "");
    const byPath = {
        surname: "surname",
        given_name: "given_name",
        patronymic: "patronymic",
        birth_date: "birth_date",
        rnokpp: "rnokpp",
        "document.number": "document_number",
        "legal_entity.edrpou": "edrpou",
        "legal_entity.name": "entity_name",
    };
    if (byPath[field]) return byPath[field];
    if (code === "registration.birth_date" || code === "rnokpp.birth_date_mismatch") return "birth_date";
    if (code.startsWith("rnokpp.") || code.startsWith("registration.rnokpp") || code === "registration.identity_missing")
        return "rnokpp";
    if (code.startsWith("document.")) return "document_number";
    if (code.startsWith("edrpou.") || code === "registration.entity_required") return "edrpou";
    if (code.startsWith("registration.entity_name")) return "entity_name";
    return null;
}

function showProblems(problems) {
    // problems: [{field, text}]
    const summary = $("summary");
    summary.replaceChildren(
        el("p", {}, el("strong", {}, t("Please correct the data:"))),
        el(
            "ul",
            {},
            problems.map((p) => el("li", {}, p.text)),
        ),
    );
    for (const p of problems) if (p.field) setError(p.field, p.text);
    const first = problems.find((p) => p.field);
    if (first) $(first.field).focus();
    else summary.focus();
}

async function submitData(event) {
    event.preventDefault();
    if (sending) return;
    clearErrors();
    const r = collect();
    const local = localProblems(r);
    if (local.length) {
        showProblems(local);
        return;
    }
    const sent = { ...r, birth_date: isoDate(r.birth_date) };
    const mine = visit;
    sending = true;
    $("data-next").disabled = true;
    try {
        const answer = await api("/registrations/check", { method: "POST", body: { registration: sent } });
        if (mine !== visit) return;
        const problems = (answer && Array.isArray(answer.problems) ? answer.problems : []).map((p) => ({
            field: fieldOf(p.code, p.params),
            text: describeProblem(p.code, p.params),
        }));
        if (problems.length) {
            showProblems(problems);
            return;
        }
    } catch (error) {
        if ((error && error.name === "AbortError") || mine !== visit) return;
        showProblems([{ field: fieldOf(error.code || "", error.params), text: words(error) }]);
        return;
    } finally {
        if (mine === visit) {
            sending = false;
            $("data-next").disabled = false;
        }
    }
    if (mine !== visit) return;
    registration = sent;
    priority = document.querySelector('input[name="priority"]:checked').value;
    drawCheck();
    $("confirm-error").replaceChildren();
    show("step-check");
}

// ---- step 3: check ---------------------------------------------------------------------

function drawCheck() {
    const r = registration;
    const rows = [
        [t("Service"), serviceName(service)],
        [t("Registering as"), KIND_WORDS[r.kind]()],
        [t("Surname"), r.surname],
        [t("Given name"), r.given_name],
        [t("Patronymic"), r.patronymic || t("none")],
        [t("Date of birth"), r.birth_date.split("-").reverse().join(".")],
        [t("RNOKPP"), r.no_rnokpp ? t("none (identified by the document)") : r.rnokpp],
        [t("Document"), describeValue(r.document.type) + ", " + r.document.number],
    ];
    if (r.legal_entity) {
        rows.push([t("EDRPOU code"), r.legal_entity.edrpou]);
        rows.push([t("Legal entity"), r.legal_entity.name]);
    }
    rows.push([t("Priority"), priority ? PRIORITY_WORDS[priority]() : t("No priority")]);
    rows.push([t("Day"), catalog ? formatDay(catalog.today) : ""]);
    $("check-facts").replaceChildren(...rows.flatMap(([term, value]) => [el("dt", {}, term), el("dd", {}, value)]));
}

async function confirm() {
    if (sending || !service || !registration) return;
    const mine = visit;
    sending = true;
    $("confirm").disabled = true;
    $("confirm-error").replaceChildren();
    const body = { service: service.id, registration };
    if (priority) body.priority = priority;
    try {
        const answer = await api("/terminal/bookings", { method: "POST", body, device });
        if (mine !== visit) return; // the visitor left: the next one never sees this ticket
        booking = answer;
    } catch (error) {
        if ((error && error.name === "AbortError") || mine !== visit) return;
        const lines = [el("p", {}, words(error))];
        if (error.status === 401 || error.status === 403)
            lines.push(el("p", {}, t("This terminal's device token is not accepted. Please ask the staff for help.")));
        $("confirm-error").replaceChildren(...lines);
        $("confirm-error").focus();
        return;
    } finally {
        if (mine === visit) {
            sending = false;
            $("confirm").disabled = false;
        }
    }
    if (mine !== visit) return;
    registration = null; // the ticket holds no personal data; nor does this page any more
    $("check-facts").replaceChildren();
    $("data-form").reset();
    syncForm();
    drawTicket();
    show("step-ticket");
    printTicket();
}

// ---- step 4: the ticket ----------------------------------------------------------------

function drawTicket() {
    const b = booking;
    const s = catalog ? catalog.services.find((x) => x.id === b.service) : null;
    const ticket = b.ticket || {};
    const qr = b.qr && b.qr.startsWith("/api/v1/") ? b.qr : null;
    const issued = new Intl.DateTimeFormat(language() === "en" ? "en-GB" : "uk-UA", {
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZone: catalog ? catalog.time_zone : undefined,
    }).format(new Date());
    const parts = [
        el("p", { class: "ticket-center" }, catalog ? (language() === "en" ? catalog.center.name_en : catalog.center.name_uk) : ""),
        el("p", { class: "ticket-label" }, t("Ticket")),
        el("p", { class: "ticket-number", id: "ticket-number" }, ticket.display || ""),
        ticket.sequence === "priority" && ticket.category && PRIORITY_WORDS[ticket.category]
            ? el("p", { class: "ticket-priority" }, fill(t("Priority: {category}"), { category: PRIORITY_WORDS[ticket.category]() }))
            : null,
        el(
            "dl",
            { class: "facts ticket-facts" },
            el("dt", {}, t("Service")),
            el("dd", {}, serviceName(s) || b.service),
            el("dt", {}, t("Day")),
            el("dd", {}, formatDay(b.day)),
            el("dt", {}, t("Your time")),
            el("dd", { id: "ticket-time" }, b.time || ""),
            el("dt", {}, t("Go to")),
            el("dd", { id: "ticket-window" }, windowHint(s)),
            el("dt", {}, t("Booking code")),
            el("dd", { class: "ticket-code" }, b.code || ""),
            el("dt", {}, t("Issued at")),
            el("dd", {}, issued),
        ),
        qr ? el("img", { class: "ticket-qr", id: "ticket-qr", src: qr, width: 200, height: 200, alt: t("QR code of the booking") }) : null,
        el("p", { class: "ticket-note" }, t("Wait until your ticket number appears on the board with the window to go to.")),
    ];
    $("ticket").replaceChildren(...parts.filter(Boolean));
}

async function printTicket() {
    const status = $("print-status");
    status.textContent = t("Printing your ticket...");
    const img = $("ticket-qr");
    if (img) {
        try {
            await img.decode();
        } catch (error) {
            // printed without the picture rather than not at all
        }
    }
    if (step !== "step-ticket") return; // reset meanwhile
    document.body.dataset.printed = String(Number(document.body.dataset.printed || 0) + 1);
    window.print();
    status.textContent = t("Take your ticket from the printer.");
}

// ---- forgetting the visitor -------------------------------------------------------------

function syncForm() {
    const representative = kind() === "legal_entity_representative";
    $("entity").hidden = !representative;
    const none = $("no_rnokpp").checked;
    $("rnokpp").disabled = none;
    if (none) {
        $("rnokpp").value = "";
        $("rnokpp-error").textContent = "";
        $("rnokpp").removeAttribute("aria-invalid");
    }
}

function reset() {
    visit += 1;
    sending = false;
    $("data-next").disabled = false;
    $("confirm").disabled = false;
    service = null;
    registration = null;
    priority = "";
    booking = null;
    $("data-form").reset();
    for (const name of FIELDS) $(name).value = "";
    clearErrors();
    syncForm();
    $("check-facts").replaceChildren();
    $("confirm-error").replaceChildren();
    $("ticket").replaceChildren();
    $("print-status").textContent = "";
    $("service-error").replaceChildren();
    for (const node of document.querySelectorAll(".chosen-service")) node.textContent = "";
    delete document.body.dataset.printed;
    show("step-service");
    if (language() !== "uk") setLanguage("uk").catch(() => {});
}

function hideIdleWarning() {
    $("idle-warning").hidden = true;
}

function activity() {
    lastActivity = Date.now();
    if (!$("idle-warning").hidden) hideIdleWarning();
}

function watchIdle() {
    for (const name of ["pointerdown", "keydown", "input", "touchstart", "wheel"])
        document.addEventListener(name, activity, { capture: true, passive: true });
    setInterval(() => {
        const idle = (Date.now() - lastActivity) / 1000;
        if (step === "step-service") {
            if (idle >= IDLE && language() !== "uk") reset();
            return;
        }
        if (idle >= IDLE) {
            reset();
            return;
        }
        if (idle >= IDLE - WARN) {
            const left = Math.max(1, Math.ceil(IDLE - idle));
            $("idle-text").textContent = fill(t("Are you still there? In {seconds} s this screen returns to the start and your entries are cleared."), { seconds: left });
            if ($("idle-warning").hidden) {
                $("idle-warning").hidden = false;
                $("idle-stay").focus({ preventScroll: true });
            }
        }
    }, 250);
}

// ---- start ------------------------------------------------------------------------------

// A server that cannot be reached (or answers 5xx) is waited for: a kiosk PC that boots before
// the server must come up by itself.
function temporary(error) {
    return error && (error.status === 0 || error.status >= 500);
}

async function checkDevice() {
    // GET /board answers a kiosk's token (and a board's: a board's token on a terminal is
    // refused at the registration, with its words); an unknown one is refused with 401.
    try {
        await api("/board", { device });
    } catch (error) {
        if (error.status === 401)
            return { text: t("The device token of this terminal is not valid (it may have been withdrawn). Ask the administrator for a new terminal address."), lasting: true };
        if (error.status === 403)
            return { text: t("This device token is not a terminal's. Ask the administrator for the terminal's address."), lasting: true };
        return { text: words(error), lasting: !temporary(error) };
    }
    return null;
}

async function main() {
    await startPage();
    document.addEventListener("cherha:language", drawWords);
    device = deviceToken("kiosk");
    if (!device) {
        setupProblem(t("Open this page with the terminal's address given by the administrator (it ends with #device= and the terminal's token)."));
        return;
    }
    for (let pause = 2000; ; pause = Math.min(pause * 2, 60000)) {
        const problem = await checkDevice();
        if (problem) {
            setupProblem(problem.text);
            if (problem.lasting) return;
        } else {
            try {
                catalog = await api("/services");
                break;
            } catch (error) {
                setupProblem(words(error));
                if (!temporary(error)) return;
            }
        }
        await new Promise((resolve) => setTimeout(resolve, pause));
    }
    $("setup").hidden = true;
    $("data-form").addEventListener("submit", submitData);
    $("data-form").addEventListener("change", syncForm);
    $("data-back").addEventListener("click", () => show("step-service"));
    $("check-back").addEventListener("click", () => {
        show("step-data", { focus: false });
        $("surname").focus();
    });
    $("confirm").addEventListener("click", confirm);
    $("print-again").addEventListener("click", printTicket);
    $("done").addEventListener("click", reset);
    $("idle-stay").addEventListener("click", activity);
    for (const input of document.querySelectorAll("#data-form input")) input.addEventListener("input", () => {
        if (input.getAttribute("aria-invalid")) {
            input.removeAttribute("aria-invalid");
            const error = $(input.id + "-error");
            if (error) error.textContent = "";
        }
    });
    drawWords();
    applyTexts();
    syncForm();
    show("step-service", { focus: false });
    document.body.dataset.ready = "true";
    watchIdle();
}

main().catch((error) => {
    setupProblem(words(error));
});
