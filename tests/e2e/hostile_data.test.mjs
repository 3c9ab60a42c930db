// Hostile data and broken storage, end to end in Chromium: rows with fields the page cannot
// read are shown degraded, or left out and counted; text in any script, and a word of 100 KB, is
// shown without breaking the layout (the screenshots, build/test-logs/screens/hostile-*.png, are
// there to be looked at); and with storage that throws, the page works, keeps drafts in memory
// and says so once.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
    distinctColours, launchBrowser, screenshot, startServer, ticketLinks, waitForApp,
} from './harness.mjs';
import { articles, replyBox, waitForStatus } from './flows_common.mjs';
import {
    backToList, en, faultPage as openFaultPage, json, learnTickets, mainLandmark,
    openTicket as openTicketOf, readSiteConfig, realErrors, texts,
} from './faults_common.mjs';

let server;
let browser;
let siteConfig;
let tickets;

before(async () => {
    server = await startServer('hostile_data');
    browser = await launchBrowser();
    siteConfig = await readSiteConfig();
    tickets = await learnTickets(browser, server);
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

const faultPage = (timeoutMs) => openFaultPage(browser, siteConfig, timeoutMs);
const openTicket = (page, id) => openTicketOf(page, id, tickets.subjectOf(id));

// Data the page cannot fully read ------------------------------------------------------------------

test('rows with bad fields are shown degraded, unusable ones counted, numbers as strings read',
    async () => {
        const { page, errors, close } = await faultPage(10000);
        const rows = [
            { id: 201, product_id: 39, departement: 'COM', sujet: 'Intact', status: 'OPEN',
              message: 'm', date: 1589222615 },
            { id: '202', product_id: '39', departement: 'TECH', sujet: 'Numbers as strings',
              status: 'OPEN', message: 'm', date: '1589222615' },
            { id: 203, product_id: 39, departement: 'COM', sujet: null, status: 'OPEN',
              message: 'm', date: 1589222615 },
            { id: 204, sujet: 12, status: null, date: 'hier' },
            { id: 'abc', sujet: 'no usable id', status: 'OPEN' },
        ];
        await page.route((url) => url.pathname === '/me/tickets',
            (route) => route.fulfill(json(200, rows)));
        await page.goto(`${server.url}/?lang=en#/tickets`);
        await waitForApp(page);

        await waitForStatus(page, '4 tickets shown');
        const linkNames = await ticketLinks(page).allTextContents();
        assert.equal(linkNames.length, 4);
        assert.ok(linkNames.some((name) => name.startsWith('Intact')));
        // The same date as the intact row: read from its string.
        const dateOf = (id) => /, ([^,]+), #\d+$/.exec(linkNames.find((n) => n.endsWith(`#${id}`)))[1];
        assert.match(linkNames.find((name) => name.endsWith('#202')),
            /^Numbers as strings, Open, Technical support, /);
        assert.equal(dateOf(202), dateOf(201), `numbers as strings: ${linkNames}`);
        assert.equal(linkNames.filter((name) => name.startsWith('(no subject)')).length, 2);
        // No status, no department, no date: left out, not shown as 1970.
        assert.ok(linkNames.includes('(no subject), #204'), `the row without fields: ${linkNames}`);
        assert.ok(!linkNames.some((name) => name.includes('no usable id')));
        await page.getByText('1 ticket could not be shown', { exact: true })
            .waitFor({ state: 'attached' });
        await screenshot(page, 'hostile-degraded-rows');
        assert.deepEqual(realErrors(errors), []);
        await close();
    });

// Nothing the mirror places over what the canvas drew (it sits where the canvas drew it) spills
// out sideways, and the page does not scroll sideways.
async function assertNothingSpills(page, where) {
    const width = page.viewportSize().width;
    const { checked, spilling, scrollWidth } = await page.evaluate((limit) => {
        const placed = [...document.querySelectorAll('[data-key]')]
            .filter((el) => el.getBoundingClientRect().width > 0);
        return {
            checked: placed.length,
            spilling: placed.filter((el) => el.getBoundingClientRect().right > limit + 1)
                .map((el) => `${el.dataset.key}: ${Math.round(el.getBoundingClientRect().right)}`),
            scrollWidth: document.scrollingElement.scrollWidth,
        };
    }, width);
    assert.ok(checked > 5, `${where}: only ${checked} placed nodes`);
    assert.deepEqual(spilling, [], `${where}: nodes past the right edge`);
    assert.ok(scrollWidth <= width, `${where}: the page scrolls sideways (${scrollWidth} px)`);
}

// Text in any script, and a word of 100 KB: shown without breaking the layout. The screenshots
// are in build/test-logs/screens/ (hostile-*.png), to be looked at.
test('accents, emoji, right-to-left and 100 KB without a space keep the layout', async () => {
    const { page, errors, close } = await faultPage(10000);
    const long = 'x'.repeat(100 * 1024);
    const subjects = [
        'Été : problème d’accès — ça marche à moitié',
        'Emoji 😀🎉👍🏽 and a family 👨‍👩‍👧',
        'עברית: השרת לא עונה — العربية: الخادم لا يستجيب',
        `No spaces ${long}`,
    ];
    const rows = subjects.map((sujet, i) => ({
        id: 301 + i, product_id: 1, departement: 'TECH', sujet, status: 'OPEN',
        message: sujet, date: 1589222615 + i,
    }));
    // Each thread: its ticket, and every text as a response (the long one last).
    const threadOf = (id) => ({
        ticket: rows[id - 301],
        responses: subjects.map((message, i) => ({ message: `${message}\nline 2`, date: 1600000000 + i })),
    });
    await page.route((url) => url.pathname.startsWith('/me/tickets'), (route) => {
        const { pathname } = new URL(route.request().url());
        return route.fulfill(json(200, pathname === '/me/tickets' ? rows
            : threadOf(Number(pathname.split('/').pop()))));
    });
    await page.goto(`${server.url}/?lang=en#/tickets`);
    await waitForApp(page);
    await waitForStatus(page, '4 tickets shown');
    const listPng = await screenshot(page, 'hostile-hostile-list');
    await assertNothingSpills(page, 'the list');

    // Right-to-left subject, every text in the thread.
    await page.evaluate(() => { location.hash = '#/tickets/303'; });
    await page.getByRole('heading', { level: 1, name: subjects[2], exact: true })
        .waitFor({ state: 'attached', timeout: 20000 });
    await waitForStatus(page, 'Ticket loaded');
    const texts = (await articles(page)).map((a) => a.text);
    for (const subject of subjects) {
        assert.ok(texts.includes(`${subject}\nline 2`), `a message of "${subject.slice(0, 30)}"`);
    }
    const threadPng = await screenshot(page, 'hostile-hostile-thread');
    await assertNothingSpills(page, 'the thread');
    await replyBox(page, 'en').fill(`${subjects[1]} ${subjects[2]} ${long}`);
    await screenshot(page, 'hostile-hostile-reply');

    // A subject of 100 KB without a space: the whole heading, wrapped.
    await page.evaluate(() => { location.hash = '#/tickets/304'; });
    await page.getByRole('heading', { level: 1, name: `No spaces ${long}`, exact: true })
        .waitFor({ state: 'attached', timeout: 20000 });
    await waitForStatus(page, 'Ticket loaded');
    await screenshot(page, 'hostile-hostile-long-subject');

    await assertNothingSpills(page, 'the long subject');
    await mainLandmark(page).waitFor({ state: 'attached' });
    assert.ok(await distinctColours(browser, listPng) > 20, 'the list was drawn');
    assert.ok(await distinctColours(browser, threadPng) > 20, 'the thread was drawn');
    await page.getByRole('link', { name: en.allTickets, exact: true }).click();
    await waitForApp(page);
    assert.deepEqual(realErrors(errors), []);
    await close();
});

// Storage that does not work ----------------------------------------------------------------------

// As in a sandboxed frame or a strict private mode: touching localStorage or sessionStorage
// throws. The page works, keeps drafts in memory, and says so once.
test('with storage that throws, the page works, keeps drafts in memory and says so once',
    async () => {
        const { page, errors, close } = await faultPage(10000);
        await page.addInitScript(() => {
            for (const name of ['localStorage', 'sessionStorage']) {
                Object.defineProperty(window, name, {
                    configurable: true,
                    get() {
                        throw new DOMException('The operation is insecure.', 'SecurityError');
                    },
                });
            }
            // How many times the status region comes to say it.
            window.memoryOnlySaid = 0;
            let said = '';
            new MutationObserver(() => {
                const now = document.querySelector('[role=status]')?.textContent ?? '';
                if (now !== said && now.startsWith("Drafts can't be saved")) {
                    window.memoryOnlySaid++;
                }
                said = now;
            }).observe(document, { subtree: true, childList: true, characterData: true });
        });
        const [first, second] = tickets.open();

        await page.goto(`${server.url}/?lang=en#/tickets`);
        await waitForApp(page);
        await openTicket(page, first);
        await replyBox(page, 'en').fill('Kept in memory, été 😀');
        await waitForStatus(page, texts.memoryOnly);
        await replyBox(page, 'en').fill('Kept in memory, été 😀, and more');
        await backToList(page);
        await openTicket(page, second);
        await replyBox(page, 'en').fill('Another one');
        await backToList(page);
        await openTicket(page, first);

        assert.equal(await replyBox(page, 'en').inputValue(), 'Kept in memory, été 😀, and more');
        assert.equal(await page.evaluate(() => window.memoryOnlySaid), 1, 'said once');
        assert.deepEqual(realErrors(errors), []);
        await close();
    });
