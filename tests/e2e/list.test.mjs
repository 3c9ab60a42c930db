// The ticket list, as a customer first sees it: the page starts, names itself in the chosen
// language, offers one link per ticket (found by role and name, ui-contract.md), and draws.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
    apiGet, distinctColours, launchBrowser, names, newPage, screenshot, startServer, ticketLinks,
    waitForApp,
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

// A link's name starts with the ticket's subject and ends with its `#id` (ui-contract.md).
function ticketOfLink(name, tickets) {
    const id = Number(/#(\d+)\s*$/.exec(name)?.[1]);
    return tickets.find((ticket) => ticket.id === id && name.startsWith(ticket.sujet));
}

for (const lang of ['en', 'fr']) {
    test(`the list has one link per ticket, named by its subject (${lang})`, async () => {
        const { page, errors, close } = await newPage(browser, { lang });
        await page.goto(`${server.url}/?lang=${lang}#/tickets`);
        await waitForApp(page, { lang });
        const { status, body: tickets } = await apiGet(page, '/me/tickets');
        assert.equal(status, 200, 'the demo customer has tickets');

        const linkNames = await ticketLinks(page, lang).evaluateAll((links) =>
            links.map((link) => {
                const labelledBy = link.getAttribute('aria-labelledby');
                if (labelledBy) {
                    return labelledBy.split(/\s+/)
                        .map((id) => document.getElementById(id)?.textContent.trim() ?? '')
                        .join(' ');
                }
                return link.getAttribute('aria-label') ?? link.textContent.trim();
            }));
        const linked = linkNames.map((name) => ticketOfLink(name, tickets));

        // The list starts on Open, or on All when no ticket is open (issue 3); before the filter
        // exists it shows all. Either way: every link is a ticket's, once, and the right ones.
        linkNames.forEach((name, i) => assert.ok(linked[i], `"${name}" names no demo ticket`));
        const linkedIds = linked.map((ticket) => ticket.id).sort((a, b) => a - b);
        const ids = (list) => list.map((ticket) => ticket.id).sort((a, b) => a - b);
        const open = tickets.filter((ticket) => ticket.status !== 'CLOSED');
        assert.ok(
            [ids(tickets), ids(open)].some((expected) => expected.join() === linkedIds.join()),
            `the links are tickets ${linkedIds.join(', ')}: neither all nor the open ones`);
        await screenshot(page, `list-${lang}`);
        assert.deepEqual(errors, []);
        await close();
    });
}

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
