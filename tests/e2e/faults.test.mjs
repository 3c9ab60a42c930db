// Network faults and hostile data, end to end in Chromium: the fault matrix (each of the four
// calls × each fault of api.md's "What a client must expect", with route interception and CDP
// network emulation), rows the page cannot fully read, text in any script, and storage that does
// not work. In every case the page stays usable, says what happened in its status region, keeps
// what the customer typed, and raises no page error.
//
// The matrix is data: `faults` (the rows) × `calls` (the columns), one subtest per case, run a
// few at a time in one browser. Its last test prints the figures: cases tried, faults survived.
// The page's timeouts are shortened through config.json's timeout_ms, served per page.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import {
    apiGet, distinctColours, launchBrowser, names, newPage, paths, screenshot, startServer,
    ticketLinks, waitForApp,
} from './harness.mjs';
import {
    articles, button, replyBox, searchBox, statusText, until, waitForStatus, waitForThread,
} from './flows_common.mjs';

const en = names.en;
const unreachable = en.unreachable;
const badAnswer = "The server sent an answer the page can't read.";
const tooLarge = "The server's answer is too large to show.";
const serverError = (status) => `The server answered with an error (${status}).`;
const offlineNotice = 'You are offline. Your text is kept.';
const memoryOnly = "Drafts can't be saved in this browser; they are kept until you leave.";
const sendAgain = 'Send again';
const runId = Date.now().toString(36);

// How many cases run at once, each in a page of its own (2 cores in CI: WebGL in software).
const parallel = Number(process.env.FAULTS_PARALLEL ?? 6);

let server;
let browser;
let siteConfig;
let tickets = []; // the demo customer's, from the API
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
    browser = await launchBrowser();
    siteConfig = JSON.parse(await readFile(path.join(paths.site, 'config.json'), 'utf8'));
    bodyCap = await readBodyCap();
    // Valid JSON, a megabyte over the cap: a list of one row, again and again.
    const row = '{"id": 1, "product_id": 1, "departement": "COM", "sujet": "x", "status": "OPEN", '
        + '"message": "x", "date": 1},';
    hugeBody = `[${row.repeat(Math.ceil((bodyCap + 1024 * 1024) / row.length))}${row.slice(0, -1)}]`;

    const { page, close } = await newPage(browser);
    await page.goto(`${server.url}/`);
    const answer = await apiGet(page, '/me/tickets');
    assert.equal(answer.status, 200);
    tickets = answer.body;
    await close();
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

// Tickets ---------------------------------------------------------------------------------------

// Open tickets (not CLOSED), in id order. A close case may really close its ticket (when the
// fault lets the POST through), so each close case has one of its own, and the other cases use
// the rest.
function openTickets() {
    return tickets.filter((ticket) => ticket.status !== 'CLOSED').map((ticket) => ticket.id);
}

function subjectOf(id) {
    return tickets.find((ticket) => ticket.id === id).sujet;
}

// Pages -----------------------------------------------------------------------------------------

// A page whose config.json sets the requests' timeout (none: the page's own defaults). In a
// context of its own, or in `context` (a matrix worker's: its pages, one after the other, share
// the compiled page and the HTTP cache, which saves each case a cold start).
async function faultPage(timeoutMs, context = null) {
    let opened;
    if (context) {
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
        page.on('console', (message) => {
            if (message.type() === 'error') {
                errors.push(`console error: ${message.text()}`);
            }
        });
        opened = { page, context, errors, close: () => page.close() };
    } else {
        opened = await newPage(browser);
    }
    const config = { ...siteConfig };
    if (timeoutMs) {
        config.timeout_ms = timeoutMs;
    }
    await opened.page.route('**/config.json', (route) => route.fulfill({
        status: 200, contentType: 'application/json', body: JSON.stringify(config),
    }));
    return opened;
}

function mainLandmark(page) {
    return page.getByRole('main', { name: en.main, exact: true });
}

function linkTo(page, id) {
    return ticketLinks(page).filter({ hasText: new RegExp(`#${id}$`) });
}

async function openTicket(page, id) {
    await linkTo(page, id).click();
    await waitForThread(page, id, subjectOf(id));
    await replyBox(page, 'en').waitFor({ state: 'attached' });
}

async function backToList(page) {
    await page.getByRole('link', { name: en.allTickets, exact: true }).click();
    await page.getByRole('heading', { name: en.listHeading, exact: true, level: 1 })
        .waitFor({ state: 'attached' });
}

