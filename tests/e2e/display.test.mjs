// Sharp and sized: the canvas's backing store matches the screen's pixels at every ratio, the
// fonts are rasterised again when the ratio changes, the layout holds at 320 px, characters the
// font lacks show a placeholder yet stay intact, the theme follows the system live, text has
// the contrast it needs, and a flick does not glide for someone who asked for less motion.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import {
    apiGet, distinctColours, launchBrowser, names, newPage, screenshot, startServer, ticketLinks,
    waitForApp,
} from './harness.mjs';
import {
    changeRatio, colourDistance, framesDrawn, hex, openThread, pixels, settled, until,
} from './canvas.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let server;
let browser;

before(async () => {
    server = await startServer('display');
    browser = await launchBrowser();
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

async function openList(options = {}) {
    const opened = await newPage(browser, options);
    await opened.page.goto(`${server.url}/?lang=en#/tickets`);
    await waitForApp(opened.page);
    await settled(opened.page);
    return opened;
}

// The canvas's backing store, its CSS box and the ratio the page sees.
async function canvasSize(page) {
    return page.locator('#canvas').evaluate((canvas) => {
        const box = canvas.getBoundingClientRect();
        return { width: canvas.width, height: canvas.height, cssWidth: box.width,
                 cssHeight: box.height, ratio: window.devicePixelRatio };
    });
}

for (const dpr of [1, 1.25, 1.5, 2, 3]) {
    test(`the backing store is the CSS size times the ratio, at ratio ${dpr}`, async () => {
        const { page, errors, close } = await openList({ dpr, width: 1024, height: 700 });

        const size = await canvasSize(page);
        const png = await screenshot(page, `display-ratio-${dpr}`, page.locator('#canvas'));

        assert.equal(size.ratio, dpr);
        assert.equal(size.width, Math.round(size.cssWidth * dpr));
        assert.equal(size.height, Math.round(size.cssHeight * dpr));
        assert.ok(await distinctColours(browser, png) > 10, 'nothing is drawn');
        assert.deepEqual(errors, []);
        await close();
    });
}

// Pixels equal (or nearly: a colour off by a few levels) in two pictures of the same size.
function sameShare(a, b) {
    let same = 0;
    for (let y = 0; y < a.height; y++) {
        for (let x = 0; x < a.width; x++) {
            if (colourDistance(a.at(x, y), b.at(x, y)) <= 8) same++;
        }
    }
    return same / (a.width * a.height);
}

test('a ratio change re-rasterises the fonts: the page then looks as one opened at that ratio',
    async () => {
        const width = 1024;
        const height = 700;
        const { page, context, errors, close } = await openList({ dpr: 1, width, height });
        const cdp = await context.newCDPSession(page);
        const before = await framesDrawn(page);

        await changeRatio(cdp, width, height, 2);
        await until(() => canvasSize(page), (size) => size.width === width * 2,
            { what: 'the backing store following the new ratio' });
        await settled(page);
        const drawnAfter = await framesDrawn(page);
        // The top bar: the product's name, the language and Refresh, in bold and regular type.
        const clip = { x: 0, y: 0, width, height: 64 };
        const changed = await pixels(page, clip, cdp);

        const fresh = await openList({ dpr: 2, width, height });
        const reference = await pixels(fresh.page, clip);

        assert.ok(drawnAfter > before, 'no frame was drawn after the ratio changed');
        assert.deepEqual([changed.width, reference.width], [width * 2, width * 2]);
        const share = sameShare(changed, reference);
        assert.ok(share > 0.995,
            `only ${(share * 100).toFixed(2)} % of the top bar's pixels match` +
            ' a page opened at ratio 2: text drawn from fonts made for the old ratio is blurred');
        assert.deepEqual(errors, []);
        assert.deepEqual(fresh.errors, []);
        await fresh.close();
        await close();
    });

// Nothing may lie beyond a 320 px viewport: no sideways scroll, no mirror control outside.
async function assertFitsWidth(page, width, where) {
    const overflow = await page.evaluate((w) => {
        const scrolling = document.scrollingElement;
        const outside = [...document.querySelectorAll('#a11y a, #a11y button, #a11y input, ' +
            '#a11y textarea, #a11y select, #a11y h1, #a11y article')]
            .map((el) => ({ key: el.dataset.key, box: el.getBoundingClientRect() }))
            .filter(({ box }) => box.width > 0 && (box.left < -0.5 || box.right > w + 0.5))
            .map(({ key, box }) => `${key} ${box.left.toFixed(1)}..${box.right.toFixed(1)}`);
        return { scrollWidth: scrolling.scrollWidth, outside };
    }, width);
    assert.ok(overflow.scrollWidth <= width,
        `${where}: the page scrolls ${overflow.scrollWidth} px wide`);
    assert.deepEqual(overflow.outside, [], `${where}: mirror controls beyond the viewport`);
}

test('at 320 px wide nothing scrolls sideways, and list and thread are separate screens',
    async () => {
        const width = 320;
        const { page, errors, close } = await openList({ width, height: 640, dpr: 2 });
        await screenshot(page, 'display-320-list');

        await assertFitsWidth(page, width, 'the list');
        assert.equal(await page.getByRole('textbox', { name: names.en.reply }).count(), 0);

        await ticketLinks(page).first().click();
        await page.getByRole('textbox', { name: names.en.reply }).waitFor();
        await settled(page);
        await screenshot(page, 'display-320-thread');

        await assertFitsWidth(page, width, 'the thread');
        assert.equal(await ticketLinks(page).count(), 0,
            'the list is still shown beside the thread');
        assert.deepEqual(errors, []);
        await close();
    });

test('characters the font lacks show a placeholder and stay intact in the tree and clipboard',
    async () => {
        const text = '😀🎉 漢字 ✓';
        const { page, context, cdp, reply, errors, close } = await openThread(browser, server, 122);
        await context.grantPermissions(['clipboard-read', 'clipboard-write'],
            { origin: server.url });
        await reply.click();
        await cdp.send('Input.insertText', { text });
        await page.getByRole('button', { name: names.en.sendReply }).click();
        await until(() => page.locator('#status').textContent(), (t) => t === names.en.replySent,
            { timeout: 10000, what: 'the reply sent' });

        // The thread as it came back from the API: the newest message holds the text, exact.
        const articles = page.getByRole('article');
        await until(() => articles.count(), (n) => n >= 2, { what: 'the sent reply shown' });
        const last = articles.last();
        await last.scrollIntoViewIfNeeded();
        await settled(page);
        assert.equal(await last.locator('.a11y-body').textContent(), text);

        // On the canvas, where the text is: not blank (each missing character is a placeholder).
        const box = await last.boundingBox();
        const png = await page.screenshot({ clip: { x: box.x, y: box.y, width: 140,
                                                    height: Math.min(box.height, 24) } });
        await screenshot(page, 'display-placeholder');
        assert.ok(await distinctColours(browser, png) > 8, 'the message is blank on the canvas');

        await page.getByRole('button', { name: 'Copy' }).last().click();
        await until(() => page.evaluate(() => navigator.clipboard.readText()), (t) => t === text,
            { what: 'the message, exact, on the clipboard' });
        const { body } = await apiGet(page, '/me/tickets/122');
        assert.ok(body.responses.some((response) => response.message === text));
        assert.deepEqual(errors, []);
        await close();
    });

// The page's background colour, read from the canvas at the left margin below the top bar.
async function pageColour(page) {
    const shown = await pixels(page, { x: 4, y: 300, width: 1, height: 1 });
    return hex(shown.at(0, 0));
}

test('the theme follows prefers-color-scheme live, with a frame in the new palette',
    async () => {
        const { page, errors, close } = await openList({ width: 1024, height: 700 });
        await page.emulateMedia({ colorScheme: 'light' });
        await settled(page);
        assert.equal(await pageColour(page), '#F4F6F9');

        const before = await framesDrawn(page);
        await page.emulateMedia({ colorScheme: 'dark' });
        await until(() => pageColour(page), (colour) => colour === '#11141A',
            { what: 'the dark page colour' });
        assert.ok(await framesDrawn(page) > before);
        await settled(page);
        await screenshot(page, 'display-dark-live');

        await page.emulateMedia({ colorScheme: 'light' });
        await until(() => pageColour(page), (colour) => colour === '#F4F6F9',
            { what: 'the light page colour again' });
        assert.deepEqual(errors, []);
        await close();
    });

test('?theme=dark holds whatever the system prefers', async () => {
    const { page, errors, close } = await newPage(browser, { width: 1024, height: 700 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${server.url}/?lang=en&theme=dark#/tickets`);
    await waitForApp(page);
    await settled(page);
    assert.equal(await pageColour(page), '#11141A');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.emulateMedia({ colorScheme: 'light' });
    await settled(page);
    assert.equal(await pageColour(page), '#11141A');
    assert.deepEqual(errors, []);
    await close();
});

// The palettes as src/ui/theme.cpp writes them, named by src/ui/theme.h's Palette fields.
async function readPalettes() {
    const header = await readFile(path.join(repoRoot, 'src/ui/theme.h'), 'utf8');
    const source = await readFile(path.join(repoRoot, 'src/ui/theme.cpp'), 'utf8');
    const struct = /struct Palette \{([\s\S]*?)\};/.exec(header)[1];
    const fields = [...struct.replace(/\/\/.*$/gm, '').matchAll(/ImU32([^;]*);/g)]
        .flatMap((m) => m[1].split(',').map((name) => name.trim()));
    const palette = (name) => {
        const body = new RegExp(`const Palette ${name} = \\{([\\s\\S]*?)\\};`).exec(source)[1];
        const colours = [...body.matchAll(/rgb\(0x([0-9A-Fa-f]{6})(?:,\s*(\d+))?\)/g)]
            .map((m) => ({ rgb: parseInt(m[1], 16), alpha: m[2] ? Number(m[2]) : 255 }));
        assert.equal(colours.length, fields.length, `${name} has a colour for each field`);
        return Object.fromEntries(fields.map((field, i) => [field, colours[i]]));
    };
    return { light: palette('k_light'), dark: palette('k_dark') };
}

const channels = (rgb) => [(rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255];

// A colour with alpha laid over an opaque one.
const over = (top, below) => {
    const a = top.alpha / 255;
    const base = channels(below.rgb);
    const [r, g, b] = channels(top.rgb).map((v, i) => Math.round(v * a + base[i] * (1 - a)));
    return { rgb: (r << 16) | (g << 8) | b, alpha: 255 };
};

// WCAG 2's contrast ratio.
function contrast(a, b) {
    const luminance = ({ rgb }) => {
        const [r, g, bl] = channels(rgb).map((v) => {
            const c = v / 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
}

test('text has 4.5:1 contrast, and text boxes and the focus ring 3:1, in both palettes',
    async () => {
        const palettes = await readPalettes();
        const text = [
            ['text', 'page'], ['text', 'surface'], ['text', 'surface_hover'],
            ['muted', 'page'], ['muted', 'surface'], ['muted', 'surface_hover'],
            ['link', 'page'], ['link', 'surface'], ['link', 'surface_hover'],
            ['on_accent', 'accent'], ['on_accent', 'accent_hover'], ['on_danger', 'danger'],
            ['open_text', 'open_bg'], ['closed_text', 'closed_bg'], ['other_text', 'other_bg'],
        ];
        const edges = [
            ['field_border', 'page'], ['field_border', 'surface'], ['focus', 'page'],
            ['focus', 'surface'], ['accent', 'surface'],
        ];
        const failures = [];
        for (const [scheme, p] of Object.entries(palettes)) {
            const check = (ink, paper, least, inkColour = p[ink], paperColour = p[paper]) => {
                const ratio = contrast(inkColour, paperColour);
                if (ratio < least) {
                    failures.push(`${scheme}: ${ink} on ${paper} is ${ratio.toFixed(2)}:1`);
                }
            };
            for (const [ink, paper] of text) check(ink, paper, 4.5);
            for (const [ink, paper] of edges) check(ink, paper, 3);
            // Selected text: the selection's tint over the text box.
            check('text', 'selection over surface', 4.5, p.text, over(p.selection, p.surface));
        }
        assert.deepEqual(failures, []);
    });

// A page with a touch screen, and the person's motion preference.
async function touchPage(reducedMotion) {
    const context = await browser.newContext({ viewport: { width: 420, height: 700 },
        hasTouch: true, reducedMotion, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${server.url}/?lang=en#/tickets`);
    await waitForApp(page);
    await settled(page);
    return { page, context, cdp: await context.newCDPSession(page) };
}

// A quick upward flick of 240 px on the list, 40 px every 16 ms (the events carry those times,
// however long the browser takes to deliver them); returns the list's scroll offset once
// everything has stopped.
async function flick(page, cdp) {
    const list = page.locator('[data-key="tickets-list"]');
    const x = 200;
    let y = 600;
    let at = Date.now() / 1000;
    const touch = (type, touchPoints) =>
        cdp.send('Input.dispatchTouchEvent', { type, touchPoints, timestamp: at });
    await touch('touchStart', [{ x, y }]);
    for (let i = 0; i < 6; i++) {
        y -= 40;
        at += 0.016;
        await touch('touchMove', [{ x, y }]);
    }
    at += 0.008;
    await touch('touchEnd', []);
    await settled(page, { quietMs: 500 });
    return list.evaluate((el) => el.scrollTop);
}

test('a flick glides on, unless the person prefers reduced motion', async () => {
    const moving = await touchPage('no-preference');
    const glided = await flick(moving.page, moving.cdp);
    await moving.context.close();

    const still = await touchPage('reduce');
    const followed = await flick(still.page, still.cdp);
    await still.context.close();

    assert.ok(Math.abs(followed - 240) <= 4,
        `with reduced motion the list moved ${followed} px under a 240 px flick, ` +
        'not with the finger');
    assert.ok(glided > followed + 60, `the flick did not glide on: ${glided} px`);
});
