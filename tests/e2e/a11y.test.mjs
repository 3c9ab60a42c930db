// An accessibility audit of every screen with axe-core (from npm), in English and French: the
// list, a thread, the close dialog, a not-found ticket, the empty list, and the sign-in screen.
// No violation is allowed, and no rule is turned off.

import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';

import { launchBrowser, names, newPage, startServer, waitForApp } from './harness.mjs';
import {
    button, keySite, langs, more, openAt, replyBox, unexpected, waitForThread,
} from './flows_common.mjs';

const axeSource = await readFile(
    createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server;
let keyServer;
let site;
let browser;

before(async () => {
    site = await keySite();
    server = await startServer('a11y');
    keyServer = await startServer('a11y-key', { site });
    browser = await launchBrowser();
});

after(async () => {
    await browser?.close();
    await server?.stop();
    await keyServer?.stop();
    if (site) {
        await rm(site, { recursive: true, force: true });
    }
});

// Runs axe on the page as it is; returns its violations, each as "rule: target (summary)".
// The page's Content-Security-Policy allows no inline script, so axe comes from the page's own
// origin, at an address the test answers itself.
async function audit(page) {
    if (!(await page.evaluate(() => 'axe' in window))) {
        const url = `${new URL(page.url()).origin}/axe-core-for-tests.js`;
        await page.route(url, (route) => route.fulfill({
            contentType: 'text/javascript', body: axeSource,
        }));
        await page.addScriptTag({ url });
    }
    const results = await page.evaluate(() => window.axe.run(document, {
        resultTypes: ['violations'],
    }));
    return results.violations.flatMap((violation) => violation.nodes.map((node) => {
        const why = node.failureSummary.split('\n')[1]?.trim();
        return `${violation.id}: ${node.target.join(' ')} (${why})`;
    }));
}

for (const lang of langs) {
    test(`the list has no accessibility violations (${lang})`, async () => {
        const { page, errors, close } = await newPage(browser, { lang });
        await openAt(page, server.url, lang);
        await waitForApp(page, { lang });

        assert.deepEqual(await audit(page), []);
        assert.deepEqual(errors, []);
        await close();
    });

    test(`a thread and its close dialog have no accessibility violations (${lang})`, async () => {
        const { page, errors, close } = await newPage(browser, { lang });
        await openAt(page, server.url, lang, '#/tickets/107');
        await waitForThread(page, 107, 'Certificate renewal failed');
        await replyBox(page, lang).waitFor({ state: 'attached' });

        assert.deepEqual(await audit(page), [], 'the thread');
        await button(page, names[lang].closeTicket).click();
        await page.getByRole('dialog', { name: names[lang].closeDialog })
            .waitFor({ state: 'attached' });
        assert.deepEqual(await audit(page), [], 'the dialog');
        assert.deepEqual(errors, []);
        await close();
    });

    test(`a closed ticket, an unknown one and an empty list have no violations (${lang})`,
        async () => {
            const { page, errors, close } = await newPage(browser, { lang });
            await openAt(page, server.url, lang, '#/tickets/102');
            await page.getByRole('heading', { level: 1, name: 'Facture de mars : montant erroné' })
                .waitFor({ state: 'attached' });
            assert.deepEqual(await audit(page), [], 'a closed ticket');

            await page.goto(`${server.url}/?lang=${lang}#/tickets/999999`);
            await page.getByRole('main').getByText("Can't find tickets infos", { exact: true })
                .waitFor({ state: 'attached' });
            assert.deepEqual(await audit(page), [], 'not found');

            await page.route('**/me/tickets', (route) => route.fulfill({
                status: 404, contentType: 'application/json',
                body: JSON.stringify({ error: "Can't find any tickets" }),
            }));
            await page.goto(`${server.url}/?lang=${lang}#/tickets`);
            await page.reload(); // the list was loaded already: load it again, intercepted
            await page.getByRole('listitem').filter({ hasText: names[lang].noTickets })
                .waitFor({ state: 'attached' });
            assert.deepEqual(await audit(page), [], 'no tickets');
            assert.deepEqual(unexpected(errors, 404), []);
            await close();
        });

    test(`the sign-in screen has no accessibility violations (${lang})`, async () => {
        const { page, errors, close } = await newPage(browser, { lang });
        await openAt(page, keyServer.url, lang);
        await page.getByRole('heading', { name: more[lang].signInHeading, exact: true })
            .waitFor({ state: 'attached' });

        assert.deepEqual(await audit(page), []);
        assert.deepEqual(errors, []);
        await close();
    });
}
