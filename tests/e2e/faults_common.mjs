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
// context of its own, or in `context` (a matrix worker's: its pages, one after the other, share
// the compiled page and the HTTP cache, which saves each case a cold start).
export async function faultPage(browser, siteConfig, timeoutMs, context = null) {
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

// The page's errors that count: every uncaught exception, and console errors other than the
// browser's own line for a request that failed (which a fault causes on purpose).
export function realErrors(errors) {
    return errors.filter((error) => !/^console error: Failed to load resource/.test(error));
}
