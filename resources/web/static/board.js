// The waiting hall's board: the date and time, the tickets being called with their windows and
// the last calls, live from the server's event stream (read with fetch, reconnecting by
// itself), and the air-raid alert. No personal data reaches this page: GET /board and the
// events carry tickets, windows and states only. /board?lang=en shows it in English.
import { api, describeProblem, deviceToken, el, fill, followEvents, formatDay, language, startPage, t } from "/static/common.js";

const $ = (id) => document.getElementById(id);

const FRESH_MS = 20000; // how long a new call stays highlighted
const RECENT = 6; // how many earlier calls are listed
const HISTORY_MS = 12 * 3600 * 1000;

let device = "";
let catalog = null;
let board = null;
let history = new Map(); // ticket display → {ticket, window, called_at}
let seen = null; // keys of the calls shown (null before the first picture)
let fresh = new Map(); // key → until (ms)
let loading = null;
let again = false;
let connection = "connecting";
let stopEvents = null;

function words(error) {
    if (error && error.status === 0) return t("The server cannot be reached. Check the connection and try again.");
    if (error && typeof error.code === "string") return describeProblem(error.code, error.params || {});
    return String(error && error.message ? error.message : error);
}

function setupProblem(text) {
    $("setup-text").textContent = text;
    $("setup").hidden = false;
    $("calls").hidden = true;
    $("alert").hidden = true;
    if (stopEvents) stopEvents();
    stopEvents = null;
    setConnection("stopped");
}

function timeZone() {
    return catalog ? catalog.time_zone : "Europe/Kyiv";
}

