// The page inside a customer portal (README.md, "Embedding"), across two real origins: the
// reference server serves the page on one port and the demo portal (web/portal) on another, and
// the page's config.json lists the portal's origin and asks for bearer credentials. The portal
// hands over the demo customer's token; the frame's height follows the content; events reach the
// portal; a 401 asks once more; other origins can neither talk to the page nor frame it; and the
// token is found in no URL, storage or console line.

import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { launchBrowser, names, newPage, paths, screenshot, startServer } from './harness.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const portalDir = path.join(repoRoot, 'web/portal');
const adminToken = 'embed-test-admin';
const failedWords = 'You could not be signed in through your portal. Refresh to try again.';

let browser;
const deployments = [];
let shared = null;

before(async () => {
    browser = await launchBrowser();
});

after(async () => {
    await browser?.close();
    for (const deployment of deployments) await deployment.stop();
});

// A port nobody listens on now, for the portal (its origin goes into config.json first).
async function freePort() {
    const probe = net.createServer();
    await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address();
    await new Promise((resolve) => probe.close(resolve));
    return port;
}

// The built page in a folder of its own, with a config.json for a portal deployment, served with
// the demo portal on a second origin. Returns { app, portal, portalOrigin, token, email, key }.
async function deploy(name, extraArgs = []) {
    const site = await mkdtemp(path.join(os.tmpdir(), 'tickets-embed-site-'));
    for (const file of await readdir(paths.site)) {
        if (file !== 'config.json') {
            await copyFile(path.join(paths.site, file), path.join(site, file));
        }
    }
    const portalPort = await freePort();
    const portalOrigin = `http://127.0.0.1:${portalPort}`;
    await writeFile(path.join(site, 'config.json'), JSON.stringify(
        { api_base: '', credentials: 'bearer', portal_origins: [portalOrigin] }, null, 2));

    const server = await startServer(name, {
        site,
        extraArgs: ['--portal-port', String(portalPort), '--portal-dir', portalDir,
                    '--admin-token', adminToken, ...extraArgs],
    });
    const demo = /demo@example\.com\s+key (\S+)\s+token (\S+)/.exec(server.output());
    assert.ok(demo, 'the server prints the demo customer\'s key and token');
    const deployment = {
        app: server.url,
        portalOrigin,
        portal: `${portalOrigin}/?app=${encodeURIComponent(server.url)}`,
        email: 'demo@example.com',
        key: demo[1],
        token: demo[2],
        server,
        async stop() {
            await server.stop();
            await rm(site, { recursive: true, force: true });
        },
    };
    deployments.push(deployment);
    return deployment;
}

// The deployment most tests share (one database: tests that change data use their own tickets).
function sharedDeployment() {
    shared ??= deploy('embed');
    return shared;
}

// A fresh browser context on the portal, recording every request to the page's API (with its
// headers), every URL asked for, and every console line of the portal and its frames.
// `prepare(context)` runs before the portal loads (to route requests, say).
async function openPortal(deployment, query = '', prepare = async () => {}) {
    const opened = await newPage(browser);
    const { page, context } = opened;
    const apiRequests = [];
    const urls = [];
    const consoleLines = [];
    context.on('request', async (request) => {
        urls.push(request.url());
        if (new URL(request.url()).pathname.startsWith('/me/')) {
            apiRequests.push({ url: request.url(), headers: await request.allHeaders() });
        }
    });
    page.on('console', (message) => consoleLines.push(message.text()));
    await prepare(context);
    await page.goto(deployment.portal + query);
    const frame = page.frameLocator('#tickets iframe');
    return { ...opened, frame, apiRequests, urls, consoleLines };
}

async function waitForList(frame) {
    const list = frame.getByRole('list', { name: names.en.list, exact: true });
    await list.getByRole('link').first().waitFor({ timeout: 20000 });
    return list;
}

