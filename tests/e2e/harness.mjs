// What every end-to-end test needs: the reference server on a fresh copy of the demo data,
// Debian's Chromium driven by playwright-core, pages that record their errors, and the names
// of ui-contract.md to find things by role and name, as a person (or a screen reader) would.
//
// Paths come from the environment that tests/run sets, with the same defaults:
//   TICKETS_SERVER_BIN  build/native/web/tickets_server
//   TICKETS_SITE_DIR    build/site (the page, with its config.json)
//   TICKETS_TEST_LOGS   build/test-logs (server logs and screenshots go below it)
//   CHROMIUM_BIN        /usr/bin/chromium

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const paths = {
    server:
        process.env.TICKETS_SERVER_BIN ?? path.join(repoRoot, 'build/native/web/tickets_server'),
    site: process.env.TICKETS_SITE_DIR ?? path.join(repoRoot, 'build/site'),
    logs: process.env.TICKETS_TEST_LOGS ?? path.join(repoRoot, 'build/test-logs'),
    chromium: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
};

// The accessible names of ui-contract.md, by language.
export const names = {
    en: {
        main: 'Support tickets',
        refresh: 'Refresh',
        language: 'Language',
        listHeading: 'Tickets',
        search: 'Search tickets',
        statusFilter: 'Status',
        filterAll: 'All',
        filterOpen: 'Open',
        filterClosed: 'Closed',
        list: 'Tickets',
        noTickets: 'No tickets yet',
        noMatch: 'No tickets match',
        allTickets: 'All tickets',
        reply: 'Reply',
        sendReply: 'Send reply',
        closeTicket: 'Close ticket',
        closeDialog: 'Close this ticket?',
        cancel: 'Cancel',
        replySent: 'Reply sent',
        ticketClosed: 'Ticket closed',
        unreachable: "Can't reach the server. Your text is kept.",
    },
    fr: {
        main: "Tickets d'assistance",
        refresh: 'Actualiser',
        language: 'Langue',
        listHeading: 'Tickets',
        search: 'Rechercher',
        statusFilter: 'Statut',
        filterAll: 'Tous',
        filterOpen: 'Ouverts',
        filterClosed: 'Fermés',
        list: 'Tickets',
        noTickets: 'Aucun ticket pour le moment',
        noMatch: 'Aucun ticket ne correspond',
        allTickets: 'Tous les tickets',
        reply: 'Réponse',
        sendReply: 'Envoyer',
        closeTicket: 'Fermer le ticket',
        closeDialog: 'Fermer ce ticket ?',
        cancel: 'Annuler',
        replySent: 'Réponse envoyée',
        ticketClosed: 'Ticket fermé',
        unreachable: 'Serveur injoignable. Votre texte est conservé.',
    },
};

// The reference server ------------------------------------------------------------------------

// A port nobody listens on now. Another process could take it before the server does; startServer
// then tries again with another one.
async function freePort() {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address();
    probe.close();
    await once(probe, 'close');
    return port;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Starts the reference server on a free loopback port with a database of its own in a temporary
// folder, so that each test file starts from the fresh demo data. `name` names its log file
// (build/test-logs/e2e-server/<name>.log). `site` serves another folder than the built page.
// Returns { url, port, dbFile, output(), stop() }.
export async function startServer(name, { site = paths.site, extraArgs = [] } = {}) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tickets-e2e-'));
    const dbFile = path.join(dataDir, 'tickets.db');
    const logDir = path.join(paths.logs, 'e2e-server');
    await mkdir(logDir, { recursive: true });

    let lastError;
    for (let attempt = 1; attempt <= 3; attempt++) {
        const port = await freePort();
        const args = [
            '--host', '127.0.0.1', '--port', String(port),
            '--static', site, '--config', path.join(site, 'config.json'),
            '--db', dbFile,
            ...extraArgs,
        ];
        const server = await spawnServer(args, path.join(logDir, `${name}.log`));
        try {
            await waitUntilServing(server, `http://127.0.0.1:${port}/`);
        } catch (error) {
            lastError = error;
            await server.stop();
            continue;
        }
        return {
            url: `http://127.0.0.1:${port}`,
            port,
            dbFile,
            output: server.output,
            async stop() {
                await server.stop();
                await rm(dataDir, { recursive: true, force: true });
            },
        };
    }
    await rm(dataDir, { recursive: true, force: true });
    throw lastError;
}

async function spawnServer(args, logFile) {
    const log = createWriteStream(logFile, { flags: 'a' });
    await once(log, 'open');
    log.write(`$ ${paths.server} ${args.join(' ')}\n`);

    const child = spawn(paths.server, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
        stream.on('data', (chunk) => {
            output += chunk;
            log.write(chunk);
        });
    }
    const exited = new Promise((resolve) => {
        child.on('exit', (code, signal) => resolve({ code, signal }));
        child.on('error', (error) => resolve({ code: null, signal: null, error }));
    });

    return {
        child,
        exited,
        output: () => output,
        async stop() {
            if (child.exitCode === null && child.signalCode === null) {
                child.kill('SIGTERM');
                const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
                await exited;
                clearTimeout(timer);
            }
            await new Promise((resolve) => log.end(resolve));
        },
    };
}

