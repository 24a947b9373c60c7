// The self-service terminal (/terminal): a registration for today through the check step to the
// printed ticket (print view captured), a priority ticket, the reset after inactivity that
// forgets the visitor, English, hostile and wrong input, keyboard-only use, the device token's
// messages, accessibility and screenshots at kiosk and phone sizes. Synthetic identities only
// (no RNOKPP, invented passport-book numbers; the EDRPOU 12345678 is the textbook example).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";

import {
    PHONE,
    callApi,
    escapeRegExp,
    expectAccessible,
    expectNoErrors,
    launchBrowser,
    logIn,
    openPage,
    pageReady,
    screenshot,
    screenshotDir,
    openTodayAllDay,
    startServer,
    words,
} from "./harness.mjs";

const KIOSK = { viewport: { width: 1080, height: 1920 }, hasTouch: true };
const KIOSK_LANDSCAPE = { viewport: { width: 1280, height: 1024 }, hasTouch: true };

let server;
let browser;

before(async () => {
    server = await startServer({ allDay: true });
    await openTodayAllDay(server); // free slots today whatever the hour the tests run at
    browser = await launchBrowser();
});

after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
});

// The terminal page with window.print observed (it records the calls instead of opening the
// print dialog, which a headless browser has not).
async function openTerminal(options = KIOSK, query = "", token = server.kiosk) {
    const page = await openPage(browser, server, null, options);
    await page.addInitScript(() => {
        window.printed = 0;
        window.print = () => {
            window.printed += 1;
        };
    });
    await page.goto(`${server.url}/terminal${query}${token === null ? "" : "#device=" + token}`);
    await pageReady(page);
    return page;
}

async function ready(page) {
    await page.waitForFunction(() => document.body.dataset.ready === "true");
    await page.locator("#step-service").waitFor();
}

async function fillPerson(page, person) {
    if (person.representative) await page.check('input[name="kind"][value="legal_entity_representative"]');
    await page.fill("#surname", person.surname);
    await page.fill("#given_name", person.given_name);
    if (person.patronymic) await page.fill("#patronymic", person.patronymic);
    await page.fill("#birth_date", person.birth_date);
    await page.check("#no_rnokpp");
    await page.selectOption("#document_type", "passport_book");
    await page.fill("#document_number", person.document);
    if (person.representative) {
        await page.fill("#edrpou", "12345678");
        await page.fill("#entity_name", "ТОВ Приклад");
    }
    if (person.priority) await page.check(`input[name="priority"][value="${person.priority}"]`);
}

const PERSON = {
    surname: "Тестенко",
    given_name: "Марія",
    patronymic: "Іванівна",
    birth_date: "20.05.1985",
    document: "ТТ100001",
};

