// The booking page (/) in Chromium against a real cherha-server --demo: booking end to end with
// the proof of work solved in the page's worker, the check-your-data step, inline validation
// by the server's own rules (wrong check digit, empty fields, hostile and huge input), a quota
// refusal with the date it frees up, the language switch, the honeypot, the CSP, the axe-core
// check of every step, and screenshots at phone and desktop width.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import {
    DESKTOP,
    PHONE,
    callApi,
    escapeRegExp,
    expectAccessible,
    expectNoErrors,
    launchBrowser,
    openPage,
    pageReady,
    screenshot,
    startServer,
    problemWords,
    words,
} from "./harness.mjs";
import { bookViaApi, freeSlots, syntheticPerson, wrongCheckDigit } from "./people.mjs";

let server;
let browser;

before(async () => {
    server = await startServer({ powDifficulty: 10 });
    browser = await launchBrowser();
});

after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
});

// --- Driving the page ---------------------------------------------------------------------

async function openBooking(viewport, lang = null) {
    const page = await openPage(browser, server, lang ? "/?lang=" + lang : "/", viewport);
    page.on("dialog", (dialog) => {
        page.errors.push("dialog: " + dialog.message());
        dialog.dismiss();
    });
    await pageReady(page);
    await page.waitForSelector('input[name="service"]');
    return page;
}

async function chooseSlot(page, { service, day = null, time = null }) {
    await page.check(`input[name="service"][value="${service}"]`);
    await page.waitForSelector('input[name="day"]');
    if (day) await page.check(`input[name="day"][value="${day}"]`);
    else await page.locator('input[name="day"]').first().check();
    await page.waitForSelector('input[name="time"]');
    if (time) await page.check(`input[name="time"][value="${time}"]`);
    else await page.locator('input[name="time"]').first().check();
    const chosen = {
        day: await page.locator('input[name="day"]:checked').getAttribute("value"),
        time: await page.locator('input[name="time"]:checked').getAttribute("value"),
    };
    return chosen;
}

async function fillPerson(page, person) {
    await page.fill("#surname", person.surname);
    await page.fill("#given-name", person.given_name);
    await page.fill("#patronymic", person.patronymic || "");
    const [y, m, d] = person.birth_date.split("-");
    await page.fill("#birth-date", `${d}.${m}.${y}`);
    await page.fill("#rnokpp", person.rnokpp);
    await page.selectOption("#document-type", person.document.type);
    await page.fill("#document-number", person.document.number);
}

// --- Tests --------------------------------------------------------------------------------

test("the page is served with a strict CSP and has no inline script or style", async () => {
    for (const path of ["/", "/my"]) {
        const response = await fetch(server.url + path);
        const csp = response.headers.get("content-security-policy") || "";
        assert.match(csp, /script-src 'self'/);
        assert.doesNotMatch(csp, /unsafe-inline/);
        const html = await response.text();
        assert.doesNotMatch(html, /\sstyle=/i, path + " has a style attribute");
        assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, path + " has an inline script");
        assert.doesNotMatch(html, /\son[a-z]+=/i, path + " has an inline handler");
        assert.doesNotMatch(html, /https?:\/\//i, path + " refers to another site");
    }
});

