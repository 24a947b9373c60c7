// What every page shares: the words (t), the language switch, the API, problem wording, dates
// and times in the center's zone, and a small DOM builder. No third-party code; loaded as an
// ES module ("script-src 'self'", no inline script).
//
// Words: every user-visible string is an English msgid, written as a call of t() in scripts (double
// quotes, one literal) or a data-t attribute (data-t-label, data-t-placeholder, data-t-title,
// data-t-alt) in HTML. The server collects them from these files and answers their
// translations from the gettext catalogs at /texts/<lang>.json; xgettext extracts them into
// i18n/cherha.pot the same way (cmake/ExtractStrings.cmake), so the catalogs stay complete.

const LANGUAGES = ["uk", "en"];
const LANGUAGE_KEY = "cherha.language";

let texts = { messages: {}, problems: {}, values: {}, fallback: "Problem \"{code}\"." };
let current = "uk";

// The language shown: "uk" or "en".
export function language() {
    return current;
}

// The translation of `msgid` in the language shown.
export function t(msgid) {
    const translated = texts.messages[msgid];
    return translated ? translated : msgid;
}

// Replaces each "{name}" in `template` with params[name] (as the server's text::fill does).
export function fill(template, params = {}) {
    return template.replace(/\{([a-z_]+)\}/g, (whole, name) =>
        Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole);
}

// The words for an enumerated value ("id_card"), or the value itself.
export function describeValue(value) {
    const word = texts.values[value];
    return word ? word : value;
}

// The sentence for a problem {code, params} in the language shown (text::describe_problem).
export function describeProblem(code, params = {}) {
    const sentence = texts.problems[code];
    if (!sentence) return fill(texts.fallback, { code });
    const described = {};
    for (const [name, value] of Object.entries(params)) described[name] = describeValue(String(value));
    return fill(sentence, described);
}

// An answer of the API that is not a success: `code` and `params` as the server sent them,
// `status` the HTTP status (0: the server could not be reached), `message` in words.
export class ApiError extends Error {
    constructor(status, code, params) {
        // No message passed up: Error would keep it as an own property, hiding the getter below.
        super();
        this.status = status;
        this.code = code;
        this.params = params || {};
    }

    get message() {
        if (this.status === 0)
            return t("The server cannot be reached. Check the connection and try again.");
        return describeProblem(this.code, this.params);
    }
}

// How long one API call may take before it counts as "the server cannot be reached": a hung
// connection must not freeze a board or keep a kiosk waiting past its idle pause.
const API_TIMEOUT_MS = 30000;

// Calls /api/v1`path`. `body` is sent as JSON; `device` is a kiosk's or board's token.
// Resolves with the parsed answer (null for 204); rejects with an ApiError (status 0 also
// after API_TIMEOUT_MS), or with the AbortError of the caller's own `signal`.
export async function api(path, { method = "GET", body, device, signal } = {}) {
    const timeout = AbortSignal.timeout(API_TIMEOUT_MS);
    const signals = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (device) headers.Authorization = "Device " + device;
    let response;
    try {
        response = await fetch("/api/v1" + path, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            cache: "no-store",
            credentials: "omit",
            signal: signals,
        });
    } catch (error) {
        if (error && error.name === "AbortError" && signal && signal.aborted) throw error;
        throw new ApiError(0, "web.offline", {});
    }
    if (response.status === 204) return null;
    let answer = null;
    try {
        answer = await response.json();
    } catch (error) {
        if (error && error.name === "AbortError" && signal && signal.aborted) throw error;
        if (!response.ok) answer = null;
        else throw new ApiError(0, "web.offline", {});
    }
    if (!response.ok) {
        const code = answer && typeof answer.error === "string" ? answer.error : "http.error";
        const params = answer && typeof answer.params === "object" ? answer.params : {};
        throw new ApiError(response.status, code, params);
    }
    return answer;
}