test("a registration for today: service, data, the check step, the ticket printed with its number, time, window and QR", async () => {
    const w = await words(server);
    const page = await openTerminal();
    await ready(page);
    assert.equal(await page.getAttribute("html", "lang"), "uk");
    assert.ok((await page.textContent("#today")).includes("2"), "today's date is shown");
    await screenshot(page, "terminal-kiosk-1-start");
    await expectAccessible(page, "the terminal's start");

    // touch targets: every service button at least 64 px high
    const heights = await page.$$eval(".service-button", (buttons) => buttons.map((b) => b.getBoundingClientRect().height));
    assert.ok(heights.length >= 5 && heights.every((h) => h >= 64), `service buttons ${heights}`);

    await page.click('[data-service="consultation"]');
    await page.locator("#step-data").waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), "data-title");
    await screenshot(page, "terminal-kiosk-2-data");
    await expectAccessible(page, "the terminal's data step");
    await fillPerson(page, PERSON);
    await page.click("#data-next");
    await page.locator("#step-check").waitFor();
    const facts = await page.textContent("#check-facts");
    for (const value of ["Тестенко", "Марія", "Іванівна", "ТТ100001"]) assert.ok(facts.includes(value), value);
    assert.match(await page.textContent("#step-check"), new RegExp(escapeRegExp(w("After you confirm, the data cannot be changed."))));
    assert.match(
        await page.textContent("#step-check"),
        new RegExp(
            escapeRegExp(w("At the window these data will be compared with the document you show. If they differ, you will not be served.")),
        ),
    );
    await screenshot(page, "terminal-kiosk-3-check");
    await expectAccessible(page, "the terminal's check step");

    await page.click("#confirm");
    await page.locator("#step-ticket").waitFor();
    await page.waitForFunction(() => window.printed === 1);
    const number = (await page.textContent("#ticket-number")).trim();
    assert.match(number, /^\d{4}$/);
    assert.match(await page.textContent("#ticket-time"), /^\d\d:\d\d$/);
    assert.match(await page.textContent("#ticket-window"), /6/);
    assert.doesNotMatch(await page.textContent("#ticket"), /null|undefined/);
    assert.ok(await page.$eval("#ticket-qr", (img) => img.complete && img.naturalWidth > 0), "the QR picture is loaded");
    // the ticket holds no personal data, and the page keeps none after the registration
    const shownText = await page.evaluate(() => document.body.innerText);
    assert.ok(!shownText.includes("Тестенко") && !shownText.includes("ТТ100001"), "no personal data on the ticket step");
    assert.equal(await page.inputValue("#surname"), "");
    await screenshot(page, "terminal-kiosk-4-ticket");
    await expectAccessible(page, "the terminal's ticket");

    // The print view: the ticket alone.
    await page.emulateMedia({ media: "print" });
    for (const id of ["#ticket-number", "#ticket-time", "#ticket-window", "#ticket-qr"])
        assert.ok(await page.locator(id).isVisible(), `${id} is printed`);
    for (const selector of [".top", "#ticket-title", "#step-ticket .actions", "#print-status"])
        assert.ok(await page.locator(selector).first().isHidden(), `${selector} is not printed`);
    await screenshot(page, "terminal-ticket-print");
    await page.pdf({ path: join(screenshotDir(), "terminal-ticket.pdf"), width: "80mm", height: "160mm", printBackground: true });
    await page.emulateMedia({ media: "screen" });

    // "Print again" prints again.
    await page.click("#print-again");
    await page.waitForFunction(() => window.printed === 2);

    // The registration is real: the desk sees it today, arrived, from the terminal.
    const token = await logIn(server, "clerk1", "w1");
    const queue = await callApi(server, "/queue?channel=terminal", { token });
    const booking = queue.body.bookings.find((b) => b.ticket && b.ticket.display === number);
    assert.ok(booking, "the desk sees the ticket");
    assert.equal(booking.state, "arrived");
    assert.equal(booking.registration.surname, "Тестенко");
    assert.equal(booking.registration.birth_date, "1985-05-20");

    await page.click("#done");
    await page.locator("#step-service").waitFor();
    assert.equal(await page.textContent("#ticket"), "");
    expectNoErrors(page);
    await page.context().close();
});

test("a priority ticket for a legal entity's representative, at 1280x1024", async () => {
    const w = await words(server);
    const page = await openTerminal(KIOSK_LANDSCAPE);
    await ready(page);
    await screenshot(page, "terminal-1280-start");
    await page.click('[data-service="licence-exchange"]');
    await fillPerson(page, { ...PERSON, document: "ТТ100002", representative: true, priority: "serving_military" });
    assert.ok(await page.locator("#edrpou").isVisible());
    assert.ok(await page.locator("#rnokpp").isDisabled());
    await screenshot(page, "terminal-1280-data-representative");
    await page.click("#data-next");
    await page.locator("#step-check").waitFor();
    const facts = await page.textContent("#check-facts");
    assert.ok(facts.includes("12345678") && facts.includes("ТОВ Приклад"), facts);
    assert.match(facts, new RegExp(escapeRegExp(w("Serving military"))));
    await page.click("#confirm");
    await page.locator("#step-ticket").waitFor();
    await page.waitForFunction(() => window.printed === 1);
    assert.match(await page.textContent("#ticket-number"), /^П-\d+$/);
    assert.match(await page.textContent("#ticket-window"), /4, 6/);
    await screenshot(page, "terminal-1280-ticket-priority");
    expectNoErrors(page);
    await page.context().close();
});

