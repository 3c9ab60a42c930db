// Pointer and keyboard: mouse, touch and pen; the wheel in lines, pixels and pages; a finger
// dragging the thread; the cursor the pointer shows; Tab order, Enter, Space and Escape, a
// focused control always in view with its ring; and the keyboard inside an iframe.

import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
    launchBrowser, names, newPage, paths, screenshot, startServer, ticketLinks, waitForApp,
} from './harness.mjs';
import {
    colourDistance, openThread, pixels, sameText, settled, sleep, until,
} from './canvas.mjs';

let server;
let browser;

before(async () => {
    server = await startServer('keyboard');
    browser = await launchBrowser();
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

async function openList(options = {}) {
    const opened = await newPage(browser, { width: 1024, height: 700, ...options });
    await opened.page.goto(`${server.url}/?lang=en#/tickets`);
    await waitForApp(opened.page);
    await settled(opened.page);
    return opened;
}

// The focused mirror node: its key, role and box on the page.
async function focused(page) {
    return page.evaluate(() => {
        const el = document.activeElement;
        if (!el || !el.dataset || !el.dataset.key) return null;
        const box = el.getBoundingClientRect();
        return { key: el.dataset.key, role: el.dataset.role,
                 box: { x: box.x, y: box.y, width: box.width, height: box.height } };
    });
}

// Whether a ring in a colour is drawn around a box: looked for just outside the middle of each
// of its four sides (the ring follows the box's rounded corners, its sides are straight).
async function ringAround(page, box, colour) {
    const clip = { x: Math.max(0, box.x - 8), y: Math.max(0, box.y - 8),
                   width: box.width + 16, height: box.height + 16 };
    const shown = await pixels(page, clip);
    const ratio = shown.width / clip.width;
    const left = (box.x - clip.x) * ratio;
    const top = (box.y - clip.y) * ratio;
    const right = left + box.width * ratio;
    const bottom = top + box.height * ratio;
    const midX = Math.round((left + right) / 2);
    const midY = Math.round((top + bottom) / 2);
    const near = (x, y) => x >= 0 && y >= 0 && x < shown.width && y < shown.height &&
        colourDistance(shown.at(Math.round(x), Math.round(y)), colour) < 60;
    const side = (at) => [...Array(Math.ceil(7 * ratio)).keys()].some((d) => at(d + 1));
    return side((d) => near(midX, top - d)) && side((d) => near(midX, bottom + d - 1)) &&
        side((d) => near(left - d, midY)) && side((d) => near(right + d - 1, midY));
}

const focusColour = [0x1D, 0x5B, 0xB8];

// Tabs through a screen from its start: each control focused is in view and ringed, they come
// in reading order, and Shift+Tab retraces them.
async function checkTabOrder(page, screen, tabs) {
    const viewport = page.viewportSize();
    const forward = [];
    for (let i = 0; i < tabs; i++) {
        await page.keyboard.press('Tab');
        await settled(page, { quietMs: 250 });
        const now = await focused(page);
        assert.ok(now, `${screen}: Tab ${i + 1} left the page's controls`);
        forward.push(now);
        const { box } = now;
        assert.ok(box.y >= 0 && box.y + box.height <= viewport.height,
            `${screen}: ${now.key} is focused but out of view (${box.y.toFixed(0)} px)`);
        assert.ok(await ringAround(page, box, focusColour),
            `${screen}: ${now.key} has no focus ring drawn around it`);
    }
    await screenshot(page, `keyboard-focus-${screen}`);

    // Reading order: each next control is further down, or on the same line further right (in
    // the content, wherever its scroller has scrolled).
    const order = forward.map((f) => f.key);
    assert.equal(new Set(order).size, order.length, `${screen}: a control came twice: ${order}`);
    const placed = await page.evaluate((keys) => keys.map((key) => {
        const el = document.querySelector(`[data-key="${key}"]`);
        let y = 0;
        let x = 0;
        for (let n = el; n && n.id !== 'a11y'; n = n.offsetParent) {
            y += n.offsetTop;
            x += n.offsetLeft;
        }
        return { key, x, y };
    }), order);
    for (let i = 1; i < placed.length; i++) {
        const [a, b] = [placed[i - 1], placed[i]];
        const sameLine = Math.abs(a.y - b.y) < 12;
        assert.ok(sameLine ? b.x > a.x : b.y > a.y,
            `${screen}: ${b.key} (${b.x}, ${b.y}) comes after ${a.key} (${a.x}, ${a.y}) ` +
            'but reads before it');
    }

    const backward = [];
    for (let i = 0; i < forward.length - 1; i++) {
        await page.keyboard.press('Shift+Tab');
        backward.push((await focused(page))?.key);
    }
    assert.deepEqual(backward, order.slice(0, -1).reverse(), `${screen}: Shift+Tab`);
    return order;
}

test('Tab follows reading order, Shift+Tab goes back, and the focused control is in view '
    + 'with its ring: the list', async () => {
    const { page, errors, close } = await openList();
    const order = await checkTabOrder(page, 'list', 16);
    assert.ok(order.includes('search') && order.some((key) => key.startsWith('ticket-')),
        `the list's controls are not all reached: ${order}`);
    assert.deepEqual(errors, []);
    await close();
});

test('Tab follows reading order, Shift+Tab goes back, and the focused control is in view '
    + 'with its ring: a thread', async () => {
    // Ticket 107: a message with a link, a response, the reply box, Send reply (unavailable while
    // the box is empty, yet focusable) and Close ticket. Focus starts on the thread's heading.
    const { page, errors, close } =
        await openThread(browser, server, 107, { width: 1024, height: 600 });
    await page.getByRole('heading', { level: 1 }).focus();
    const order = await checkTabOrder(page, 'thread', 6);
    assert.deepEqual(order,
        ['link-0-0', 'copy-0', 'copy-1', 'reply', 'send-reply', 'close-ticket']);
    assert.deepEqual(errors, []);
    await close();
});

// Presses Tab until a control with this accessible name is focused.
async function tabTo(page, role, name, most = 60) {
    for (let i = 0; i < most; i++) {
        await page.keyboard.press('Tab');
        const hit = await page.evaluate(([r, n]) => {
            const el = document.activeElement;
            const label = el?.getAttribute('aria-label') ?? el?.textContent?.trim();
            return el?.dataset?.role === r && label === n;
        }, [role, name]);
        if (hit) return;
    }
    throw new Error(`Tab never reached the ${role} "${name}"`);
}

test('keyboard only: open a ticket, reply, close it, and go back', async () => {
    const { page, errors, close } = await openList();
    const status = () => page.locator('#status').textContent();

    // The first ticket link, with Enter.
    await tabTo(page, 'link', await ticketLinks(page).first().textContent());
    const id = Number(/#(\d+)$/.exec(await ticketLinks(page).first().textContent())[1]);
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: names.en.reply }).waitFor();
    assert.equal(await page.evaluate(() => location.hash), `#/tickets/${id}`);

    // The reply, typed and sent with Space on Send reply.
    await tabTo(page, 'textbox', names.en.reply);
    await page.keyboard.type('Merci, tout fonctionne.');
    await tabTo(page, 'button', names.en.sendReply);
    await page.keyboard.press('Space');
    await until(status, (text) => text === names.en.replySent, { timeout: 10000, what: 'sent' });

    // Close ticket asks first; Escape closes the question and keeps the ticket open.
    await tabTo(page, 'button', names.en.closeTicket);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: names.en.closeDialog });
    await dialog.waitFor();
    assert.ok(await dialog.evaluate((el) => el.contains(document.activeElement)),
        'focus is not in the dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => location.hash), `#/tickets/${id}`);

    // Again, and this time confirmed with the keyboard.
    await tabTo(page, 'button', names.en.closeTicket);
    await page.keyboard.press('Space');
    await dialog.waitFor();
    await tabTo(page, 'button', names.en.closeTicket, 3);
    await page.keyboard.press('Enter');
    await until(status, (text) => text === names.en.ticketClosed,
        { timeout: 10000, what: 'closed' });

    // Escape goes back to the list.
    await page.keyboard.press('Escape');
    await until(() => page.evaluate(() => location.hash), (hash) => hash === '#/tickets',
        { what: 'the list again' });
    assert.deepEqual(errors, []);
    await close();
});