async function storedDraft(page, id) {
    return page.evaluate((key) => {
        try {
            return localStorage.getItem(key);
        } catch {
            return null;
        }
    }, `tickets:draft.${id}`);
}

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

// The page's errors that count: every uncaught exception, and console errors other than the
// browser's own line for a request that failed (which a fault causes on purpose).
function realErrors(errors) {
    return errors.filter((error) => !/^console error: Failed to load resource/.test(error));
}

// The fault matrix -------------------------------------------------------------------------------

const calls = ['list', 'thread', 'reply', 'close'];
const isPost = (call) => call === 'reply' || call === 'close';

const json = (status, body, headers = {}) => ({
    status, contentType: 'application/json', body: JSON.stringify(body), headers,
});

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
        id: 'timeout', what: 'no answer at all (the page times out)', timeoutMs: 2500,
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
        await waitForStatus(page, offlineNotice);
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
        await page.context().setOffline(false);
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
async function runCase(fault, call, ids, context) {
    const expected = isPost(call) ? fault.post : fault.get;
    const { page, errors, close } = await faultPage(fault.timeoutMs ?? 15000, context);
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
        } else {
            await page.goto(`${server.url}/?lang=en#/tickets`);
            await waitForApp(page, { timeout: 60000 });
            if (call !== 'list') {
                // Text typed first: a reply on the ticket the POST is for, or on another one
                // while a thread fails to load.
                await openTicket(page, call === 'thread' ? ids.draft : target);
                await replyBox(page, 'en').fill(text);
                await until(async () => (await storedDraft(page, call === 'thread'
                    ? ids.draft : target)) === text, 'the draft to be stored');
                if (call === 'thread') {
                    await backToList(page);
                }
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
            await until(async () => button(page, sendAgain).isEnabled(), 'Send again');
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
                await until(async () => (await articles(page)).some((a) => a.text === text),
                    'the reply in the thread');
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
                await until(async () => (await replyBox(page, 'en').inputValue()) === text,
                    'the draft typed before');
                await backToList(page);
            }
            if (call === 'close' && expected.acted) {
                // Closed: the Open filter hides it, and it has no reply box. Another ticket opens.
                await openTicket(page, ids.draft);
                await until(async () => (await storedDraft(page, target)) === text,
                    'the draft of the closed ticket, still stored');
            } else {
                await linkTo(page, target).click();
                await waitForThread(page, target, subjectOf(target));
            }
            if (isPost(call) && !expected.acted) {
                await until(async () => (await replyBox(page, 'en').inputValue()) === text,
                    'the draft after the fault');
            }
        }

        assert.deepEqual(realErrors(errors), [], 'page errors');
        seen.survived = true;
        return seen;
    } finally {
        await close();
        if (fault.network === 'offline') {
            await page.context().setOffline(false); // the worker's next case starts online
        }
    }
}

// One subtest per case; the figures at the end.
const results = [];

test('the fault matrix: every call survives every fault',
    { timeout: 900000, concurrency: parallel }, async (t) => {
    const open = openTickets().slice(0, -2); // the last two are the storage test's
    const closers = open.slice(0, faults.length);
    const others = open.slice(faults.length);
    assert.ok(others.length >= 2, 'enough open demo tickets for the matrix');

    const cases = [];
    faults.forEach((fault, row) => {
        calls.forEach((call, column) => {
            const target = call === 'close' ? closers[row]
                : others[(row * calls.length + column) % others.length];
            const draft = others.find((id) => id !== target);
            cases.push({ fault, call, ids: { target, draft } });
        });
    });

    // A few at a time, each worker with a browser context of its own (offline is per context):
    // each case a subtest, so tests/run counts them.
    let next = 0;
    const worker = async () => {
        const context = await browser.newContext({
            viewport: { width: 1280, height: 800 }, locale: 'en-US',
        });
        try {
            while (next < cases.length) {
                const { fault, call, ids } = cases[next++];
                const name = `${call} × ${fault.what}`;
                await t.test(name, { timeout: 180000 }, async () => {
                    const result = { fault: fault.id, call, survived: false };
                    results.push(result);
                    Object.assign(result, await runCase(fault, call, ids, context));
                });
            }
        } finally {
            await context.close();
        }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: parallel }, worker));

    const survived = results.filter((r) => r.survived).length;
    t.diagnostic(`fault matrix: ${results.length} cases tried (${faults.length} faults × `
        + `${calls.length} calls), ${survived} survived, in ${Math.round((Date.now() - started) / 1000)} s`);
    for (const r of results) {
        t.diagnostic(`  ${r.survived ? 'ok  ' : 'FAIL'} ${r.call.padEnd(6)} ${r.fault.padEnd(11)} `
            + `${String(r.attempts ?? '-').padStart(2)} attempt(s), ${r.ms ?? '-'} ms: ${r.status ?? ''}`);
    }
    assert.equal(survived, cases.length);
});

