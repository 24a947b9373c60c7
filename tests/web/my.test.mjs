// "My booking" (/my) in Chromium against a real cherha-server --demo: look a booking up by its
// code and the identity given, see and print it, cancel it (with a confirmation step), the
// refusal after the cut-off, inline errors for empty and wrong input, the language switch, the
// axe-core check of every step, and screenshots at phone and desktop width.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";

import {
    DESKTOP,
    PHONE,
    callApi,
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
    server = await startServer({ powDifficulty: 8 });
    browser = await launchBrowser();
});

after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
});

// --- Driving the page ---------------------------------------------------------------------

async function openMy(viewport, path = "/my") {
    const page = await openPage(browser, server, path, viewport);
    page.on("dialog", (dialog) => {
        page.errors.push("dialog: " + dialog.message());
        dialog.dismiss();
    });
    await pageReady(page);
    return page;
}

async function lookUp(page, code, identity) {
    await page.fill("#code", code);
    await page.fill("#identity", identity);
    await page.click("#find-button");
}

// A fresh online booking through the API: {booking, person}.
async function freshBooking(index, { service = "vehicle-registration", lateInWindow = true } = {}) {
    const slots = await freeSlots(server, [service]);
    const slot = lateInWindow ? slots[slots.length - 1 - index] : slots[index];
    const person = syntheticPerson(index);
    const answer = await bookViaApi(server, slot.service, slot.day, slot.time, person);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return { booking: answer.body, person };
}

// --- Tests --------------------------------------------------------------------------------

for (const [label, viewport, index] of [["phone", PHONE, 1], ["desktop", DESKTOP, 2]]) {
    test(`looks up, prints and cancels a booking (${label})`, async () => {
        const { booking, person } = await freshBooking(index);
        const w = await words(server);
        const p = await problemWords(server);
        const page = await openMy(viewport);
        assert.equal(await page.getAttribute("html", "lang"), "uk");
        await expectAccessible(page, `my booking: form (${label})`);
        await screenshot(page, `my-1-form-${label}`);

        // Empty fields: inline errors, nothing sent.
        await page.click("#find-button");
        assert.notEqual((await page.locator("#code-error").innerText()).trim(), "");
        assert.notEqual((await page.locator("#identity-error").innerText()).trim(), "");
        assert.equal(await page.getAttribute("#code", "aria-invalid"), "true");
        assert.equal(await page.evaluate(() => document.activeElement.id), "code");
        await expectAccessible(page, `my booking: empty (${label})`);
        await screenshot(page, `my-1-form-empty-${label}`);

        // A wrong identity: the server's words, the same as for a wrong code.
        await lookUp(page, booking.code, wrongCheckDigit(person.rnokpp));
        await page.waitForFunction(() => document.getElementById("find-problem").textContent.trim() !== "");
        assert.equal((await page.locator("#find-problem").innerText()).trim(), p("center.not_found"));
        assert.equal(await page.locator("#result").isVisible(), false);
        await expectAccessible(page, `my booking: not found (${label})`);
        await screenshot(page, `my-1-not-found-${label}`);

        // Hostile input is sent as text and answered as "not found".
        await lookUp(page, "<img src=x onerror=alert(1)>", "x".repeat(10000));
        await page.waitForFunction(() => document.getElementById("find-problem").textContent.trim() !== "");
        assert.equal(await page.locator("main img").count(), 0);

        // The code in lower case without the hyphen, the document number as identity.
        await lookUp(page, booking.code.replace("-", "").toLowerCase(), person.document.number);
        await page.waitForSelector("#result:not([hidden]) .booking-card");
        assert.equal(await page.evaluate(() => document.activeElement.id), "result-title");
        const card = await page.locator(".booking-card").innerText();
        assert.ok(card.includes(booking.code));
        assert.ok(card.includes(booking.time));
        assert.ok(card.includes(person.surname));
        await page.waitForFunction(() => {
            const img = document.querySelector("img.qr");
            return img && img.complete && img.naturalWidth > 0;
        });
        assert.ok(await page.locator('a[download$=".ics"]').isVisible());
        await expectAccessible(page, `my booking: found (${label})`);
        await screenshot(page, `my-2-found-${label}`);

        // Print: the booking alone.
        await page.emulateMedia({ media: "print" });
        assert.equal(await page.locator("#find-form").isVisible(), false);
        
        assert.equal(await page.locator("#cancel-start").isVisible(), false);
        assert.equal(await page.locator(".booking-card").isVisible(), true);
        await screenshot(page, `my-3-print-${label}`);
        await page.emulateMedia({ media: "screen" });

        // Cancel: asked once more, "No" keeps it.
        await page.click("#cancel-start");
        assert.equal(await page.evaluate(() => document.activeElement.id), "cancel-yes");
        await expectAccessible(page, `my booking: cancel question (${label})`);
        await screenshot(page, `my-4-cancel-question-${label}`);
        await page.click("#cancel-no");
        assert.equal((await callApi(server, "/bookings/lookup", { method: "POST", body: { code: booking.code, identity: person.rnokpp } })).body.state, "booked");
        await page.click("#cancel-start");
        await page.click("#cancel-yes");
        await page.waitForFunction((text) => document.getElementById("result-message").textContent.includes(text),
            w("The booking is cancelled. The time is free for others now. A cancelled booking still counts toward the limit of registrations of its month."));
        assert.equal(await page.evaluate(() => document.activeElement.id), "result-message");
        assert.equal(await page.locator("#cancel-start").count(), 0, "no cancel button on a cancelled booking");
        const after = await callApi(server, "/bookings/lookup", { method: "POST", body: { code: booking.code, identity: person.rnokpp } });
        assert.equal(after.body.state, "cancelled");
        await expectAccessible(page, `my booking: cancelled (${label})`);
        await screenshot(page, `my-5-cancelled-${label}`);
        expectNoErrors(page, [/status of 404/]);
        await page.context().close();
    });
}