// The cursor the person sees over a point: that of the mirror node there, which follows #app.
async function cursorAt(page, x, y) {
    await page.mouse.move(x, y);
    await settled(page, { quietMs: 200 });
    return page.evaluate(([px, py]) => getComputedStyle(document.elementFromPoint(px, py)).cursor,
        [x, y]);
}

test('the cursor is an I-beam over text boxes and a hand over links and buttons', async () => {
    const { page, errors, close } = await openThread(browser, server, 107);
    const centre = async (locator) => {
        const box = await locator.boundingBox();
        return [box.x + box.width / 2, box.y + box.height / 2];
    };

    const reply = page.getByRole('textbox', { name: names.en.reply });
    const back = page.getByRole('link', { name: names.en.allTickets });
    const send = page.getByRole('button', { name: names.en.sendReply });
    const copy = page.getByRole('button', { name: 'Copy' }).first();
    assert.equal(await cursorAt(page, ...await centre(reply)), 'text');
    assert.equal(await cursorAt(page, ...await centre(back)), 'pointer');
    assert.equal(await cursorAt(page, ...await centre(copy)), 'pointer');
    assert.equal(await cursorAt(page, 5, 400), 'default');
    // Send is disabled while the box is empty: no hand.
    assert.notEqual(await cursorAt(page, ...await centre(send)), 'pointer');
    assert.deepEqual(errors, []);
    await close();
});

