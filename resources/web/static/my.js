// "My booking" (/my): find a booking by its code and the identity given when booking, see it,
// print it, add it to a calendar, and cancel it until the cut-off (2 hours before the visit).
// Nothing the visitor or the server wrote is ever parsed as HTML.
import { ApiError, api, el, fill, formatClock, formatDay, startPage, t } from "./common.js";
import { bookingCard, centerInfo, plainDay, icsLink, localDay, localName, problemText, timeZone } from "./booking-view.js";

const $ = (id) => document.getElementById(id);

// How long before the visit cancelling closes (transition.cancellation_deadline_passed).
const CANCEL_CUTOFF_MS = 2 * 60 * 60 * 1000;

const state = {
    info: null,
    booking: null,
    asked: null,        // {code, identity} of the booking shown
    confirming: false,
    message: null,      // {kind: "ok"|"bad", text msgid or error}
    busy: false,
    findError: null,
};

function zone() {
    return timeZone(state.info);
}

function fieldError(id, text) {
    $(id + "-error").textContent = text || "";
    if (text) $(id).setAttribute("aria-invalid", "true");
    else $(id).removeAttribute("aria-invalid");
}

function drawFindError() {
    $("find-problem").textContent = state.findError ? problemText(state.findError, zone()) : "";
}

async function find(event) {
    event.preventDefault();
    if (state.busy) return;
    const code = $("code").value.trim();
    const identity = $("identity").value.trim();
    fieldError("code", code ? "" : t("Enter the booking code."));
    fieldError("identity", identity ? "" : t("Enter the RNOKPP, the document number or the EDRPOU code."));
    state.findError = null;
    drawFindError();
    if (!code || !identity) {
        $(code ? "identity" : "code").focus();
        return;
    }
    if (code.length > 64 || new TextEncoder().encode(identity).length > 64) {
        state.findError = new ApiError(404, "center.not_found", {});
        drawFindError();
        $("find-problem").focus();
        return;
    }
    state.busy = true;
    $("find-button").disabled = true;
    try {
        const booking = await api("/bookings/lookup", { method: "POST", body: { code, identity } });
        state.booking = booking;
        state.asked = { code, identity };
        state.confirming = false;
        state.message = null;
        drawResult();
        $("result-title").focus();
    } catch (error) {
        state.booking = null;
        drawResult();
        state.findError = error;
        drawFindError();
        $("find-problem").focus();
    } finally {
        state.busy = false;
        $("find-button").disabled = false;
    }
}

function cancellable(booking) {
    if (!booking || booking.state !== "booked") return false;
    if (!booking.start) return true;
    return Date.now() < new Date(booking.start).getTime() - CANCEL_CUTOFF_MS;
}

function deadlineText(booking) {
    const deadline = new Date(new Date(booking.start).getTime() - CANCEL_CUTOFF_MS);
    return fill(t("{day} at {time}"), {
        day: plainDay(localDay(deadline.toISOString(), zone())),
        time: formatClock(deadline, zone()),
    });
}

async function cancel() {
    if (state.busy || !state.asked) return;
    state.busy = true;
    drawResult();
    try {
        const booking = await api("/bookings/cancel", { method: "POST", body: state.asked });
        state.booking = booking;
        state.confirming = false;
        state.message = { kind: "ok", text: "cancelled" };
    } catch (error) {
        state.confirming = false;
        state.message = { kind: "bad", error };
    } finally {
        state.busy = false;
    }
    drawResult();
    $("result-message").focus();
}

function messageText(message) {
    if (message.error) return problemText(message.error, zone());
    if (message.text === "cancelled") return t("The booking is cancelled. The time is free for others now. A cancelled booking still counts toward the limit of registrations of its month.");
    return "";
}

function drawResult() {
    const box = $("result");
    const booking = state.booking;
    if (!booking) {
        box.hidden = true;
        box.replaceChildren();
        return;
    }
    box.hidden = false;
    const parts = [];
    parts.push(el("h2", { id: "result-title", tabindex: "-1" }, t("Your booking")));
    parts.push(el("p", {
        id: "result-message",
        class: state.message ? "notice " + state.message.kind : "notice",
        role: state.message && state.message.kind === "bad" ? "alert" : "status",
        tabindex: "-1",
    }, state.message ? messageText(state.message) : ""));
    parts.push(bookingCard(booking, state.info, { heading: null }));
    const actions = el("div", { class: "actions" });
    const print = el("button", { type: "button", class: "primary" }, t("Print"));
    print.addEventListener("click", () => window.print());
    actions.append(print);
    if (booking.state === "booked" || booking.state === "arrived") actions.append(icsLink(booking, state.info));
    parts.push(actions);

    if (booking.state === "booked") {
        const cancelCard = el("section", { class: "card no-print", "aria-labelledby": "cancel-title" },
            el("h3", { id: "cancel-title" }, t("Cancel the booking")));
        if (!cancellable(booking)) {
            cancelCard.append(el("p", {}, t("It is too late to cancel this booking online: cancelling closes 2 hours before the visit.")));
        } else if (!state.confirming) {
            cancelCard.append(el("p", {}, fill(t("You can cancel until {deadline}. If you cannot come, please cancel so that somebody else can take the time."), { deadline: deadlineText(booking) })));
            const start = el("button", { type: "button", class: "danger", id: "cancel-start" }, t("Cancel the booking..."));
            start.addEventListener("click", () => {
                state.confirming = true;
                state.message = null;
                drawResult();
                $("cancel-yes").focus();
            });
            cancelCard.append(el("div", { class: "actions" }, start));
        } else {
            cancelCard.append(el("p", { id: "cancel-question" }, t("Do you really want to cancel this booking? This cannot be undone, and the cancelled booking still counts toward the monthly limit.")));
            const yes = el("button", { type: "button", class: "danger", id: "cancel-yes", "aria-describedby": "cancel-question", disabled: state.busy }, t("Yes, cancel the booking"));
            yes.addEventListener("click", cancel);
            const no = el("button", { type: "button", class: "secondary", id: "cancel-no", disabled: state.busy }, t("No, keep it"));
            no.addEventListener("click", () => {
                state.confirming = false;
                drawResult();
                $("cancel-start").focus();
            });
            cancelCard.append(el("div", { class: "actions" }, yes, no));
        }
        parts.push(cancelCard);
    }
    const another = el("p", { class: "no-print" }, el("a", { href: "/" }, t("Book another visit")));
    parts.push(another);
    box.replaceChildren(...parts);
}

function redraw() {
    document.title = t("My booking - Cherha");
    if (state.info) $("center-name").textContent = localName(state.info.center);
    drawFindError();
    if (!$("code-error").textContent && !$("identity-error").textContent) {
        // nothing to translate again
    } else {
        if ($("code").getAttribute("aria-invalid")) fieldError("code", t("Enter the booking code."));
        if ($("identity").getAttribute("aria-invalid")) fieldError("identity", t("Enter the RNOKPP, the document number or the EDRPOU code."));
    }
    drawResult();
}

async function main() {
    await startPage();
    try {
        state.info = await centerInfo();
    } catch (error) {
        $("page-problem").textContent = problemText(error, "Europe/Kyiv");
    }
    const asked = new URLSearchParams(window.location.search).get("code");
    if (asked && asked.length <= 20) $("code").value = asked;
    $("find-form").addEventListener("submit", find);
    document.addEventListener("cherha:language", redraw);
    redraw();
}

main();
