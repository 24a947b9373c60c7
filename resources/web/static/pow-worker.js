// The booking page's proof of work, solved off the main thread (the page never freezes).
// Message in: {challenge, difficulty}. Messages out: {progress: hashes tried} now and then,
// then {nonce: "<decimal>", tried} or {error: "..."}.
// A nonce fits when SHA-256(challenge + ":" + nonce) starts with `difficulty` zero bits (most
// significant bit of the first byte first). The digests are asked for in batches, so Web
// Crypto works on many at once. Where the page has no Web Crypto (plain http:// other than
// localhost) the worker hashes with sha256.js; {engine: "js"} in the message asks for it (the
// browser test checks both engines).
"use strict";

const BATCH = 256;
const encoder = new TextEncoder();

function leadingZeroBits(bytes, wanted) {
    let bits = 0;
    for (const byte of bytes) {
        if (byte === 0) {
            bits += 8;
            if (bits >= wanted) return bits;
            continue;
        }
        return bits + Math.clz32(byte) - 24;
    }
    return bits;
}

// Without Web Crypto: the same search, hashed in JavaScript, reporting as often.
function solveInJavaScript(challenge, difficulty) {
    if (typeof globalThis.cherhaSha256 !== "function") importScripts("/static/sha256.js");
    let lastReport = 0;
    for (let nonce = 0; ; nonce += 1) {
        const digest = globalThis.cherhaSha256(encoder.encode(challenge + ":" + nonce));
        if (leadingZeroBits(digest, difficulty) >= difficulty) {
            self.postMessage({ nonce: String(nonce), tried: nonce + 1, engine: "js" });
            return;
        }
        if (nonce + 1 - lastReport >= 4096) {
            lastReport = nonce + 1;
            self.postMessage({ progress: nonce + 1 });
        }
    }
}

async function solve(challenge, difficulty) {
    let tried = 0;
    let lastReport = 0;
    for (let start = 0; ; start += BATCH) {
        const batch = [];
        for (let nonce = start; nonce < start + BATCH; nonce += 1)
            batch.push(crypto.subtle.digest("SHA-256", encoder.encode(challenge + ":" + nonce)));
        const digests = await Promise.all(batch);
        for (let i = 0; i < digests.length; i += 1) {
            if (leadingZeroBits(new Uint8Array(digests[i]), difficulty) >= difficulty) {
                self.postMessage({ nonce: String(start + i), tried: tried + i + 1, engine: "webcrypto" });
                return;
            }
        }
        tried += BATCH;
        if (tried - lastReport >= 4096) {
            lastReport = tried;
            self.postMessage({ progress: tried });
        }
    }
}

self.addEventListener("message", (event) => {
    const { challenge, difficulty, engine } = event.data || {};
    if (typeof challenge !== "string" || !Number.isInteger(difficulty) || difficulty < 0 || difficulty > 64) {
        self.postMessage({ error: "bad request" });
        return;
    }
    const webCrypto = self.crypto && self.crypto.subtle && engine !== "js";
    try {
        if (!webCrypto) {
            solveInJavaScript(challenge, difficulty);
            return;
        }
    } catch (error) {
        self.postMessage({ error: String(error && error.message) });
        return;
    }
    solve(challenge, difficulty).catch((error) => self.postMessage({ error: String(error && error.message) }));
});
