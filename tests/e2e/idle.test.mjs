// Idle when idle: the page draws a frame after input, a network result, a resize or a ratio
// change, and while something moves; otherwise none, so that a widget left open in a portal
// spends nobody's battery. In a background tab it does nothing at all.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, names, newPage, startServer, waitForApp } from './harness.mjs';
import { changeRatio, framesDrawn, openThread, settled, sleep, until } from './canvas.mjs';

let server;
let browser;

before(async () => {
    server = await startServer('idle');
    browser = await launchBrowser();
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

const idleMs = 5000;

// Frames drawn over `ms` with nobody touching the page.
async function framesWhileIdle(page, ms = idleMs) {
    await settled(page);
    const before = await framesDrawn(page);
    await sleep(ms);
    return (await framesDrawn(page)) - before;
}

test('the list, left alone, draws no frame in 5 seconds', async () => {
    const { page, errors, close } = await newPage(browser);
    await page.goto(`${server.url}/?lang=en#/tickets`);
    await waitForApp(page);

    assert.equal(await framesWhileIdle(page), 0);
    assert.deepEqual(errors, []);
    await close();
});

test('a thread with the reply box focused draws no frame in 5 seconds', async () => {
    const { page, reply, errors, close } = await openThread(browser, server, 103);
    await reply.click();
    await page.keyboard.type('Un brouillon');

    assert.equal(await framesWhileIdle(page), 0);
    assert.ok(await reply.evaluate((el) => el === document.activeElement));
    assert.deepEqual(errors, []);
    await close();
});

test('input, a network result, a resize and a ratio change each draw, then stop', async () => {
    const { page, context, errors, close } = await newPage(browser, { width: 1024, height: 700 });
    await page.goto(`${server.url}/?lang=en#/tickets`);
    await waitForApp(page);
    const cdp = await context.newCDPSession(page);

    // Each cause draws a frame or a few (ImGui settles in two or three), then none.
    const draws = async (what, cause) => {
        const before = await settled(page);
        await cause();
        await until(() => framesDrawn(page), (n) => n > before, { what: `a frame after ${what}` });
        const drawn = (await settled(page, { quietMs: 500 })) - before;
        assert.ok(drawn <= 8, `${what}: ${drawn} frames`);
        return drawn;
    };
    await draws('a pointer move', () => page.mouse.move(300, 300));
    await draws('a key', () => page.keyboard.press('Tab'));
    const refresh = page.getByRole('button', { name: names.en.refresh });
    await draws('a network result', () => refresh.click());
    await draws('a resize', () => page.setViewportSize({ width: 900, height: 700 }));
    await draws('a ratio change', () => changeRatio(cdp, 900, 700, 2));
    assert.deepEqual(errors, []);
    await close();
});

// Headless Chromium keeps every tab visible, so the tab is hidden the way a browser tells a page
// (visibilityState and the visibilitychange event). The page's timers are watched from the start
// (Playwright's fake clock cannot stand in: its timer ids do not fit the 32 bits Emscripten
// keeps), and the page's clock is moved on to where it would refresh itself.
test('a hidden tab keeps no timer and neither refreshes nor draws; shown again, it refreshes',
    async () => {
        const { page, errors, close } = await newPage(browser);
        await page.addInitScript(() => {
            const pending = new Map(); // id -> delay, for timers not yet fired nor cleared
            const set = window.setTimeout;
            const clear = window.clearTimeout;
            window.setTimeout = (callback, delay, ...rest) => {
                const id = set((...args) => {
                    pending.delete(id);
                    callback(...args);
                }, delay, ...rest);
                pending.set(id, delay);
                return id;
            };
            window.clearTimeout = (id) => {
                pending.delete(id);
                clear(id);
            };
            window.longTimers = () => [...pending.values()].filter((delay) => delay >= 1000);
            let ahead = 0;
            const now = Date.now;
            Date.now = () => now() + ahead;
            window.travel = (ms) => { ahead += ms; };
        });
        const listRequests = [];
        page.on('request', (request) => {
            if (new URL(request.url()).pathname === '/me/tickets') listRequests.push(request.url());
        });
        await page.goto(`${server.url}/?lang=en#/tickets`);
        await waitForApp(page);
        await settled(page);
        const longTimers = () => page.evaluate(() => window.longTimers());

        // Visible: one timer, for the refresh a minute on.
        const visible = await longTimers();
        assert.equal(visible.length, 1, `timers: ${visible}`);
        assert.ok(Math.abs(visible[0] - 60000) < 3000, `the refresh is due in ${visible[0]} ms`);

        // Hidden: no timer left, and for five seconds no request and no frame.
        await page.evaluate(() => {
            Object.defineProperty(document, 'visibilityState',
                { configurable: true, get: () => 'hidden' });
            Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
            document.dispatchEvent(new Event('visibilitychange'));
        });
        const requests = listRequests.length;
        assert.deepEqual(await longTimers(), [], 'a hidden tab keeps a timer');
        assert.equal(await framesWhileIdle(page), 0, 'a hidden tab drew');
        assert.equal(listRequests.length, requests, 'a hidden tab refreshed');

        // Shown again more than a minute later: the list is refreshed at once, and the next
        // refresh is a minute away again.
        await page.evaluate(() => {
            window.travel(65000);
            delete document.visibilityState;
            delete document.hidden;
            document.dispatchEvent(new Event('visibilitychange'));
        });
        await until(() => listRequests.length, (n) => n === requests + 1,
            { what: 'a refresh on being shown again' });
        await settled(page);
        const again = await longTimers();
        assert.equal(again.length, 1, `timers: ${again}`);
        assert.deepEqual(errors, []);
        await close();
    });

test('a success toast leaves after five seconds in a frame or two, then nothing is drawn',
    async () => {
        const { page, reply, errors, close } = await openThread(browser, server, 101);
        await reply.fill('Merci, ça marche.');
        await page.getByRole('button', { name: names.en.sendReply }).click();
        await page.getByRole('status').filter({ hasText: names.en.replySent }).waitFor();
        const sentAt = Date.now();
        await settled(page);

        // The toast sits at the bottom of the page, centred.
        const { width, height } = page.viewportSize();
        const strip = { x: 0, y: height - 100, width, height: 100 };
        const withToast = await page.screenshot({ clip: strip });
        const frames = await framesDrawn(page);
        await sleep(Math.max(0, sentAt + 6000 - Date.now()));
        const drawnToLeave = (await framesDrawn(page)) - frames;
        assert.ok(drawnToLeave >= 1 && drawnToLeave <= 3, `${drawnToLeave} frames to leave`);
        assert.ok(!withToast.equals(await page.screenshot({ clip: strip })), 'the toast left');

        assert.equal(await framesWhileIdle(page), 0);
        assert.deepEqual(errors, []);
        await close();
    });