test('the wheel scrolls the same distance in lines, pixels and pages', async () => {
    const { page, errors, close } = await openList();
    const list = page.locator('[data-key="tickets-list"]');
    const box = await list.boundingBox();
    const top = () => list.evaluate((el) => el.scrollTop);

    // Synthetic wheel events carry a delta mode; the one Chromium sends from a mouse is pixels.
    const wheel = async (deltaY, deltaMode) => {
        const before = await top();
        await page.evaluate(([dy, mode, x, y]) => {
            document.getElementById('app').dispatchEvent(new WheelEvent('wheel',
                { deltaY: dy, deltaMode: mode, clientX: x, clientY: y, bubbles: true,
                  cancelable: true }));
        }, [deltaY, deltaMode, box.x + 100, box.y + 100]);
        await settled(page, { quietMs: 250 });
        return (await top()) - before;
    };
    const lines = await wheel(3, 1);
    const pixelsMoved = await wheel(120, 0);
    const back = await wheel(-3, 1);

    assert.ok(lines > 0, 'three lines did not scroll');
    assert.equal(lines, pixelsMoved, 'three lines and 120 pixels scroll differently');
    assert.equal(back, -lines);
    const page1 = await wheel(1, 2);
    assert.ok(page1 > lines * 2, `a page scrolled only ${page1} px`);

    // And a real wheel, through Chromium's input.
    const before = await top();
    await page.mouse.move(box.x + 100, box.y + 100);
    await page.mouse.wheel(0, 240);
    await until(top, (t) => t > before, { what: 'the list scrolled by the wheel' });
    assert.deepEqual(errors, []);
    await close();
});

