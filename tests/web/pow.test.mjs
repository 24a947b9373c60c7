// The proof of work without Web Crypto: browsers give crypto.subtle only to https:// pages and
// localhost, so a booking page served over plain HTTP in a center's network hashes with
// resources/web/static/sha256.js. Its digests are compared with node's crypto here, and the
// page's worker is run with both engines in Chromium; a nonce found by the JavaScript engine
// books a real slot.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

import { callApi, expectNoErrors, launchBrowser, openPage, pageReady, startServer } from "./harness.mjs";
import { freeSlots, syntheticPerson } from "./people.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const sha256Source = readFileSync(join(here, "..", "..", "resources", "web", "static", "sha256.js"), "utf8");

let server;
let browser;

before(async () => {
    server = await startServer({ powDifficulty: 12 });
    browser = await launchBrowser();
});

after(async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
});

function leadingZeroBits(digest) {
    let bits = 0;
    for (const byte of digest) {
        if (byte === 0) {
            bits += 8;
            continue;
        }
        return bits + Math.clz32(byte) - 24;
    }
    return bits;
}

test("sha256.js gives node's SHA-256 for every length around the block boundaries and random text", () => {
    const context = vm.createContext({ Uint8Array, Uint32Array, DataView, Math });
    context.globalThis = context;
    vm.runInContext(sha256Source, context);
    const sha256 = context.cherhaSha256;
    assert.equal(typeof sha256, "function");
    const messages = [];
    for (let length = 0; length <= 200; length += 1) messages.push(Buffer.alloc(length, length % 251));
    for (let i = 0; i < 50; i += 1) messages.push(randomBytes(1 + (i * 97) % 3000));
    messages.push(Buffer.from("1.abc.1795511062.18.mac:12345", "utf8"));
    messages.push(Buffer.from("Шевченко ✓ 🇺🇦", "utf8"));
    for (const message of messages) {
        const expected = createHash("sha256").update(message).digest("hex");
        const actual = Buffer.from(sha256(new Uint8Array(message))).toString("hex");
        assert.equal(actual, expected, `length ${message.length}`);
    }
    // The textbook value, so a wrong node could not hide a wrong script.
    assert.equal(
        Buffer.from(sha256(new TextEncoder().encode("abc"))).toString("hex"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
});

// Runs the page's worker in Chromium on `challenge` and resolves with its answer.
async function runWorker(page, challenge, difficulty, engine) {
    return page.evaluate(
        ({ challenge, difficulty, engine }) =>
            new Promise((resolve) => {
                const worker = new Worker("/static/pow-worker.js");
                const progress = [];
                worker.addEventListener("message", (event) => {
                    if (event.data.progress) {
                        progress.push(event.data.progress);
                        return;
                    }
                    worker.terminate();
                    resolve({ ...event.data, progress });
                });
                worker.postMessage({ challenge, difficulty, engine });
            }),
        { challenge, difficulty, engine },
    );
}

test("the page's worker solves a challenge with Web Crypto and with sha256.js, and the server takes it", async () => {
    const page = await openPage(browser, server, "/");
    await pageReady(page);
    for (const engine of ["webcrypto", "js"]) {
        const challenge = await callApi(server, "/pow", { method: "POST", body: {} });
        assert.equal(challenge.status, 200);
        assert.equal(challenge.body.difficulty, 12);
        const answer = await runWorker(page, challenge.body.challenge, challenge.body.difficulty, engine);
        assert.equal(answer.error, undefined, answer.error);
        assert.equal(answer.engine, engine);
        const digest = createHash("sha256").update(`${challenge.body.challenge}:${answer.nonce}`).digest();
        assert.ok(leadingZeroBits(digest) >= 12, `${engine}: nonce ${answer.nonce} does not solve it`);
        if (answer.tried > 8192) assert.ok(answer.progress.length > 0, `${engine}: no progress reported`);

        // The server accepts the nonce with a real booking.
        const [slot] = (await freeSlots(server, ["vehicle-registration"])).slice(engine === "js" ? 1 : 0);
        const booked = await callApi(server, "/bookings", {
            method: "POST",
            body: {
                service: slot.service,
                day: slot.day,
                time: slot.time,
                registration: syntheticPerson(engine === "js" ? 11 : 12),
                pow: { challenge: challenge.body.challenge, nonce: answer.nonce },
            },
        });
        assert.equal(booked.status, 201, JSON.stringify(booked.body));
    }
    // A malformed request is answered with an error, not a hang.
    const bad = await page.evaluate(
        () =>
            new Promise((resolve) => {
                const worker = new Worker("/static/pow-worker.js");
                worker.addEventListener("message", (event) => resolve(event.data));
                worker.postMessage({ challenge: 5, difficulty: "x" });
            }),
    );
    assert.ok(bad.error);
    expectNoErrors(page);
    await page.context().close();
});
