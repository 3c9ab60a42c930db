// Network faults, end to end in Chromium: the fault matrix, each of the four calls × each fault
// of api.md's "What a client must expect" (route interception, and CDP network emulation). In
// every case the page stays usable (the main landmark, and the customer gets where they were
// going once the fault is gone), says what happened in its status region, keeps what the
// customer typed, retries a GET as it should and sends a POST once, and raises no page error.
//
// The matrix is data: `faults` (the rows) × `calls` (the columns), one subtest per case, run a
// few at a time in one browser; it prints its figures (cases tried, faults survived). The page's
// timeouts are shortened through config.json's timeout_ms, served per page.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { launchBrowser, startServer, ticketLinks, waitForApp } from './harness.mjs';
import { button, replyBox, searchBox, statusText, until, waitForThread } from './flows_common.mjs';
import {
    backToList, en, faultPage as openFaultPage, json, learnTickets, linkTo, mainLandmark,
    openTicket as openTicketOf, readSiteConfig, realErrors, storedDraft, texts, waitForArticle,
    waitForReplyText, waitForStatus, waitForStoredDraft,
} from './faults_common.mjs';

const { unreachable, badAnswer, tooLarge, serverError } = texts;
const runId = Date.now().toString(36);

// How many cases run at once, each in a page of its own (2 cores in CI: WebGL in software), and
// which (a pattern on "call fault-id", e.g. FAULTS_ONLY='^reply|timeout'; all by default).
const parallel = Number(process.env.FAULTS_PARALLEL ?? 6);
const only = new RegExp(process.env.FAULTS_ONLY ?? '');

let server;
let browser;
let siteConfig;
let tickets; // learnTickets()
let bodyCap = 0;
let hugeBody = '';

