// Reading a ticket (#/tickets/:id), through the accessible tree, in English and French: its
// header, its messages in date order (the customer's first) with their newlines and links, the
// way back (All tickets, the browser's back and forward), a deep link on a fresh load, and the
// API's not-found answer for an unknown id or another customer's ticket.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
    apiGet, launchBrowser, names, newPage, startServer, ticketLinks, waitForApp,
} from './harness.mjs';
import {
    articles, langs, openAt, unexpected, until, waitForStatus, waitForThread,
} from './flows_common.mjs';

let server;
let browser;
const threads = new Map(); // id -> the API's answer

before(async () => {
    server = await startServer('thread');
    browser = await launchBrowser();
    const { page, close } = await newPage(browser);
    await page.goto(`${server.url}/`);
    for (const id of [101, 103, 105, 106, 107, 108]) {
        const answer = await apiGet(page, `/me/tickets/${id}`);
        assert.equal(answer.status, 200, `ticket ${id}`);
        threads.set(id, answer.body);
    }
    await close();
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

// The messages as the page must show them: the first one, then the responses by date.
function expectedMessages(id) {
    const { ticket, responses } = threads.get(id);
    const sorted = [...responses].sort((a, b) => a.date - b.date);
    return [ticket.message, ...sorted.map((response) => response.message)];
}

function listHeading(page, lang) {
    return page.getByRole('heading', { level: 1, name: names[lang].listHeading, exact: true });
}

for (const lang of langs) {
    test(`a ticket opens from the list with its header and its thread in date order (${lang})`,
        async () => {
            const { page, errors, close } = await newPage(browser, { lang });
            await openAt(page, server.url, lang);
            await waitForApp(page, { lang });
            const { ticket, responses } = threads.get(101);
            assert.equal(responses.length, 15);
            assert.notDeepEqual(responses.map((r) => r.date),
                [...responses].map((r) => r.date).sort(), 'the API sends them out of order');

            await ticketLinks(page, lang).filter({ hasText: /#101$/ }).click();
            await waitForThread(page, 101, ticket.sujet);

            const shown = await until(async () => {
                const found = await articles(page);
                return found.length === 16 && found;
            }, 'sixteen messages');
            assert.deepEqual(shown.map((a) => a.text), expectedMessages(101));
            shown.forEach((a) => assert.match(a.name, /\d{4}/,
                'each message is named by its date'));

            const facts = await page.locator('[data-key="ticket-facts"]').textContent();
            const words = { en: ['Open', 'Technical support', 'Product 39', 'Created'],
                            fr: ['Ouvert', 'Support technique', 'Produit 39', 'Créé le'] }[lang];
            for (const word of [...words, '#101']) {
                assert.ok(facts.includes(word), `the header says "${word}": ${facts}`);
            }
            await waitForStatus(page, { en: 'Ticket loaded', fr: 'Ticket chargé' }[lang]);
            assert.deepEqual(errors, []);
            await close();
        });

    test(`All tickets, and the browser's back and forward, move between list and ticket (${lang})`,
        async () => {
            const { page, errors, close } = await newPage(browser, { lang });
            await openAt(page, server.url, lang);
            await waitForApp(page, { lang });
            const subject = threads.get(103).ticket.sujet;

            await ticketLinks(page, lang).filter({ hasText: /#103$/ }).click();
            await waitForThread(page, 103, subject);
            assert.equal((await articles(page)).length, 1, 'a ticket with no responses');
            const back = page.getByRole('link', { name: names[lang].allTickets, exact: true });
            assert.equal(await back.getAttribute('href'), '#/tickets');
            await back.click();
            await listHeading(page, lang).waitFor({ state: 'attached' });
            await until(async () => new URL(page.url()).hash === '#/tickets', '#/tickets');

            await page.goBack();
            await waitForThread(page, 103, subject);
            await page.goBack();
            await listHeading(page, lang).waitFor({ state: 'attached' });
            await until(async () => (await ticketLinks(page, lang).count()) > 0, 'the rows');
            await page.goForward();
            await waitForThread(page, 103, subject);
            assert.deepEqual(errors, []);
            await close();
        });

    test(`a deep link opens the ticket on a fresh load (${lang})`, async () => {
        const { page, errors, close } = await newPage(browser, { lang });
        await openAt(page, server.url, lang, '#/tickets/101');

        await waitForThread(page, 101, threads.get(101).ticket.sujet);
        await until(async () => (await articles(page)).length === 16, 'the whole thread');
        await page.getByRole('link', { name: names[lang].allTickets, exact: true }).click();
        await waitForApp(page, { lang });
        assert.deepEqual(errors, []);
        await close();
    });

    for (const [id, why] of [[999999, 'an unknown id'], [104, "another customer's ticket"]]) {
        test(`${why} shows the API's not-found text with a way back (${lang})`, async () => {
            const { page, errors, close } = await newPage(browser, { lang });
            await openAt(page, server.url, lang, `#/tickets/${id}`);
            const answer = "Can't find tickets infos";
            const heading = { en: "This ticket can't be found.",
                              fr: 'Ce ticket est introuvable.' }[lang];

            // The page's own words as the heading, the API's answer below and in the status.
            await waitForThread(page, id, heading);
            const main = page.getByRole('main');
            assert.equal(await main.getByText(answer, { exact: true }).count(), 1);
            await waitForStatus(page, answer);
            assert.equal(await main.getByRole('button', { name: names[lang].sendReply }).count(),
                0);
            assert.equal(await page.getByRole('textbox', { name: names[lang].reply }).count(), 0);
            await page.getByRole('link', { name: names[lang].allTickets, exact: true }).click();
            await waitForApp(page, { lang });
            assert.deepEqual(unexpected(errors, 404), []);
            await close();
        });
    }
}

test('newlines in a message are kept', async () => {
    const { page, errors, close } = await newPage(browser);
    await openAt(page, server.url, 'en', '#/tickets/106');
    await waitForThread(page, 106, threads.get(106).ticket.sujet);

    const [first] = await articles(page);
    assert.ok(threads.get(106).ticket.message.includes('\n'));
    assert.equal(first.text, threads.get(106).ticket.message);
    const lines = await page.locator('[data-key="message-0"] .a11y-body').evaluate(
        (body) => body.getClientRects().length && getComputedStyle(body).whiteSpace);
    assert.match(lines, /^pre/, 'the mirror keeps the line breaks too');
    assert.deepEqual(errors, []);
    await close();
});

test('a link in a message is a link that opens a new tab without an opener', async () => {
    const { page, context, errors, close } = await newPage(browser);
    await openAt(page, server.url, 'en', '#/tickets/107');
    await waitForThread(page, 107, threads.get(107).ticket.sujet);
    const url = /https?:\/\/\S+[^\s.,;:!?)]/.exec(threads.get(107).ticket.message)[0];

    const link = page.getByRole('article').first().getByRole('link', { name: url, exact: true });
    assert.equal(await link.getAttribute('href'), url);
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.ok((await link.getAttribute('rel')).split(' ').includes('noopener'));

    // A click where the canvas draws it opens it in a new tab, which cannot reach this page.
    await context.route(`${url}*`, (route) => route.fulfill({ contentType: 'text/html',
                                                             body: '<p>status</p>' }));
    const box = await link.boundingBox();
    const [popup] = await Promise.all([
        context.waitForEvent('page'),
        page.mouse.click(box.x + 30, box.y + box.height / 2),
    ]);
    await popup.waitForLoadState();
    assert.equal(popup.url(), url);
    assert.equal(await popup.evaluate(() => window.opener), null);
    assert.deepEqual(errors, []);
    await close();
});

test('a long subject is the whole heading, and an unknown department shows its code', async () => {
    const { page, errors, close } = await newPage(browser);
    await openAt(page, server.url, 'en', '#/tickets/105');
    const subject = threads.get(105).ticket.sujet;
    assert.ok(subject.length > 300);

    const heading = await waitForThread(page, 105, subject);
    const box = await heading.boundingBox();
    assert.ok(box.height > 40, 'the subject wraps over several lines');
    await page.goto(`${server.url}/?lang=en#/tickets/108`);
    await waitForThread(page, 108, threads.get(108).ticket.sujet);
    assert.match(await page.locator('[data-key="ticket-facts"]').textContent(), /JURI/);
    assert.deepEqual(errors, []);
    await close();
});