function chosenLanguage() {
    const asked = new URLSearchParams(window.location.search).get("lang");
    if (LANGUAGES.includes(asked)) return asked;
    try {
        const kept = window.localStorage.getItem(LANGUAGE_KEY);
        if (LANGUAGES.includes(kept)) return kept;
    } catch (error) {
        // storage refused (private mode): Ukrainian
    }
    return "uk";
}

// Puts the words of the language shown into every element below `root` that has data-t*.
export function applyTexts(root = document) {
    for (const node of root.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
    const attributes = [
        ["tLabel", "aria-label"],
        ["tPlaceholder", "placeholder"],
        ["tTitle", "title"],
        ["tAlt", "alt"],
    ];
    for (const [key, attribute] of attributes) {
        const selector = "[data-" + key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase()) + "]";
        for (const node of root.querySelectorAll(selector))
            node.setAttribute(attribute, t(node.dataset[key]));
    }
}

// Loads the words of `lang` and shows them; pages listen to "cherha:language" to redraw what
// they built themselves.
export async function setLanguage(lang) {
    if (!LANGUAGES.includes(lang)) lang = "uk";
    const response = await fetch("/texts/" + lang + ".json", { cache: "no-cache" });
    if (!response.ok) throw new ApiError(response.status, "web.texts", {});
    texts = await response.json();
    current = lang;
    try {
        window.localStorage.setItem(LANGUAGE_KEY, lang);
    } catch (error) {
        // not kept: the next page starts in Ukrainian
    }
    document.documentElement.lang = lang;
    applyTexts();
    for (const button of document.querySelectorAll("[data-lang]"))
        button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
    document.dispatchEvent(new CustomEvent("cherha:language", { detail: lang }));
}

// Starts a page: the words, the language buttons, then shows the page (hidden until its words
// are there, so nobody sees a flash of English).
export async function startPage() {
    for (const button of document.querySelectorAll("[data-lang]"))
        button.addEventListener("click", () => setLanguage(button.dataset.lang));
    try {
        await setLanguage(chosenLanguage());
    } finally {
        document.body.classList.remove("loading");
    }
}

// A kiosk's or board's device token: given once as /terminal#device=<token> (the fragment never
// reaches the server or its log), then kept in this browser; the fragment is removed from the
// address bar at once.
export function deviceToken(kind) {
    const key = "cherha.device." + kind;
    const hash = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    const given = hash.get("device");
    if (given) {
        try {
            window.localStorage.setItem(key, given);
        } catch (error) {
            // not kept: this page still works until it is closed
        }
        window.history.replaceState(null, "", window.location.pathname + window.location.search);
        return given;
    }
    try {
        return window.localStorage.getItem(key) || "";
    } catch (error) {
        return "";
    }
}

// Builds an element: el("p", {class: "x", "aria-live": "polite"}, "text", child, ...).
// Text is always set as text, never parsed as HTML.
export function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value === false || value === null || value === undefined) continue;
        if (name === "class") node.className = value;
        else if (name.startsWith("on") && typeof value === "function")
            node.addEventListener(name.slice(2), value);
        else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
        if (child === null || child === undefined || child === false) continue;
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
}

function locale() {
    return current === "en" ? "en-GB" : "uk-UA";
}

// "середа, 25 листопада 2026" for "2026-11-25" (a civil date: no time zone involved).
export function formatDay(isoDay, { weekday = "long", year = "numeric" } = {}) {
    const [y, m, d] = isoDay.split("-").map(Number);
    const date = new Date(Date.UTC(y, m - 1, d, 12));
    const options = { weekday, day: "numeric", month: "long", timeZone: "UTC" };
    if (year) options.year = year;
    return new Intl.DateTimeFormat(locale(), options).format(date);
}

// "14:05" for an instant ("2026-11-25T12:05:00Z" or a Date) in the center's time zone.
export function formatClock(instant, timeZone, { seconds = false } = {}) {
    const date = instant instanceof Date ? instant : new Date(instant);
    const options = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone };
    if (seconds) options.second = "2-digit";
    return new Intl.DateTimeFormat(locale(), options).format(date);
}

