// What the browser tests share: a real cherha-server with the demo center on loopback (its own
// data directory, a low proof-of-work difficulty), Debian's Chromium driven by playwright-core,
// screenshots, the axe-core accessibility check, and the page's console and CSP errors.
//
// Environment (set by ctest, tests/CMakeLists.txt):
//   CHERHA_SERVER_EXE          the cherha-server to start
//   CHERHA_EXE                 the administrator's command line (cherha)
//   CHERHA_WEB_SCREENSHOT_DIR  where screenshots go (default: a temporary directory)
//   CHERHA_CHROMIUM            the browser (default /usr/bin/chromium)
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));

export const PASSWORDS = {
    clerk1: "demo-clerk1-pass",
    clerk2: "demo-clerk2-pass",
    supervisor: "demo-supervisor-pass",
};

// Starts cherha-server --demo on a free loopback port. `config` lines are added to the test
// configuration (e.g. "identity_rate_burst = 1"). Resolves with {url, kiosk, board, stop()}.
export async function startServer({ powDifficulty = 6, config = [], allDay = false } = {}) {
    const exe = process.env.CHERHA_SERVER_EXE;
    assert.ok(exe, "CHERHA_SERVER_EXE is not set (run the tests through ctest)");
    const data = mkdtempSync(join(tmpdir(), "cherha-web-"));
    const lines = [
        "threads = 16",
        "address_rate_burst = 100000",
        "address_rate_per_minute = 100000",
        "identity_rate_burst = 100000",
        "identity_rate_per_minute = 100000",
        "language = en",
        "log_requests = 0",
        `pow_difficulty = ${powDifficulty}`,
        ...(allDay ? ["reload_seconds = 1"] : []),
        ...config,
    ];
    writeFileSync(join(data, "cherha-server.conf"), lines.join("\n") + "\n", { mode: 0o600 });
    const child = spawn(exe, ["--data", data, "--port", "0", "--demo"], {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, CHERHA_LANG: "en" },
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
        stderr += chunk;
    });
    const found = { url: "", kiosk: "", board: "" };
    const reader = createInterface({ input: child.stdout });
    await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("cherha-server did not start:\n" + stderr)), 20000);
        child.on("exit", (code) => reject(new Error(`cherha-server exited (${code}):\n${stderr}`)));
        reader.on("line", (line) => {
            const url = line.match(/listens on (https?:\/\/[^\s]+)/);
            if (url) found.url = url[1];
            const kiosk = line.match(/kiosk [^:]+: Authorization: Device (\S+)/);
            if (kiosk) found.kiosk = kiosk[1];
            const board = line.match(/board [^:]+: Authorization: Device (\S+)/);
            if (board) found.board = board[1];
            if (found.url && found.kiosk && found.board) {
                clearTimeout(timer);
                resolve();
            }
        });
    });
    child.removeAllListeners("exit");
    return {
        ...found,
        data,
        stderr: () => stderr,
        async stop() {
            if (child.exitCode === null) {
                const exited = new Promise((resolve) => child.on("exit", resolve));
                child.kill("SIGTERM");
                await exited;
            }
            rmSync(data, { recursive: true, force: true });
        },
    };
}

