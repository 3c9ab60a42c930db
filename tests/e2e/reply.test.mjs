// Replying to a ticket, through the accessible tree, in English and French: Send reply waits
// for text, a reply sent shows up as the thread's last message and empties the box, Ctrl+Enter
// sends, a refused or lost reply keeps the text, the draft survives a reload and goes only once
// the server took it, and a double click posts once.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { apiGet, launchBrowser, names, newPage, startServer } from './harness.mjs';
import {
    articles, bottomBand, button, colours, countColour, countRequests, langs, openAt, replyBox,
    unexpected, until,
    waitForStatus, waitForThread,
} from './flows_common.mjs';

let server;
let browser;
const subjects = new Map();

before(async () => {
    server = await startServer('reply');
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

async function openTicket(lang, id) {
    const opened = await newPage(browser, { lang });
    await openAt(opened.page, server.url, lang, `#/tickets/${id}`);
    await waitForThread(opened.page, id, subjects.get(id));
    await replyBox(opened.page, lang).waitFor({ state: 'attached' });
    return opened;
}

// The draft the page keeps for a ticket in the browser's storage (localStorage, "tickets:").
const storedDraft = (page, id) =>
    page.evaluate((key) => localStorage.getItem(key), `tickets:draft.${id}`);

const isPost = (id) => (pathname) => pathname === `/me/tickets/${id}`;

// Each language replies to tickets of its own, so the tests do not see each other's replies.
const tickets = {
    en: { send: 103, keys: 113, refused: 115, draft: 120, twice: 123 },
    fr: { send: 125, keys: 130, refused: 132, draft: 137, twice: 108 },
};

for (const lang of langs) {
    const ids = tickets[lang];

    test(`Send reply waits for text; a reply sent is the last message, the box empty (${lang})`,
        async () => {
            const { page, errors, close } = await openTicket(lang, ids.send);
            const send = button(page, names[lang].sendReply);
            const box = replyBox(page, lang);
            const before = (await articles(page)).length;

            assert.ok(await send.isDisabled(), 'disabled while the box is empty');
            await box.fill('   \n  ');
            await until(async () => (await box.inputValue()) === '   \n  ', 'the spaces typed');
            assert.ok(await send.isDisabled(), 'disabled while the box holds only spaces');

            const text = `Merci, c'est réglé.\nÀ bientôt (${lang})`;
            await box.fill(text);
            await until(async () => send.isEnabled(), 'Send reply to be enabled');
            await send.click();

            await waitForStatus(page, names[lang].replySent);
            // Said on screen too, for a few seconds, in a toast at the bottom.
            await until(async () => await countColour(browser, await bottomBand(page),
                colours.ink) > 2000, 'a toast saying it');
            await until(async () => (await box.inputValue()) === '', 'the box to empty');
            const shown = await until(async () => {
                const found = await articles(page);
                return found.length === before + 1 && found;
            }, 'the new message');
            assert.equal(shown.at(-1).text, text, 'the new message is the last');
            const { body } = await apiGet(page, `/me/tickets/${ids.send}`);
            assert.ok(body.responses.some((r) => r.message === text), 'the server has it');
            assert.ok(await send.isDisabled());
            assert.equal(await storedDraft(page, ids.send),
                null, 'the draft is gone once the server took it');
            assert.deepEqual(errors, []);
            await close();
        });

    test(`Ctrl+Enter in the reply box sends (${lang})`, async () => {
        const { page, errors, close } = await openTicket(lang, ids.keys);
        const box = replyBox(page, lang);
        const posts = countRequests(page, 'POST', isPost(ids.keys));

        await box.fill(`Sent with the keyboard (${lang})`);
        await box.focus();
        await page.keyboard.press('Control+Enter');

        await waitForStatus(page, names[lang].replySent);
        await until(async () => (await articles(page)).at(-1).text ===
            `Sent with the keyboard (${lang})`, 'the reply in the thread');
        assert.equal(await box.inputValue(), '');
        assert.equal(posts.length, 1);
        assert.deepEqual(errors, []);
        await close();
    });

    test(`a refused reply shows the server's words and keeps the text (${lang})`, async () => {
        const { page, errors, close } = await openTicket(lang, ids.refused);
        await page.route(`**/me/tickets/${ids.refused}`, (route) => (
            route.request().method() === 'POST'
                ? route.fulfill({ status: 500, contentType: 'application/json',
                                  body: JSON.stringify({ error: "Can't post new reply" }) })
                : route.continue()));
        const box = replyBox(page, lang);
        const before = (await articles(page)).length;
        const text = `This one will be refused (${lang})`;

        await box.fill(text);
        await button(page, names[lang].sendReply).click();

        await waitForStatus(page, "Can't post new reply");
        assert.equal(await box.inputValue(), text);
        await until(async () => await countColour(browser, await bottomBand(page),
            colours.danger) > 2000, 'an error toast saying it');
        assert.ok(await button(page, names[lang].sendReply).isEnabled(), 'it can be sent again');
        assert.equal((await articles(page)).length, before);
        assert.equal(await storedDraft(page, ids.refused),
            text, 'the draft is still stored');
        assert.deepEqual(unexpected(errors, 500), []);
        await close();
    });

    test(`a reply whose answer never comes keeps the text and offers to send again (${lang})`,
        async () => {
            const { page, errors, close } = await openTicket(lang, ids.refused);
            await page.route(`**/me/tickets/${ids.refused}`, (route) => (
                route.request().method() === 'POST' ? route.abort('failed') : route.continue()));
            const box = replyBox(page, lang);
            const text = `Lost on the way (${lang})`;

            await box.fill(text);
            await button(page, names[lang].sendReply).click();

            await waitForStatus(page, names[lang].unreachable);
            assert.equal(await box.inputValue(), text);
            const again = { en: 'Send again', fr: 'Renvoyer' }[lang];
            await until(async () => button(page, again).isEnabled(), `a "${again}" button`);
            assert.deepEqual(unexpected(errors).filter((e) => !/ERR_FAILED/.test(e)), []);
            await close();
        });

    test(`a draft survives a reload and goes only once the server took it (${lang})`,
        async () => {
            const { page, errors, close } = await openTicket(lang, ids.draft);
            const text = `Un brouillon :\n- première ligne\n- seconde (${lang})`;

            await replyBox(page, lang).fill(text);
            await until(async () => (await storedDraft(page, ids.draft)) === text,
                'the draft to be stored');
            await page.reload();
            await waitForThread(page, ids.draft, subjects.get(ids.draft));
            await until(async () => (await replyBox(page, lang).inputValue()) === text,
                'the draft back in the box');

            // Elsewhere and back: still there.
            await page.getByRole('link', { name: names[lang].allTickets, exact: true }).click();
            await page.getByRole('heading', { name: names[lang].listHeading, exact: true })
                .waitFor({ state: 'attached' });
            await page.goBack();
            await waitForThread(page, ids.draft, subjects.get(ids.draft));
            await until(async () => (await replyBox(page, lang).inputValue()) === text,
                'the draft after going back');

            await button(page, names[lang].sendReply).click();
            await waitForStatus(page, names[lang].replySent);
            await page.reload();
            await waitForThread(page, ids.draft, subjects.get(ids.draft));
            await replyBox(page, lang).waitFor({ state: 'attached' });
            assert.equal(await replyBox(page, lang).inputValue(), '');
            assert.deepEqual(errors, []);
            await close();
        });

    test(`a double click, or more clicks while it is sent, posts once (${lang})`, async () => {
        const { page, errors, close } = await openTicket(lang, ids.twice);
        const posts = countRequests(page, 'POST', isPost(ids.twice));
        // The server's answer is held back a moment, so that the clicks land while it is awaited.
        await page.route(`**/me/tickets/${ids.twice}`, async (route) => {
            if (route.request().method() === 'POST') {
                await new Promise((resolve) => setTimeout(resolve, 700));
            }
            await route.continue();
        });
        const send = button(page, names[lang].sendReply);
        const before = (await articles(page)).length;

        await replyBox(page, lang).fill(`Only once (${lang})`);
        await until(async () => send.isEnabled(), 'Send reply to be enabled');
        await send.dblclick();
        await send.click({ force: true }).catch(() => {});
        await page.keyboard.press('Control+Enter');

        await waitForStatus(page, names[lang].replySent);
        await until(async () => (await articles(page)).length === before + 1, 'the reply shown');
        await page.waitForTimeout(500);
        assert.equal(posts.length, 1, 'one POST');
        assert.equal((await articles(page)).length, before + 1);
        assert.deepEqual(errors, []);
        await close();
    });
}
