// The personal-data form of the booking page: reading it into the registration the API takes,
// and showing the server's own problems (POST /registrations/check) beside the fields, in
// words, never as HTML. ES module.
import { ApiError, api, describeProblem, el, fill, t } from "./common.js";
import { readableParams } from "./booking-view.js";

// The byte limits of the API (src/formats/person_json.h): longer texts are cut to these for the
// check only, so that the server still judges them (a name that long is "too long") instead of
// refusing the whole request.
const MAX_NAME_BYTES = 400;
const MAX_ENTITY_NAME_BYTES = 800;
const MAX_NUMBER_BYTES = 64;

const encoder = new TextEncoder();

function clipBytes(text, max) {
    if (encoder.encode(text).length <= max) return text;
    let out = "";
    let bytes = 0;
    for (const character of text) {
        const size = encoder.encode(character).length;
        if (bytes + size > max) break;
        out += character;
        bytes += size;
    }
    return out;
}

// "15.01.1990", "15/01/1990", "15-01-1990", "1990-01-15" -> "1990-01-15"; "" -> ""; else null.
export function parseBirthDate(text) {
    const value = text.trim();
    if (value === "") return "";
    let day, month, year;
    let match = value.match(/^(\d{1,2})[.\/\- ](\d{1,2})[.\/\- ](\d{4})$/);
    if (match) [, day, month, year] = match;
    else if ((match = value.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/))) [, year, month, day] = match;
    else if ((match = value.match(/^(\d{2})(\d{2})(\d{4})$/))) [, day, month, year] = match;
    else return null;
    const d = Number(day);
    const m = Number(month);
    if (m < 1 || m > 12 || d < 1 || d > 31) return null;
    return `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

// "1990-01-15" -> "15.01.1990".
export function dottedDate(iso) {
    const [y, m, d] = iso.split("-");
    return `${d}.${m}.${y}`;
}

// The form's fields: key -> element id.
export const FIELDS = {
    surname: "surname",
    given_name: "given-name",
    patronymic: "patronymic",
    birth_date: "birth-date",
    rnokpp: "rnokpp",
    document_type: "document-type",
    document_number: "document-number",
    edrpou: "edrpou",
    entity_name: "entity-name",
};

// Which field a problem of the registration belongs to ("" for the form as a whole).
export function fieldOf(code, params = {}) {
    if (code === "rnokpp.birth_date_mismatch") return "birth_date";
    if (code.startsWith("rnokpp.")) return "rnokpp";
    if (code.startsWith("edrpou.")) return "edrpou";
    if (code.startsWith("document.")) return "document_number";
    switch (code) {
        case "registration.name_required":
        case "registration.name_too_long":
        case "registration.name_invalid":
        case "registration.name_mixed_scripts":
            return FIELDS[params.field] ? params.field : "surname";
        case "registration.birth_date":
            return "birth_date";
        case "registration.rnokpp_required":
        case "registration.rnokpp_conflict":
        case "registration.identity_missing":
            return "rnokpp";
        case "registration.document_type_invalid":
            return "document_type";
        case "registration.entity_required":
            return "edrpou";
        case "registration.entity_name_required":
        case "registration.entity_name_too_long":
        case "registration.entity_name_invalid":
            return "entity_name";
        default:
            break;
    }
    if (code.startsWith("request.") && typeof params.field === "string") {
        const path = params.field.replace(/^registration\./, "");
        const map = {
            surname: "surname",
            given_name: "given_name",
            patronymic: "patronymic",
            birth_date: "birth_date",
            rnokpp: "rnokpp",
            "document.type": "document_type",
            "document.number": "document_number",
            "legal_entity.edrpou": "edrpou",
            "legal_entity.name": "entity_name",
        };
        if (map[path]) return map[path];
    }
    return "";
}

// The problems the page finds itself (what the server cannot be asked about: a date it cannot
// read). Each: {code, params, text} where text is a msgid.
function localProblems(values) {
    const problems = [];
    if (values.birthDate === "") problems.push({ field: "birth_date", local: "empty_birth_date" });
    else if (values.birthDate === null) problems.push({ field: "birth_date", local: "bad_birth_date" });
    return problems;
}

function localText(local) {
    if (local === "empty_birth_date") return t("Enter the date of birth, for example 15.01.1990.");
    if (local === "bad_birth_date") return t("Write the date of birth as day.month.year, for example 15.01.1990.");
    return t("Check this field.");
}

// Words for a problem {code, params} or {local}; the dates in it as people write them.
export function problemWords(problem, zone) {
    if (problem.local) return localText(problem.local);
    if (problem.code === "request.too_long") return fill(t("This is too long: it cannot have more than {max} characters."), { max: problem.params.max });
    return describeProblem(problem.code, readableParams(problem.params, zone));
}

export class RegistrationForm {
    // `form` the <form>; `onChange` is told when the shown problems changed.
    constructor(form, { zone, summary, summaryList }) {
        this.form = form;
        this.zone = zone;
        this.summary = summary;
        this.summaryList = summaryList;
        this.touched = new Set();
        this.problems = [];     // the last answer: [{field, code, params} | {field, local}]
        this.showAll = false;
        this.sequence = 0;
        this.timer = null;
        this.wire();
    }

    input(key) {
        return this.form.querySelector("#" + FIELDS[key]);
    }

    wire() {
        const kinds = this.form.querySelectorAll('input[name="kind"]');
        for (const radio of kinds) radio.addEventListener("change", () => {
            this.syncKind();
            this.schedule(0);
        });
        const noRnokpp = this.form.querySelector("#no-rnokpp");
        noRnokpp.addEventListener("change", () => {
            this.syncNoRnokpp();
            this.touched.add("rnokpp");
            this.schedule(0);
        });
        this.form.querySelector("#document-type").addEventListener("change", () => {
            this.syncDocumentHint();
            if (this.input("document_number").value.trim() !== "") this.touched.add("document_number");
            this.schedule(0);
        });
        for (const key of Object.keys(FIELDS)) {
            const input = this.input(key);
            input.addEventListener("blur", () => {
                if (input.value.trim() !== "" || this.touched.has(key)) this.touched.add(key);
                this.schedule(0);
            });
            input.addEventListener("change", () => {
                this.touched.add(key);
                this.schedule(0);
            });
            input.addEventListener("input", () => {
                // Typing again: re-check a field that already shows a problem, a little later.
                if (this.touched.has(key)) this.schedule(600);
            });
        }
        this.syncKind();
        this.syncNoRnokpp();
        this.syncDocumentHint();
    }

    kind() {
        const checked = this.form.querySelector('input[name="kind"]:checked');
        return checked ? checked.value : "natural_person";
    }

    syncKind() {
        const representative = this.kind() === "legal_entity_representative";
        this.form.querySelector("#entity-card").hidden = !representative;
        const legend = this.form.querySelector("#person-legend");
        legend.dataset.t = representative ? "The representative who comes" : "The person who comes";
        legend.textContent = t(legend.dataset.t);
    }

    syncNoRnokpp() {
        const none = this.form.querySelector("#no-rnokpp").checked;
        const rnokpp = this.input("rnokpp");
        rnokpp.disabled = none;
        if (none) rnokpp.value = "";
    }

    syncDocumentHint() {
        const hint = this.form.querySelector("#document-number-hint");
        switch (this.input("document_type").value) {
            case "id_card":
                hint.textContent = t("9 digits, for example 001234567");
                break;
            case "passport_book":
                hint.textContent = t("2 Cyrillic letters and 6 digits, for example KA123456");
                break;
            case "foreign_passport":
                hint.textContent = t("2 Latin letters and 6 digits, for example FA123456");
                break;
            case "driving_licence":
                hint.textContent = t("3 letters and 6 digits, for example AAB123456");
                break;
            case "residence_permit":
                hint.textContent = t("9 digits (card) or 2 letters and 6 digits (booklet)");
                break;
            default:
                hint.textContent = "";
        }
    }

    // The form's values as typed.
    values() {
        const value = (key) => this.input(key).value;
        return {
            kind: this.kind(),
            surname: value("surname"),
            givenName: value("given_name"),
            patronymic: value("patronymic"),
            birthText: value("birth_date"),
            birthDate: parseBirthDate(value("birth_date")),
            rnokpp: value("rnokpp").trim(),
            noRnokpp: this.form.querySelector("#no-rnokpp").checked,
            documentType: value("document_type"),
            documentNumber: value("document_number").trim(),
            edrpou: value("edrpou").trim(),
            entityName: value("entity_name"),
            website: this.form.querySelector("#website").value,
        };
    }

    // The registration for POST /bookings (clip: cut to the API's byte limits, for the check).
    registration({ clip = false } = {}) {
        const v = this.values();
        const name = (text) => (clip ? clipBytes(text, MAX_NAME_BYTES) : text);
        const number = (text) => (clip ? clipBytes(text, MAX_NUMBER_BYTES) : text);
        let birth = v.birthDate;
        if (!birth) {
            // A date the page cannot read is shown as the page's own problem; the server is
            // asked about the rest with a stand-in date whose problems are not shown.
            const digits = v.rnokpp.match(/^\d{5}/);
            birth = "1990-01-01";
            if (digits) {
                const date = new Date(Date.UTC(1899, 11, 31) + Number(digits[0]) * 86400000);
                if (!Number.isNaN(date.getTime())) birth = date.toISOString().slice(0, 10);
            }
        }
        const registration = {
            kind: v.kind,
            surname: name(v.surname),
            given_name: name(v.givenName),
            birth_date: birth,
            document: { type: v.documentType, number: number(v.documentNumber) },
        };
        if (v.patronymic !== "") registration.patronymic = name(v.patronymic);
        if (v.noRnokpp) registration.no_rnokpp = true;
        else registration.rnokpp = number(v.rnokpp);
        if (v.kind === "legal_entity_representative")
            registration.legal_entity = {
                edrpou: number(v.edrpou),
                name: clip ? clipBytes(v.entityName, MAX_ENTITY_NAME_BYTES) : v.entityName,
            };
        return registration;
    }

    schedule(delay) {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => {
            this.validate().catch(() => {});
        }, delay);
    }

    // Asks the server about the whole registration; resolves with the problems (and shows them).
    async validate({ all = false } = {}) {
        clearTimeout(this.timer);
        if (all) {
            this.showAll = true;
            for (const key of Object.keys(FIELDS)) this.touched.add(key);
        }
        const sequence = ++this.sequence;
        const values = this.values();
        const local = localProblems(values);
        let remote = [];
        try {
            const answer = await api("/registrations/check", { method: "POST", body: { registration: this.registration({ clip: true }) } });
            remote = (answer && Array.isArray(answer.problems) ? answer.problems : []).map((p) => ({
                code: String(p.code),
                params: p.params && typeof p.params === "object" ? p.params : {},
            }));
        } catch (error) {
            if (!(error instanceof ApiError) || error.status === 0 || error.status >= 500) throw error;
            remote = [{ code: error.code, params: error.params || {} }];
        }
        if (sequence !== this.sequence) return this.problems;
        const birthLocal = local.some((p) => p.field === "birth_date");
        const problems = [...local];
        for (const problem of remote) {
            const field = fieldOf(problem.code, problem.params);
            if (birthLocal && field === "birth_date") continue;
            problems.push({ ...problem, field });
        }
        this.problems = problems;
        this.show();
        return problems;
    }

    // Sets problems found elsewhere (the answer of POST /bookings) and shows them.
    setProblems(list) {
        for (const key of Object.keys(FIELDS)) this.touched.add(key);
        this.showAll = true;
        this.problems = list.map((p) => ({ ...p, field: fieldOf(p.code, p.params || {}) }));
        this.show();
    }

    visibleProblems() {
        const representative = this.kind() === "legal_entity_representative";
        return this.problems.filter((p) => {
            if (!representative && (p.field === "edrpou" || p.field === "entity_name")) return false;
            return p.field === "" || this.showAll || this.touched.has(p.field);
        });
    }

    // Shows the problems beside their fields (and in the summary after a "Continue").
    show() {
        const visible = this.visibleProblems();
        for (const key of Object.keys(FIELDS)) {
            const input = this.input(key);
            const mine = visible.filter((p) => p.field === key);
            const error = this.form.querySelector("#" + FIELDS[key] + "-error");
            error.textContent = mine.map((p) => problemWords(p, this.zone)).join(" ");
            if (mine.length) input.setAttribute("aria-invalid", "true");
            else input.removeAttribute("aria-invalid");
        }
        this.summaryList.replaceChildren();
        if (!this.showAll || visible.length === 0) {
            this.summary.hidden = true;
            return;
        }
        for (const problem of visible) {
            const target = problem.field ? FIELDS[problem.field] : "";
            const words = problemWords(problem, this.zone);
            if (target) {
                const link = el("a", { href: "#" + target }, words);
                link.addEventListener("click", (event) => {
                    event.preventDefault();
                    const input = this.form.querySelector("#" + target);
                    input.focus();
                    input.scrollIntoView({ block: "center" });
                });
                this.summaryList.append(el("li", {}, link));
            } else {
                this.summaryList.append(el("li", {}, words));
            }
        }
        this.summary.hidden = false;
    }

    // The problems of the fields that are not filled in correctly, after a "Continue".
    blocking() {
        return this.visibleProblems();
    }
}
