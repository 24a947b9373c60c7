// The booking page (/): service, day, time -> personal data (checked by the server as typed) ->
// check-your-data step -> proof of work in a worker -> confirmation with the QR code, print and
// .ics. Nothing the visitor or the server wrote is ever parsed as HTML.
import { ApiError, api, describeValue, el, fill, formatDay, startPage, t } from "./common.js";
import { bookingCard, centerInfo, plainDay, freesUpText, icsLink, localName, problemText, timeZone } from "./booking-view.js";
import { RegistrationForm, dottedDate } from "./registration-form.js";

const $ = (id) => document.getElementById(id);

const state = {
    info: null,
    service: "",
    day: "",
    time: "",
    days: [],          // [{day, free}] of the chosen service
    slots: [],         // the chosen day's bookable slots [{time, free, start}]
    step: "choose",
    booking: null,     // the confirmed booking
    loadToken: 0,
    busy: false,
    bookError: null,   // the last refusal of POST /bookings (shown again on a language change)
};

let form = null;

// --- Steps --------------------------------------------------------------------------------

function showStep(step, { focus = true } = {}) {
    state.step = step;
    for (const name of ["choose", "data", "check", "done"]) $("step-" + name).hidden = name !== step;
    const order = ["choose", "data", "check", "done"];
    for (const item of document.querySelectorAll(".steps li")) {
        const index = order.indexOf(item.dataset.step);
        item.classList.toggle("done", index < order.indexOf(step));
        if (item.dataset.step === step) item.setAttribute("aria-current", "step");
        else item.removeAttribute("aria-current");
    }
    if (step === "data") drawChosen();
    if (step === "check") drawCheck();
    if (focus) {
        const heading = $(step + "-title");
        heading.focus();
        heading.scrollIntoView({ block: "start" });
    }
}

function pageProblem(text) {
    $("page-problem").textContent = text || "";
}

// --- Step 1: service, day, time -------------------------------------------------------------

function drawServices() {
    const box = $("service-choices");
    box.replaceChildren(...state.info.services.map((service) =>
        el("label", { class: "choice" },
            el("input", { type: "radio", name: "service", value: service.id, checked: service.id === state.service }),
            el("span", {}, localName(service)))));
    for (const radio of box.querySelectorAll("input")) radio.addEventListener("change", () => chooseService(radio.value));
}

function addDays(isoDay, count) {
    const [y, m, d] = isoDay.split("-").map(Number);
    return new Date(Date.UTC(y, m - 1, d + count)).toISOString().slice(0, 10);
}

async function mapLimited(items, limit, work) {
    const results = new Array(items.length);
    let next = 0;
    async function runner() {
        while (next < items.length) {
            const index = next++;
            results[index] = await work(items[index]);
        }
    }
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
    return results;
}

function bookable(slots) {
    return (slots || []).filter((slot) => slot.bookable && slot.free > 0);
}

async function chooseService(id) {
    state.service = id;
    state.day = "";
    state.time = "";
    state.days = [];
    $("choose-error").textContent = "";
    $("day-card").hidden = false;
    $("time-card").hidden = true;
    $("day-choices").replaceChildren();
    $("day-status").textContent = t("Looking for free places...");
    const token = ++state.loadToken;
    const count = Number(state.info.online_window_days) || 21;
    const days = Array.from({ length: count }, (_, i) => addDays(state.info.today, i));
    let failed = null;
    const found = await mapLimited(days, 6, async (day) => {
        try {
            const answer = await api(`/services/${encodeURIComponent(id)}/slots?day=${day}&channel=online`);
            const free = bookable(answer.slots).reduce((sum, slot) => sum + slot.free, 0);
            return { day, free };
        } catch (error) {
            failed = error;
            return { day, free: 0 };
        }
    });
    if (token !== state.loadToken) return;
    state.days = found.filter((entry) => entry.free > 0);
    drawDays();
    if (!state.days.length && failed) $("day-status").textContent = problemText(failed, timeZone(state.info));
}