// A page with a touch screen.
async function touchPage(url, viewport = { width: 420, height: 700 }) {
    const context = await browser.newContext({ viewport, hasTouch: true, locale: 'en-US' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    return { page, context, errors, cdp: await context.newCDPSession(page) };
}

test('a tap opens a ticket and a finger drags the thread', async () => {
    const { page, context, cdp, errors } = await touchPage(`${server.url}/?lang=en#/tickets`);
    await waitForApp(page);
    await settled(page);

    const link = ticketLinks(page).first();
    const name = await link.textContent();
    const box = await link.boundingBox();
    await page.touchscreen.tap(box.x + 40, box.y + box.height / 2);
    await page.getByRole('heading', { level: 1, name: name.split(',')[0] }).waitFor()
        .catch(() => page.getByRole('textbox', { name: names.en.reply }).waitFor());
    assert.match(await page.evaluate(() => location.hash), /^#\/tickets\/\d+$/);

    // Ticket 101 has fifteen responses: a long thread.
    await page.evaluate(() => { location.hash = '#/tickets/101'; });
    await page.getByRole('article').nth(10).waitFor({ state: 'attached' });
    await settled(page);
    const thread = page.locator('[data-key="thread-scroll"]');
    const before = await thread.evaluate((el) => el.scrollTop);
    let y = 600;
    await cdp.send('Input.dispatchTouchEvent',
        { type: 'touchStart', touchPoints: [{ x: 200, y }] });
    for (let i = 0; i < 10; i++) {
        y -= 30;
        await sleep(30);
        await cdp.send('Input.dispatchTouchEvent',
            { type: 'touchMove', touchPoints: [{ x: 200, y }] });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await settled(page);
    const after = await thread.evaluate((el) => el.scrollTop);

    assert.ok(after - before >= 250, `the thread moved ${after - before} px under a 300 px drag`);
    assert.match(await page.evaluate(() => location.hash), /#\/tickets\/101$/,
        'the drag was taken for a tap');
    assert.deepEqual(errors, []);
    await context.close();
});

test('a pen places the caret where it touches a text box, and presses buttons', async () => {
    const { page, cdp, reply, errors, close } = await openThread(browser, server, 120);
    await reply.click();
    await page.keyboard.type('abcdefghij klmnopqrst');
    await sameText(page, reply, 'reply', 'abcdefghij klmnopqrst');
    const box = await reply.boundingBox();

    const pen = async (type, x, y, buttons) => cdp.send('Input.dispatchMouseEvent',
        { type, x, y, button: 'left', buttons, clickCount: 1, pointerType: 'pen' });
    // About the middle of the text: 12 px of padding, then roughly 8 px a letter.
    const x = box.x + 12 + 10 * 8.5;
    const y = box.y + 20;
    await pen('mouseMoved', x, y, 0);
    await pen('mousePressed', x, y, 1);
    await pen('mouseReleased', x, y, 0);
    const caret = await until(() => reply.evaluate((el) => [el.selectionStart, el.selectionEnd]),
        ([a, b]) => a === b && a > 5 && a < 16, { what: 'the caret near the middle' });
    assert.ok(caret[0] > 5);

    // A pen press on Send reply sends.
    const send = await page.getByRole('button', { name: names.en.sendReply }).boundingBox();
    const sx = send.x + send.width / 2;
    const sy = send.y + send.height / 2;
    await pen('mouseMoved', sx, sy, 0);
    await pen('mousePressed', sx, sy, 1);
    await pen('mouseReleased', sx, sy, 0);
    await until(() => page.locator('#status').textContent(), (text) => text === names.en.replySent,
        { timeout: 10000, what: 'the reply sent by pen' });
    assert.deepEqual(errors, []);
    await close();
});

test('the keyboard works inside an iframe once clicked or tabbed into', async () => {
    const site = await mkdtemp(path.join(os.tmpdir(), 'tickets-frame-'));
    await cp(paths.site, site, { recursive: true });
    await writeFile(path.join(site, 'frame.html'), '<!doctype html><meta charset="utf-8">' +
        '<title>Portal</title><button id="before">Before</button>' +
        '<iframe id="app-frame" title="Support" src="index.html?lang=en#/tickets/105" ' +
        'style="width:900px;height:640px;border:0"></iframe>');
    const framed = await startServer('keyboard-frame', { site });
    const { page, errors, close } = await newPage(browser, { width: 1000, height: 700 });
    try {
        await page.goto(`${framed.url}/frame.html`);
        const frame = page.frameLocator('#app-frame');
        const reply = frame.getByRole('textbox', { name: names.en.reply });
        await reply.waitFor({ state: 'attached', timeout: 20000 });
        const inner = page.frame({ url: /index\.html/ });
        await settled(inner);

        // Clicked into: typing reaches the reply box.
        await reply.click();
        await page.keyboard.type('Depuis le portail : ça marche.');
        assert.equal(await reply.inputValue(), 'Depuis le portail : ça marche.');
        await sameText(inner, reply, 'reply');

        // Tabbed into from the portal's own button: focus enters the frame, and keys work.
        await page.locator('#before').focus();
        await page.keyboard.press('Tab');
        const inside = await inner.evaluate(() => document.activeElement?.dataset?.key ?? null);
        assert.ok(inside, 'Tab from the portal did not reach the page in the frame');
        await page.keyboard.press('Escape');
        await until(() => inner.evaluate(() => location.hash), (hash) => hash === '#/tickets',
            { what: 'Escape in the frame going back to the list' });
        assert.deepEqual(errors, []);
    } finally {
        await close();
        await framed.stop();
        await rm(site, { recursive: true, force: true });
    }
});