// Waits until the server answers HTTP at all (any status), or fails with what it printed.
async function waitUntilServing(server, url, timeoutMs = 15000) {
    let ended = null;
    server.exited.then((how) => (ended = how));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (ended) {
            const how = ended.error ? ended.error.message : `exit ${ended.code ?? ended.signal}`;
            throw new Error(`the server stopped before serving (${how}):\n${server.output()}`);
        }
        try {
            await fetch(url, { signal: AbortSignal.timeout(1000) });
            return;
        } catch {
            await sleep(100);
        }
    }
    throw new Error(`the server did not answer ${url} within ${timeoutMs} ms:\n${server.output()}`);
}

// The browser ---------------------------------------------------------------------------------

// Debian's Chromium, headless. SwiftShader gives it WebGL 2 without a GPU; the sandbox needs a
// user other than root; the rest keeps it from reaching out to the network on its own.
// `extraArgs`: more switches for one test file's browser.
export async function launchBrowser({ extraArgs = [] } = {}) {
    const args = [
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
        ...extraArgs,
    ];
    if (process.getuid?.() === 0) {
        args.push('--no-sandbox');
    }
    return chromium.launch({ executablePath: paths.chromium, headless: true, args });
}

const locales = { en: 'en-US', fr: 'fr-FR' };

// A page in a fresh browser context (its own cookies and storage) that records page errors and
// console errors in `errors`, for tests to assert there are none. The browser's own request for
// /favicon.ico is not the page's doing and is left out. Close it with close().
export async function newPage(browser, { lang = 'en', dpr = 1, width = 1280, height = 800 } = {}) {
    const context = await browser.newContext({
        viewport: { width, height },
        deviceScaleFactor: dpr,
        locale: locales[lang] ?? lang,
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
        const where = message.location()?.url;
        if (message.type() === 'error' && !where?.endsWith('/favicon.ico')) {
            errors.push(`console error: ${message.text()}${where ? ` (${where})` : ''}`);
        }
    });
    return { page, context, errors, close: () => context.close() };
}

// Waits until the page has started and shows the ticket list: the main landmark, named in the
// page's language, and at least one ticket link in the list (unless `tickets` is false).
export async function waitForApp(page, { lang = 'en', tickets = true, timeout = 20000 } = {}) {
    const main = page.getByRole('main', { name: names[lang].main, exact: true });
    await main.waitFor({ state: 'attached', timeout });
    if (tickets) {
        await ticketLinks(page, lang).first().waitFor({ state: 'attached', timeout });
    }
    return main;
}

// The ticket links in the list, as ui-contract.md names them.
export function ticketLinks(page, lang = 'en') {
    return page.getByRole('list', { name: names[lang].list, exact: true }).getByRole('link');
}

// The accessible names of the elements a locator finds, in document order: from aria-labelledby,
// else aria-label, else the text (what the page's mirror uses; enough for links and buttons).
export async function accessibleNames(locator) {
    return locator.evaluateAll((elements) =>
        elements.map((element) => {
            const labelledBy = element.getAttribute('aria-labelledby');
            if (labelledBy) {
                return labelledBy.split(/\s+/)
                    .map((id) => document.getElementById(id)?.textContent.trim() ?? '')
                    .join(' ');
            }
            return element.getAttribute('aria-label') ?? element.textContent.trim();
        }));
}

// Calls the API from inside the page, with its cookies, as the page itself would.
export async function apiGet(page, apiPath) {
    return page.evaluate(async (url) => {
        const response = await fetch(url, { credentials: 'same-origin' });
        const text = await response.text();
        let body = null;
        try {
            body = JSON.parse(text);
        } catch {
            body = text;
        }
        return { status: response.status, body };
    }, apiPath);
}

// Pictures --------------------------------------------------------------------------------------

// Saves a screenshot of the page (or of one element) as build/test-logs/screens/<name>.png and
// returns the PNG's bytes.
export async function screenshot(page, name, element = null) {
    const dir = path.join(paths.logs, 'screens');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `${name}.png`);
    return (element ?? page).screenshot({ path: file });
}

// How many distinct colours a PNG has: 1 for a blank canvas, hundreds once text is drawn
// (anti-aliasing). Decoded by the browser itself, in a blank page of its own.
export async function distinctColours(browser, png) {
    const page = await browser.newPage();
    try {
        return await page.evaluate(async (base64) => {
            const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
            const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
            const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
            const context = canvas.getContext('2d');
            context.drawImage(bitmap, 0, 0);
            const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
            const colours = new Set();
            for (let i = 0; i < data.length; i += 4) {
                colours.add(((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]) >>> 0);
            }
            return colours.size;
        }, Buffer.from(png).toString('base64'));
    } finally {
        await page.close();
    }
}
