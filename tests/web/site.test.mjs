// What holds for every page the server serves: the security headers, no inline script or style
// and nothing from another site in the files, the words in Ukrainian and English for every
// string the pages use, and the answers for paths that are not there.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { expectNoErrors, launchBrowser, openPage, pageReady, startServer } from "./harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const web = join(here, "..", "..", "resources", "web");
const PAGES = { "/": "index.html", "/my": "my.html", "/terminal": "terminal.html", "/board": "board.html" };

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

test("every page and file is sent with the strict policy and an ETag, and revalidates", async () => {
    const statics = readdirSync(join(web, "static")).map((name) => "/static/" + name);
    for (const path of [...Object.keys(PAGES), ...statics]) {
        const response = await fetch(server.url + path);
        assert.equal(response.status, 200, path);
        const csp = response.headers.get("content-security-policy") || "";
        assert.match(csp, /default-src 'none'/, path);
        assert.match(csp, /script-src 'self'(;|$)/, path);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/, path);
        assert.match(csp, /frame-ancestors 'none'/, path);
        assert.equal(response.headers.get("x-content-type-options"), "nosniff", path);
        const etag = response.headers.get("etag");
        assert.ok(etag, path);
        const again = await fetch(server.url + path, { headers: { "If-None-Match": etag } });
        assert.equal(again.status, 304, path);
    }
    const types = {
        "/": /^text\/html/,
        "/static/common.js": /^text\/javascript/,
        "/static/cherha.css": /^text\/css/,
    };
    for (const [path, type] of Object.entries(types))
        assert.match((await fetch(server.url + path)).headers.get("content-type"), type, path);
});

test("the files hold no inline script, inline style, inline handler or address of another site", () => {
    for (const page of Object.values(PAGES)) {
        const html = readFileSync(join(web, page), "utf8");
        for (const script of html.match(/<script\b[^>]*>/g) || [])
            assert.match(script, /\bsrc="\/static\/[A-Za-z0-9._-]+"/, `${page}: ${script}`);
        assert.doesNotMatch(html, /<script\b[^>]*>[^<\s]/, `${page}: inline script`);
        assert.doesNotMatch(html, /\sstyle=|<style\b/i, `${page}: inline style`);
        assert.doesNotMatch(html, /\son[a-z]+=/i, `${page}: inline handler`);
        assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//i, `${page}: another site`);
        assert.match(html, /<html lang="uk"/, `${page}: Ukrainian first`);
        assert.match(html, /<meta name="viewport"/, `${page}: phone viewport`);
    }
    for (const name of readdirSync(join(web, "static")).filter((n) => n.endsWith(".js"))) {
        const source = readFileSync(join(web, "static", name), "utf8");
        assert.doesNotMatch(source, /\.innerHTML\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(/, name);
        assert.doesNotMatch(source, /fetch\(\s*["'`]https?:/, `${name}: a request to another site`);
    }
});

test("the words: every string of the pages is translated into Ukrainian, English stays English", async () => {
    const uk = await (await fetch(server.url + "/texts/uk.json")).json();
    const en = await (await fetch(server.url + "/texts/en.json")).json();
    assert.equal(uk.language, "uk");
    assert.equal(en.language, "en");
    const msgids = Object.keys(uk.messages);
    assert.ok(msgids.length > 100, `only ${msgids.length} strings collected`);
    assert.deepEqual(Object.keys(en.messages).sort(), msgids.slice().sort());
    // Names of languages and of the product, and pure formats, may be the same in both.
    const same = new Set(["English", "Українська", "RNOKPP", "EDRPOU", "ID", "QR"]);
    const words = (m) => /[a-z]{3}/i.test(m.replace(/\{[a-z_]+\}/g, ""));
    const untranslated = msgids.filter((m) => uk.messages[m] === m && !same.has(m) && words(m));
    assert.deepEqual(untranslated, [], "strings the Ukrainian catalog lacks");
    for (const m of msgids) assert.equal(en.messages[m], m);
    // The problem sentences come along, with their placeholders kept.
    assert.match(uk.problems["rnokpp.check_digit"], /\{expected\}/);
    assert.notEqual(uk.problems["rnokpp.check_digit"], en.problems["rnokpp.check_digit"]);
    for (const [code, sentence] of Object.entries(en.problems))
        for (const name of sentence.match(/\{[a-z_]+\}/g) || [])
            assert.ok(uk.problems[code].includes(name), `${code}: ${name} lost in Ukrainian`);
    const missing = await fetch(server.url + "/texts/de.json");
    assert.equal(missing.status, 404);
});

test("paths that are not there get a 404, never a file of the machine", async () => {
    for (const path of [
        "/static/../../etc/passwd",
        "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/static/",
        "/static/nothing.js",
        "/static/.hidden",
        "/index.html",
        "/terminal/extra",
        "/texts/uk",
        "/texts/..%2fuk.json",
    ]) {
        const response = await fetch(server.url + path);
        assert.ok([404, 400].includes(response.status), `${path}: ${response.status}`);
        const body = await response.text();
        assert.doesNotMatch(body, /root:|<html/, path);
    }
    // A state-changing request from a page of another site is refused.
    const refused = await fetch(server.url + "/api/v1/bookings/cancel", {
        method: "POST",
        headers: { Origin: "http://evil.example", "Content-Type": "text/plain" },
        body: JSON.stringify({ code: "AAAA-BBBB", identity: "123" }),
    });
    assert.equal(refused.status, 403);
    assert.equal((await refused.json()).error, "http.cross_origin");
});

test("each page opens without an error in Ukrainian, with its language buttons", async () => {
    for (const path of ["/", "/my"]) {
        const page = await openPage(browser, server, path);
        await pageReady(page);
        assert.equal(await page.evaluate(() => document.documentElement.lang), "uk");
        const title = await page.title();
        assert.ok(title && !/^Cherha$/.test(title) && /[а-яіїєґ]/i.test(title), `${path}: title ${title}`);
        await page.click('[data-lang="en"]');
        await page.waitForFunction(() => document.documentElement.lang === "en");
        expectNoErrors(page);
        await page.context().close();
    }
});
