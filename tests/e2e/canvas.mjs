// What the platform's tests (typing, display, keyboard, idle) share beyond harness.mjs: frames
// the page drew (Module.ticketsStats), what the canvas shows (pixels of a screenshot) and what
// the model holds for a text box (the value its semantic node carried in the last frame drawn).

import { names, newPage, waitForApp } from './harness.mjs';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Polls `read` until `check(value)` holds; fails with the last value read.
export async function until(read, check, { timeout = 5000, what = 'the condition' } = {}) {
    const deadline = Date.now() + timeout;
    let value;
    for (;;) {
        value = await read();
        if (check(value)) return value;
        if (Date.now() > deadline) {
            const last = JSON.stringify(value);
            throw new Error(`${what} did not hold within ${timeout} ms; last: ${last}`);
        }
        await sleep(40);
    }
}

// Frames drawn since the page started.
export async function framesDrawn(page) {
    return page.evaluate(() => (window.Module?.ticketsStats?.frames ?? 0));
}

// Waits until the page has drawn no frame for `quietMs`: what it drew after the last change is
// on screen. Returns the frame count then.
export async function settled(page, { quietMs = 400, timeout = 10000 } = {}) {
    const deadline = Date.now() + timeout;
    let last = await framesDrawn(page);
    let since = Date.now();
    while (Date.now() - since < quietMs) {
        if (Date.now() > deadline) throw new Error(`the page kept drawing for ${timeout} ms`);
        await sleep(50);
        const now = await framesDrawn(page);
        if (now !== last) {
            last = now;
            since = Date.now();
        }
    }
    return last;
}

// The text the model holds for a text box, as the last frame drew it (its semantic node's
// value, handed to the accessible DOM with the frame).
export async function modelText(page, key) {
    return page.evaluate((k) => {
        const node = TicketsA11y.nodes.get(k)?.data;
        return node ? (node.v ?? '') : null;
    }, key);
}

// Waits until the model holds the same text as the text box's DOM field; returns it.
export async function sameText(page, locator, key, expected) {
    const dom = await locator.inputValue();
    if (expected !== undefined && dom !== expected) {
        throw new Error(`the field holds ${JSON.stringify(dom)}, not ${JSON.stringify(expected)}`);
    }
    await until(() => modelText(page, key), (model) => model === dom,
        { what: `the model holding the field's ${JSON.stringify(dom)}` });
    return dom;
}

// A page on one ticket's thread, with a CDP session for input the keyboard API cannot send.
export async function openThread(browser, server, id, options = {}) {
    const opened = await newPage(browser, options);
    const lang = options.lang ?? 'en';
    await opened.page.goto(`${server.url}/?lang=${lang}#/tickets/${id}`);
    await waitForApp(opened.page, { lang, tickets: false });
    await opened.page.getByRole('heading', { level: 1 }).waitFor();
    const cdp = await opened.context.newCDPSession(opened.page);
    return { ...opened, cdp, reply: opened.page.getByRole('textbox', { name: names[lang].reply }) };
}

// Emulates a move to a screen of another pixel ratio. CDP's override changes the ratio but
// leaves media queries as they were until something re-evaluates them (a real zoom or move to
// another screen does); setting the emulated media type does.
export async function changeRatio(cdp, width, height, deviceScaleFactor) {
    await cdp.send('Emulation.setDeviceMetricsOverride',
        { width, height, deviceScaleFactor, mobile: false });
    await cdp.send('Emulation.setEmulatedMedia', { media: 'screen' });
}

// One key pressed and released through CDP, as the operating system's keyboard layout reports
// it: `key` and `code`, and `text` when the key types something.
export async function pressKey(cdp, { key, code, text, keyCode = 0, modifiers = 0 }) {
    const base = { key, code, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode,
                   modifiers };
    await cdp.send('Input.dispatchKeyEvent',
        text ? { type: 'keyDown', ...base, text, unmodifiedText: text }
             : { type: 'rawKeyDown', ...base });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base });
}

// The pixels of a region of the page as the person sees it (a screenshot, decoded by the
// browser): { width, height, at(x, y) -> [r, g, b] } in device pixels of the region. With a CDP
// session, the screenshot is taken through it, at the ratio the page has now (Playwright's own
// keeps to the ratio the context was made with).
export async function pixels(page, clip, cdp = null) {
    const png = cdp
        ? Buffer.from((await cdp.send('Page.captureScreenshot',
            { format: 'png', clip: { ...clip, scale: 1 } })).data, 'base64')
        : await page.screenshot({ clip });
    const decoded = await page.evaluate(async (base64) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d');
        context.drawImage(bitmap, 0, 0);
        const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
        return { width: bitmap.width, height: bitmap.height, data: Array.from(data) };
    }, png.toString('base64'));
    return {
        ...decoded,
        at(x, y) {
            const i = (y * decoded.width + x) * 4;
            return [decoded.data[i], decoded.data[i + 1], decoded.data[i + 2]];
        },
    };
}

export const hex = ([r, g, b]) =>
    '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('').toUpperCase();

// How far apart two colours are (the largest channel difference).
export const colourDistance = (a, b) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

// The box of a mirror node on the page, in CSS pixels.
export async function boxOf(page, key) {
    return page.locator(`[data-key="${key}"]`).boundingBox();
}