// Makes the center's today (in its zone) a special day open 00:00-24:00 through the
// administrator's command line (cherha schedule export/import), and waits until the running
// server has put it in force: the kiosk registers into today's free slots, and the demo's
// opening hours would leave none in the evening. Needs a server started with
// startServer({allDay: true}) (which reloads its settings every second).
export async function openTodayAllDay(server) {
    const cli = process.env.CHERHA_EXE;
    assert.ok(cli, "CHERHA_EXE is not set (run the tests through ctest)");
    const services = await callApi(server, "/services");
    const today = services.body.today;
    const exported = spawnSync(cli, ["schedule", "export", "--data", server.data], { encoding: "utf8" });
    assert.equal(exported.status, 0, exported.stderr);
    const schedule = JSON.parse(exported.stdout);
    schedule.special_days = (schedule.special_days || []).filter((d) => d.date !== today);
    schedule.special_days.push({ date: today, open: ["00:00-24:00"] });
    schedule.closed_days = (schedule.closed_days || []).filter((d) => d !== today);
    const file = join(server.data, "all-day-schedule.json");
    writeFileSync(file, JSON.stringify(schedule, null, 2));
    const imported = spawnSync(cli, ["schedule", "import", file, "--data", server.data], { encoding: "utf8" });
    assert.equal(imported.status, 0, imported.stderr);
    // In force when a slot just before midnight is listed.
    const deadline = Date.now() + 15000;
    for (;;) {
        const slots = await callApi(server, `/services/consultation/slots?day=${today}&channel=terminal`);
        if (slots.status === 200 && slots.body.slots.some((slot) => slot.time >= "23:00")) return;
        assert.ok(Date.now() < deadline, "the all-day schedule did not come into force");
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
}

// The pages' words in `language` as the server sends them (/texts/<language>.json), so a test
// looks for what a visitor reads (Ukrainian unless the test switched): const w = await
// words(server); ... assert.match(text, new RegExp(escapeRegExp(w("Now calling")))).
// w(msgid) fails the test on a msgid the pages do not use; w(msgid, {name: value}) fills in.
export async function words(server, language = "uk") {
    const texts = await (await fetch(`${server.url}/texts/${language}.json`)).json();
    return (msgid, params = null) => {
        const text = texts.messages[msgid];
        assert.ok(text, `the pages use no msgid "${msgid}"`);
        if (!params) return text;
        return text.replace(/\{([a-z_]+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
    };
}

// The server's problem sentences in `language` as the pages show them (/texts/<language>.json
// "problems"): p(code, params) is the sentence with its params filled in, each param put into
// words the way the page does (describeProblem: "surname" is "прізвище").
export async function problemWords(server, language = "uk") {
    const texts = await (await fetch(`${server.url}/texts/${language}.json`)).json();
    const describe = (value) => (Object.hasOwn(texts.values, value) ? texts.values[value] : value);
    return (code, params = {}) => {
        const sentence = texts.problems[code];
        assert.ok(sentence, `the server has no problem "${code}"`);
        return sentence.replace(/\{([a-z_]+)\}/g, (whole, name) =>
            (Object.hasOwn(params, name) ? describe(String(params[name])) : whole));
    };
}

export function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Calls the server's API directly (a second client beside the browser: a clerk's desk, a
// supervisor). Resolves with {status, body}.
export async function callApi(server, path, { method = "GET", body, token, device } = {}) {
    const headers = {};
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (token) headers.Authorization = "Bearer " + token;
    if (device) headers.Authorization = "Device " + device;
    const response = await fetch(server.url + "/api/v1" + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed = null;
    try {
        parsed = text ? JSON.parse(text) : null;
    } catch {
        parsed = text;
    }
    return { status: response.status, body: parsed };
}

// A staff session token.
export async function logIn(server, login, window = undefined) {
    const answer = await callApi(server, "/auth/login", {
        method: "POST",
        body: { login, password: PASSWORDS[login], ...(window ? { window } : {}) },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body.token;
}

// Debian's Chromium, headless, with nothing reaching out to the network by itself.
export async function launchBrowser() {
    return chromium.launch({
        executablePath: process.env.CHERHA_CHROMIUM || "/usr/bin/chromium",
        headless: true,
        args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    });
}

export const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1280, height: 900 } };

// A page in a fresh browser context; `errors` collects console errors, uncaught exceptions
// and Content-Security-Policy violations (a test ends with expectNoErrors(page)).
export async function openPage(browser, server, path, options = DESKTOP) {
    const context = await browser.newContext({ ...options, locale: "uk-UA", timezoneId: "Europe/Kyiv" });
    const page = await context.newPage();
    page.errors = [];
    page.on("console", (message) => {
        if (message.type() === "error") page.errors.push("console: " + message.text());
    });
    page.on("pageerror", (error) => page.errors.push("exception: " + error.message));
    if (path !== null) await page.goto(server.url + path);
    return page;
}

export function expectNoErrors(page, allowed = []) {
    const left = page.errors.filter((e) => !allowed.some((pattern) => pattern.test(e)));
    assert.deepEqual(left, [], "the page reported errors");
}

// Waits until the page's words are loaded and it is shown.
export async function pageReady(page) {
    await page.waitForFunction(() => !document.body.classList.contains("loading"));
}

export function screenshotDir() {
    const dir = process.env.CHERHA_WEB_SCREENSHOT_DIR || join(tmpdir(), "cherha-web-screenshots");
    mkdirSync(dir, { recursive: true });
    return dir;
}

// Saves a full-page PNG as <screenshot dir>/<name>.png and returns its path.
export async function screenshot(page, name) {
    const path = join(screenshotDir(), name + ".png");
    await page.screenshot({ path, fullPage: true });
    return path;
}

const axeSource = readFileSync(join(here, "node_modules", "axe-core", "axe.min.js"), "utf8");

// Runs axe-core (WCAG 2.1 A/AA and best practices) on what the page shows now and fails on
// any serious or critical violation, naming the rule and the elements.
export async function expectAccessible(page, label) {
    // Through the DevTools protocol, which the page's CSP does not govern.
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () =>
        // eslint-disable-next-line no-undef
        axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }),
    );
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    const described = bad.map(
        (v) => `${v.id} (${v.impact}): ${v.help}\n    ` + v.nodes.map((n) => n.target.join(" ")).join("\n    "),
    );
    assert.deepEqual(described, [], `accessibility violations on ${label}`);
    assert.ok(result.passes.length > 10, "axe-core ran no checks");
}

// Whether the Chromium binary is there at all (a clear message instead of a launch error).
export function chromiumVersion() {
    const run = spawnSync(process.env.CHERHA_CHROMIUM || "/usr/bin/chromium", ["--version"], { encoding: "utf8" });
    return run.status === 0 ? run.stdout.trim() : "";
}
