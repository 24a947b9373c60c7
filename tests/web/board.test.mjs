// The hall board (/board): date and time, calls arriving live from the event stream when a desk
// calls through the API, the stream coming back after the server restarts, the air-raid alert,
// English, the device token's messages, no personal data, accessibility and screenshots.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

import {
    DESKTOP,
    callApi,
    escapeRegExp,
    expectAccessible,
    expectNoErrors,
    launchBrowser,
    logIn,
    openPage,
    pageReady,
    screenshot,
    startServer,
    words,
} from "./harness.mjs";

const HALL = { viewport: { width: 1920, height: 1080 } };

let server;
let browser;

before(async () => {
    server = await startServer();
    browser = await launchBrowser();
});

after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
});

async function openBoard(target, options = HALL, query = "") {
    const page = await openPage(browser, target, `/board${query}#device=${target.board}`, options);
    await pageReady(page);
    await page.waitForFunction(() => document.body.dataset.connection === "open", null, { timeout: 15000 });
    return page;
}

// The calls the board lists now: [{ticket, window}].
async function calledRows(page) {
    return page.$$eval("#called tr", (rows) =>
        rows.map((row) => ({ ticket: row.cells[0].textContent.trim(), window: row.cells[1].textContent.replace(/\D/g, "") })),
    );
}

async function callNext(target, login = "clerk1", window = "w1") {
    const token = await logIn(target, login, window);
    const answer = await callApi(target, "/desk/call-next", { method: "POST", body: {}, token });
    return answer;
}

test("the board shows the date, the time and the calls; a desk's call appears live, highlighted and announced", async () => {
    const w = await words(server);
    const page = await openBoard(server);
    assert.equal(await page.getAttribute("html", "lang"), "uk");
    assert.match(await page.textContent("#clock"), /^\d\d:\d\d$/);
    assert.ok((await page.textContent("#date")).length > 8, "the date is shown");
    assert.equal(await page.textContent("#called-title"), w("Now calling"));
    const before = await calledRows(page);
    await screenshot(page, "board-1920x1080");
    await expectAccessible(page, "the board");

    await page.evaluate(() => {
        window.notReloaded = true;
    });
    const answer = await callNext(server);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const ticket = answer.body.ticket.display;
    assert.ok(!before.some((row) => row.ticket === ticket), "the ticket was not on the board before");

    const row = page.locator(`#called tr[data-ticket="${ticket}"]`);
    await row.waitFor({ timeout: 10000 });
    assert.equal(await page.evaluate(() => window.notReloaded), true, "the page was not reloaded");
    const rows = await calledRows(page);
    assert.deepEqual(rows.find((r) => r.ticket === ticket), { ticket, window: "1" });
    assert.match(await row.getAttribute("class"), /fresh/, "a new call is highlighted");
    assert.match(
        await page.textContent("#announce"),
        new RegExp(escapeRegExp(w("Ticket {ticket}, window {window}.", { ticket, window: "1" }))),
        "a new call is announced",
    );
    assert.equal(await page.getAttribute("#announce", "aria-live"), "assertive");
    await screenshot(page, "board-1920x1080-new-call");
    await expectAccessible(page, "the board with a new call");

    // The recent calls: a ticket that went on to service stays listed below "Recent calls".
    const token = await logIn(server, "clerk1", "w1");
    const started = await callApi(server, `/bookings/${answer.body.id}/actions`, { method: "POST", body: { action: "start" }, token });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    await page.locator(`#recent tr[data-ticket="${ticket}"]`).waitFor({ timeout: 10000 });
    assert.equal(await page.locator(`#called tr[data-ticket="${ticket}"]`).count(), 0);
    expectNoErrors(page);
    await page.context().close();
});

test("the board on a desktop screen and in English (?lang=en)", async () => {
    const page = await openBoard(server, DESKTOP, "?lang=en");
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.textContent("#called-title"), "Now calling");
    assert.equal(await page.textContent("#connection"), "Live");
    assert.match(await page.textContent("#center-name"), /MIA Service Center/);
    // English weekday and month names
    assert.match(await page.textContent("#date"), /Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday/);
    await screenshot(page, "board-desktop-en");
    await expectAccessible(page, "the board in English");
    expectNoErrors(page);
    await page.context().close();
});

test("no personal data on the board", async () => {
    const page = await openBoard(server);
    const token = await logIn(server, "clerk1", "w1");
    const queue = await callApi(server, "/queue", { token });
    assert.equal(queue.status, 200);
    const text = await page.evaluate(() => document.documentElement.outerHTML);
    const shown = [];
    for (const booking of queue.body.bookings) {
        const r = booking.registration;
        if (!r) continue;
        for (const value of [r.surname, r.given_name, r.rnokpp, r.document && r.document.number, booking.code])
            if (value && text.includes(value)) shown.push(value);
    }
    assert.deepEqual(shown, [], "personal data or booking codes on the board");
    expectNoErrors(page);
    await page.context().close();
});