function drawDays() {
    const box = $("day-choices");
    if (!state.service) return;
    $("day-status").textContent = state.days.length
        ? ""
        : t("There are no free places for this service in the days open for online booking. Try again tomorrow after 06:00, when the next day opens.");
    box.replaceChildren(...state.days.map(({ day, free }) =>
        el("label", { class: "choice day" },
            el("input", { type: "radio", name: "day", value: day, checked: day === state.day }),
            el("span", { class: "choice-text" },
                el("span", { class: "choice-main" }, formatDay(day, { year: false })),
                el("span", { class: "choice-sub" }, fill(t("free places: {count}"), { count: free }))))));
    for (const radio of box.querySelectorAll("input")) radio.addEventListener("change", () => chooseDay(radio.value));
}

async function chooseDay(day) {
    state.day = day;
    state.time = "";
    state.slots = [];
    $("choose-error").textContent = "";
    $("time-card").hidden = false;
    $("time-choices").replaceChildren();
    $("time-status").textContent = t("Looking for free places...");
    const token = ++state.loadToken;
    try {
        const answer = await api(`/services/${encodeURIComponent(state.service)}/slots?day=${day}&channel=online`);
        if (token !== state.loadToken) return;
        state.slots = bookable(answer.slots);
        drawTimes();
    } catch (error) {
        if (token !== state.loadToken) return;
        $("time-status").textContent = problemText(error, timeZone(state.info));
    }
}

function drawTimes() {
    if (!state.day) return;
    $("time-status").textContent = state.slots.length ? "" : t("No free time is left on this day; choose another day.");
    const box = $("time-choices");
    box.replaceChildren(...state.slots.map((slot) =>
        el("label", { class: "choice time" },
            el("input", { type: "radio", name: "time", value: slot.time, checked: slot.time === state.time }),
            el("span", {}, slot.time))));
    for (const radio of box.querySelectorAll("input")) radio.addEventListener("change", () => {
        state.time = radio.value;
        $("choose-error").textContent = "";
    });
}

function goToData() {
    let problem = "";
    let target = null;
    if (!state.service) {
        problem = t("Choose a service.");
        target = document.querySelector('input[name="service"]');
    } else if (!state.day) {
        problem = t("Choose a day.");
        target = document.querySelector('input[name="day"]');
    } else if (!state.time) {
        problem = t("Choose a time.");
        target = document.querySelector('input[name="time"]');
    }
    $("choose-error").textContent = problem;
    if (problem) {
        if (target) target.focus();
        return;
    }
    showStep("data");
}

function chosenText() {
    const service = state.info.services.find((s) => s.id === state.service);
    return fill(t("{service}, {day}, {time}"), {
        service: service ? localName(service) : state.service,
        day: formatDay(state.day),
        time: state.time,
    });
}

function drawChosen() {
    $("data-chosen").textContent = state.service && state.day && state.time ? chosenText() : "";
}

// --- Step 2: personal data ------------------------------------------------------------------

async function goToCheck(event) {
    if (event) event.preventDefault();
    if (state.busy) return;
    state.busy = true;
    $("to-check").disabled = true;
    $("data-status").textContent = t("Checking the data...");
    try {
        await form.validate({ all: true });
        $("data-status").textContent = "";
        if (form.blocking().length) {
            $("data-summary").focus();
            return;
        }
        $("data-confirmed").checked = false;
        $("data-confirmed-error").textContent = "";
        $("book-problem").textContent = "";
        state.bookError = null;
        showStep("check");
    } catch (error) {
        $("data-status").textContent = problemText(error, timeZone(state.info));
    } finally {
        state.busy = false;
        $("to-check").disabled = false;
    }
}

// --- Step 3: check ----------------------------------------------------------------------------