// Follows a server-sent event stream at /api/v1`path` with fetch() (EventSource cannot send
// the device's Authorization header). Calls onEvent({type, data, id}) for each event (data is
// the text; parse it yourself) and onStatus(state, error) with "connecting", "open",
// "reconnecting" (the stream ended or failed; it is tried again after a growing pause) or
// "refused" (401/403: the token is not accepted; not tried again). A stream silent for
// `stallMs` (the server sends a comment every 15 s) counts as dropped. Returns stop().
export function followEvents(path, { device, onEvent, onStatus, minDelayMs = 1000, maxDelayMs = 30000, stallMs = 45000 } = {}) {
    let stopped = false;
    let controller = null;
    let timer = null;
    let watchdog = null;
    let base = minDelayMs;
    let delay = minDelayMs;
    const status = (state, error) => {
        if (!stopped && onStatus) onStatus(state, error);
    };

    function feed(state, line) {
        if (line === "") {
            if (state.data !== null || state.event) {
                const event = { type: state.event || "message", data: state.data || "", id: state.id };
                if (onEvent) onEvent(event);
            }
            state.event = "";
            state.data = null;
            return;
        }
        if (line.startsWith(":")) return;
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? "" : line.slice(colon + 1);
        if (value.startsWith(" ")) value = value.slice(1);
        if (field === "event") state.event = value;
        else if (field === "data") state.data = state.data === null ? value : state.data + "\n" + value;
        else if (field === "id") state.id = value;
        else if (field === "retry" && /^\d+$/.test(value)) {
            base = Math.max(minDelayMs, Math.min(maxDelayMs, Number(value)));
            delay = base;
        }
    }

    async function connect() {
        timer = null;
        if (stopped) return;
        status("connecting");
        controller = new AbortController();
        const kick = () => {
            clearTimeout(watchdog);
            watchdog = setTimeout(() => controller.abort(), stallMs);
        };
        try {
            const headers = { Accept: "text/event-stream" };
            if (device) headers.Authorization = "Device " + device;
            kick();
            const response = await fetch("/api/v1" + path, {
                headers,
                cache: "no-store",
                credentials: "omit",
                signal: controller.signal,
            });
            if (!response.ok || !response.body) {
                let answer = null;
                try {
                    answer = await response.json();
                } catch (error) {
                    answer = null;
                }
                const code = answer && typeof answer.error === "string" ? answer.error : "http.error";
                const params = answer && typeof answer.params === "object" ? answer.params : {};
                const error = new ApiError(response.status, code, params);
                if (response.status === 401 || response.status === 403) {
                    clearTimeout(watchdog);
                    status("refused", error);
                    stopped = true;
                    return;
                }
                throw error;
            }
            delay = base;
            status("open");
            const reader = response.body.getReader();
            const decoder = new TextDecoder();
            const state = { event: "", data: null, id: "" };
            let buffer = "";
            for (;;) {
                kick();
                const { value, done } = await reader.read();
                if (done || stopped) break;
                buffer += decoder.decode(value, { stream: true });
                let end;
                while ((end = buffer.indexOf("\n")) >= 0) {
                    let line = buffer.slice(0, end);
                    buffer = buffer.slice(end + 1);
                    if (line.endsWith("\r")) line = line.slice(0, -1);
                    feed(state, line);
                }
            }
        } catch (error) {
            // dropped, refused or unreachable: tried again below
        }
        clearTimeout(watchdog);
        if (stopped) return;
        status("reconnecting");
        timer = setTimeout(connect, delay);
        delay = Math.min(maxDelayMs, delay * 2);
    }

    connect();
    return function stop() {
        stopped = true;
        clearTimeout(timer);
        clearTimeout(watchdog);
        if (controller) controller.abort();
    };
}