// The model's cap on a body (src/core/decode.h), read from the source so that the "huge body"
// case stays over it whatever it is raised to.
async function readBodyCap() {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const header = await readFile(path.join(here, '../../src/core/decode.h'), 'utf8');
    const found = /k_max_body_bytes\s*=\s*([0-9u'*\s]+);/.exec(header);
    assert.ok(found, 'k_max_body_bytes in src/core/decode.h');
    return found[1].split('*').map((part) => Number(part.replace(/[u'\s]/g, '')))
        .reduce((a, b) => a * b, 1);
}

before(async () => {
    server = await startServer('faults');
    // The matrix looks at no pixel: the page is composited in software, which on two cores
    // costs a quarter less than compositing through SwiftShader (WebGL still draws there).
    browser = await launchBrowser({ extraArgs: ['--disable-gpu-compositing'] });
    siteConfig = await readSiteConfig();
    tickets = await learnTickets(browser, server);
    bodyCap = await readBodyCap();
    // Valid JSON, a megabyte over the cap: a list of one row, again and again.
    const row = '{"id": 1, "product_id": 1, "departement": "COM", "sujet": "x", "status": "OPEN", '
        + '"message": "x", "date": 1},';
    hugeBody = `[${row.repeat(Math.ceil((bodyCap + 1024 * 1024) / row.length))}${row.slice(0, -1)}]`;
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

// Tickets and pages -----------------------------------------------------------------------------

const subjectOf = (id) => tickets.subjectOf(id);
const faultPage = (timeoutMs, reuse) => openFaultPage(browser, siteConfig, timeoutMs, reuse);
const openTicket = (page, id) => openTicketOf(page, id, subjectOf(id));

// Slow 3G as Chromium's DevTools define it: 400 ms × 5 of latency, 500 kbit/s × 0.8 each way.
// The emulation lasts as long as its DevTools session: kept on the page until turned off.
const slowSessions = new WeakMap();
async function emulateSlow3g(page, on) {
    if (!on) {
        await slowSessions.get(page)?.detach();
        slowSessions.delete(page);
        return;
    }
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    const speed = (500 * 1024 * 0.8) / 8;
    await cdp.send('Network.emulateNetworkConditions', {
        offline: false, latency: 2000, downloadThroughput: speed, uploadThroughput: speed,
    });
    slowSessions.set(page, cdp);
}

// The fault matrix -------------------------------------------------------------------------------

const calls = ['list', 'thread', 'reply', 'close'];
const isPost = (call) => call === 'reply' || call === 'close';

// Rows sent where a list or a thread belongs: a field of each wrong type, an id as a string, a
// row with no usable id.
function wrongTypesBody(call, id) {
    if (call === 'list') {
        return [
            { id: String(id), product_id: '39', departement: null, sujet: null, status: 7,
              message: ['not', 'text'], date: String(1589222615) },
            { id: null, sujet: 'a row with no id' },
            { id: id + 1000, product_id: 1, departement: 'COM', sujet: 'Une ligne intacte',
              status: 'OPEN', message: 'ok', date: 1589222615 },
        ];
    }
    return {
        ticket: { id: String(id), sujet: 42, status: null, message: 5, date: 'yesterday' },
        responses: [{ message: 7, date: 1 }, 'junk', { message: 'Une réponse lisible', date: '9' }],
    };
}

// What a fault does to the matched request. `call` is the call it stands in for; `route` is
// Playwright's. A POST "acted" fault lets the server act first (the server stored the reply or
// closed the ticket), then spoils the answer.
const faults = [
    {
        id: 'timeout', what: 'no answer at all (the page times out)', timeoutMs: 1500,
        handle: (route, call, id, held) => held.push(route), // never answered (until removed)
        get: { text: unreachable, attempts: 4 },
        post: { text: unreachable, sendAgain: true },
    },
    {
        id: 'refused', what: 'connection refused',
        handle: (route) => route.abort('connectionrefused'),
        get: { text: unreachable, attempts: 4 },
        post: { text: unreachable, sendAgain: true },
    },
    {
        id: 'dropped', what: 'connection dropped (for a POST, after the server acted)',
        handle: async (route, call) => {
            if (isPost(call)) {
                await route.fetch();
            }
            await route.abort('connectionreset');
        },
        get: { text: unreachable, attempts: 4 },
        post: { acted: true },
    },
    {
        id: 'offline', what: 'the browser goes offline', network: 'offline',
        get: { text: unreachable },
        post: { text: unreachable, sendAgain: true },
    },
    {
        id: '500-json', what: '500 with a JSON error',
        handle: (route) => route.fulfill(json(500, { error: 'La base est indisponible (test)' })),
        get: { text: 'La base est indisponible (test)', attempts: 1 },
        post: { text: 'La base est indisponible (test)' },
    },
    {
        id: '502-html', what: "502 with a proxy's HTML page",
        handle: (route) => route.fulfill({
            status: 502, contentType: 'text/html',
            body: '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>'
                + '</body></html>',
        }),
        get: { text: serverError(502), attempts: 4 },
        post: { text: serverError(502), sendAgain: true },
    },
    {
        id: '503-empty', what: '503 with an empty body',
        handle: (route) => route.fulfill({ status: 503, body: '' }),
        get: { text: serverError(503), attempts: 4 },
        post: { text: serverError(503) },
    },
    {
        id: 'empty-200', what: '200 with an empty body (for a POST, after the server acted)',
        handle: async (route, call) => {
            const response = isPost(call) ? await route.fetch() : undefined;
            await route.fulfill({ response, status: 200, body: '' });
        },
        get: { text: badAnswer, attempts: 1 },
        post: { acted: true },
    },
    {
        id: 'malformed', what: 'malformed JSON (for a POST, after the server acted)',
        handle: async (route, call) => {
            const response = isPost(call) ? await route.fetch() : undefined;
            const body = isPost(call) ? '{"message": "Message successfully po'
                : call === 'list' ? '[{"id": 101, "sujet": "Tronqu' : '{"ticket": {"id": ';
            await route.fulfill({ response, status: 200, contentType: 'application/json', body });
        },
        get: { text: badAnswer, attempts: 1 },
        post: { acted: true },
    },
    {
        id: 'wrong-types', what: 'fields of the wrong type (an error that is not text, for a POST)',
        handle: (route, call, id) => route.fulfill(isPost(call)
            ? json(500, { error: { code: 42 } })
            : json(200, wrongTypesBody(call, id))),
        get: { degraded: true, attempts: 1 },
        post: { text: serverError(500) },
    },
    {
        id: '401', what: '401 with a JSON error',
        handle: (route) => route.fulfill(json(401, { error: 'Missing credentials' })),
        get: { text: 'Missing credentials', attempts: 1 },
        post: { text: 'Missing credentials' },
    },
    {
        id: '429', what: '429 with Retry-After: 2',
        handle: (route) => route.fulfill(json(429, { error: 'Trop de requêtes (test)' },
            { 'Retry-After': '2' })),
        get: { text: 'Trop de requêtes (test)', attempts: 4, spacedMs: 2000 },
        post: { text: 'Trop de requêtes (test)' },
    },
    {
        id: 'huge', what: 'a body over the size cap (for a POST, a 500)', timeoutMs: 20000,
        handle: (route, call) => route.fulfill({
            status: isPost(call) ? 500 : 200, contentType: 'application/json', body: hugeBody,
        }),
        get: { text: tooLarge, attempts: 1 },
        post: { text: serverError(500) },
    },
    {
        id: 'slow-3g', what: 'a slow 3G link (CDP emulation)', network: 'slow3g', timeoutMs: 0,
        get: { acted: true },
        post: { acted: true },
    },
];

// Whether a request is the call the case faults: its method and path.
function matcher(call, id) {
    const wanted = {
        list: ['GET', '/me/tickets'],
        thread: ['GET', `/me/tickets/${id}`],
        reply: ['POST', `/me/tickets/${id}`],
        close: ['POST', `/me/tickets/${id}/close`],
    }[call];
    return (request) => request.method() === wanted[0]
        && new URL(request.url()).pathname === wanted[1];
}

// Puts the fault in place for the call; returns the times (ms) the faulted call was attempted.
async function installFault(page, fault, call, id) {
    const attempts = [];
    const matches = matcher(call, id);
    if (fault.network === 'offline') {
        page.on('request', (request) => matches(request) && attempts.push(Date.now()));
        await page.context().setOffline(true);
        await waitForStatus(page, texts.offline);
    } else if (fault.network === 'slow3g') {
        page.on('request', (request) => matches(request) && attempts.push(Date.now()));
        await emulateSlow3g(page, true);
    } else {
        const held = [];
        heldRoutes.set(page, held);
        await page.route((url) => url.pathname.startsWith('/me/tickets'), (route) => {
            if (!matches(route.request())) {
                return route.fallback();
            }
            attempts.push(Date.now());
            return fault.handle(route, call, id, held);
        });
    }
    return attempts;
}

// Requests a fault holds unanswered, by page: they never reach the server, even late.
const heldRoutes = new WeakMap();

async function removeFault(page, fault) {
    if (fault.network === 'offline') {
        // Back online, the page refreshes the list by itself.
        const refreshed = page.waitForRequest((request) => request.method() === 'GET'
            && new URL(request.url()).pathname === '/me/tickets', { timeout: 30000 });
        await page.context().setOffline(false);
        await refreshed;
    } else if (fault.network === 'slow3g') {
        await emulateSlow3g(page, false);
    } else {
        for (const route of heldRoutes.get(page) ?? []) {
            await route.abort('timedout').catch(() => {});
        }
        await page.unrouteAll({ behavior: 'ignoreErrors' });
    }
}

// One case, as a customer meets it. Returns what it saw, for the figures; throws on the first
// promise broken.
async function runCase(fault, call, ids, tab) {
    const expected = isPost(call) ? fault.post : fault.get;
    const { page, errors, close } = await faultPage(fault.timeoutMs ?? 15000, tab);
    const text = `Fault ${fault.id} × ${call}: été, 😀, עברית (${runId})`;
    const target = ids.target;
    const seen = { started: Date.now() };
    try {
        let attempts;
        if (call === 'list' && fault.network !== 'offline') {
            // The first load itself fails: the page must not be blank.
            attempts = await installFault(page, fault, call, target);
            await page.goto(`${server.url}/?lang=en#/tickets`);
            await mainLandmark(page).waitFor({ state: 'attached', timeout: 60000 });
        } else if (call === 'list') {
            await page.goto(`${server.url}/?lang=en#/tickets`);
            await waitForApp(page, { timeout: 60000 });
            attempts = await installFault(page, fault, call, target);
        } else {
            // Text typed first: a reply on the ticket the POST is for, or on another one while
            // a thread fails to load. Opened by its address, the list loads too.
            const typedOn = call === 'thread' ? ids.draft : target;
            await page.goto(`${server.url}/?lang=en#/tickets/${typedOn}`);
            await mainLandmark(page).waitFor({ state: 'attached', timeout: 60000 });
            await waitForThread(page, typedOn, subjectOf(typedOn));
            await replyBox(page, 'en').fill(text);
            await waitForStoredDraft(page, typedOn, text);
            if (call === 'thread') {
                await backToList(page);
                await linkTo(page, target).waitFor({ state: 'attached' });
            }
            attempts = await installFault(page, fault, call, target);
        }

        // The call.
        if (call === 'list' && fault.network === 'offline') {
            await button(page, en.refresh).click();
        } else if (call === 'thread') {
            await linkTo(page, target).click();
        } else if (call === 'reply') {
            await button(page, en.sendReply).click();
        } else if (call === 'close') {
            await button(page, en.closeTicket).click();
            const dialog = page.getByRole('dialog', { name: en.closeDialog, exact: true });
            await dialog.getByRole('button', { name: en.closeTicket, exact: true }).click();
        }

        // What the page says.
        const waitMs = 60000;
        if (expected.acted || expected.degraded) {
            const success = {
                list: /^\d+ tickets? shown$/,
                thread: 'Ticket loaded',
                reply: en.replySent,
                close: en.ticketClosed,
            }[call];
            await waitForStatus(page, success, waitMs);
        } else {
            await waitForStatus(page, expected.text, waitMs);
        }
        seen.status = await statusText(page);
        seen.ms = Date.now() - seen.started;
        await mainLandmark(page).waitFor({ state: 'attached' });

        // What it shows.
        if (call === 'list' && expected.degraded) {
            await ticketLinks(page).filter({ hasText: /^\(no subject\)/ }).first()
                .waitFor({ state: 'attached' });
            await ticketLinks(page).filter({ hasText: /^Une ligne intacte/ }).first()
                .waitFor({ state: 'attached' });
        }
        if (call === 'thread') {
            const heading = expected.acted ? subjectOf(target)
                : expected.degraded ? '(no subject)' : expected.text;
            await page.getByRole('heading', { level: 1, name: heading, exact: true })
                .waitFor({ state: 'attached' });
        }
        if (expected.sendAgain && call === 'reply') {
            await button(page, texts.sendAgain).waitFor({ state: 'attached' });
            assert.ok(await button(page, texts.sendAgain).isEnabled(), 'Send again enabled');
        }

        // Retries: a GET as many times as it should, spaced as Retry-After asks; a POST once.
        if (isPost(call) && fault.network === 'offline') {
            assert.ok(attempts.length <= 1, 'a POST is sent once at most');
        } else if (isPost(call)) {
            assert.equal(attempts.length, 1, 'a POST is sent once');
        } else if (expected.attempts) {
            await until(async () => attempts.length >= expected.attempts, 'the retries');
            assert.equal(attempts.length, expected.attempts, 'GET attempts');
        }
        if (expected.spacedMs) {
            for (let i = 1; i < attempts.length; i++) {
                const gap = attempts[i] - attempts[i - 1];
                assert.ok(gap >= expected.spacedMs - 100, `retry ${i} came after ${gap} ms`);
            }
        }
        seen.attempts = attempts.length;

        // The text is kept: in the box, or (a POST the server took) in the thread, or stored.
        if (call === 'reply' || call === 'close') {
            if (call === 'reply' && expected.acted) {
                await waitForArticle(page, text, 'the reply in the thread');
            } else if (call === 'close' && expected.acted) {
                assert.equal(await storedDraft(page, target), text, 'the draft is still stored');
            } else {
                assert.equal(await replyBox(page, 'en').inputValue(), text, 'the draft');
            }
        }
        if (call === 'list') {
            await searchBox(page, 'en').fill(subjectOf(target).split(' ')[0]);
        }

        // Usable: with the fault gone, the customer gets where they were going.
        await removeFault(page, fault);
        if (call === 'list') {
            if (fault.network === 'offline') {
                await waitForStatus(page, /^(Back online|\d+ tickets? shown)$/);
            }
            await button(page, en.refresh).click();
            await linkTo(page, target).waitFor({ state: 'attached', timeout: 20000 });
            assert.equal(await searchBox(page, 'en').inputValue(),
                subjectOf(target).split(' ')[0], 'the search typed');
            await openTicket(page, target);
        } else {
            await backToList(page);
            if (call === 'thread') {
                await openTicket(page, ids.draft);
                await waitForReplyText(page, text, 'the draft typed before');
                await backToList(page);
            }
            if (call === 'close' && expected.acted) {
                // Closed: the Open filter hides it, and it has no reply box. Another ticket opens.
                await openTicket(page, ids.draft);
                await waitForStoredDraft(page, target, text,
                    'the draft of the closed ticket, still stored');
            } else {
                await linkTo(page, target).click();
                await waitForThread(page, target, subjectOf(target));
            }
            if (isPost(call) && !expected.acted) {
                await waitForReplyText(page, text, 'the draft after the fault');
            }
        }

        assert.deepEqual(realErrors(errors), [], 'page errors');
        seen.frames = await page.evaluate(() => window.Module?.ticketsStats?.frames);
        seen.survived = true;
        return seen;
    } finally {
        // The worker's next case starts online, at full speed, on a blank page.
        if (fault.network === 'offline') {
            await page.context().setOffline(false);
        } else if (fault.network === 'slow3g') {
            await emulateSlow3g(page, false);
        }
        await close();
    }
}

// One subtest per case; the figures at the end.
const results = [];

test('the fault matrix: every call survives every fault',
    { timeout: 900000, concurrency: parallel }, async (t) => {
    const open = tickets.open();
    const closers = open.slice(0, faults.length);
    const others = open.slice(faults.length);
    assert.ok(others.length >= 2, 'enough open demo tickets for the matrix');

    const cases = [];
    faults.forEach((fault, row) => {
        calls.forEach((call, column) => {
            const target = call === 'close' ? closers[row]
                : others[(row * calls.length + column) % others.length];
            const draft = others.find((id) => id !== target);
            if (only.test(`${call} ${fault.id}`)) {
                cases.push({ fault, call, ids: { target, draft } });
            }
        });
    });

    // A few at a time, each worker with a browser context (offline is per context) and a tab of
    // its own, its cases one after the other; each case a subtest, so tests/run counts them.
    let next = 0;
    const worker = async () => {
        const context = await browser.newContext({
            viewport: { width: 800, height: 600 }, locale: 'en-US',
        });
        let tab = await context.newPage();
        try {
            while (next < cases.length) {
                const { fault, call, ids } = cases[next++];
                const name = `${call} × ${fault.what}`;
                if (tab.isClosed()) {
                    tab = await context.newPage(); // after a case that broke it
                }
                await t.test(name, { timeout: 180000 }, async () => {
                    const result = { fault: fault.id, call, survived: false };
                    results.push(result);
                    Object.assign(result, await runCase(fault, call, ids, tab));
                });
            }
        } finally {
            await context.close();
        }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: parallel }, worker));

    const survived = results.filter((r) => r.survived).length;
    t.diagnostic(`fault matrix: ${results.length} cases tried (of ${faults.length} faults × `
        + `${calls.length} calls), ${survived} survived, in ${Math.round((Date.now() - started) / 1000)} s`);
    for (const r of results) {
        t.diagnostic(`  ${r.survived ? 'ok  ' : 'FAIL'} ${r.call.padEnd(6)} ${r.fault.padEnd(11)} `
            + `${String(r.attempts ?? '-').padStart(2)} attempt(s), ${r.ms ?? '-'} ms, `
            + `${r.frames ?? '-'} frames: ${r.status ?? ''}`);
    }
    assert.equal(survived, cases.length);
});