for (const [label, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
    test(`books online end to end (${label})`, async () => {
        const page = await openBooking(viewport);
        const requests = [];
        page.on("request", (request) => requests.push(request.url()));
        assert.equal(await page.getAttribute("html", "lang"), "uk");
        await expectAccessible(page, `booking step 1 (${label})`);
        await screenshot(page, `booking-1-service-${label}`);

        const person = syntheticPerson(label === "phone" ? 1 : 2);
        const chosen = await chooseSlot(page, { service: "consultation" });
        // The day list shows free places.
        assert.match(await page.locator('label.day').first().innerText(), /\d/);
        await expectAccessible(page, `booking step 1 with day and time (${label})`);
        await screenshot(page, `booking-1-day-time-${label}`);

        await page.click("#to-data");
        await page.waitForSelector("#step-data:not([hidden])");
        assert.equal(await page.evaluate(() => document.activeElement.id), "data-title");
        await fillPerson(page, person);
        await expectAccessible(page, `booking step 2 (${label})`);
        await screenshot(page, `booking-2-data-${label}`);

        await page.click("#to-check");
        await page.waitForSelector("#step-check:not([hidden])");
        const facts = await page.locator("#check-facts").innerText();
        for (const part of [person.surname, person.given_name, person.patronymic, person.rnokpp, person.document.number, "14.03.1988"])
            assert.ok(facts.includes(part), `the check step shows ${part}: ${facts}`);
        const w = await words(server);
        const warning = await page.locator("#check-warning").innerText();
        // The clerk compares the data with the document; they cannot be changed afterwards.
        assert.ok(warning.includes(w("At the window the clerk compares these data with the document you bring. If anything differs, the service will be refused. After you confirm, the data cannot be changed: you would have to cancel and book again.")), warning);
        await expectAccessible(page, `booking step 3 (${label})`);
        await screenshot(page, `booking-3-check-${label}`);

        // Confirming needs the tick.
        await page.click("#book");
        assert.notEqual((await page.locator("#data-confirmed-error").innerText()).trim(), "");
        assert.equal(await page.evaluate(() => document.activeElement.id), "data-confirmed");
        await page.check("#data-confirmed");
        await page.click("#book");
        await page.waitForSelector("#step-done:not([hidden])", { timeout: 60000 });

        const code = (await page.locator(".booking-card .code").innerText()).trim();
        assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
        const card = await page.locator(".booking-card").innerText();
        assert.ok(card.includes(chosen.time), "the confirmation shows the time");
        assert.ok(card.includes(person.document.number), "what to bring names the document");
        await page.waitForFunction(() => {
            const img = document.querySelector("img.qr");
            return img && img.complete && img.naturalWidth > 0;
        });
        await expectAccessible(page, `booking step 4 (${label})`);
        await screenshot(page, `booking-4-done-${label}`);

        // The .ics entry.
        const link = page.locator('a[download$=".ics"]');
        assert.equal(await link.getAttribute("download"), `cherha-${code}.ics`);
        const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
        assert.equal(download.suggestedFilename(), `cherha-${code}.ics`);
        const ics = readFileSync(await download.path(), "utf8");
        assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
        assert.match(ics, /BEGIN:VEVENT/);
        assert.match(ics, /DTSTART:\d{8}T\d{6}Z/);
        assert.ok(ics.includes(code));
        assert.ok(!ics.includes(person.rnokpp), "the calendar entry holds no RNOKPP");

        // Print: the card alone.
        await page.emulateMedia({ media: "print" });
        assert.equal(await page.locator("header.top").isVisible(), false);
        assert.equal(await page.locator("#done-actions").isVisible(), false);
        assert.equal(await page.locator(".booking-card").isVisible(), true);
        await screenshot(page, `booking-5-print-${label}`);
        await page.emulateMedia({ media: "screen" });

        // The server holds exactly what was typed.
        const found = await callApi(server, "/bookings/lookup", { method: "POST", body: { code, identity: person.rnokpp } });
        assert.equal(found.status, 200);
        assert.equal(found.body.state, "booked");
        assert.equal(found.body.day, chosen.day);
        assert.equal(found.body.time, chosen.time);
        assert.equal(found.body.registration.surname, person.surname);
        assert.equal(found.body.registration.document.number, person.document.number);

        // Nothing was asked from another site.
        const origin = new URL(server.url).origin;
        assert.deepEqual(requests.filter((url) => !url.startsWith(origin) && !url.startsWith("blob:") && !url.startsWith("data:")), []);
        expectNoErrors(page);
        await page.context().close();
    });
}

test("books with the keyboard only, as a legal entity's representative", async () => {
    const page = await openBooking(DESKTOP);
    // Tab to the first service, then arrows and Tab through the choices.
    for (let i = 0; i < 12; i += 1) {
        await page.keyboard.press("Tab");
        if (await page.evaluate(() => document.activeElement && document.activeElement.name === "service")) break;
    }
    assert.equal(await page.evaluate(() => document.activeElement.name), "service");
    await page.keyboard.press("Space");
    await page.waitForSelector('input[name="day"]');
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.name), "day");
    await page.keyboard.press("Space");
    await page.waitForSelector('input[name="time"]');
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.name), "time");
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "to-data");
    // A visible focus indicator.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.equal(outline, "solid");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#step-data:not([hidden])");

    // Representative: the second kind, then the entity's fields appear.
    await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowDown");
    await page.waitForSelector("#entity-card:not([hidden])");
    const person = syntheticPerson(3, "1979-11-02");
    const type = async (text) => {
        await page.keyboard.press("Tab");
        await page.keyboard.type(text);
    };
    await type("99999994"); // EDRPOU with a valid check digit (synthetic)
    await type("ТОВ \"Тест-Приклад\"");
    await type(person.surname);
    await type(person.given_name);
    await type(person.patronymic);
    await type("02.11.1979");
    await type(person.rnokpp);
    await page.keyboard.press("Tab"); // no-RNOKPP box
    await page.keyboard.press("Tab"); // document type: ID card
    await type(person.document.number);
    await page.keyboard.press("Enter");
    await page.waitForSelector("#step-check:not([hidden])");
    const facts = await page.locator("#check-facts").innerText();
    assert.ok(facts.includes("99999994"));
    assert.ok(facts.includes("ТОВ \"Тест-Приклад\""));
    // Tick the box and confirm with the keyboard.
    await page.focus("#data-confirmed");
    await page.keyboard.press("Space");
    await page.focus("#book");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#step-done:not([hidden])", { timeout: 60000 });
    const card = await page.locator(".booking-card").innerText();
    const w = await words(server);
    assert.ok(card.includes(w("The power of attorney that lets you act for the legal entity.")), card);
    assert.ok(card.includes("99999994"));
    await expectAccessible(page, "booking done (representative)");
    await screenshot(page, "booking-4-done-representative-desktop");
    expectNoErrors(page);
    await page.context().close();
});