test("an answer that arrives after the reset is dropped: the next visitor never sees it, and the terminal still works", async () => {
    const page = await openTerminal(KIOSK, "?idle=4");
    await ready(page);
    // The server's answers to this visitor are held back until after the idle reset.
    let release;
    const held = new Promise((resolve) => {
        release = resolve;
    });
    let heldRequests = 0;
    let answered;
    const sent = new Promise((resolve) => {
        answered = resolve;
    });
    await page.route("**/api/v1/registrations/check", async (route) => {
        heldRequests += 1;
        await held;
        await route.continue();
        answered();
    });
    await page.click('[data-service="consultation"]');
    await fillPerson(page, { ...PERSON, surname: "Затриманий", document: "ТТ100009" });
    await page.click("#data-next");
    await page.waitForFunction(() => document.getElementById("data-next").disabled);
    // Nobody touches the screen: the terminal starts over while the answer is still out.
    await page.locator("#step-service").waitFor({ state: "visible", timeout: 15000 });
    assert.equal(heldRequests, 1);
    release();
    await sent;
    await page.unroute("**/api/v1/registrations/check");
    await page.waitForTimeout(1500); // time for the late answer to arrive and be dropped
    assert.ok(await page.locator("#step-service").isVisible(), "the late answer moved the screen on");
    assert.ok(await page.locator("#step-check").isHidden());
    const text = await page.evaluate(() => document.body.innerText);
    for (const value of ["Затриманий", "ТТ100009"]) assert.ok(!text.includes(value), `${value} shown to the next visitor`);
    // The next visitor can register: nothing stays disabled.
    await page.click('[data-service="consultation"]');
    assert.equal(await page.locator("#data-next").isDisabled(), false);
    await fillPerson(page, { ...PERSON, document: "ТТ100010" });
    await page.click("#data-next");
    await page.locator("#step-check").waitFor();
    const facts = await page.textContent("#check-facts");
    assert.ok(facts.includes("ТТ100010") && !facts.includes("Затриманий"), facts);
    expectNoErrors(page);
    await page.context().close();
});

test("after a pause the terminal warns, then returns to the start and forgets everything", async () => {
    // a short pause for the test (/terminal?idle=<seconds>; the default is 60 s, the warning the last 15 s, or half of a short pause)
    const page = await openTerminal(KIOSK, "?idle=6");
    await ready(page);
    await page.click('[data-lang="en"]');
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await page.click('[data-service="vehicle-registration"]');
    await fillPerson(page, { ...PERSON, document: "ТТ100003" });
    await page.click("#data-next");
    await page.locator("#step-check").waitFor();
    await page.click("#confirm");
    await page.locator("#step-ticket").waitFor();
    const number = (await page.textContent("#ticket-number")).trim();

    // the warning comes first, with a way to stay
    await page.locator("#idle-warning").waitFor({ timeout: 8000 });
    assert.match(await page.textContent("#idle-text"), /\d+ s/);
    await page.click("#idle-stay");
    assert.ok(await page.locator("#idle-warning").isHidden());
    assert.ok(await page.locator("#step-ticket").isVisible(), "more time keeps the screen");
    // the warning comes back; nobody touches the screen this time (looking at it is no touch)
    await page.locator("#idle-warning").waitFor({ timeout: 8000 });
    await screenshot(page, "terminal-kiosk-idle-warning");
    await expectAccessible(page, "the terminal's inactivity warning");

    // then the reset
    await page.locator("#step-service").waitFor({ timeout: 10000 });
    await page.waitForFunction(() => document.documentElement.lang === "uk");
    const trace = await page.evaluate(() => ({
        text: document.body.innerText,
        html: document.body.innerHTML,
        inputs: [...document.querySelectorAll("input[type=text]")].map((i) => i.value).join(""),
        ticket: document.getElementById("ticket").childElementCount,
        facts: document.getElementById("check-facts").childElementCount,
        printed: document.body.dataset.printed || "",
        checked: document.getElementById("no_rnokpp").checked,
    }));
    assert.ok(!trace.text.includes(number), `the ticket number ${number} is still on the screen`);
    for (const value of ["Тестенко", "ТТ100003", "CHERHA:"]) assert.ok(!trace.html.includes(value), `${value} left in the page`);
    assert.equal(trace.inputs, "");
    assert.equal(trace.ticket, 0);
    assert.equal(trace.facts, 0);
    assert.equal(trace.printed, "");
    assert.equal(trace.checked, false);

    // a half-filled form goes as well
    await page.click('[data-service="consultation"]');
    await page.fill("#surname", "Незавершенко");
    await page.locator("#step-service").waitFor({ timeout: 10000 });
    assert.equal(await page.inputValue("#surname"), "");
    assert.ok(!(await page.content()).includes("Незавершенко"));
    expectNoErrors(page);
    await page.context().close();
});