test("after the cut-off the page offers no cancelling, and shows the server's refusal", async () => {
    // The demo's bookings lie hours or days ahead, so the answers are moved in time on the way
    // to the page: the lookup says the visit begins in an hour; a cancel the page still offers
    // (its clock runs behind) is refused by the server's rule.
    const { booking, person } = await freshBooking(4);
    const w = await words(server);
    const p = await problemWords(server);
    const page = await openMy(DESKTOP);
    await page.route("**/api/v1/bookings/lookup", async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        body.start = new Date(Date.now() + 3600 * 1000).toISOString();
        await route.fulfill({ response, json: body });
    });
    await lookUp(page, booking.code, person.rnokpp);
    await page.waitForSelector("#result:not([hidden]) .booking-card");
    assert.equal(await page.locator("#cancel-start").count(), 0);
    const result = await page.locator("#result").innerText();
    assert.ok(result.includes(w("It is too late to cancel this booking online: cancelling closes 2 hours before the visit.")), result);
    await expectAccessible(page, "my booking: past the cut-off");
    await screenshot(page, "my-6-too-late-desktop");

    await page.unroute("**/api/v1/bookings/lookup");
    await page.route("**/api/v1/bookings/cancel", (route) => route.fulfill({
        status: 409,
        json: { error: "transition.cancellation_deadline_passed", message: "", params: {} },
    }));
    await lookUp(page, booking.code, person.rnokpp);
    await page.waitForSelector("#cancel-start");
    await page.click("#cancel-start");
    await page.click("#cancel-yes");
    await page.waitForFunction(() => document.getElementById("result-message").textContent.trim() !== "");
    assert.equal((await page.locator("#result-message").innerText()).trim(), p("transition.cancellation_deadline_passed"));
    assert.equal(await page.getAttribute("#result-message", "role"), "alert");
    await screenshot(page, "my-6-cancel-refused-desktop");
    expectNoErrors(page, [/status of 409/]);
    await page.context().close();
});

test("switches to English, with the booking redrawn in it", async () => {
    const { booking, person } = await freshBooking(3);
    const page = await openMy(PHONE, "/my?code=" + booking.code);
    assert.equal(await page.inputValue("#code"), booking.code);
    await page.fill("#identity", person.rnokpp);
    await page.click("#find-button");
    await page.waitForSelector("#result:not([hidden]) .booking-card");
    await page.click('button[data-lang="en"]');
    await page.waitForFunction(() => document.documentElement.lang === "en");
    assert.equal(await page.locator("h1").innerText(), "My booking");
    const card = await page.locator(".booking-card").innerText();
    assert.match(card, /Booking code/);
    assert.match(card, /Vehicle registration/);
    assert.match(card, /What to bring/);
    assert.match(card, /ID card/);
    await expectAccessible(page, "my booking in English");
    await screenshot(page, "my-2-found-english-phone");
    await page.click('button[data-lang="uk"]');
    await page.waitForFunction(() => document.documentElement.lang === "uk");
    assert.match(await page.locator(".booking-card").innerText(), /Реєстрація транспортного засобу/);
    expectNoErrors(page);
    await page.context().close();
});
