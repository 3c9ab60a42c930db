// What holds on every screen, through the accessible tree, in English and French: Refresh brings
// the server's news and keeps what the customer was doing (search, filter, draft, scroll), the
// Language control switches live and is remembered, and the whole page works from the keyboard
// alone, in reading order, with a visible focus ring.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
    apiGet, launchBrowser, names, newPage, screenshot, startServer, ticketLinks, waitForApp,
} from './harness.mjs';
import {
    articles, button, colours, countColour, countRequests, langs, listedIds, more, openAt, radio,
    replyBox, searchBox,
    until, waitForStatus, waitForThread,
} from './flows_common.mjs';

let server;
let browser;

before(async () => {
    server = await startServer('flows');
    browser = await launchBrowser();
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

// Posts a reply as if support had answered meanwhile (the demo's cookie signs the page in).
async function answerMeanwhile(page, id, message) {
    const status = await page.evaluate(async ({ id, message }) => {
        const response = await fetch(`/me/tickets/${id}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ message }).toString(),
        });
        return response.status;
    }, { id, message });
    assert.equal(status, 200);
}

// What has focus: its role (from the mirror) and its accessible name.
async function focused(page) {
    return page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const name = el.getAttribute('aria-label') ?? el.textContent;
        return { role: el.dataset?.role ?? el.tagName, name: name.trim(), key: el.dataset?.key };
    });
}

// Tabs until focus is on the node `key`; fails after `limit` presses.
async function tabTo(page, key, { back = false, limit = 60 } = {}) {
    for (let i = 0; i < limit; i++) {
        await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
        if ((await focused(page))?.key === key) return i + 1;
    }
    assert.fail(`${limit} presses of ${back ? 'Shift+Tab' : 'Tab'} did not reach ${key}`);
}

for (const lang of langs) {
    test(`Refresh brings news and keeps the search, the filter and the draft (${lang})`,
        async () => {
            const { page, errors, close } = await newPage(browser, { lang });
            await openAt(page, server.url, lang);
            await waitForApp(page, { lang });
            const lists = countRequests(page, 'GET', (p) => p === '/me/tickets');
            const threadLoads = countRequests(page, 'GET', (p) => p === '/me/tickets/101');

            // The list: a search and a filter survive it.
            await radio(page, lang, 'all').click();
            await searchBox(page, lang).fill('serveur');
            const found = await until(async () => {
                const ids = await listedIds(page, lang);
                return ids.includes(101) && ids.length < 10 && ids;
            }, 'the search to narrow the list');
            await button(page, names[lang].refresh).click();
            await until(async () => lists.length === 1, 'the list fetched again');
            await page.waitForTimeout(300);
            assert.equal(await searchBox(page, lang).inputValue(), 'serveur');
            assert.ok(await radio(page, lang, 'all').isChecked());
            assert.deepEqual(await listedIds(page, lang), found);

            // A ticket: the draft and the scroll position survive it, and news shows up.
            await ticketLinks(page, lang).filter({ hasText: /#101$/ }).click();
            const subject = (await apiGet(page, '/me/tickets/101')).body.ticket.sujet;
            await waitForThread(page, 101, subject);
            const draft = `Brouillon pendant l'actualisation (${lang})`;
            await replyBox(page, lang).fill(draft);
            const scroller = page.locator('[data-key="thread-scroll"]');
            await scroller.evaluate((el) => { el.scrollTop = 600; });
            await page.waitForTimeout(300);
            const scrolled = await scroller.evaluate((el) => el.scrollTop);
            assert.ok(scrolled > 500, 'the thread scrolled');
            const before = (await articles(page)).length;
            await answerMeanwhile(page, 101, `News from support (${lang})`);

            const loadsBefore = threadLoads.length;
            await button(page, names[lang].refresh).click();
            await until(async () => (await articles(page)).length === before + 1,
                'the new response after Refresh');
            assert.ok(threadLoads.length > loadsBefore);
            assert.equal((await articles(page)).at(-1).text, `News from support (${lang})`);
            assert.equal(await replyBox(page, lang).inputValue(), draft);
            assert.ok(Math.abs((await scroller.evaluate((el) => el.scrollTop)) - scrolled) < 2,
                'the scroll position is kept');
            assert.deepEqual(errors, []);
            await close();
        });
}

test('the Language control switches live and is remembered across a reload', async () => {
    const { page, errors, close } = await newPage(browser, { lang: 'en' });
    await page.goto(`${server.url}/#/tickets`); // no ?lang=: the page's own choice
    await waitForApp(page, { lang: 'en' });
    const language = page.getByRole('combobox', { name: names.en.language, exact: true });
    assert.equal(await language.inputValue(), 'en');

    await language.selectOption('fr');
    await waitForApp(page, { lang: 'fr' });
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    await radio(page, 'fr', 'open').waitFor({ state: 'attached' });
    await searchBox(page, 'fr').waitFor({ state: 'attached' });
    await page.getByRole('combobox', { name: names.fr.language, exact: true })
        .waitFor({ state: 'attached' });

    await page.reload();
    await waitForApp(page, { lang: 'fr' });
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');

    // Inside a ticket too, then back to English.
    await ticketLinks(page, 'fr').first().click();
    await page.getByRole('link', { name: names.fr.allTickets, exact: true })
        .waitFor({ state: 'attached' });
    await page.getByRole('combobox', { name: names.fr.language, exact: true })
        .selectOption('en');
    await page.getByRole('link', { name: names.en.allTickets, exact: true })
        .waitFor({ state: 'attached' });
    await page.reload();
    await page.getByRole('main', { name: names.en.main, exact: true })
        .waitFor({ state: 'attached' });
    assert.deepEqual(errors, []);
    await close();
});

for (const lang of langs) {
    test(`the keyboard alone reaches everything in reading order and does every flow (${lang})`,
        async () => {
            const { page, errors, close } = await newPage(browser, { lang });
            await openAt(page, server.url, lang);
            await waitForApp(page, { lang });

            // Forward through the list screen: top bar, filter, search, sort, then the rows.
            const order = [];
            for (let i = 0; i < 7; i++) {
                await page.keyboard.press('Tab');
                order.push(await focused(page));
            }
            assert.deepEqual(order.slice(0, 6).map((f) => f?.key),
                ['language', 'refresh', 'filter-open', 'search', 'sort', order[5]?.key]);
            assert.match(order[5].key, /^ticket-\d+$/, 'then the first ticket');
            assert.match(order[6].key, /^ticket-\d+$/, 'then the next ticket');
            await page.keyboard.press('Shift+Tab');
            assert.equal((await focused(page)).key, order[5].key, 'Shift+Tab goes back');

            // The focus ring is drawn around the focused row, its top edge too (just above the
            // row's own box, where nothing else is drawn in that colour).
            const box = await page.locator(`[data-key="${order[5].key}"]`).boundingBox();
            const above = { x: box.x - 6, y: box.y - 6, width: box.width + 12, height: 6 };
            await screenshot(page, `keyboard-focus-${lang}`);
            const ring = await countColour(browser, await page.screenshot({ clip: above }),
                colours.focus);
            assert.ok(ring > box.width, `a focus ring above the row (${ring} pixels)`);

            // Arrows move within the Status radios, and choose.
            await tabTo(page, 'filter-open', { back: true });
            await page.keyboard.press('ArrowRight');
            await until(async () => radio(page, lang, 'closed').isChecked(), 'Closed chosen');
            await page.keyboard.press('ArrowLeft');
            await page.keyboard.press('ArrowLeft');
            await until(async () => radio(page, lang, 'all').isChecked(), 'All chosen');

            // Enter opens a ticket.
            await tabTo(page, 'ticket-103');
            await page.keyboard.press('Enter');
            const subject = (await apiGet(page, '/me/tickets/103')).body.ticket.sujet;
            await waitForThread(page, 103, subject);

            // Focus is on its heading; then the message (its Copy), the reply box, Send reply
            // (unavailable until there is text, yet reachable) and Close ticket.
            await until(async () => (await focused(page))?.key === 'ticket-heading',
                'focus on the ticket\'s heading');
            const copies = (await articles(page)).map((_, i) => `copy-${i}`);
            const thread = [];
            for (let i = 0; i < copies.length + 3; i++) {
                await page.keyboard.press('Tab');
                thread.push((await focused(page))?.key);
            }
            assert.deepEqual(thread, [...copies, 'reply', 'send-reply', 'close-ticket']);

            // Type a reply, send it with Ctrl+Enter: focus stays in the box.
            await tabTo(page, 'reply', { back: true });
            await page.keyboard.type(`Typed with the keyboard only, é à ç (${lang})`);
            await until(async () => (await replyBox(page, lang).inputValue()).endsWith(`(${lang})`),
                'the text typed');
            await page.keyboard.press('Control+Enter');
            await waitForStatus(page, names[lang].replySent);
            assert.equal((await focused(page)).key, 'reply');

            // Another, sent with Space on Send reply: once sent, the button is unavailable again
            // and keeps the focus (not dropped on the page's body).
            await page.keyboard.type('Et une autre.');
            await until(async () => button(page, names[lang].sendReply).isEnabled(), 'Send on');
            await page.keyboard.press('Tab');
            assert.equal((await focused(page)).key, 'send-reply');
            await page.keyboard.press('Space');
            await until(async () => (await replyBox(page, lang).inputValue()) === '',
                'the second reply sent');
            await page.waitForTimeout(300);
            assert.equal((await focused(page))?.key, 'send-reply', 'focus kept');

            // Space on Close ticket opens the dialog; Enter on Cancel closes it, and focus goes
            // back to Close ticket.
            await tabTo(page, 'close-ticket');
            await page.keyboard.press('Space');
            const dialog = page.getByRole('dialog', { name: names[lang].closeDialog });
            await dialog.waitFor({ state: 'attached' });
            await until(async () => (await focused(page))?.key === 'dialog-cancel',
                'focus on Cancel');
            await page.keyboard.press('Tab');
            assert.equal((await focused(page)).key, 'dialog-close', 'Tab stays in the dialog');
            await page.keyboard.press('Tab');
            assert.notEqual((await focused(page))?.key, 'reply', 'the page behind is inert');
            await page.keyboard.press('Shift+Tab');
            await tabTo(page, 'dialog-cancel', { back: true, limit: 4 });
            await page.keyboard.press('Enter');
            await dialog.waitFor({ state: 'detached' });
            await until(async () => (await focused(page))?.key === 'close-ticket',
                'focus back on Close ticket');

            // Escape goes back to the list; Enter on a link or button works too.
            await page.keyboard.press('Escape');
            await waitForApp(page, { lang });
            await tabTo(page, 'refresh');
            await page.keyboard.press('Enter');
            await until(async () => (await ticketLinks(page, lang).count()) > 0, 'the list');
            assert.deepEqual(errors, []);
            await close();
        });
}

test('Sign out is not offered with cookie credentials', async () => {
    const { page, errors, close } = await newPage(browser);
    await openAt(page, server.url, 'en');
    await waitForApp(page);
    assert.equal(await button(page, more.en.signOut).count(), 0);
    assert.deepEqual(errors, []);
    await close();
});