function drawCheck() {
    const v = form.values();
    const rows = [];
    const add = (term, value) => rows.push(el("dt", {}, term), el("dd", {}, value));
    add(t("Service, day and time"), chosenText());
    if (v.kind === "legal_entity_representative") {
        add(t("Booking as"), t("A representative of a legal entity"));
        add(t("EDRPOU code"), v.edrpou);
        add(t("Name of the legal entity"), v.entityName);
    } else {
        add(t("Booking as"), t("A natural person (for myself)"));
    }
    add(t("Surname"), v.surname);
    add(t("Given name"), v.givenName);
    add(t("Patronymic"), v.patronymic || t("none"));
    add(t("Date of birth"), v.birthDate ? dottedDate(v.birthDate) + " (" + plainDay(v.birthDate) + ")" : "");
    add(t("RNOKPP"), v.noRnokpp ? t("none (refused for religious reasons)") : v.rnokpp);
    add(t("Document"), fill(t("{type} No. {number}"), { type: describeValue(v.documentType), number: v.documentNumber }));
    $("check-facts").replaceChildren(...rows);
}

// Solves the proof of work in a worker; `onProgress(fraction)`. Resolves with the nonce.
function solvePow(challenge, difficulty, onProgress) {
    return new Promise((resolve, reject) => {
        const worker = new Worker("/static/pow-worker.js");
        const expected = 2 ** difficulty;
        worker.addEventListener("message", (event) => {
            const data = event.data || {};
            if (typeof data.progress === "number") onProgress(1 - Math.exp(-data.progress / expected));
            else if (typeof data.nonce === "string") {
                worker.terminate();
                onProgress(1);
                resolve(data.nonce);
            } else if (data.error) {
                worker.terminate();
                reject(new Error(data.error));
            }
        });
        worker.addEventListener("error", (event) => {
            worker.terminate();
            reject(new Error(event.message || "worker"));
        });
        worker.postMessage({ challenge, difficulty });
    });
}

function setBooking(busy) {
    state.busy = busy;
    $("book").disabled = busy;
    $("back-to-data").disabled = busy;
    $("book").setAttribute("aria-busy", String(busy));
}

function showBookError(error) {
    state.bookError = error;
    const box = $("book-problem");
    if (!error) {
        box.replaceChildren();
        return;
    }
    const zone = timeZone(state.info);
    const code = error instanceof ApiError ? error.code : "";
    const parts = [el("p", {}, problemText(error, zone))];
    const frees = freesUpText(error, zone);
    if (frees && !/^center\.rate_limited$/.test(code)) parts.push(el("p", { class: "frees" }, frees));
    if (/^(quota|block|retake)\./.test(code))
        parts.push(el("p", {}, t("Your bookings: see or cancel them on the page"), " ", el("a", { href: "/my" }, t("My booking")), "."));
    if (code === "center.slot_full" || code.startsWith("online.") || code === "center.no_such_slot") {
        const again = el("button", { type: "button", class: "secondary" }, t("Choose another time"));
        again.addEventListener("click", () => {
            showBookError(null);
            const day = state.day;
            showStep("choose");
            chooseService(state.service).then(() => {
                if (state.days.some((entry) => entry.day === day)) {
                    const radio = document.querySelector(`input[name="day"][value="${day}"]`);
                    if (radio) radio.checked = true;
                    chooseDay(day);
                }
            });
        });
        parts.push(el("div", { class: "actions" }, again));
    }
    box.replaceChildren(...parts);
}

