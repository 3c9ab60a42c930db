// Finding a ticket in the list (#/tickets), through the accessible tree, in English and French:
// the Status radios and their counts, where the list starts, search as you type (case and
// accents ignored), the sort and its memory, what each row's link says, and the two empty
// states. What the list should show is worked out from the API's own answer.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
    apiGet, launchBrowser, names, newPage, startServer, ticketLinks, waitForApp,
} from './harness.mjs';
import {
    coloursAt, langs, listedIds, openAt, radio, radioCount, searchBox, sortBox, statusText,
    unexpected,
    until, waitForStatus,
} from './flows_common.mjs';

let server;
let browser;
let tickets; // the demo customer's, as the API sends them

before(async () => {
    server = await startServer('find');
    browser = await launchBrowser();
    const { page, close } = await newPage(browser);
    await page.goto(`${server.url}/`);
    const answer = await apiGet(page, '/me/tickets');
    assert.equal(answer.status, 200);
    tickets = answer.body;
    await close();
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

// What the page should make of the tickets ------------------------------------------------------

const isClosed = (ticket) => ticket.status === 'CLOSED';
const newestFirst = (a, b) => b.date - a.date || b.id - a.id;

// Case and accents folded away, as the search does.
function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
        .replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss');
}

function searchOracle(query, keep = () => true) {
    const words = fold(query).split(/\s+/).filter(Boolean);
    return tickets
        .filter((t) => keep(t))
        .filter((t) => {
            const haystack = fold(`${t.sujet}\n${t.message}\n#${t.id}`);
            return words.every((word) => haystack.includes(word));
        })
        .sort(newestFirst)
        .map((t) => t.id);
}

const statusWords = {
    en: { OPEN: 'Open', CLOSED: 'Closed' },
    fr: { OPEN: 'Ouvert', CLOSED: 'Fermé' },
};
const departmentWords = {
    en: { COM: 'Sales', TECH: 'Technical support', FACT: 'Billing', ABUSE: 'Abuse' },
    fr: { COM: 'Commercial', TECH: 'Support technique', FACT: 'Facturation', ABUSE: 'Abus' },
};
const statusWord = (lang, status) => statusWords[lang][status] ?? status;
const departmentWord = (lang, code) => departmentWords[lang][code] ?? code;

async function openList(lang, options = {}) {
    const opened = await newPage(browser, { lang, ...options });
    await openAt(opened.page, server.url, lang);
    await waitForApp(opened.page, { lang });
    return opened;
}

async function waitForIds(page, lang, expected, what) {
    await until(async () => {
        const ids = await listedIds(page, lang);
        return JSON.stringify(ids) === JSON.stringify(expected) && ids;
    }, `${what}: the list to show ${JSON.stringify(expected)}`);
}

async function checked(page, lang) {
    for (const which of ['all', 'open', 'closed']) {
        if (await radio(page, lang, which).isChecked()) {
            return which;
        }
    }
    return null;
}

// The tests ---------------------------------------------------------------------------------------

for (const lang of langs) {
    test(`the Status radios count the tickets, and the list starts on Open (${lang})`, async () => {
        const { page, errors, close } = await openList(lang);
        const open = tickets.filter((t) => !isClosed(t));
        const closed = tickets.filter(isClosed);

        assert.equal(await radioCount(page, lang, 'all'), tickets.length);
        assert.equal(await radioCount(page, lang, 'open'), open.length);
        assert.equal(await radioCount(page, lang, 'closed'), closed.length);
        assert.equal(await checked(page, lang), 'open');
        await waitForIds(page, lang, open.sort(newestFirst).map((t) => t.id), 'Open, newest first');
        // Statuses the page has never heard of count as open, and are shown as they come.
        assert.ok(open.some((t) => t.status === 'PENDING'));

        await radio(page, lang, 'closed').click();
        await waitForIds(page, lang, closed.sort(newestFirst).map((t) => t.id), 'Closed');
        assert.equal(await checked(page, lang), 'closed');

        await radio(page, lang, 'all').click();
        await waitForIds(page, lang, [...tickets].sort(newestFirst).map((t) => t.id), 'All');
        assert.equal(await checked(page, lang), 'all');
        assert.deepEqual(errors, []);
        await close();
    });

    test(`each row's link says subject, status, department, date and #id (${lang})`, async () => {
        const { page, errors, close } = await openList(lang);
        await radio(page, lang, 'all').click();
        await waitForIds(page, lang, [...tickets].sort(newestFirst).map((t) => t.id), 'All');

        const links = await ticketLinks(page, lang).evaluateAll((elements) => elements.map(
            (a) => ({ name: a.textContent, href: a.getAttribute('href'),
                      date: a.getAttribute('aria-description') })));

        for (const link of links) {
            const id = Number(/#(\d+)$/.exec(link.name)[1]);
            const ticket = tickets.find((t) => t.id === id);
            const parts = link.name.slice(ticket.sujet.length).split(', ');
            assert.ok(link.name.startsWith(`${ticket.sujet}, `),
                `"${link.name}": the subject first`);
            assert.equal(parts[1], statusWord(lang, ticket.status), `"${link.name}": the status`);
            assert.equal(parts[2], departmentWord(lang, ticket.departement), `"${link.name}"`);
            assert.match(parts[3], /\S/, `"${link.name}": a date`);
            assert.equal(parts[4], `#${id}`);
            assert.equal(link.href, `#/tickets/${id}`);
            assert.match(link.date ?? '', /\d{4}/, `"${link.name}": the exact date as description`);
        }
        const unknown = links.find((link) => link.name.endsWith('#108'));
        assert.match(unknown.name, /, JURI, /, 'an unknown department shows its code');
        const pending = links.find((link) => link.name.endsWith('#109'));
        assert.match(pending.name, /, PENDING, /, 'an unknown status shows as it comes');
        assert.deepEqual(errors, []);
        await close();
    });

    test(`search as you type ignores case and accents, and finds #id (${lang})`, async () => {
        const { page, errors, close } = await openList(lang);
        await radio(page, lang, 'all').click();
        const search = searchBox(page, lang);

        // Letter by letter, the list narrows with each one.
        await search.click();
        await search.pressSequentially('ete', { delay: 30 });
        const ete = searchOracle('ete');
        assert.ok(ete.includes(128), 'ete finds "J\'ai été facturé"');
        await waitForIds(page, lang, ete, 'ete');

        await search.fill('ÉTÉ');
        await waitForIds(page, lang, ete, 'ÉTÉ');
        await search.fill('Ete');
        await waitForIds(page, lang, ete, 'Ete');

        // Subject, first message, #id, and several words at once.
        await search.fill('hameconnage');
        await waitForIds(page, lang, searchOracle('hameconnage'), 'hameconnage');
        await search.fill('filezilla');
        await waitForIds(page, lang, [129], 'a word of the first message');
        await search.fill('#101');
        await waitForIds(page, lang, [101], '#101');
        await search.fill('serveur ssh');
        await waitForIds(page, lang, searchOracle('serveur ssh'), 'two words');

        // The filter still applies to what the search finds.
        await search.fill('ete');
        await radio(page, lang, 'closed').click();
        await waitForIds(page, lang, searchOracle('ete', isClosed), 'ete among the closed');
        assert.equal(await search.inputValue(), 'ete');
        assert.deepEqual(errors, []);
        await close();
    });

    test(`a search that finds nothing says No tickets match, then the list comes back (${lang})`,
        async () => {
            const { page, errors, close } = await openList(lang);
            const search = searchBox(page, lang);

            await search.fill('zzqqxx');
            await waitForStatus(page, names[lang].noMatch);
            const list = page.getByRole('list', { name: names[lang].list, exact: true });
            await until(async () => (await list.textContent()) === names[lang].noMatch,
                'the list area to say it');
            assert.equal(await ticketLinks(page, lang).count(), 0);

            await search.fill('');
            await until(async () => (await ticketLinks(page, lang).count()) > 0, 'rows again');
            await until(async () => (await statusText(page)) !== names[lang].noMatch,
                'the status region to stop saying No tickets match');
            assert.deepEqual(errors, []);
            await close();
        });

    test(`each sort orders the list, kept across a ticket, a reload and a visit (${lang})`,
        async () => {
            const { page, context, errors, close } = await openList(lang);
            const sort = sortBox(page, lang);
            await radio(page, lang, 'all').click();
            const byId = new Map(tickets.map((t) => [t.id, t]));
            const inOrder = (ids, key) => ids.every((id, i) =>
                i === 0 || key(byId.get(ids[i - 1])) <= key(byId.get(id)));

            assert.deepEqual(await sort.locator('option').evaluateAll(
                (options) => options.map((o) => o.value)),
            ['date-desc', 'date-asc', 'subject', 'status', 'department']);
            assert.equal(await sort.inputValue(), 'date-desc');

            await sort.selectOption('date-asc');
            await waitForIds(page, lang,
                [...tickets].sort(newestFirst).reverse().map((t) => t.id), 'oldest first');

            await sort.selectOption('subject');
            const bySubject = await until(async () => {
                const ids = await listedIds(page, lang);
                return ids.length === tickets.length && inOrder(ids, (t) => fold(t.sujet)) && ids;
            }, 'the list in subject order');
            assert.notDeepEqual(bySubject, [...tickets].sort(newestFirst).map((t) => t.id));

            await sort.selectOption('status');
            const rank = (t) => (t.status === 'OPEN' ? '0' : isClosed(t) ? '2' : `1${t.status}`);
            await until(async () => inOrder(await listedIds(page, lang), rank),
                'the list in status order: open, others, closed');

            await sort.selectOption('department');
            const department = (t) => fold(departmentWord(lang, t.departement));
            await until(async () => inOrder(await listedIds(page, lang), department),
                'the list in department order');
            const sorted = await listedIds(page, lang);

            // Into a ticket and back: the same filter, sort and order.
            await ticketLinks(page, lang).first().click();
            await until(async () => /^#\/tickets\/\d+$/.test(new URL(page.url()).hash),
                'a ticket to open');
            await page.getByRole('link', { name: names[lang].allTickets, exact: true }).click();
            await waitForIds(page, lang, sorted, 'back in the list');
            assert.equal(await sortBox(page, lang).inputValue(), 'department');
            assert.equal(await checked(page, lang), 'all');

            // A reload, and another visit in the same browser.
            await page.reload();
            await waitForApp(page, { lang });
            await waitForIds(page, lang, sorted, 'after a reload');
            assert.equal(await sortBox(page, lang).inputValue(), 'department');
            const again = await context.newPage();
            await openAt(again, server.url, lang);
            await waitForApp(again, { lang });
            await waitForIds(again, lang, sorted, 'on another visit');
            assert.equal(await checked(again, lang), 'all');
            assert.deepEqual(errors, []);
            await close();
        });

    test(`with no tickets at all, the list and the status region say No tickets yet (${lang})`,
        async () => {
            const { page, errors, close } = await newPage(browser, { lang });
            await page.route('**/me/tickets', (route) => route.fulfill({
                status: 404,
                contentType: 'application/json',
                body: JSON.stringify({ error: "Can't find any tickets" }),
            }));
            await openAt(page, server.url, lang);

            await waitForStatus(page, names[lang].noTickets);
            const list = page.getByRole('list', { name: names[lang].list, exact: true });
            await until(async () => (await list.textContent()) === names[lang].noTickets,
                'the list area to say it');
            assert.equal(await radioCount(page, lang, 'all'), 0);
            assert.equal(await checked(page, lang), 'all',
                'nothing is open: the list starts on All');
            // A 404 that means "no tickets" is not an error: none logged.
            assert.deepEqual(unexpected(errors, 404), []);
            await close();
        });
}

// The links lie over the rows the canvas draws, so that a click, a tap or a touch screen
// reader's finger on a row finds that row's link: each link's box starts on a card (white),
// just below the gap between cards (the page's grey).
test('each row is drawn where its link is', async () => {
    const { page, errors, close } = await openList('en');
    await page.mouse.move(0, 0);

    const boxes = (await ticketLinks(page).evaluateAll((links) => links.map((a) => {
        const r = a.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
    }))).filter((box) => box.y > 0 && box.y + box.height < 800);
    const png = await page.screenshot();
    const points = boxes.flatMap((box) => [[box.x + box.width / 2, box.y + 3],
                                           [box.x + box.width / 2, box.y - 3],
                                           [box.x + box.width / 2, box.y + box.height - 3]]);
    const colours = await coloursAt(browser, png, points);

    assert.ok(boxes.length >= 5, `${boxes.length} rows on screen`);
    const white = [255, 255, 255];
    const grey = [0xf4, 0xf6, 0xf9];
    boxes.forEach((box, i) => {
        assert.deepEqual(colours[3 * i], white, `row ${i + 1}: its card at the link's top`);
        assert.deepEqual(colours[3 * i + 1], grey, `row ${i + 1}: the gap just above`);
        assert.deepEqual(colours[3 * i + 2], white, `row ${i + 1}: its card at the link's bottom`);
    });
    assert.deepEqual(errors, []);
    await close();
});

test('with no open ticket, the list starts on All', async () => {
    const { page, errors, close } = await newPage(browser);
    const closedOnly = tickets.filter(isClosed);
    await page.route('**/me/tickets', (route) => route.fulfill({
        status: 200, contentType: 'application/json', body: JSON.stringify(closedOnly),
    }));
    await openAt(page, server.url, 'en');
    await waitForApp(page);

    assert.equal(await checked(page, 'en'), 'all');
    assert.equal(await radioCount(page, 'en', 'open'), 0);
    await waitForIds(page, 'en', closedOnly.sort(newestFirst).map((t) => t.id), 'All');
    assert.deepEqual(errors, []);
    await close();
});
