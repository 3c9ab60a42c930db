// What the fault matrix (faults.test.mjs) and the hostile-data tests (hostile_data.test.mjs)
// share: the page's words for what went wrong, a page whose config.json sets the requests'
// timeout, finding and opening tickets, the stored draft, and the page errors that count.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { apiGet, names, newPage, paths, ticketLinks } from './harness.mjs';
import { replyBox, waitForThread } from './flows_common.mjs';

export const en = names.en;
export const texts = {
    unreachable: en.unreachable,
    badAnswer: "The server sent an answer the page can't read.",
    tooLarge: "The server's answer is too large to show.",
    serverError: (status) => `The server answered with an error (${status}).`,
    offline: 'You are offline. Your text is kept.',
    memoryOnly: "Drafts can't be saved in this browser; they are kept until you leave.",
    sendAgain: 'Send again',
};

export const json = (status, body, headers = {}) => ({
    status, contentType: 'application/json', body: JSON.stringify(body), headers,
});

// The demo customer's tickets, from the API, with what the tests ask of them.
export async function learnTickets(browser, server) {
    const { page, close } = await newPage(browser);
    await page.goto(`${server.url}/`);
    const answer = await apiGet(page, '/me/tickets');
    assert.equal(answer.status, 200);
    await close();
    const tickets = answer.body;
    return {
        // Not CLOSED, in id order.
        open: () => tickets.filter((ticket) => ticket.status !== 'CLOSED').map((t) => t.id),
        subjectOf: (id) => tickets.find((ticket) => ticket.id === id).sujet,
    };
}

export async function readSiteConfig() {
    return JSON.parse(await readFile(path.join(paths.site, 'config.json'), 'utf8'));
}

// A page whose config.json sets the requests' timeout (0: the page's own defaults). In a
// context of its own, or `reuse`, a matrix worker's page: its cases, one after the other, load
// the page again in the same tab, which costs half the CPU of a new tab (no new renderer
// process, the compiled page cached). Closing a reused page leaves it blank, its routes and
// listeners gone.
export async function faultPage(browser, siteConfig, timeoutMs, reuse = null) {
    let opened;
    if (reuse) {
        const page = reuse;
        const errors = [];
        const onPageError = (error) => errors.push(`page error: ${error.message}`);
        const onConsole = (message) => {
            if (message.type() === 'error') {
                errors.push(`console error: ${message.text()}`);
            }
        };
        page.on('pageerror', onPageError);
        page.on('console', onConsole);
        opened = {
            page, context: page.context(), errors,
            async close() {
                await page.unrouteAll({ behavior: 'ignoreErrors' });
                await page.goto('about:blank');
                page.off('pageerror', onPageError);
                page.off('console', onConsole);
            },
        };
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

export function mainLandmark(page) {
    return page.getByRole('main', { name: en.main, exact: true });
}

export function linkTo(page, id) {
    return ticketLinks(page).filter({ hasText: new RegExp(`#${id}$`) });
}

export async function openTicket(page, id, subject) {
    await linkTo(page, id).click();
    await waitForThread(page, id, subject);
    await replyBox(page, 'en').waitFor({ state: 'attached' });
}

export async function backToList(page) {
    await page.getByRole('link', { name: en.allTickets, exact: true }).click();
    await page.getByRole('heading', { name: en.listHeading, exact: true, level: 1 })
        .waitFor({ state: 'attached' });
}

export async function storedDraft(page, id) {
    return page.evaluate((key) => {
        try {
            return localStorage.getItem(key);
        } catch {
            return null;
        }
    }, `tickets:draft.${id}`);
}

// Waits until the status region says `expected` (a string, or a RegExp), checked inside the page
// ten times a second: many pages wait at once, and a round trip per check would cost more than
// the page being tested.
export async function waitForStatus(page, expected, timeout = 15000) {
    const pattern = expected instanceof RegExp
        ? { source: expected.source, flags: expected.flags } : null;
    try {
        await page.waitForFunction(({ text, pattern: p }) => {
            const seen = document.querySelector('[role=status]')?.textContent.trim() ?? '';
            return p ? new RegExp(p.source, p.flags).test(seen) : seen === text;
        }, { text: pattern ? null : expected, pattern }, { polling: 100, timeout });
    } catch (error) {
        const seen = await page.evaluate(
            () => document.querySelector('[role=status]')?.textContent.trim()).catch(() => '?');
        assert.fail(`waited ${timeout} ms for the status region to say "${expected}"; `
            + `it says "${seen}" (${error.message.split('\n')[0]})`);
    }
}

// Waits until `check()` (run in the page, with `arg`) is true, ten times a second.
export async function waitInPage(page, check, arg, what, timeout = 15000) {
    try {
        await page.waitForFunction(check, arg, { polling: 100, timeout });
    } catch (error) {
        assert.fail(`waited ${timeout} ms for ${what} (${error.message.split('\n')[0]})`);
    }
}

// The draft of ticket `id` is stored as `text`.
export function waitForStoredDraft(page, id, text, what = 'the draft to be stored') {
    return waitInPage(page, ({ key, value }) => {
        try {
            return localStorage.getItem(key) === value;
        } catch {
            return false;
        }
    }, { key: `tickets:draft.${id}`, value: text }, what);
}

// The Reply box holds `text`.
export function waitForReplyText(page, text, what = 'the draft in the Reply box') {
    return waitInPage(page, (value) => document.querySelector('[data-key=reply]')?.value === value,
        text, what);
}

// A message of the thread is `text`.
export function waitForArticle(page, text, what = 'the message in the thread') {
    return waitInPage(page, (value) => [...document.querySelectorAll('article .a11y-body')]
        .some((body) => body.textContent === value), text, what);
}

// The page's errors that count: every uncaught exception, and console errors other than the
// browser's own line for a request that failed (which a fault causes on purpose).
export function realErrors(errors) {
    return errors.filter((error) => !/^console error: Failed to load resource/.test(error));
}