// The iframe's height once the page's scrolling region `key` shows all it holds (its DOM twin's
// nodes all lie within its box) and the height has not changed for half a second.
async function fittedHeight(page, frame, key) {
    const iframe = page.locator('#tickets iframe');
    let last = -1;
    let overflow = Infinity;
    let stableSince = Date.now();
    const deadline = Date.now() + 15000;
    while (Date.now() < deadline) {
        const height = await iframe.evaluate((el) => el.getBoundingClientRect().height);
        overflow = await frame.locator(`[data-key="${key}"]`).evaluate((el) => {
            let bottom = 0;
            for (const node of el.querySelectorAll(':scope > [data-key]')) {
                bottom = Math.max(bottom, node.offsetTop + node.offsetHeight);
            }
            return bottom - el.clientHeight;
        }).catch(() => Infinity);
        if (Math.abs(height - last) >= 1 || overflow > 1) {
            last = height;
            stableSince = Date.now();
        } else if (Date.now() - stableSince > 500) {
            return height;
        }
        await page.waitForTimeout(100);
    }
    throw new Error(`${key} still scrolls inside the frame: ${overflow} px more, at ${last} px`);
}

// DOM events the portal's element receives, gathered in the portal page.
async function listenForEvents(page, selector = '#tickets') {
    await page.evaluate((selector) => {
        window.seenEvents = [];
        for (const type of ['tickets:opened', 'tickets:replied', 'tickets:closed']) {
            document.querySelector(selector).addEventListener(type, (event) => {
                window.seenEvents.push(`${type} ${event.detail.id}`);
            });
        }
    }, selector);
}

const seenEvents = (page) => page.evaluate(() => window.seenEvents);

// How many times the demo portal's getToken() handed something over (it lists each time).
const handovers = (page) => page.locator('#event-log li', { hasText: 'handed over' }).count();

test('the portal embeds the page, signed in by the token it hands over', async () => {
    const deployment = await sharedDeployment();
    const { page, frame, apiRequests, errors, close } = await openPortal(deployment);
    await waitForList(frame);

    const iframe = page.locator('#tickets iframe');
    assert.equal(await iframe.getAttribute('title'), 'Support tickets');
    assert.deepEqual((await iframe.getAttribute('sandbox')).split(' ').sort(),
        ['allow-popups', 'allow-popups-to-escape-sandbox', 'allow-same-origin', 'allow-scripts']);
    assert.equal(await iframe.getAttribute('allow'), null);
    assert.ok(apiRequests.length > 0);
    for (const request of apiRequests) {
        assert.equal(request.headers.authorization, `Bearer ${deployment.token}`, request.url);
        assert.equal(request.headers.cookie, undefined, 'no cookie signs the page in');
    }
    assert.equal(await handovers(page), 1);
    // The portal owns the session its token stands for: no Sign out inside it.
    assert.equal(await frame.getByRole('button', { name: 'Sign out' }).count(), 0);
    await page.locator('#event-log li', { hasText: 'tickets:ready' }).waitFor();
    await screenshot(page, 'embed-portal');
    assert.deepEqual(errors, []);
    await close();
});

test('an e-mail and API key handed over are sent as the API\'s own headers', async () => {
    const deployment = await sharedDeployment();
    const { frame, apiRequests, close } = await openPortal(deployment, '&handover=key');
    await waitForList(frame);

    for (const request of apiRequests) {
        assert.equal(request.headers['x-rahona-email'], deployment.email);
        assert.equal(request.headers['x-rahona-key'], deployment.key);
        assert.equal(request.headers.authorization, undefined);
    }
    // Handed over, the e-mail and key are the portal's session too: no Sign out inside it.
    assert.equal(await frame.getByRole('button', { name: 'Sign out' }).count(), 0);
    await close();
});