test("a missing or wrong device token shows a clear message", async () => {
    const w = await words(server);
    const none = await openPage(browser, server, "/board", HALL);
    await pageReady(none);
    await none.locator("#setup").waitFor();
    assert.match(await none.textContent("#setup-text"), /#device=/);
    assert.ok(await none.locator("#calls").isHidden());
    await screenshot(none, "board-no-token");
    await expectAccessible(none, "the board without a token");
    expectNoErrors(none);
    await none.context().close();

    const wrong = await openPage(browser, server, "/board#device=not-a-real-token", HALL);
    await pageReady(wrong);
    await wrong.locator("#setup").waitFor();
    assert.match(
        await wrong.textContent("#setup-text"),
        new RegExp(escapeRegExp(w("The device token of this board is not valid (it may have been withdrawn). Ask the administrator for a new board address."))),
    );
    assert.ok(await wrong.locator("#calls").isHidden());
    // the failed request itself is logged by Chromium as a console error
    expectNoErrors(wrong, [/status of 401/]);
    await wrong.context().close();

    // a kiosk's token is not a board's: the event stream refuses it
    const kiosk = await openPage(browser, server, `/board#device=${server.kiosk}`, HALL);
    await pageReady(kiosk);
    await kiosk.locator("#setup").waitFor();
    assert.match(
        await kiosk.textContent("#setup-text"),
        new RegExp(escapeRegExp(w("This device token is not a board's. Ask the administrator for the board's address."))),
    );
    expectNoErrors(kiosk, [/status of 403/]);
    await kiosk.context().close();
});

test("alert mode shows the air-raid message and pauses the calls; the all-clear brings them back", async () => {
    const w = await words(server);
    const page = await openBoard(server);
    const supervisor = await logIn(server, "supervisor");
    try {
        const on = await callApi(server, "/alert", { method: "POST", body: { active: true }, token: supervisor });
        assert.equal(on.status, 200, JSON.stringify(on.body));
        await page.locator("#alert").waitFor({ timeout: 10000 });
        assert.ok(await page.locator("#calls").isHidden(), "the calls are not shown during the alert");
        assert.match(await page.textContent("#alert"), new RegExp(escapeRegExp(w("Air-raid alert"))));
        assert.match(
            await page.textContent("#announce"),
            new RegExp(escapeRegExp(w("Air-raid alert. Calling is paused. Please go to the shelter."))),
        );
        await screenshot(page, "board-1920x1080-alert");
        await expectAccessible(page, "the board in alert mode");
        const refused = await callNext(server);
        assert.equal(refused.status, 409);
        assert.equal(refused.body.error, "center.alert_active");
    } finally {
        const off = await callApi(server, "/alert", { method: "POST", body: { active: false }, token: supervisor });
        assert.equal(off.status, 200, JSON.stringify(off.body));
    }
    await page.locator("#calls").waitFor({ timeout: 10000 });
    assert.ok(await page.locator("#alert").isHidden());
    assert.match(await page.textContent("#announce"), new RegExp(escapeRegExp(w("The alert is over. Calling resumes."))));
    expectNoErrors(page);
    await page.context().close();
});

// ---- a server that can be stopped and started again on the same port and data ------------

async function runServer(data, port, demo) {
    const child = spawn(process.env.CHERHA_SERVER_EXE, ["--data", data, "--port", String(port), ...(demo ? ["--demo"] : [])], {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, CHERHA_LANG: "en" },
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
        stderr += chunk;
    });
    const found = { url: "", kiosk: "", board: "", child };
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
            if (found.url && (!demo || (found.kiosk && found.board))) {
                clearTimeout(timer);
                resolve();
            }
        });
    });
    child.removeAllListeners("exit");
    found.stop = async () => {
        if (child.exitCode === null) {
            const exited = new Promise((resolve) => child.on("exit", resolve));
            child.kill("SIGTERM");
            await exited;
        }
    };
    return found;
}

test("the board says it is reconnecting when the stream drops and recovers by itself", async () => {
    const data = mkdtempSync(join(tmpdir(), "cherha-web-board-"));
    const config = ["threads = 16", "language = en", "log_requests = 0", "pow_difficulty = 6"];
    writeFileSync(join(data, "cherha-server.conf"), config.join("\n") + "\n", { mode: 0o600 });
    let first = null;
    let second = null;
    try {
        first = await runServer(data, 0, true);
        const port = Number(new URL(first.url).port);
        // the pages show Ukrainian whatever the server's own language (language = en above)
        const w = await words(first);
        const page = await openBoard(first);
        const initial = await calledRows(page);
        assert.ok(initial.length > 0, "the demo has calls");

        await first.stop();
        await page.waitForFunction(() => document.body.dataset.connection === "reconnecting", null, { timeout: 15000 });
        assert.match(await page.textContent("#connection"), new RegExp(escapeRegExp(w("Connection lost. Reconnecting..."))));
        assert.deepEqual(await calledRows(page), initial, "the last picture stays on the board meanwhile");
        await screenshot(page, "board-1920x1080-reconnecting");
        await expectAccessible(page, "the board while reconnecting");

        second = await runServer(data, port, false);
        const tokens = { ...second, board: first.board };
        await page.waitForFunction(() => document.body.dataset.connection === "open", null, { timeout: 40000 });
        const answer = await callNext(tokens);
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        await page.locator(`#called tr[data-ticket="${answer.body.ticket.display}"]`).waitFor({ timeout: 10000 });
        // fetches failed while the server was away: Chromium logs those
        expectNoErrors(page, [/ERR_CONNECTION_REFUSED|Failed to load resource|ERR_EMPTY_RESPONSE|ERR_CONNECTION_RESET/]);
        await page.context().close();
    } finally {
        if (first) await first.stop();
        if (second) await second.stop();
        rmSync(data, { recursive: true, force: true });
    }
});
