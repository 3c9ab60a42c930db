// What the flow tests (find, thread, reply, close, sign_in, flows, a11y) share: waiting for what
// the page says, reading its status region, opening a ticket, a copy of the site that signs in
// with an e-mail and an API key, and the demo customers' credentials the server printed.

import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { names, paths } from './harness.mjs';

// More names of ui-contract.md than the harness has, by language.
export const more = {
    en: {
        signInHeading: 'Sign in',
        email: 'Email',
        apiKey: 'API key',
        signIn: 'Sign in',
        signOut: 'Sign out',
        sort: 'Sort by',
        show: 'Show',
        hide: 'Hide',
        keyHint: 'Create an API key in your account settings.',
        expired: 'Your session has ended. Please sign in again.',
    },
    fr: {
        signInHeading: 'Connexion',
        email: 'E-mail',
        apiKey: "Clé d'API",
        signIn: 'Se connecter',
        signOut: 'Se déconnecter',
        sort: 'Trier par',
        show: 'Afficher',
        hide: 'Masquer',
        keyHint: "Créez une clé d'API dans les paramètres de votre compte.",
        expired: 'Votre session a expiré. Veuillez vous reconnecter.',
    },
};

export const langs = ['en', 'fr'];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Waits until `check` returns something truthy, and returns it; fails saying `what` (and the
// last value seen) after `timeout` ms.
export async function until(check, what, timeout = 10000) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
        last = await check();
        if (last) {
            return last;
        }
        if (Date.now() > deadline) {
            assert.fail(`waited ${timeout} ms for ${what}; last saw ${JSON.stringify(last)}`);
        }
        await sleep(50);
    }
}

// The status region (the polite live region) and its text.
export function status(page) {
    return page.getByRole('status');
}

export async function statusText(page) {
    return (await status(page).textContent())?.trim() ?? '';
}

export async function waitForStatus(page, text, timeout = 10000) {
    const matches = (seen) => (text instanceof RegExp ? text.test(seen) : seen === text);
    await until(async () => matches(await statusText(page)), `the status region to say "${text}"`,
        timeout);
}

// The three status radios, and their names ("Open (21)").
export function radios(page, lang) {
    return page.getByRole('radiogroup', { name: names[lang].statusFilter, exact: true })
        .getByRole('radio');
}

export function radio(page, lang, which) {
    const word = { all: names[lang].filterAll, open: names[lang].filterOpen,
                   closed: names[lang].filterClosed }[which];
    return page.getByRole('radiogroup', { name: names[lang].statusFilter, exact: true })
        .getByRole('radio', { name: new RegExp(`^${word} \\(\\d+\\)$`) });
}

// The count in a radio's name: "Open (21)" → 21.
export async function radioCount(page, lang, which) {
    const name = await radio(page, lang, which).getAttribute('aria-label');
    return Number(/\((\d+)\)$/.exec(name)[1]);
}

export function searchBox(page, lang) {
    return page.getByRole('searchbox', { name: names[lang].search, exact: true });
}

export function sortBox(page, lang) {
    return page.getByRole('combobox', { name: more[lang].sort, exact: true });
}

export function button(page, name) {
    return page.getByRole('button', { name, exact: true });
}

export function replyBox(page, lang) {
    return page.getByRole('textbox', { name: names[lang].reply, exact: true });
}

