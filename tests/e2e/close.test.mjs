// Closing a ticket, through the accessible tree, in English and French: Close ticket asks
// first in a dialog; Cancel and Escape change nothing; confirmed, the ticket is closed, loses
// its reply box and buttons, and the list agrees without a reload; a refusal changes nothing.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { apiGet, launchBrowser, names, newPage, startServer, ticketLinks } from './harness.mjs';
import {
    button, countRequests, langs, listedIds, openAt, radio, radioCount, replyBox, unexpected,
    until, waitForStatus, waitForThread,
} from './flows_common.mjs';

let server;
let browser;
const subjects = new Map();

before(async () => {
    server = await startServer('close');
    browser = await launchBrowser();
    const { page, close } = await newPage(browser);
    await page.goto(`${server.url}/`);
    const answer = await apiGet(page, '/me/tickets');
    for (const ticket of answer.body) {
        subjects.set(ticket.id, ticket.sujet);
    }
    await close();
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

function dialog(page, lang) {
    return page.getByRole('dialog', { name: names[lang].closeDialog, exact: true });
}

async function statusOf(page, id) {
    const { body } = await apiGet(page, `/me/tickets/${id}`);
    return body.ticket.status;
}

// Opens the list, then the ticket from it, as a customer would.
async function openFromList(lang, id) {
    const opened = await newPage(browser, { lang });
    const { page } = opened;
    await openAt(page, server.url, lang);
    await ticketLinks(page, lang).filter({ hasText: new RegExp(`#${id}$`) }).click();
    await waitForThread(page, id, subjects.get(id));
    await replyBox(page, lang).waitFor({ state: 'attached' });
    return opened;
}

const tickets = {
    en: { close: 101, refused: 113 },
    fr: { close: 107, refused: 115 },
};

for (const lang of langs) {
    const ids = tickets[lang];

    test(`Close ticket asks first; Cancel and Escape change nothing (${lang})`, async () => {
        const { page, errors, close } = await openFromList(lang, ids.close);
        const closeButton = button(page, names[lang].closeTicket);

        await closeButton.click();
        const asked = dialog(page, lang);
        await asked.waitFor({ state: 'attached' });
        assert.equal(await asked.getAttribute('aria-modal'), 'true');
        assert.deepEqual(await asked.getByRole('button').allTextContents(),
            [names[lang].cancel, names[lang].closeTicket]);
        await until(async () => asked.evaluate((el) => el.contains(document.activeElement)),
            'focus inside the dialog');

        await asked.getByRole('button', { name: names[lang].cancel, exact: true }).click();
        await asked.waitFor({ state: 'detached' });
        assert.equal(await statusOf(page, ids.close), 'OPEN');
        assert.equal(await replyBox(page, lang).count(), 1);

        await closeButton.click();
        await asked.waitFor({ state: 'attached' });
        await page.keyboard.press('Escape');
        await asked.waitFor({ state: 'detached' });
        await waitForThread(page, ids.close, subjects.get(ids.close)); // still on the ticket
        assert.equal(await statusOf(page, ids.close), 'OPEN');
        assert.equal(await closeButton.count(), 1);
        assert.deepEqual(errors, []);
        await close();
    });

    test(`a closed ticket loses its reply box, and the list agrees without a reload (${lang})`,
        async () => {
            const { page, errors, close } = await openFromList(lang, ids.close);
            const documents = countRequests(page, 'GET', (p) => p === '/');

            await button(page, names[lang].closeTicket).click();
            await dialog(page, lang).getByRole('button', { name: names[lang].closeTicket })
                .click();

            await waitForStatus(page, names[lang].ticketClosed);
            await dialog(page, lang).waitFor({ state: 'detached' });
            await until(async () => (await replyBox(page, lang).count()) === 0, 'no Reply box');
            assert.equal(await button(page, names[lang].sendReply).count(), 0);
            assert.equal(await button(page, names[lang].closeTicket).count(), 0);
            assert.equal(await statusOf(page, ids.close), 'CLOSED');

            await page.getByRole('link', { name: names[lang].allTickets, exact: true }).click();
            await until(async () => !(await listedIds(page, lang)).includes(ids.close),
                'the ticket gone from Open');
            await radio(page, lang, 'closed').click();
            await until(async () => (await listedIds(page, lang)).includes(ids.close),
                'the ticket among the Closed');
            const word = { en: 'Closed', fr: 'Fermé' }[lang];
            const link = ticketLinks(page, lang).filter({ hasText: new RegExp(`#${ids.close}$`) });
            assert.match(await link.textContent(), new RegExp(`, ${word}, `));
            const { body } = await apiGet(page, '/me/tickets');
            assert.equal(await radioCount(page, lang, 'open'),
                body.filter((t) => t.status !== 'CLOSED').length);
            assert.equal(await radioCount(page, lang, 'closed'),
                body.filter((t) => t.status === 'CLOSED').length);
            assert.equal(documents.length, 0, 'the page was not reloaded');
            assert.deepEqual(errors, []);
            await close();
        });

    test(`a refused close shows the error and changes nothing (${lang})`, async () => {
        const { page, errors, close } = await openFromList(lang, ids.refused);
        await page.route(`**/me/tickets/${ids.refused}/close`, (route) => route.fulfill({
            status: 500, contentType: 'application/json',
            body: JSON.stringify({ error: "Can't close the ticket" }),
        }));
        await replyBox(page, lang).fill('Text typed before trying to close');

        await button(page, names[lang].closeTicket).click();
        await dialog(page, lang).getByRole('button', { name: names[lang].closeTicket }).click();

        await waitForStatus(page, "Can't close the ticket");
        await dialog(page, lang).waitFor({ state: 'detached' });
        assert.equal(await replyBox(page, lang).inputValue(), 'Text typed before trying to close');
        assert.ok(await button(page, names[lang].closeTicket).isEnabled());
        assert.equal(await statusOf(page, ids.refused), 'OPEN');
        await page.getByRole('link', { name: names[lang].allTickets, exact: true }).click();
        await until(async () => (await listedIds(page, lang)).includes(ids.refused),
            'the ticket still among the Open');
        assert.deepEqual(unexpected(errors, 500), []);
        await close();
    });
}
