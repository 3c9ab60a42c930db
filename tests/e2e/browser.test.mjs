// The test browser itself: Debian's Chromium, headless, must give the page WebGL 2 (the page draws
// with it), and the blank-canvas check must tell a blank canvas from a drawn one. When these fail,
// every other end-to-end test fails for a reason that is not the page's.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { distinctColours, launchBrowser, newPage } from './harness.mjs';

let browser;

before(async () => {
    browser = await launchBrowser();
});

after(async () => {
    await browser?.close();
});

test('Chromium gives a page WebGL 2 that draws', async () => {
    const { page, errors, close } = await newPage(browser);

    await page.setContent('<canvas width="32" height="32"></canvas>');
    const drawn = await page.evaluate(() => {
        const gl = document.querySelector('canvas').getContext('webgl2');
        if (!gl) {
            return null;
        }
        gl.clearColor(1, 0.5, 0, 1);
        gl.clear(gl.COLOR_BUFFER_BIT);
        const pixel = new Uint8Array(4);
        gl.readPixels(16, 16, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
        return { version: gl.getParameter(gl.VERSION), pixel: Array.from(pixel) };
    });

    assert.ok(drawn, 'getContext("webgl2") returned null');
    assert.match(drawn.version, /^WebGL 2\.0/);
    assert.deepEqual(drawn.pixel, [255, 128, 0, 255]);
    assert.deepEqual(errors, []);
    await close();
});

test('a blank canvas has one colour, a drawn one many', async () => {
    const { page, close } = await newPage(browser);
    await page.setContent('<canvas width="200" height="60" style="background:#fff"></canvas>');
    const canvas = page.locator('canvas');

    const blank = await distinctColours(browser, await canvas.screenshot());
    await page.evaluate(() => {
        const context = document.querySelector('canvas').getContext('2d');
        context.font = '24px sans-serif';
        context.fillText('Tickets', 10, 40);
    });
    const drawn = await distinctColours(browser, await canvas.screenshot());

    assert.equal(blank, 1);
    assert.ok(drawn > 10, `text drawn on the canvas gave only ${drawn} colours`);
    await close();
});