async function book() {
    if (state.busy) return;
    if (!$("data-confirmed").checked) {
        $("data-confirmed-error").textContent = t("Tick the box to confirm that you have checked the data.");
        $("data-confirmed").setAttribute("aria-invalid", "true");
        $("data-confirmed").focus();
        return;
    }
    $("data-confirmed-error").textContent = "";
    $("data-confirmed").removeAttribute("aria-invalid");
    showBookError(null);
    setBooking(true);
    const progress = $("pow-progress");
    $("pow-box").hidden = false;
    progress.value = 0;
    $("pow-status").textContent = t("Checking that you are not a robot...");
    try {
        const pow = await api("/pow", { method: "POST", body: {} });
        const nonce = await solvePow(pow.challenge, Number(pow.difficulty), (fraction) => {
            progress.value = Math.round(fraction * 100);
        });
        $("pow-status").textContent = t("Sending the booking...");
        const body = {
            service: state.service,
            day: state.day,
            time: state.time,
            registration: form.registration(),
            pow: { challenge: pow.challenge, nonce },
        };
        const website = form.values().website;
        if (website) body.website = website;
        const booking = await api("/bookings", { method: "POST", body });
        state.booking = booking;
        $("pow-box").hidden = true;
        $("pow-status").textContent = "";
        drawDone();
        showStep("done");
    } catch (error) {
        $("pow-box").hidden = true;
        $("pow-status").textContent = "";
        const code = error instanceof ApiError ? error.code : "";
        if (/^(registration|rnokpp|edrpou|document)\./.test(code) || (code.startsWith("request.") && String(error.params.field || "").startsWith("registration"))) {
            showStep("data");
            form.setProblems([{ code, params: error.params }]);
            $("data-summary").focus();
            return;
        }
        showBookError(error);
        $("book-problem").focus();
    } finally {
        setBooking(false);
    }
}

// --- Step 4: confirmation ---------------------------------------------------------------------

function drawDone() {
    const booking = state.booking;
    if (!booking) return;
    $("done-card").replaceChildren(bookingCard(booking, state.info, { heading: t("Your booking"), headingId: "done-card-title" }));
    const print = el("button", { type: "button", class: "primary" }, t("Print"));
    print.addEventListener("click", () => window.print());
    const again = el("a", { class: "button secondary", href: "/" }, t("Book another visit"));
    // The code goes along: with it and the identity the booking is found again after the tab is gone.
    const my = el("a", { class: "button secondary", href: "/my?code=" + encodeURIComponent(booking.code) }, t("My booking"));
    $("done-actions").replaceChildren(print, icsLink(booking, state.info), my, again);
}

// --- Start ----------------------------------------------------------------------------------

function redraw() {
    if (!state.info) return;
    document.title = t("Book a visit - Cherha");
    $("center-name").textContent = localName(state.info.center);
    drawServices();
    drawDays();
    drawTimes();
    drawChosen();
    form.syncKind();
    form.syncDocumentHint();
    form.show();
    if (state.step === "check") drawCheck();
    if (state.bookError) showBookError(state.bookError);
    drawDone();
}

async function main() {
    await startPage();
    try {
        state.info = await centerInfo();
    } catch (error) {
        pageProblem(problemText(error, "Europe/Kyiv"));
        return;
    }
    form = new RegistrationForm($("data-form"), {
        zone: timeZone(state.info),
        summary: $("data-summary"),
        summaryList: $("data-summary-list"),
    });
    $("to-data").addEventListener("click", goToData);
    $("data-form").addEventListener("submit", goToCheck);
    $("back-to-choose").addEventListener("click", () => showStep("choose"));
    $("back-to-data").addEventListener("click", () => showStep("data"));
    $("book").addEventListener("click", book);
    $("data-confirmed").addEventListener("change", () => {
        if ($("data-confirmed").checked) {
            $("data-confirmed-error").textContent = "";
            $("data-confirmed").removeAttribute("aria-invalid");
        }
    });
    document.addEventListener("cherha:language", redraw);
    redraw();
    showStep("choose", { focus: false });
    // A service given in the address (/?service=consultation) is chosen at once.
    const asked = new URLSearchParams(window.location.search).get("service");
    if (asked && state.info.services.some((s) => s.id === asked)) {
        const radio = document.querySelector(`input[name="service"][value="${CSS.escape(asked)}"]`);
        if (radio) radio.checked = true;
        chooseService(asked);
    }
}

main();