test('the frame\'s height follows the content, so nothing scrolls inside it', async () => {
    const deployment = await sharedDeployment();
    const { page, frame, close } = await openPortal(deployment);
    await waitForList(frame);

    const open = await fittedHeight(page, frame, 'tickets-list');
    assert.ok(open > 1000, `21 open tickets fit in ${open} px`);

    // Over a list that fits, the wheel scrolls the portal: the list has nowhere to go.
    const box = await page.locator('#tickets iframe').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + 600);
    await page.waitForTimeout(300); // a frame, for the page to know what is under the pointer
    await page.mouse.wheel(0, 300);
    await page.waitForFunction(() => window.scrollY > 0, null, { timeout: 5000 });

    await frame.getByRole('radio', { name: /^Closed / }).click();
    await frame.getByRole('list', { name: names.en.list }).getByRole('link')
        .filter({ hasText: 'Closed' }).first().waitFor();
    const closed = await fittedHeight(page, frame, 'tickets-list');
    assert.ok(closed < open - 300, `14 closed tickets take ${closed} px, 21 open ones ${open}`);

    // A long thread, then a short one.
    await frame.getByRole('radio', { name: /^All / }).click();
    await frame.getByRole('link', { name: /#101$/ }).click();
    await frame.getByRole('article').nth(15).waitFor();
    const long = await fittedHeight(page, frame, 'thread-scroll');
    await frame.getByRole('link', { name: names.en.allTickets }).click();
    await frame.getByRole('link', { name: /#103$/ }).click();
    await frame.getByRole('textbox', { name: names.en.reply }).waitFor();
    assert.equal(await frame.getByRole('article').count(), 1);
    const short = await fittedHeight(page, frame, 'thread-scroll');
    assert.ok(long > short + 500, `15 responses take ${long} px, a lone message ${short}`);
    await close();
});

test('a long list stops the frame at 4000 px and scrolls inside it', async () => {
    const deployment = await deploy('embed-long', ['--seed-many', '2000']);
    const { page, frame, close } = await openPortal(deployment);
    await waitForList(frame);

    const iframe = page.locator('#tickets iframe');
    await page.waitForFunction(
        () => document.querySelector('#tickets iframe').getBoundingClientRect().height >= 4000);
    await page.waitForTimeout(500);
    assert.equal(await iframe.evaluate((el) => el.getBoundingClientRect().height), 4000);

    // The wheel over the rows scrolls the list, not the portal.
    const box = await iframe.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + 600);
    await page.waitForTimeout(300);
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    const list = frame.locator('[data-key="tickets-list"]');
    const scrolled = await list.evaluate((el) => el.scrollTop);
    assert.ok(scrolled > 0, 'the list scrolled inside the frame');
    await close();
});

test('events reach the portal as DOM events on the element', async () => {
    const deployment = await sharedDeployment();
    const { page, frame, errors, close } = await openPortal(deployment);
    await waitForList(frame);
    await listenForEvents(page);

    await frame.getByRole('link', { name: /#103$/ }).click();
    await frame.getByRole('textbox', { name: names.en.reply }).fill('Embedded reply');
    await frame.getByRole('button', { name: names.en.sendReply }).click();
    await frame.getByRole('status').filter({ hasText: names.en.replySent }).waitFor();
    await frame.getByRole('button', { name: names.en.closeTicket }).click();
    await frame.getByRole('dialog', { name: names.en.closeDialog })
        .getByRole('button', { name: names.en.closeTicket }).click();
    await frame.getByRole('status').filter({ hasText: names.en.ticketClosed }).waitFor();

    await page.waitForFunction(() => window.seenEvents.length >= 3);
    assert.deepEqual(await seenEvents(page),
        ['tickets:opened 103', 'tickets:replied 103', 'tickets:closed 103']);
    assert.deepEqual(errors, []);
    await close();
});

test('mount() takes lang and ticket; open(id) and destroy() work from script', async () => {
    const deployment = await sharedDeployment();
    const { page, close } = await openPortal(deployment);
    await page.waitForFunction(() => window.TicketsEmbed);

    await page.evaluate(({ app, token }) => {
        const element = document.createElement('div');
        element.id = 'second';
        document.querySelector('main').prepend(element); // in view: hidden frames do not draw
        window.second = window.TicketsEmbed.mount(element, {
            src: `${app}/`, lang: 'fr', ticket: 106, getToken: async () => token,
        });
    }, { app: deployment.app, token: deployment.token });
    const frame = page.frameLocator('#second iframe');
    assert.equal(await page.locator('#second iframe').getAttribute('title'),
        "Tickets d'assistance");
    await frame.getByRole('link', { name: names.fr.allTickets }).waitFor({ timeout: 20000 });
    assert.match(await frame.locator('h1').first().innerText(), /./);

    await listenForEvents(page, '#second');
    await page.evaluate(() => window.second.open(101));
    await page.waitForFunction(() => window.seenEvents.includes('tickets:opened 101'));
    await page.evaluate(() => window.second.open(0));
    await frame.getByRole('list', { name: names.fr.list }).waitFor();

    await page.evaluate(() => window.second.destroy());
    assert.equal(await page.locator('#second iframe').count(), 0);
    await close();
});

test('a 401 asks the portal once more, and a second one is a clear message', async () => {
    const deployment = await sharedDeployment();
    const refused = { status: 401, contentType: 'application/json',
                      body: '{"error": "Invalid credentials"}' };

    // Refused once: asked again, and the new answer is used.
    {
        let refusals = 1;
        const { page, frame, close } = await openPortal(deployment, '', (context) =>
            context.route((url) => url.pathname === '/me/tickets', (route) =>
                refusals-- > 0 ? route.fulfill(refused) : route.continue()));
        await waitForList(frame);
        assert.equal(await handovers(page), 2);
        await close();
    }

    // Refused every time: asked twice in all, then the words, and nothing more.
    {
        const { page, frame, apiRequests, close } = await openPortal(deployment, '', (context) =>
            context.route((url) => url.pathname === '/me/tickets', (route) =>
                route.fulfill(refused)));
        await frame.getByRole('status').filter({ hasText: failedWords })
            .waitFor({ timeout: 20000 });
        await page.waitForTimeout(1500);
        assert.equal(await handovers(page), 2);
        assert.equal(apiRequests.length, 2, 'one request per handover, no loop');
        await close();
    }
});

test('a token revoked by the server: asked once more, then the clear message', async () => {
    const deployment = await deploy('embed-revoke');
    const { page, frame, close } = await openPortal(deployment);
    await waitForList(frame);

    const revoked = await fetch(`${deployment.app}/admin/revoke`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${adminToken}`,
                   'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'email=demo%40example.com',
    });
    assert.equal(revoked.status, 200);
    await frame.getByRole('button', { name: names.en.refresh }).click();

    await frame.getByRole('status').filter({ hasText: failedWords }).waitFor({ timeout: 20000 });
    assert.equal(await handovers(page), 2);
    await close();
});

test('messages from another origin change nothing', async () => {
    const deployment = await sharedDeployment();
    const { page, context, apiRequests, consoleLines, close } = await openPortal(deployment);
    await page.waitForFunction(() => window.TicketsEmbed);
    await context.route('http://elsewhere.test/**', (route) =>
        route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>x</title>' }));

    // A widget whose getToken() waits for the test: the page is asking while the forger posts.
    await page.evaluate(({ app }) => {
        const element = document.createElement('div');
        element.id = 'waiting';
        document.querySelector('main').prepend(element); // in view: hidden frames do not draw
        window.tokenGiven = new Promise((resolve) => { window.giveToken = resolve; });
        const getToken = () => {
            window.asked = true;
            return window.tokenGiven;
        };
        window.TicketsEmbed.mount(element, { src: `${app}/`, getToken });
        window.seenEvents = [];
        element.addEventListener('tickets:opened', () => window.seenEvents.push('opened'));
    }, { app: deployment.app });
    await page.waitForFunction(() => window.asked, null, { timeout: 20000 });

    // A window of another origin, opened by the portal, writes to the frame and to the portal.
    const [other] = await Promise.all([
        context.waitForEvent('page'),
        page.evaluate(() => window.open('http://elsewhere.test/', 'elsewhere')),
    ]);
    await other.waitForLoadState();
    const index = await page.evaluate(() => Array.prototype.indexOf.call(
        window.frames, document.querySelector('#waiting iframe').contentWindow));
    await other.evaluate((index) => {
        const target = window.opener.frames[index];
        target.postMessage({ type: 'tickets:credentials', token: 'forged-token' }, '*');
        target.postMessage({ type: 'tickets:open', id: 102 }, '*');
        window.opener.postMessage({ type: 'tickets:opened', id: 999 }, '*');
    }, index);
    await page.waitForTimeout(500);
    await page.evaluate((token) => window.giveToken(token), deployment.token);

    const frame = page.frameLocator('#waiting iframe');
    await waitForList(frame);
    await page.waitForTimeout(500);
    const hash = await frame.locator('body').evaluate(() => location.hash);
    assert.equal(hash, '#/tickets', 'tickets:open from elsewhere was obeyed');
    assert.deepEqual(await page.evaluate(() => window.seenEvents), []);
    assert.ok(apiRequests.length > 0);
    for (const request of apiRequests) {
        assert.notEqual(request.headers.authorization, 'Bearer forged-token');
    }
    assert.ok(consoleLines.some((line) => /ignored a message .*elsewhere\.test/.test(line)),
        'the ignored message is logged');
    assert.ok(!consoleLines.some((line) => line.includes('forged-token')), 'and not its content');
    await close();
});

test('the token is in no URL, storage, cookie or console line', async () => {
    const deployment = await sharedDeployment();
    const { page, context, frame, urls, consoleLines, close } = await openPortal(deployment);
    await waitForList(frame);
    await frame.getByRole('link', { name: /#101$/ }).click();
    await frame.getByRole('article').first().waitFor();
    await frame.getByRole('textbox', { name: names.en.reply }).fill('a draft, stored');
    await page.waitForTimeout(500);

    const secrets = [deployment.token, deployment.key];
    const appFrame = page.frames().find((f) => f.url().startsWith(deployment.app));
    const stored = await appFrame.evaluate(() => JSON.stringify({
        local: Object.entries(localStorage),
        session: Object.entries(sessionStorage),
        cookie: document.cookie,
        url: location.href,
    }));
    assert.match(stored, /a draft, stored/, 'the draft is stored: the right place is looked at');
    const cookies = JSON.stringify(await context.cookies());
    for (const secret of secrets) {
        assert.ok(!stored.includes(secret), 'in the page\'s storage');
        assert.ok(!cookies.includes(secret), 'in a cookie');
        assert.ok(!urls.some((url) => url.includes(secret)), 'in a URL');
        assert.ok(!consoleLines.some((line) => line.includes(secret)), 'in the console');
    }
    assert.ok(consoleLines.some((line) => line.includes('/me/tickets')), 'the log is captured');
    await close();
});

test('a page on an origin not in portal_origins cannot frame the page', async () => {
    const deployment = await sharedDeployment();

    // A third origin on this machine, whose page frames the tickets page.
    const third = http.createServer((request, response) => {
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        response.end(`<!doctype html><title>third</title>
            <iframe src="${deployment.app}/" title="tickets" width="800" height="600"></iframe>`);
    });
    await new Promise((resolve) => third.listen(0, '127.0.0.1', resolve));
    const { page, close } = await newPage(browser);
    try {
        const frameAnswer =
            page.waitForResponse((response) => response.url() === `${deployment.app}/`);
        await page.goto(`http://127.0.0.1:${third.address().port}/`);
        const policy = (await frameAnswer).headers()['content-security-policy'];
        assert.match(policy, new RegExp(`frame-ancestors 'self' ${deployment.portalOrigin};`));
        await page.waitForTimeout(2000);
        const framed = page.frames().find((frame) => frame !== page.mainFrame());
        assert.ok(!framed.url().startsWith(deployment.app), `the frame shows ${framed.url()}`);
        assert.equal(await page.frameLocator('iframe').locator('#canvas').count(), 0);

        // The portal's own origin spelt another way is another origin: not listed, not framed.
        const port = new URL(deployment.portalOrigin).port;
        await page.goto(`http://localhost:${port}/?app=${encodeURIComponent(deployment.app)}`);
        await page.locator('#tickets iframe').waitFor();
        await page.waitForTimeout(3000);
        assert.equal(await page.frameLocator('#tickets iframe').locator('#canvas').count(), 0);
    } finally {
        await close();
        await new Promise((resolve) => third.close(resolve));
    }
});