// The ids of the ticket links in the list, in order (each name ends with `#id`).
export async function listedIds(page, lang) {
    const list = page.getByRole('list', { name: names[lang].list, exact: true });
    const texts = await list.getByRole('link').allTextContents();
    return texts.map((text) => Number(/#(\d+)$/.exec(text)?.[1]));
}

// The messages of the open thread: { name, text } per article, in order.
export async function articles(page) {
    return page.getByRole('article').evaluateAll((elements) => elements.map((element) => ({
        name: element.getAttribute('aria-label'),
        text: element.querySelector('.a11y-body')?.textContent ?? '',
    })));
}

// Waits until the thread of ticket `id` is shown: its heading is the subject (or, for an
// unknown id, the API's not-found text) and the address says so.
export async function waitForThread(page, id, heading) {
    await until(async () => new URL(page.url()).hash === `#/tickets/${id}`, `#/tickets/${id}`);
    const h1 = page.getByRole('heading', { level: 1, name: heading, exact: true });
    await h1.waitFor({ state: 'attached', timeout: 15000 });
    return h1;
}

// Opens a page at `hash` in `lang`, waiting for the main landmark.
export async function openAt(page, url, lang, hash = '#/tickets') {
    await page.goto(`${url}/?lang=${lang}${hash}`);
    await page.getByRole('main', { name: names[lang].main, exact: true })
        .waitFor({ state: 'attached', timeout: 20000 });
}

// The demo customers' credentials, from what the server printed on start:
// "  <email>  key <key>  token <token>".
export function credentialsOf(server, email) {
    const line = server.output().split('\n').find((text) => text.trim().startsWith(`${email} `));
    assert.ok(line, `the server printed no credentials for ${email}`);
    return { email, key: /key (\S+)/.exec(line)[1], token: /token (\S+)/.exec(line)[1] };
}

// A copy of the built site whose config.json signs in with an e-mail and an API key.
export async function keySite() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tickets-key-site-'));
    await cp(paths.site, dir, { recursive: true });
    const configFile = path.join(dir, 'config.json');
    const config = JSON.parse(await readFile(configFile, 'utf8'));
    config.credentials = 'key';
    await writeFile(configFile, JSON.stringify(config, null, 2));
    return dir;
}

// Signs in through the sign-in screen, as a customer would.
export async function signIn(page, lang, { email, key }) {
    await page.getByRole('textbox', { name: more[lang].email, exact: true }).fill(email);
    await page.getByLabel(more[lang].apiKey, { exact: true }).fill(key);
    await button(page, more[lang].signIn).click();
}

// The page's errors, without the browser's own line for an answer the test made fail on
// purpose ("Failed to load resource: the server responded with a status of 500 (...)").
export function unexpected(errors, ...statuses) {
    return errors.filter((error) => !statuses.some((status) => error.includes(
        `Failed to load resource: the server responded with a status of ${status} `)));
}

// How many pixels of a PNG have this colour ([r, g, b], within a small tolerance).
export async function countColour(browser, png, [r, g, b]) {
    const page = await browser.newPage();
    try {
        return await page.evaluate(async ({ base64, r, g, b }) => {
            const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
            const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
            const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
            const context = canvas.getContext('2d');
            context.drawImage(bitmap, 0, 0);
            const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
            let count = 0;
            for (let i = 0; i < data.length; i += 4) {
                if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) +
                    Math.abs(data[i + 2] - b) < 24) {
                    count++;
                }
            }
            return count;
        }, { base64: Buffer.from(png).toString('base64'), r, g, b });
    } finally {
        await page.close();
    }
}

// The light theme's colours that tests look for (src/ui/theme.cpp).
export const colours = {
    focus: [0x1d, 0x5b, 0xb8],
    danger: [0xb3, 0x26, 0x1e], // an error's toast
    ink: [0x16, 0x1b, 0x24],    // a success's toast
};

// A screenshot of the bottom of the page, where toasts appear.
export async function bottomBand(page, height = 140) {
    const size = page.viewportSize();
    return page.screenshot({ clip: { x: 0, y: size.height - height, width: size.width, height } });
}

// The colours of a PNG at some points ([x, y] in CSS pixels of a page at ratio 1), as
// [r, g, b], decoded by the browser itself in a blank page of its own.
export async function coloursAt(browser, png, points) {
    const page = await browser.newPage();
    try {
        return await page.evaluate(async ({ base64, points }) => {
            const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
            const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
            const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
            const context = canvas.getContext('2d');
            context.drawImage(bitmap, 0, 0);
            return points.map(([x, y]) => Array.from(
                context.getImageData(Math.round(x), Math.round(y), 1, 1).data.slice(0, 3)));
        }, { base64: Buffer.from(png).toString('base64'), points });
    } finally {
        await page.close();
    }
}

// The count of requests matching `method` and a path test, from now on.
export function countRequests(page, method, pathTest) {
    const seen = [];
    page.on('request', (request) => {
        const { pathname } = new URL(request.url());
        if (request.method() === method && pathTest(pathname)) {
            seen.push(request);
        }
    });
    return seen;
}

export { names, sleep };