test("bad input gives clear inline errors, never HTML, never a crash", async () => {
    for (const [label, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
        const page = await openBooking(viewport);
        await chooseSlot(page, { service: "vehicle-registration" });
        await page.click("#to-data");
        await page.waitForSelector("#step-data:not([hidden])");

        // Everything empty.
        await page.click("#to-check");
        await page.waitForSelector("#data-summary:not([hidden])");
        assert.equal(await page.evaluate(() => document.activeElement.id), "data-summary");
        for (const id of ["surname", "given-name", "birth-date", "rnokpp", "document-number"]) {
            assert.notEqual((await page.locator(`#${id}-error`).innerText()).trim(), "", `${id} shows an error`);
            assert.equal(await page.getAttribute(`#${id}`, "aria-invalid"), "true");
        }
        assert.equal(await page.locator("#patronymic-error").innerText(), "");
        await expectAccessible(page, `booking data errors (${label})`);
        await screenshot(page, `booking-2-data-empty-${label}`);

        // A wrong check digit, found as soon as the field is left.
        const person = syntheticPerson(4);
        const wrong = wrongCheckDigit(person.rnokpp);
        await page.fill("#rnokpp", wrong);
        await page.locator("#rnokpp").blur();
        const p = await problemWords(server);
        const checkDigit = p("rnokpp.check_digit", { expected: person.rnokpp[9], actual: wrong[9] });
        await page.waitForFunction((text) => document.getElementById("rnokpp-error").textContent.includes(text), checkDigit);
        assert.match(await page.locator("#rnokpp-error").innerText(), new RegExp(person.rnokpp[9]));

        // Hostile text and a 10,000-character name.
        const hostile = "<img src=x onerror=alert(1)>";
        await page.fill("#surname", hostile);
        await page.fill("#given-name", "Я".repeat(10000));
        await page.fill("#patronymic", "<script>alert(1)</script>");
        await page.fill("#birth-date", "31.02.1990");
        await page.fill("#document-number", "' OR 1=1 --");
        await page.click("#to-check");
        await page.waitForFunction(() => document.getElementById("given-name-error").textContent.includes("100"));
        const surnameError = await page.locator("#surname-error").innerText();
        assert.ok(surnameError.includes(p("registration.name_invalid", { field: "surname", position: 1 })), surnameError);
        assert.match(await page.locator("#given-name-error").innerText(), /100/);
        assert.notEqual((await page.locator("#patronymic-error").innerText()).trim(), "");
        assert.notEqual((await page.locator("#birth-date-error").innerText()).trim(), "");
        assert.notEqual((await page.locator("#document-number-error").innerText()).trim(), "");
        assert.equal(await page.locator("#step-check").isVisible(), false, "the check step is not reached");
        assert.equal(await page.locator("main img").count(), 0, "no element made from the input");
        assert.equal(await page.locator("main script").count(), 0);
        await expectAccessible(page, `booking hostile input (${label})`);
        await screenshot(page, `booking-2-data-hostile-${label}`);

        // Fixed: the person goes on, and a hostile entity name (allowed text) stays text.
        await fillPerson(page, person);
        await page.locator("#document-number").blur();
        await page.waitForSelector("#data-summary", { state: "hidden" });
        await page.check('input[name="kind"][value="legal_entity_representative"]');
        await page.fill("#edrpou", "99999995");
        await page.locator("#edrpou").blur();
        await page.waitForFunction(() => document.getElementById("edrpou-error").textContent.trim() !== "");
        await page.fill("#edrpou", "99999994");
        await page.fill("#entity-name", hostile);
        await page.click("#to-check");
        await page.waitForSelector("#step-check:not([hidden])");
        assert.ok((await page.locator("#check-facts").innerText()).includes(hostile));
        assert.equal(await page.locator("#check-facts img").count(), 0);
        expectNoErrors(page, [/status of 4\d\d/]);
        await page.context().close();
    }
});

test("a quota refusal shows the server's reason and when it frees up", async () => {
    const slots = await freeSlots(server);
    // The month with the most free slots; four bookings in it through the API, the fifth on
    // the page.
    const byMonth = new Map();
    for (const slot of slots) byMonth.set(slot.day.slice(0, 7), [...(byMonth.get(slot.day.slice(0, 7)) || []), slot]);
    const month = [...byMonth.values()].sort((a, b) => b.length - a.length)[0];
    assert.ok(month && month.length >= 5, "the demo has at least five free slots in one month");
    const person = syntheticPerson(5, "1975-06-30");
    // Different slots of different services or days where possible.
    const used = [];
    for (const slot of month) {
        if (used.length === 4) break;
        const answer = await bookViaApi(server, slot.service, slot.day, slot.time, person);
        assert.equal(answer.status, 201, JSON.stringify(answer.body));
        used.push(slot);
    }
    const p = await problemWords(server);
    const w = await words(server);
    // A day as the page writes it ("1 грудня 2026") where a sentence has DAY.
    const DAY = "\u0000";
    const withDay = (sentence) => new RegExp(escapeRegExp(sentence).replace(DAY, "\\d{1,2} \\S+ \\d{4}"));
    const fifth = month.find((slot) => !used.includes(slot) && !used.some((u) => u.service === slot.service && u.day === slot.day && u.time === slot.time));
    for (const [label, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
        const page = await openBooking(viewport);
        await chooseSlot(page, fifth);
        await page.click("#to-data");
        await fillPerson(page, person);
        await page.click("#to-check");
        await page.waitForSelector("#step-check:not([hidden])");
        await page.check("#data-confirmed");
        await page.click("#book");
        await page.waitForFunction(() => document.getElementById("book-problem").textContent.trim() !== "", null, { timeout: 60000 });
        const text = await page.locator("#book-problem").innerText();
        // The refusal names the limit (4) and, in both sentences, a day written for people.
        assert.match(text, withDay(p("quota.person_online_month", { limit: 4, count: 4, frees_on: DAY })));
        assert.match(text, /4/);
        assert.match(text, withDay(w("You can book again from {day}.", { day: DAY })));
        // The date it frees up is written for people, not as YYYY-MM-DD.
        assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/);
        assert.equal(await page.evaluate(() => document.activeElement.id), "book-problem");
        assert.ok(await page.locator('#book-problem a[href="/my"]').isVisible());
        await expectAccessible(page, `booking quota refusal (${label})`);
        await screenshot(page, `booking-3-quota-refused-${label}`);
        // The refusal in English too (the server's sentence, the page's own words).
        await page.click('button[data-lang="en"]');
        await page.waitForFunction(() => /limit of registrations/.test(document.getElementById("book-problem").textContent));
        assert.match(await page.locator("#book-problem").innerText(), /It frees up on/);
        assert.match(await page.locator("#book-problem").innerText(), /You can book again from/);
        expectNoErrors(page, [/status of 409/]);
        await page.context().close();
    }
});

test("switches to English and back, and keeps the choice", async () => {
    const page = await openBooking(PHONE);
    const uk = await page.locator("h1").innerText();
    assert.equal(await page.locator('button[data-lang="uk"]').getAttribute("aria-pressed"), "true");
    assert.ok(await page.locator('label.choice', { hasText: "Консультація" }).isVisible());
    await page.click('button[data-lang="en"]');
    await page.waitForFunction(() => document.documentElement.lang === "en");
    assert.equal(await page.locator("h1").innerText(), "Book a visit to the service center");
    assert.equal(await page.locator('button[data-lang="en"]').getAttribute("aria-pressed"), "true");
    assert.ok(await page.locator('label.choice', { hasText: "Consultation" }).isVisible());
    await chooseSlot(page, { service: "consultation" });
    assert.match(await page.locator("label.day").first().innerText(), /free places: \d+/);
    await expectAccessible(page, "booking in English");
    await screenshot(page, "booking-1-english-phone");
    // Kept for the next page.
    await page.goto(server.url + "/my");
    await pageReady(page);
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.locator("h1").innerText(), "My booking");
    await page.click('button[data-lang="uk"]');
    await page.waitForFunction(() => document.documentElement.lang === "uk");
    await page.goto(server.url + "/");
    await pageReady(page);
    await page.waitForSelector('input[name="service"]');
    assert.equal(await page.locator("h1").innerText(), uk);
    assert.ok(await page.locator('label.choice', { hasText: "Консультація" }).isVisible());
    expectNoErrors(page);
    await page.context().close();
});

