// The ticket list, as a customer first sees it: the page starts, names itself in the chosen
// language, offers a link per ticket (found by role and name, ui-contract.md), and draws.
// The demo tickets are learnt from the API, not written here, so the demo data can change.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
    accessibleNames, apiGet, distinctColours, launchBrowser, names, newPage, screenshot,
    startServer, ticketLinks, waitForApp,
} from './harness.mjs';

let server;
let browser;

before(async () => {
    server = await startServer('list');
    browser = await launchBrowser();
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

// Opens the list in a language; returns the page, its errors, the links' names and the tickets
// that the chosen status filter shows (all of them while the page has no filter).
async function openList(lang) {
    const opened = await newPage(browser, { lang });
    const { page } = opened;
    await page.goto(`${server.url}/?lang=${lang}#/tickets`);
    await waitForApp(page, { lang });
    await screenshot(page, `list-${lang}`);

    const { status, body: tickets } = await apiGet(page, '/me/tickets');
    assert.equal(status, 200, 'the demo customer has tickets');
    const linkNames = await accessibleNames(ticketLinks(page, lang));

    const filters = [
        [names[lang].filterAll, () => true],
        [names[lang].filterOpen, (ticket) => ticket.status !== 'CLOSED'],
        [names[lang].filterClosed, (ticket) => ticket.status === 'CLOSED'],
    ];
    const group = page.getByRole('radiogroup', { name: names[lang].statusFilter, exact: true });
    let shown = tickets;
    for (const [filter, keeps] of filters) {
        const name = new RegExp(`^${filter}( |$)`);
        if ((await group.getByRole('radio', { name, checked: true }).count()) > 0) {
            shown = tickets.filter(keeps);
        }
    }
    return { ...opened, linkNames, shown };
}

// The ticket a link's name stands for: it starts with the subject and ends with `#id`.
function ticketOfLink(name, tickets) {
    const id = Number(/#(\d+)$/.exec(name)?.[1]);
    return tickets.find((ticket) => ticket.id === id && name.startsWith(ticket.sujet));
}

for (const lang of ['en', 'fr']) {
    test(`each ticket link is named by its subject and #id, and shown by the filter (${lang})`,
        async () => {
            const { linkNames, shown, errors, close } = await openList(lang);

            const linked = linkNames.map((name) => ticketOfLink(name, shown));

            assert.ok(linkNames.length > 0);
            linkNames.forEach((name, i) =>
                assert.ok(linked[i], `"${name}" names no ticket that the filter shows`));
            assert.equal(new Set(linked.map((ticket) => ticket.id)).size, linked.length,
                'a ticket has two links');
            assert.deepEqual(errors, []);
            await close();
        });
}

// FIXME(a11y): the mirror has links only for the rows on screen (the list is drawn through a
// clipper), while ui-contract.md says one per ticket; kept as a todo until the two agree.
test('the list has a link for every ticket the filter shows, not only those on screen',
    async () => {
        const { linkNames, shown, close } = await openList('en');

        const missing = shown.filter((ticket) => !linkNames.some((name) =>
            ticketOfLink(name, [ticket])));

        assert.deepEqual(missing.map((ticket) => `#${ticket.id}`), [],
            `${missing.length} of ${shown.length} tickets have no link (ui-contract.md: one each)`);
        await close();
    });

test('?lang=fr wins over an English browser', async () => {
    const { page, errors, close } = await newPage(browser, { lang: 'en' });
    await page.goto(`${server.url}/?lang=fr`);

    await waitForApp(page, { lang: 'fr' });

    assert.equal(await page.getByRole('main', { name: names.en.main, exact: true }).count(), 0);
    assert.deepEqual(errors, []);
    await close();
});

for (const dpr of [1, 2]) {
    test(`the canvas fills the window and is drawn, at device pixel ratio ${dpr}`, async () => {
        const width = 1024;
        const height = 700;
        const { page, errors, close } = await newPage(browser, { dpr, width, height });
        await page.goto(`${server.url}/?lang=en`);
        await waitForApp(page);

        const canvas = page.locator('canvas').first();
        const box = await canvas.boundingBox();
        const backing = await canvas.evaluate((element) => [element.width, element.height]);
        const png = await screenshot(page, `canvas-dpr${dpr}`, canvas);
        const colours = await distinctColours(browser, png);

        assert.deepEqual([box.width, box.height], [width, height]);
        assert.deepEqual(backing, [width * dpr, height * dpr]);
        assert.ok(colours > 10, `the canvas shows only ${colours} colours: nothing is drawn`);
        assert.deepEqual(errors, []);
        await close();
    });
}
