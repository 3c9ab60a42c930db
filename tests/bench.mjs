// The performance benchmark's measurements (run it through ./tests/bench, which builds first).
// Every figure of issue 7, measured in Debian's headless Chromium against the reference server on
// loopback, each server on a fresh database of its own:
//
//   transfer     each file of a first load: raw, gzip -9 and brotli (quality 11) bytes, and the
//                total (node's zlib); the list's API answer is shown apart, it is data
//   startup_ms   navigation to the first frame drawn with the list (the page's performance mark
//                'tickets:first-list-frame'), median of cold loads, each in a fresh context;
//                beside it, when the list's JSON had arrived (its responseEnd)
//   decode_ms    1,000, 10,000 and 100,000 tickets: the list answer's bytes to a list ready to
//                draw, as the page times it (Module.ticketsStats.decodeMs), next to
//                JSON.parse(TextDecoder(bytes)) of the same answer in the same page
//   frame_ms     CPU time per frame (NewFrame to Render), p50 and p95, while scrolling 10,000 and
//                100,000 tickets with the wheel; and per keystroke while searching 100,000: the
//                text handler (where the search runs) plus the frame that shows its result
//   idle_frames  frames drawn in 5 s without input: on the list, and on a thread with the reply
//                box focused
//   heap_mb      the wasm heap after the first load of 100,000 tickets
//
// Writes build/bench/report.json and prints a table with the budgets beside the figures.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

import { chromium } from 'playwright-core';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const site = process.env.TICKETS_SITE_DIR ?? path.join(repoRoot, 'build/bench/site');
const serverBin =
    process.env.TICKETS_SERVER_BIN ?? path.join(repoRoot, 'build/native/web/tickets_server');
const chromiumBin = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const outDir = path.join(repoRoot, 'build/bench');
const coldLoads = Number(process.env.BENCH_LOADS ?? 10);
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const wanted = (figure) => !only || only.has(figure);

const searchName = 'Search tickets';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Small statistics -----------------------------------------------------------------------------

function quantile(values, q) {
    if (values.length === 0) return null;
    const sorted = [...values].sort((a, b) => a - b);
    const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
    return sorted[at];
}
const median = (values) => quantile(values, 0.5);
const round = (value, digits = 2) =>
    value === null || value === undefined ? null : Number(value.toFixed(digits));

// The reference server ------------------------------------------------------------------------

// Starts tickets_server on a free loopback port with a new database in a temporary folder,
// `seedMany` generated tickets for the demo customer when given. Seeding 100,000 tickets takes
// a few seconds: the server is waited for until it says where it listens.
async function startServer(name, seedMany) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tickets-bench-'));
    const args = [
        '--host', '127.0.0.1', '--port', '0', '--quiet',
        '--static', site, '--config', path.join(site, 'config.json'),
        '--db', path.join(dataDir, 'tickets.db'),
    ];
    if (seedMany) args.push('--seed-many', String(seedMany));
    const child = spawn(serverBin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const url = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name}: no answer in 120 s\n${output}`)),
            120000);
        const read = (chunk) => {
            output += chunk;
            const found = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
            if (found) {
                clearTimeout(timer);
                resolve(found[1]);
            }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.on('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`${name}: the server stopped (exit ${code})\n${output}`));
        });
    });
    return {
        url,
        async stop() {
            if (child.exitCode === null && child.signalCode === null) {
                child.kill('SIGTERM');
                await once(child, 'exit');
            }
            await rm(dataDir, { recursive: true, force: true });
        },
    };
}

// The browser ---------------------------------------------------------------------------------

// Debian's Chromium, headless, with SwiftShader's WebGL 2 (as tests/e2e/harness.mjs launches it).
async function launchBrowser() {
    const args = [
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
    ];
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    return chromium.launch({ executablePath: chromiumBin, headless: true, args });
}

// A page in a fresh context: no cache, no cookies, no storage. Page errors are collected.
async function freshPage(browser) {
    const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        deviceScaleFactor: 1,
        locale: 'en-US',
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    return { page, context, errors };
}

const stats = (page) => page.evaluate(() => {
    const s = window.Module?.ticketsStats;
    return s ? { frames: s.frames, frameCount: s.frameMs.length, decodeMs: [...s.decodeMs],
        heapBytes: s.heapBytes } : null;
});

// Waits until the page has decoded `count` list answers and drawn a frame after the last one.
async function waitForDecodes(page, count, timeout = 120000) {
    await page.waitForFunction((n) => {
        const s = window.Module?.ticketsStats;
        return s && s.decodeMs.length >= n &&
            performance.getEntriesByName('tickets:first-list-frame').length > 0;
    }, count, { timeout, polling: 50 });
    await settle(page);
}

// Lets the page draw what it wants to, then returns once it has drawn nothing for a while.
async function settle(page, quietMs = 300) {
    let last = -1;
    for (let i = 0; i < 100; i++) {
        const now = (await stats(page))?.frames ?? 0;
        if (now === last) return;
        last = now;
        await sleep(quietMs);
    }
}

const nextFrames = (page, count = 2) => page.evaluate((n) => new Promise((resolve) => {
    const step = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(n);
}), count);

// transfer ------------------------------------------------------------------------------------

function sizes(bytes) {
    return {
        raw: bytes.length,
        gzip: zlib.gzipSync(bytes, { level: 9 }).length,
        brotli: zlib.brotliCompressSync(bytes, {
            params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
            },
        }).length,
    };
}

// The files a first load fetches, from the requests the browser made, sized from build/bench/site.
async function measureTransfer(browser, server) {
    const { page, context } = await freshPage(browser);
    const requested = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${server.url}/`);
    await waitForDecodes(page, 1);
    await context.close();

    const files = [];
    let api = null;
    const seen = new Set();
    for (const url of requested) {
        const { origin, pathname } = new URL(url);
        if (origin !== server.url || seen.has(pathname)) continue;
        seen.add(pathname);
        if (pathname.startsWith('/me/')) {
            const response = await fetch(url, { headers: { Cookie: await demoCookie(server) } });
            api = { file: pathname, ...sizes(Buffer.from(await response.arrayBuffer())) };
            continue;
        }
        const name = pathname === '/' ? 'index.html' : pathname.slice(1);
        files.push({ file: name, ...sizes(await readFile(path.join(site, name))) });
    }
    const total = { raw: 0, gzip: 0, brotli: 0 };
    for (const file of files) {
        for (const key of Object.keys(total)) total[key] += file[key];
    }
    return { files, total, api_list_answer: api };
}

