// Signing in with the API's own credentials (config.json "credentials": "key"), through the
// accessible tree, in English and French: the sign-in screen, the demo customer's e-mail and key
// (as the server printed them), every request carrying X-Rahona-Email and X-Rahona-Key, a reload
// that keeps the customer signed in, Sign out leaving no key anywhere and the drafts in place, a
// wrong key, a customer with no tickets, and a key revoked while a reply is being typed.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { launchBrowser, names, newPage, startServer, waitForApp } from './harness.mjs';
import {
    bottomBand, button, colours, countColour, credentialsOf, keySite, langs, more, openAt, replyBox,
    signIn, unexpected, until,
    waitForStatus, waitForThread,
} from './flows_common.mjs';

const adminToken = 'admin-token-for-the-e2e-tests';

let site;
let server;
let browser;

before(async () => {
    site = await keySite();
    server = await startServer('sign_in', { site, extraArgs: ['--admin-token', adminToken] });
    browser = await launchBrowser();
});

after(async () => {
    await browser?.close();
    await server?.stop();
    if (site) {
        await rm(site, { recursive: true, force: true });
    }
});

function signInHeading(page, lang) {
    return page.getByRole('heading', { level: 1, name: more[lang].signInHeading, exact: true });
}

function emailBox(page, lang) {
    return page.getByRole('textbox', { name: more[lang].email, exact: true });
}

function keyBox(page, lang) {
    return page.getByLabel(more[lang].apiKey, { exact: true });
}

// Everything the page keeps where it could outlive the tab or leak: localStorage, cookies, the
// address. sessionStorage is allowed to hold the key, for the tab's life.
async function storedEverywhere(page, context) {
    const stores = await page.evaluate(() => ({
        local: JSON.stringify({ ...localStorage }),
        session: JSON.stringify({ ...sessionStorage }),
    }));
    const cookies = JSON.stringify(await context.cookies());
    return { ...stores, cookies, url: page.url() };
}

// The /me requests a page makes from now on, with their credentials headers.
function apiRequests(page) {
    const seen = [];
    page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/me/')) {
            const headers = request.headers();
            seen.push({ method: request.method(), path: new URL(request.url()).pathname,
                        email: headers['x-rahona-email'], key: headers['x-rahona-key'],
                        cookie: headers.cookie });
        }
    });
    return seen;
}

for (const lang of langs) {
    test(`the sign-in screen, signing in, a reload, and signing out (${lang})`, async () => {
        const demo = credentialsOf(server, 'demo@example.com');
        const { page, context, errors, close } = await newPage(browser, { lang });
        const sent = apiRequests(page);
        await openAt(page, server.url, lang);

        // The screen: heading, e-mail, a hidden key that can be shown, the hint, Sign in.
        await signInHeading(page, lang).waitFor({ state: 'attached' });
        const key = keyBox(page, lang);
        assert.equal(await key.getAttribute('type'), 'password');
        assert.equal(await page.getByText(more[lang].keyHint, { exact: true }).count(), 1);
        assert.ok(await button(page, more[lang].signIn).isDisabled(), 'nothing typed yet');
        assert.equal(await button(page, more[lang].signOut).count(), 0);
        assert.equal(sent.length, 0, 'nothing is asked of the API before signing in');
        await key.fill(demo.key);
        await button(page, more[lang].show).click();
        await until(async () => (await key.getAttribute('type')) === 'text', 'the key shown');
        assert.equal(await key.inputValue(), demo.key);
        await button(page, more[lang].hide).click();
        await until(async () => (await key.getAttribute('type')) === 'password', 'hidden again');

        await emailBox(page, lang).fill(demo.email);
        await button(page, more[lang].signIn).click();
        await waitForApp(page, { lang });
        // Focus, on Sign in as it went, is on the list's heading now.
        await until(async () => page.evaluate(() => document.activeElement?.dataset?.key)
            .then((key) => key === 'tickets-heading'), 'focus on the list\'s heading');
        assert.equal(await signInHeading(page, lang).count(), 0);
        assert.ok(sent.length > 0);
        for (const request of sent) {
            assert.equal(request.email, demo.email, `${request.method} ${request.path}`);
            assert.equal(request.key, demo.key, `${request.method} ${request.path}`);
        }

        // A reload: still signed in, with the key in sessionStorage only.
        await page.reload();
        await waitForApp(page, { lang });
        let kept = await storedEverywhere(page, context);
        assert.ok(kept.session.includes(demo.key), 'sessionStorage keeps it for the tab');
        for (const where of ['local', 'cookies', 'url']) {
            assert.ok(!kept[where].includes(demo.key), `no key in ${where}`);
        }
        assert.deepEqual(await context.cookies(), [], 'the server set no cookie');

        // A draft, then Sign out: the draft stays, the key goes everywhere.
        await page.goto(`${server.url}/?lang=${lang}#/tickets/101`);
        await replyBox(page, lang).waitFor({ state: 'attached' });
        await replyBox(page, lang).fill(`Brouillon avant de partir (${lang})`);
        await button(page, more[lang].signOut).click();
        await signInHeading(page, lang).waitFor({ state: 'attached' });
        assert.equal(await emailBox(page, lang).inputValue(), demo.email);
        assert.equal(await keyBox(page, lang).inputValue(), '');
        assert.equal(await page.getByRole('article').count(), 0, 'nothing of the account shows');
        kept = await storedEverywhere(page, context);
        for (const where of ['local', 'session', 'cookies', 'url']) {
            assert.ok(!kept[where].includes(demo.key), `no key in ${where} after Sign out`);
        }
        assert.ok(kept.local.includes(`Brouillon avant de partir (${lang})`), 'the draft stays');

        // Signing in again brings the draft back in its box.
        await keyBox(page, lang).fill(demo.key);
        await button(page, more[lang].signIn).click();
        await replyBox(page, lang).waitFor({ state: 'attached' });
        assert.equal(await replyBox(page, lang).inputValue(),
            `Brouillon avant de partir (${lang})`);
        assert.ok(!sent.some((request) => request.cookie), 'no request carried a cookie');
        assert.deepEqual(errors, []);
        await close();
    });

    test(`a wrong key shows the API's error and keeps what was typed (${lang})`, async () => {
        const { page, errors, close } = await newPage(browser, { lang });
        await openAt(page, server.url, lang);
        await signInHeading(page, lang).waitFor({ state: 'attached' });

        await signIn(page, lang, { email: 'demo@example.com', key: 'rk_not_the_right_one' });

        await waitForStatus(page, 'Invalid credentials');
        await until(async () => await countColour(browser, await bottomBand(page),
            colours.danger) > 2000, 'an error toast saying it');
        assert.equal(await emailBox(page, lang).inputValue(), 'demo@example.com');
        assert.equal(await keyBox(page, lang).inputValue(), 'rk_not_the_right_one');
        assert.equal(await signInHeading(page, lang).count(), 1);
        assert.equal(await page.evaluate(() => sessionStorage.length), 0);
        assert.deepEqual(unexpected(errors, 401), []);
        await close();
    });

    test(`a customer with no tickets reads No tickets yet (${lang})`, async () => {
        const empty = credentialsOf(server, 'empty@example.com');
        const { page, errors, close } = await newPage(browser, { lang });
        await openAt(page, server.url, lang);
        await signInHeading(page, lang).waitFor({ state: 'attached' });

        await signIn(page, lang, empty);

        await waitForStatus(page, names[lang].noTickets);
        const list = page.getByRole('list', { name: names[lang].list, exact: true });
        await until(async () => (await list.textContent()) === names[lang].noTickets,
            'the list area to say it');
        assert.equal(await signInHeading(page, lang).count(), 0);
        assert.deepEqual(unexpected(errors, 404), []);
        await close();
    });
}