test("the English switch and back, with big language buttons", async () => {
    const page = await openTerminal();
    await ready(page);
    const size = await page.$eval('[data-lang="en"]', (b) => b.getBoundingClientRect());
    assert.ok(size.height >= 48 && size.width >= 100, "big language buttons");
    await page.click('[data-lang="en"]');
    await page.waitForFunction(() => document.documentElement.lang === "en");
    assert.equal(await page.getAttribute('[data-lang="en"]', "aria-pressed"), "true");
    assert.equal(await page.textContent("#service-title"), "Register for a visit today");
    assert.match(await page.textContent('[data-service="consultation"]'), /Consultation/);
    assert.match(await page.textContent("#today"), /[A-Z][a-z]+day/);
    await screenshot(page, "terminal-kiosk-en-start");
    await page.click('[data-service="consultation"]');
    assert.match(await page.textContent('#document_type option[value="passport_book"]'), /passport/i);
    await page.click('[data-lang="uk"]');
    await page.waitForFunction(() => document.documentElement.lang === "uk");
    assert.match(await page.textContent(".chosen-service"), /Консультація/);
    expectNoErrors(page);
    await page.context().close();
});

test("empty, hostile and huge input shows clear errors, and nothing of it as HTML", async () => {
    const page = await openTerminal(PHONE);
    await ready(page);
    await screenshot(page, "terminal-phone-start");
    await page.click('[data-service="consultation"]');

    // empty
    await page.click("#data-next");
    await page.locator("#summary li").first().waitFor();
    for (const field of ["surname", "given_name", "birth_date", "rnokpp", "document_number"]) {
        assert.ok((await page.textContent(`#${field}-error`)).length > 5, `${field} has an error`);
        assert.equal(await page.getAttribute(`#${field}`, "aria-invalid"), "true");
    }
    assert.equal(await page.evaluate(() => document.activeElement.id), "surname", "the first wrong field has the focus");
    await screenshot(page, "terminal-phone-empty-errors");
    await expectAccessible(page, "the terminal's errors");

    // hostile strings
    await page.fill("#surname", '<img src=x onerror="window.hacked=1">');
    await page.fill("#given_name", '"><script>window.hacked=2</script>');
    await page.fill("#birth_date", "31.02.1990");
    await page.fill("#rnokpp", "1234567890");
    await page.fill("#document_number", "<b>1</b>");
    await page.click("#data-next");
    await page.waitForFunction(() => document.getElementById("birth_date-error").textContent.length > 0);
    assert.match(await page.textContent("#birth_date-error"), /20\.05\.1985/);
    await page.fill("#birth_date", "20.05.1985");
    await page.click("#data-next");
    await page.waitForFunction(() => document.getElementById("rnokpp-error").textContent.length > 0);
    assert.ok((await page.textContent("#surname-error")).length > 5, "the server's word on the surname");
    assert.ok((await page.textContent("#given_name-error")).length > 5);
    assert.ok((await page.textContent("#document_number-error")).length > 5);
    assert.match(await page.textContent("#rnokpp-error"), /RNOKPP|РНОКПП/);
    const injected = await page.evaluate(() => ({
        hacked: window.hacked,
        elements: document.querySelectorAll("main img, main script, main b").length,
    }));
    assert.deepEqual(injected, { hacked: undefined, elements: 0 });
    await screenshot(page, "terminal-phone-hostile-errors");

    // huge: more than the fields take, put in past maxlength
    await page.$eval("#surname", (input) => {
        input.value = "Ш".repeat(5000);
    });
    await page.fill("#given_name", "Марія");
    await page.click("#data-next");
    await page.waitForFunction(() => /100/.test(document.getElementById("surname-error").textContent));
    assert.ok(await page.locator("#step-data").isVisible(), "still on the data step");
    expectNoErrors(page);
    await page.context().close();
});