// Data the page cannot fully read ------------------------------------------------------------------

test('rows with bad fields are shown degraded, unusable ones counted, numbers as strings read',
    async () => {
        const { page, errors, close } = await faultPage(10000);
        const rows = [
            { id: 201, product_id: 39, departement: 'COM', sujet: 'Intact', status: 'OPEN',
              message: 'm', date: 1589222615 },
            { id: '202', product_id: '39', departement: 'TECH', sujet: 'Numbers as strings',
              status: 'OPEN', message: 'm', date: '1589222615' },
            { id: 203, product_id: 39, departement: 'COM', sujet: null, status: 'OPEN',
              message: 'm', date: 1589222615 },
            { id: 204, sujet: 12, status: null, date: 'hier' },
            { id: 'abc', sujet: 'no usable id', status: 'OPEN' },
        ];
        await page.route((url) => url.pathname === '/me/tickets',
            (route) => route.fulfill(json(200, rows)));
        await page.goto(`${server.url}/?lang=en#/tickets`);
        await waitForApp(page);

        await waitForStatus(page, '4 tickets shown');
        const linkNames = await ticketLinks(page).allTextContents();
        assert.equal(linkNames.length, 4);
        assert.ok(linkNames.some((name) => name.startsWith('Intact')));
        // The same date as the intact row: read from its string.
        const dateOf = (id) => /, ([^,]+), #\d+$/.exec(linkNames.find((n) => n.endsWith(`#${id}`)))[1];
        assert.match(linkNames.find((name) => name.endsWith('#202')),
            /^Numbers as strings, Open, Technical support, /);
        assert.equal(dateOf(202), dateOf(201), `numbers as strings: ${linkNames}`);
        assert.equal(linkNames.filter((name) => name.startsWith('(no subject)')).length, 2);
        // No status, no department, no date: left out, not shown as 1970.
        assert.ok(linkNames.includes('(no subject), #204'), `the row without fields: ${linkNames}`);
        assert.ok(!linkNames.some((name) => name.includes('no usable id')));
        await page.getByText('1 ticket could not be shown', { exact: true })
            .waitFor({ state: 'attached' });
        await screenshot(page, 'faults-degraded-rows');
        assert.deepEqual(realErrors(errors), []);
        await close();
    });

// Nothing the mirror places over what the canvas drew (it sits where the canvas drew it) spills
// out sideways, and the page does not scroll sideways.
async function assertNothingSpills(page, where) {
    const width = page.viewportSize().width;
    const { checked, spilling, scrollWidth } = await page.evaluate((limit) => {
        const placed = [...document.querySelectorAll('[data-key]')]
            .filter((el) => el.getBoundingClientRect().width > 0);
        return {
            checked: placed.length,
            spilling: placed.filter((el) => el.getBoundingClientRect().right > limit + 1)
                .map((el) => `${el.dataset.key}: ${Math.round(el.getBoundingClientRect().right)}`),
            scrollWidth: document.scrollingElement.scrollWidth,
        };
    }, width);
    assert.ok(checked > 5, `${where}: only ${checked} placed nodes`);
    assert.deepEqual(spilling, [], `${where}: nodes past the right edge`);
    assert.ok(scrollWidth <= width, `${where}: the page scrolls sideways (${scrollWidth} px)`);
}