// The longest labels of the top bar are the French ones, with Sign out beside them.
test('at 320 px, signed in, the top bar keeps Language, Refresh and Sign out on screen (fr)',
    async () => {
        const lang = 'fr';
        const width = 320;
        const demo = credentialsOf(server, 'demo@example.com');
        const { page, errors, close } = await newPage(browser, { lang, width, height: 640,
                                                                 dpr: 2 });
        await openAt(page, server.url, lang);
        await signInHeading(page, lang).waitFor({ state: 'attached' });
        await signIn(page, lang, demo);
        await waitForApp(page, { lang });

        const controls = [
            page.getByRole('combobox', { name: names[lang].language, exact: true }),
            button(page, names[lang].refresh),
            button(page, more[lang].signOut),
        ];
        for (const control of controls) {
            const box = await control.boundingBox();
            assert.ok(box && box.x >= 0 && box.x + box.width <= width && box.y < 64,
                `${await control.getAttribute('data-key')} at ${JSON.stringify(box)}`);
        }
        assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth) <= width);

        // Refresh keeps its name and works, though it shows only its icon there.
        const sent = apiRequests(page);
        await controls[1].click();
        await until(async () => sent.some((request) => request.path === '/me/tickets'),
            'the list asked for again');
        await controls[2].click();
        await signInHeading(page, lang).waitFor({ state: 'attached' });
        assert.deepEqual(errors, []);
        await close();
    });

// Last, since it revokes the demo customer's key (and puts it back through the database).
test('a key revoked while a reply is typed leads back to sign-in, the reply kept', async () => {
    const demo = credentialsOf(server, 'demo@example.com');
    const { page, errors, close } = await newPage(browser);
    await openAt(page, server.url, 'en', '#/tickets/103');
    await signIn(page, 'en', demo);
    await waitForThread(page, 103, 'Question about upgrading my plan');
    const text = 'A reply typed while the key is revoked';
    await replyBox(page, 'en').fill(text);

    const revoked = await fetch(`${server.url}/admin/revoke`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${adminToken}`,
                   'Content-Type': 'application/x-www-form-urlencoded' },
        body: `email=${encodeURIComponent(demo.email)}`,
    });
    assert.equal(revoked.status, 200);
    await button(page, names.en.sendReply).click();

    await signInHeading(page, 'en').waitFor({ state: 'attached' });
    await waitForStatus(page, more.en.expired);
    assert.equal(await emailBox(page, 'en').inputValue(), demo.email);
    const stored = await page.evaluate(() => ({ ...localStorage, ...sessionStorage }));
    assert.equal(stored['tickets:draft.103'], text, 'the reply is kept');
    assert.ok(!JSON.stringify(stored).includes(demo.key), 'the refused key is forgotten');

    // The key is put back (as if the customer made a new one): signed in again, the reply is
    // in its box.
    await promisify(execFile)('sqlite3', [server.dbFile,
        `UPDATE customers SET api_key = '${demo.key}' WHERE email = '${demo.email}'`]);
    await keyBox(page, 'en').fill(demo.key);
    await button(page, more.en.signIn).click();
    await waitForThread(page, 103, 'Question about upgrading my plan');
    await until(async () => (await replyBox(page, 'en').inputValue()) === text, 'the reply back');
    assert.deepEqual(unexpected(errors, 401), []);
    await close();
});