test("keyboard only: reach a service, fill the form and get to the check step", async () => {
    const page = await openTerminal(KIOSK_LANDSCAPE);
    await ready(page);
    // Tab past the language buttons to the first service
    let focused = "";
    for (let i = 0; i < 6 && focused !== "vehicle-registration"; i++) {
        await page.keyboard.press("Tab");
        focused = await page.evaluate(() => document.activeElement.dataset.service || "");
    }
    assert.equal(focused, "vehicle-registration");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, "none", "the focus is visible");
    await page.keyboard.press("Enter");
    await page.locator("#step-data").waitFor();
    // the radios first, then the fields in order
    await page.keyboard.press("Tab"); // kind radio group
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "surname");
    await page.keyboard.type("Клавіатуренко");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Олена");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.type("01.02.1990");
    await page.keyboard.press("Tab"); // rnokpp
    await page.keyboard.press("Tab"); // "no RNOKPP"
    await page.keyboard.press("Space");
    assert.equal(await page.isChecked("#no_rnokpp"), true);
    await page.keyboard.press("Tab"); // document type
    await page.selectOption("#document_type", "passport_book"); // a select's own keys differ per platform
    await page.focus("#document_number");
    await page.keyboard.type("ТТ100004");
    await page.keyboard.press("Enter");
    await page.locator("#step-check").waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), "check-title");
    assert.match(await page.textContent("#check-facts"), /Клавіатуренко/);
    expectNoErrors(page);
    await page.context().close();
});

test("a missing or wrong device token shows a clear message", async () => {
    const w = await words(server);
    const none = await openTerminal(KIOSK, "", null);
    await none.locator("#setup").waitFor();
    assert.match(await none.textContent("#setup-text"), /#device=/);
    assert.ok(await none.locator("#step-service").isHidden());
    await screenshot(none, "terminal-kiosk-no-token");
    await expectAccessible(none, "the terminal without a token");
    expectNoErrors(none);
    await none.context().close();

    const wrong = await openTerminal(KIOSK, "", "not-a-real-token");
    await wrong.locator("#setup").waitFor();
    assert.match(
        await wrong.textContent("#setup-text"),
        new RegExp(
            escapeRegExp(
                w("The device token of this terminal is not valid (it may have been withdrawn). Ask the administrator for a new terminal address."),
            ),
        ),
    );
    expectNoErrors(wrong, [/status of 401/]);
    await wrong.context().close();

    // A board's token is refused at the registration, with words and no ticket.
    const board = await openTerminal(KIOSK, "", server.board);
    await ready(board);
    await board.click('[data-service="consultation"]');
    await fillPerson(board, { ...PERSON, document: "ТТ100009" });
    await board.click("#data-next");
    await board.locator("#step-check").waitFor();
    await board.click("#confirm");
    await board.waitForFunction(() => document.getElementById("confirm-error").textContent.length > 0);
    assert.match(
        await board.textContent("#confirm-error"),
        new RegExp(escapeRegExp(w("This terminal's device token is not accepted. Please ask the staff for help."))),
    );
    assert.ok(await board.locator("#step-ticket").isHidden());
    expectNoErrors(board, [/status of 403/]);
    await board.context().close();
});