// Text in any script, and a word of 100 KB: shown without breaking the layout. The screenshots
// are in build/test-logs/screens/ (faults-hostile-*.png), to be looked at.
test('accents, emoji, right-to-left and 100 KB without a space keep the layout', async () => {
    const { page, errors, close } = await faultPage(10000);
    const long = 'x'.repeat(100 * 1024);
    const subjects = [
        'Été : problème d’accès — ça marche à moitié',
        'Emoji 😀🎉👍🏽 and a family 👨‍👩‍👧',
        'עברית: השרת לא עונה — العربية: الخادم لا يستجيب',
        `No spaces ${long}`,
    ];
    const rows = subjects.map((sujet, i) => ({
        id: 301 + i, product_id: 1, departement: 'TECH', sujet, status: 'OPEN',
        message: sujet, date: 1589222615 + i,
    }));
    // Each thread: its ticket, and every text as a response (the long one last).
    const threadOf = (id) => ({
        ticket: rows[id - 301],
        responses: subjects.map((message, i) => ({ message: `${message}\nline 2`, date: 1600000000 + i })),
    });
    await page.route((url) => url.pathname.startsWith('/me/tickets'), (route) => {
        const { pathname } = new URL(route.request().url());
        return route.fulfill(json(200, pathname === '/me/tickets' ? rows
            : threadOf(Number(pathname.split('/').pop()))));
    });
    await page.goto(`${server.url}/?lang=en#/tickets`);
    await waitForApp(page);
    await waitForStatus(page, '4 tickets shown');
    const listPng = await screenshot(page, 'faults-hostile-list');
    await assertNothingSpills(page, 'the list');

    // Right-to-left subject, every text in the thread.
    await page.evaluate(() => { location.hash = '#/tickets/303'; });
    await page.getByRole('heading', { level: 1, name: subjects[2], exact: true })
        .waitFor({ state: 'attached', timeout: 20000 });
    await waitForStatus(page, 'Ticket loaded');
    const texts = (await articles(page)).map((a) => a.text);
    for (const subject of subjects) {
        assert.ok(texts.includes(`${subject}\nline 2`), `a message of "${subject.slice(0, 30)}"`);
    }
    const threadPng = await screenshot(page, 'faults-hostile-thread');
    await assertNothingSpills(page, 'the thread');
    await replyBox(page, 'en').fill(`${subjects[1]} ${subjects[2]} ${long}`);
    await screenshot(page, 'faults-hostile-reply');

    // A subject of 100 KB without a space: the whole heading, wrapped.
    await page.evaluate(() => { location.hash = '#/tickets/304'; });
    await page.getByRole('heading', { level: 1, name: `No spaces ${long}`, exact: true })
        .waitFor({ state: 'attached', timeout: 20000 });
    await waitForStatus(page, 'Ticket loaded');
    await screenshot(page, 'faults-hostile-long-subject');

    await assertNothingSpills(page, 'the long subject');
    await mainLandmark(page).waitFor({ state: 'attached' });
    assert.ok(await distinctColours(browser, listPng) > 20, 'the list was drawn');
    assert.ok(await distinctColours(browser, threadPng) > 20, 'the thread was drawn');
    await page.getByRole('link', { name: en.allTickets, exact: true }).click();
    await waitForApp(page);
    assert.deepEqual(realErrors(errors), []);
    await close();
});

// Storage that does not work ----------------------------------------------------------------------

// As in a sandboxed frame or a strict private mode: touching localStorage or sessionStorage
// throws. The page works, keeps drafts in memory, and says so once.
test('with storage that throws, the page works, keeps drafts in memory and says so once',
    async () => {
        const { page, errors, close } = await faultPage(10000);
        await page.addInitScript(() => {
            for (const name of ['localStorage', 'sessionStorage']) {
                Object.defineProperty(window, name, {
                    configurable: true,
                    get() {
                        throw new DOMException('The operation is insecure.', 'SecurityError');
                    },
                });
            }
            // How many times the status region comes to say it.
            window.memoryOnlySaid = 0;
            let said = '';
            new MutationObserver(() => {
                const now = document.querySelector('[role=status]')?.textContent ?? '';
                if (now !== said && now.startsWith("Drafts can't be saved")) {
                    window.memoryOnlySaid++;
                }
                said = now;
            }).observe(document, { subtree: true, childList: true, characterData: true });
        });
        const [first, second] = openTickets().slice(-2); // never closed by the matrix

        await page.goto(`${server.url}/?lang=en#/tickets`);
        await waitForApp(page);
        await openTicket(page, first);
        await replyBox(page, 'en').fill('Kept in memory, été 😀');
        await waitForStatus(page, memoryOnly);
        await replyBox(page, 'en').fill('Kept in memory, été 😀, and more');
        await backToList(page);
        await openTicket(page, second);
        await replyBox(page, 'en').fill('Another one');
        await backToList(page);
        await openTicket(page, first);

        assert.equal(await replyBox(page, 'en').inputValue(), 'Kept in memory, été 😀, and more');
        assert.equal(await page.evaluate(() => window.memoryOnlySaid), 1, 'said once');
        assert.deepEqual(realErrors(errors), []);
        await close();
    });