// The session cookie that GET / hands the demo customer.
async function demoCookie(server) {
    const response = await fetch(`${server.url}/`);
    return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

// startup_ms ----------------------------------------------------------------------------------

async function measureStartup(browser, server) {
    const loads = [];
    for (let i = 0; i < coldLoads; i++) {
        const { page, context, errors } = await freshPage(browser);
        await page.goto(`${server.url}/`);
        await page.waitForFunction(
            () => performance.getEntriesByName('tickets:first-list-frame').length > 0,
            null, { timeout: 30000, polling: 20 });
        loads.push(await page.evaluate(() => {
            const end = (match) => performance.getEntriesByType('resource')
                .filter((entry) => match.test(entry.name))
                .map((entry) => entry.responseEnd)[0] ?? null;
            return {
                first_list_frame: performance.getEntriesByName('tickets:first-list-frame')[0]
                    .startTime,
                list_json_arrived: end(/\/me\/tickets$/),
                list_json_requested: performance.getEntriesByType('resource')
                    .filter((entry) => /\/me\/tickets$/.test(entry.name))
                    .map((entry) => entry.startTime)[0] ?? null,
                first_frame: performance.getEntriesByName('tickets:first-frame')[0]?.startTime ??
                    null,
                wasm_arrived: end(/\.wasm$/),
                dom_content_loaded:
                    performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
            };
        }));
        if (errors.length) throw new Error(`start-up: page errors: ${errors.join('; ')}`);
        await context.close();
    }
    const pick = (key) => round(median(loads.map((load) => load[key])), 1);
    return {
        median: pick('first_list_frame'),
        list_json_arrived_median: pick('list_json_arrived'),
        list_json_requested_median: pick('list_json_requested'),
        first_frame_median: pick('first_frame'),
        wasm_arrived_median: pick('wasm_arrived'),
        dom_content_loaded_median: pick('dom_content_loaded'),
        loads: loads.length,
        each: loads.map((load) => round(load.first_list_frame, 1)),
    };
}

// decode_ms, frame_ms, heap_mb -----------------------------------------------------------------

// Loads a page on a server of `count` tickets: the first decode (and the heap after it), two more
// through Refresh, then JSON.parse of the same answer in the same page.
async function measureDecode(browser, server, count) {
    const opened = await freshPage(browser);
    const { page } = opened;
    await page.goto(`${server.url}/`);
    await waitForDecodes(page, 1);
    const heapAfterFirst = (await stats(page)).heapBytes;
    for (let i = 2; i <= 3; i++) {
        await page.getByRole('button', { name: 'Refresh', exact: true }).click();
        await waitForDecodes(page, i);
    }
    const after = await stats(page);
    const parse = await page.evaluate(async () => {
        const response = await fetch('/me/tickets', { credentials: 'same-origin' });
        const bytes = new Uint8Array(await response.arrayBuffer());
        const runs = [];
        let rows = 0;
        for (let i = 0; i < 3; i++) {
            const start = performance.now();
            rows = JSON.parse(new TextDecoder().decode(bytes)).length;
            runs.push(performance.now() - start);
        }
        return { runs, rows, bytes: bytes.length };
    });
    if (parse.rows !== count) throw new Error(`decode ${count}: the answer has ${parse.rows} rows`);
    const page_ms = median(after.decodeMs.slice(0, 3));
    const json_parse_ms = median(parse.runs);
    return {
        opened,
        heapAfterFirst,
        heapAfterRefreshes: after.heapBytes,
        result: {
            tickets: count,
            bytes: parse.bytes,
            page_ms: round(page_ms),
            json_parse_ms: round(json_parse_ms),
            ratio: round(page_ms / json_parse_ms),
            page_runs: after.decodeMs.slice(0, 3).map((ms) => round(ms)),
        },
    };
}

// Wheel-scrolls the list; returns p50 and p95 of the frames drawn meanwhile.
async function measureScroll(page, steps = 120) {
    await page.mouse.move(640, 500);
    await settle(page);
    const from = (await page.evaluate(() => Module.ticketsStats.frameMs.length));
    for (let i = 0; i < steps; i++) {
        await page.mouse.wheel(0, i < steps / 2 ? 240 : -120);
        await nextFrames(page, 2);
    }
    await settle(page);
    const frames = await page.evaluate((n) => Module.ticketsStats.frameMs.slice(n), from);
    return { frames: frames.length, p50: round(quantile(frames, 0.5), 3),
        p95: round(quantile(frames, 0.95), 3), max: round(Math.max(...frames), 3) };
}

// Types into the search box, a key at a time, then deletes it all: per keystroke, the time in
// the text handler (the model's search runs there) plus the CPU time of the next frame.
async function measureSearch(page) {
    const box = page.getByRole('searchbox', { name: searchName, exact: true });
    await box.click();
    await settle(page);
    await page.evaluate(() => {
        const handler = Module._tickets_on_text;
        window.benchHandlerMs = [];
        Module._tickets_on_text = function (...args) {
            const start = performance.now();
            const result = handler.apply(this, args);
            window.benchHandlerMs.push(performance.now() - start);
            return result;
        };
    });
    const keys = [...'serveur facture', ...Array(15).fill('Backspace')];
    const keystrokes = [];
    for (const key of keys) {
        const before = await page.evaluate(() => ({
            frames: Module.ticketsStats.frameMs.length, handlers: window.benchHandlerMs.length }));
        await page.keyboard.press(key === ' ' ? 'Space' : key);
        await nextFrames(page, 3);
        const after = await page.evaluate((b) => ({
            frames: Module.ticketsStats.frameMs.slice(b.frames),
            handlers: window.benchHandlerMs.slice(b.handlers),
        }), before);
        const handler = after.handlers.reduce((sum, ms) => sum + ms, 0);
        keystrokes.push({ key, handler, frame: after.frames[0] ?? 0,
            total: handler + (after.frames[0] ?? 0) });
    }
    const totals = keystrokes.map((k) => k.total);
    return {
        keystrokes: keystrokes.length,
        p50: round(quantile(totals, 0.5), 3),
        p95: round(quantile(totals, 0.95), 3),
        max: round(Math.max(...totals), 3),
        handler_max: round(Math.max(...keystrokes.map((k) => k.handler)), 3),
        frame_max: round(Math.max(...keystrokes.map((k) => k.frame)), 3),
    };
}

// idle_frames ---------------------------------------------------------------------------------

async function countIdleFrames(page, ms = 5000) {
    await settle(page);
    const before = (await stats(page)).frames;
    await sleep(ms);
    return (await stats(page)).frames - before;
}

async function measureIdle(browser, server) {
    const { page, context } = await freshPage(browser);
    await page.goto(`${server.url}/`);
    await waitForDecodes(page, 1);
    const list = await countIdleFrames(page);

    const links = page.getByRole('list', { name: 'Tickets', exact: true }).getByRole('link');
    await links.first().click();
    const reply = page.getByRole('textbox', { name: 'Reply', exact: true });
    await reply.waitFor({ state: 'attached', timeout: 30000 });
    await reply.focus();
    const thread = await countIdleFrames(page);
    await context.close();
    return { list, thread_reply_focused: thread, seconds: 5 };
}

// The table -----------------------------------------------------------------------------------

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

function printTable(report) {
    const rows = [];
    const add = (figure, budget, measured, met) =>
        rows.push([figure, budget, measured, met === undefined ? '' : met ? 'met' : 'NOT MET']);
    if (report.transfer) {
        for (const file of report.transfer.files) {
            add(`  ${file.file}`, '', `${file.raw} raw, ${file.gzip} gz, ${file.brotli} br`);
        }
        const total = report.transfer.total;
        add('first load, gzip', '≤ 200 KB', `${kb(total.gzip)} (br ${kb(total.brotli)})`,
            total.gzip <= 200000);
    }
    if (report.startup_ms) {
        const s = report.startup_ms;
        add('startup (median)', '≤ 250 ms',
            `${s.median} ms (list JSON at ${s.list_json_arrived_median} ms)`, s.median <= 250);
    }
    for (const d of report.decode_ms ?? []) {
        add(`decode ${d.tickets}`, d.tickets === 100000 ? '≤ 2 × JSON.parse' : '',
            `${d.page_ms} ms vs JSON.parse ${d.json_parse_ms} ms (× ${d.ratio})`,
            d.tickets === 100000 ? d.ratio <= 2 : undefined);
    }
    if (report.frame_ms) {
        for (const [count, f] of Object.entries(report.frame_ms.scroll ?? {})) {
            add(`frame scrolling ${count}`, count === '100000' ? 'p95 ≤ 2 ms' : '',
                `p50 ${f.p50} ms, p95 ${f.p95} ms`, count === '100000' ? f.p95 <= 2 : undefined);
        }
        const k = report.frame_ms.search_keystroke_100000;
        if (k) {
            add('search keystroke 100000', '≤ 8 ms', `p50 ${k.p50} ms, p95 ${k.p95} ms, max ${k.max}`,
                k.p95 <= 8);
        }
    }
    if (report.idle_frames) {
        add('idle frames, list (5 s)', '0', String(report.idle_frames.list),
            report.idle_frames.list === 0);
        add('idle frames, reply focused', '', String(report.idle_frames.thread_reply_focused));
    }
    if (report.heap_mb) {
        add('heap at 100000', '≤ 64 MB', `${report.heap_mb.after_load_100000} MB`,
            report.heap_mb.after_load_100000 <= 64);
    }
    const widths = [0, 1, 2, 3].map((i) =>
        Math.max(...rows.map((row) => row[i].length), ['figure', 'budget', 'measured', ''][i].length));
    const line = (cells) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
    console.log(line(['figure', 'budget', 'measured', '']));
    for (const row of rows) console.log(line(row));
}

// Main ----------------------------------------------------------------------------------------

async function main() {
    await mkdir(outDir, { recursive: true });
    const browser = await launchBrowser();
    const report = {
        meta: {
            date: new Date().toISOString(),
            chromium: browser.version(),
            cpus: os.cpus().length,
            cpu: os.cpus()[0]?.model ?? '',
            load_average: os.loadavg().map((value) => round(value, 1)),
        },
    };
    const servers = [];
    try {
        const demo = await startServer('demo');
        servers.push(demo);
        if (wanted('transfer')) {
            console.log('bench: transfer');
            report.transfer = await measureTransfer(browser, demo);
        }
        if (wanted('startup')) {
            console.log(`bench: start-up, ${coldLoads} cold loads`);
            report.startup_ms = await measureStartup(browser, demo);
        }
        if (wanted('idle')) {
            console.log('bench: idle frames');
            report.idle_frames = await measureIdle(browser, demo);
        }
        if (wanted('decode') || wanted('frames')) {
            report.decode_ms = [];
            report.frame_ms = { scroll: {} };
            for (const count of [1000, 10000, 100000]) {
                console.log(`bench: ${count} tickets`);
                const server = await startServer(`seed-${count}`, count);
                servers.push(server);
                const measured = await measureDecode(browser, server, count);
                report.decode_ms.push(measured.result);
                if (count === 100000) {
                    report.heap_mb = {
                        after_load_100000: round(measured.heapAfterFirst / 2 ** 20, 1),
                        after_two_refreshes: round(measured.heapAfterRefreshes / 2 ** 20, 1),
                    };
                }
                if (wanted('frames') && count >= 10000) {
                    report.frame_ms.scroll[count] = await measureScroll(measured.opened.page);
                }
                if (wanted('frames') && count === 100000) {
                    report.frame_ms.search_keystroke_100000 =
                        await measureSearch(measured.opened.page);
                }
                if (measured.opened.errors.length) {
                    throw new Error(`${count} tickets: page errors: ${measured.opened.errors}`);
                }
                await measured.opened.context.close();
                await server.stop();
                servers.pop();
            }
            if (!wanted('decode')) delete report.decode_ms;
        }
    } finally {
        await browser.close();
        for (const server of servers) await server.stop();
    }
    const file = path.join(outDir, 'report.json');
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    printTable(report);
    console.log(`bench: wrote ${path.relative(repoRoot, file)}`);
}

main().catch((error) => {
    console.error(`bench: ${error.stack ?? error}`);
    process.exit(1);
});