function todayIso(now) {
    // en-CA writes dates as YYYY-MM-DD
    return new Intl.DateTimeFormat("en-CA", { timeZone: timeZone(), year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

function tick() {
    const now = new Date();
    $("date").textContent = formatDay(todayIso(now));
    const clock = new Intl.DateTimeFormat(language() === "en" ? "en-GB" : "uk-UA", {
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZone: timeZone(),
    }).format(now);
    $("clock").textContent = clock;
    $("clock").setAttribute("datetime", now.toISOString());
    let expired = false;
    for (const [key, until] of fresh) if (until <= now.getTime()) {
        fresh.delete(key);
        expired = true;
    }
    if (expired) draw();
}

function setConnection(state) {
    connection = state;
    const node = $("connection");
    node.dataset.state = state;
    if (state === "open") node.textContent = t("Live");
    else if (state === "reconnecting") node.textContent = t("Connection lost. Reconnecting...");
    else if (state === "stopped") node.textContent = "";
    else node.textContent = t("Connecting...");
    document.body.dataset.connection = state;
}

const keyOf = (call) => `${call.ticket.display}|${call.window ? call.window.id : ""}|${call.called_at}|${call.recalls || 0}`;

function windowWords(call) {
    return call.window ? String(call.window.number) : "";
}

function row(call, isFresh) {
    return el(
        "tr",
        { class: isFresh ? "fresh" : null, "data-ticket": call.ticket.display },
        el("td", { class: "ticket-cell" }, call.ticket.display),
        el("td", { class: "window-cell" }, el("span", { class: "arrow", "aria-hidden": "true" }, "\u2192 "), windowWords(call)),
    );
}

function draw() {
    if (!board) return;
    const alert = Boolean(board.alert);
    $("alert").hidden = !alert;
    $("calls").hidden = alert;
    document.body.classList.toggle("alert-mode", alert);
    const called = [...board.called].sort((a, b) => String(b.called_at).localeCompare(String(a.called_at)));
    const now = Date.now();
    $("called").replaceChildren(...called.map((call) => row(call, fresh.has(keyOf(call)))));
    $("called-table").hidden = called.length === 0;
    $("called-empty").hidden = called.length > 0;
    const current = new Set(called.map((call) => call.ticket.display));
    const recent = [...history.values()]
        .filter((call) => !current.has(call.ticket.display) && now - Date.parse(call.called_at) < HISTORY_MS)
        .sort((a, b) => String(b.called_at).localeCompare(String(a.called_at)))
        .slice(0, RECENT);
    $("recent").replaceChildren(...recent.map((call) => row(call, false)));
    $("recent-table").closest("section").hidden = recent.length === 0;
}

function take(answer) {
    const wasAlert = board ? Boolean(board.alert) : null;
    board = {
        alert: Boolean(answer && answer.alert),
        called: Array.isArray(answer && answer.called) ? answer.called.filter((c) => c && c.ticket) : [],
        in_service: Array.isArray(answer && answer.in_service) ? answer.in_service.filter((c) => c && c.ticket) : [],
    };
    for (const call of [...board.in_service, ...board.called]) history.set(call.ticket.display, call);
    if (history.size > 200) {
        const kept = [...history.values()].sort((a, b) => String(b.called_at).localeCompare(String(a.called_at))).slice(0, 100);
        history = new Map(kept.map((call) => [call.ticket.display, call]));
    }
    const keys = new Set(board.called.map(keyOf));
    const announced = [];
    if (seen) {
        for (const call of board.called) {
            const key = keyOf(call);
            if (!seen.has(key)) {
                fresh.set(key, Date.now() + FRESH_MS);
                announced.push(fill(t("Ticket {ticket}, window {window}."), { ticket: call.ticket.display, window: windowWords(call) }));
            }
        }
    }
    seen = keys;
    if (wasAlert !== null && wasAlert !== board.alert)
        announced.unshift(board.alert ? t("Air-raid alert. Calling is paused. Please go to the shelter.") : t("The alert is over. Calling resumes."));
    if (announced.length) $("announce").textContent = announced.join(" ");
    draw();
}

// Loads the whole picture; calls while one is loading are folded into one more load.
async function refresh() {
    if (loading) {
        again = true;
        return loading;
    }
    loading = (async () => {
        do {
            again = false;
            try {
                take(await api("/board", { device }));
                $("setup").hidden = true;
            } catch (error) {
                if (error.status === 401) {
                    setupProblem(t("The device token of this board is not valid (it may have been withdrawn). Ask the administrator for a new board address."));
                    return;
                }
                if (error.status === 403) {
                    setupProblem(t("This device token is not a board's. Ask the administrator for the board's address."));
                    return;
                }
                // unreachable: the event stream shows "reconnecting" and reloads when it is back
            }
        } while (again);
    })();
    try {
        await loading;
    } finally {
        loading = null;
    }
}

function onEvent(event) {
    if (event.type === "ready" || event.type === "resync" || event.type === "queue") {
        if (event.type === "queue" || event.type === "ready") {
            try {
                const data = JSON.parse(event.data);
                if (board && typeof data.alert === "boolean" && data.alert !== board.alert) {
                    // show the alert at once; the reload below brings the rest
                    take({ ...board, alert: data.alert });
                }
            } catch (error) {
                // not JSON: the reload tells
            }
        }
        refresh();
    }
}

function onStatus(state, error) {
    if (state === "refused") {
        if (error && error.status === 403)
            setupProblem(t("This device token is not a board's. Ask the administrator for the board's address."));
        else
            setupProblem(t("The device token of this board is not valid (it may have been withdrawn). Ask the administrator for a new board address."));
        return;
    }
    setConnection(state);
}

async function main() {
    await startPage();
    setConnection("connecting");
    document.addEventListener("cherha:language", () => {
        setConnection(connection);
        draw();
        tick();
    });
    device = deviceToken("board");
    tick();
    setInterval(tick, 1000);
    if (!device) {
        setupProblem(t("Open this page with the board's address given by the administrator (it ends with #device= and the board's token)."));
        return;
    }
    try {
        catalog = await api("/services");
        $("center-name").textContent = language() === "en" ? catalog.center.name_en : catalog.center.name_uk;
        document.addEventListener("cherha:language", () => {
            $("center-name").textContent = language() === "en" ? catalog.center.name_en : catalog.center.name_uk;
        });
        tick();
    } catch (error) {
        catalog = null; // the clock runs in Kyiv time meanwhile
    }
    await refresh();
    if (!$("setup").hidden) return;
    stopEvents = followEvents("/events", { device, onEvent, onStatus });
    setInterval(refresh, 60000); // a safety net; the events bring changes at once
    document.body.dataset.ready = "true";
}

main().catch((error) => setupProblem(words(error)));
