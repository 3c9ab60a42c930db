// The loader: config.json and both faces of Noto Sans are fetched beside the WebAssembly, and
// the page starts only with the fonts (ImGui's own font is not built in). A file that fails is
// asked for once more; fonts that still cannot be had give the plain message, not a blank page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, newPage, startServer, waitForApp } from './harness.mjs';

let server;
let browser;

before(async () => {
    server = await startServer('loader');
    browser = await launchBrowser();
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

test('a font that fails once is asked for again, and the page starts', async () => {
    const { page, errors, close } = await newPage(browser);
    const asked = new Map();
    await page.route(/\.ttf$/, (route) => {
        const name = new URL(route.request().url()).pathname;
        asked.set(name, (asked.get(name) ?? 0) + 1);
        return asked.get(name) === 1 ? route.abort('connectionreset') : route.continue();
    });
    await page.goto(`${server.url}/?lang=en`);
    await waitForApp(page);

    // Both faces asked for again after failing (the regular one also by the page's CSS, for the
    // text fields).
    assert.equal(asked.size, 2);
    assert.ok([...asked.values()].every((times) => times >= 2), JSON.stringify([...asked]));
    assert.equal(await page.locator('#fallback').isHidden(), true);
    // The aborted requests are the browser's console lines, not the page's errors.
    assert.deepEqual(errors.filter((line) => !line.includes('ERR_CONNECTION_RESET')), []);
    await close();
});

test('fonts that cannot be had: the plain message, in the page\'s language', async () => {
    for (const [lang, words] of [['en', 'The page could not start'],
                                 ['fr', 'La page n\u2019a pas pu d\u00e9marrer']]) {
        const { page, close } = await newPage(browser, { lang });
        const pageErrors = [];
        page.on('pageerror', (error) => pageErrors.push(error.message));
        await page.route(/\.ttf$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
        await page.goto(`${server.url}/?lang=${lang}`);
        const fallback = page.locator('#fallback');
        await fallback.waitFor({ state: 'visible', timeout: 20000 });
        assert.match(await fallback.textContent(), new RegExp(words));
        assert.equal(await page.getByRole('main').count(), 0);
        assert.deepEqual(pageErrors, []);
        await close();
    }
});
