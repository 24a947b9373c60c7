// Synthetic people and bookings for the browser tests: valid RNOKPPs for invented people
// (never a real person's data), the proof of work solved in node, bookings and free slots
// through the API beside the page.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";

import { callApi } from "./harness.mjs";

// --- Synthetic identities -----------------------------------------------------------------

let serial = 0;

// A valid RNOKPP for `birth` ("YYYY-MM-DD"), unique within this run (digits 6-8).
export function syntheticRnokpp(birth, sexDigit = 3) {
    serial += 1;
    const days = Math.round((Date.parse(birth + "T00:00:00Z") - Date.UTC(1899, 11, 31)) / 86400000);
    const nine = String(days).padStart(5, "0") + String(100 + (serial % 900)).padStart(3, "0") + String(sexDigit);
    const weights = [-1, 5, 7, 9, 4, 6, 10, 5, 7];
    const sum = weights.reduce((total, weight, i) => total + weight * Number(nine[i]), 0);
    return nine + String((((sum % 11) + 11) % 11) % 10);
}

// A synthetic natural person (names from a fixed list of common words, not a real person).
export function syntheticPerson(index, birth = "1988-03-14") {
    const surnames = ["Тестенко", "Пробенко", "Зразковий", "Вигаданий", "Макетенко", "Приклад"];
    return {
        kind: "natural_person",
        surname: surnames[index % surnames.length],
        given_name: "Тарас",
        patronymic: "Іванович",
        birth_date: birth,
        rnokpp: syntheticRnokpp(birth),
        document: { type: "id_card", number: String(900000000 + ((serial * 7919 + index) % 99999999)).padStart(9, "0") },
    };
}

export function wrongCheckDigit(rnokpp) {
    return rnokpp.slice(0, 9) + String((Number(rnokpp[9]) + 1) % 10);
}

// --- The API beside the page (`server` from startServer) ----------------------------------------------------------

export function solvePow(challenge, difficulty) {
    for (let nonce = 0; ; nonce += 1) {
        const digest = createHash("sha256").update(`${challenge}:${nonce}`).digest();
        let bits = 0;
        for (const byte of digest) {
            if (byte === 0) {
                bits += 8;
                continue;
            }
            bits += Math.clz32(byte) - 24;
            break;
        }
        if (bits >= difficulty) return String(nonce);
    }
}

export async function bookViaApi(server, service, day, time, registration) {
    const pow = await callApi(server, "/pow", { method: "POST", body: {} });
    assert.equal(pow.status, 200);
    const nonce = solvePow(pow.body.challenge, pow.body.difficulty);
    return callApi(server, "/bookings", {
        method: "POST",
        body: { service, day, time, registration, pow: { challenge: pow.body.challenge, nonce } },
    });
}

// Every bookable online slot of the window: [{service, day, time}].
export async function freeSlots(server, services = null) {
    const info = (await callApi(server, "/services")).body;
    const out = [];
    for (const service of info.services) {
        if (services && !services.includes(service.id)) continue;
        for (let i = 0; i < info.online_window_days; i += 1) {
            const [y, m, d] = info.today.split("-").map(Number);
            const day = new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10);
            const answer = await callApi(server, `/services/${service.id}/slots?day=${day}&channel=online`);
            for (const slot of answer.body.slots || [])
                if (slot.bookable && slot.free > 0) out.push({ service: service.id, day, time: slot.time });
        }
    }
    return out;
}