test("the honeypot is hidden from people and screen readers", async () => {
    const page = await openBooking(DESKTOP);
    const field = page.locator("#website");
    assert.equal(await field.getAttribute("tabindex"), "-1");
    assert.equal(await field.getAttribute("autocomplete"), "off");
    assert.equal(await page.locator(".hp").getAttribute("aria-hidden"), "true");
    await chooseSlot(page, { service: "consultation" });
    await page.click("#to-data");
    const box = await field.boundingBox();
    assert.ok(!box || box.x + box.width <= 0 || box.width <= 1, "the honeypot is out of sight");
    // A bot that fills it is refused, and the page says so without crashing.
    await fillPerson(page, syntheticPerson(6));
    await field.fill("http://spam.example", { force: true });
    await page.click("#to-check");
    await page.waitForSelector("#step-check:not([hidden])");
    await page.check("#data-confirmed");
    await page.click("#book");
    await page.waitForFunction(() => document.getElementById("book-problem").textContent.trim() !== "", null, { timeout: 60000 });
    assert.equal(await page.locator("#step-done").isVisible(), false);
    // Refused for the honeypot, not for anything else.
    const uk = await (await fetch(server.url + "/texts/uk.json")).json();
    assert.match(await page.textContent("#book-problem"), new RegExp(escapeRegExp(uk.problems["center.honeypot"])));
    expectNoErrors(page, [/status of 422/]);
    await page.context().close();
});
