// Regenerates the pictures README.md shows: the page as it looks today, from the built page
// (build/site) and the reference server's demo data.
//   node tests/screenshots.mjs            (after ./web/run or ./tests/run has built the page)
// Writes assets/screenshots/*.png.

import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { keySite, more } from './e2e/flows_common.mjs';
import { launchBrowser, newPage, startServer, waitForApp } from './e2e/harness.mjs';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'assets/screenshots');

const shots = [
    { name: 'list-en', lang: 'en', route: '', width: 1280, height: 800, dpr: 1 },
    { name: 'thread-fr-dark', lang: 'fr', route: '#/tickets/106', width: 1280, height: 800,
      dpr: 1, theme: 'dark' },
    { name: 'list-fr-phone', lang: 'fr', route: '', width: 360, height: 720, dpr: 2 },
];

const server = await startServer('screenshots');
const browser = await launchBrowser();
try {
    for (const shot of shots) {
        const { page, close } = await newPage(browser, shot);
        const query = `?lang=${shot.lang}${shot.theme ? `&theme=${shot.theme}` : ''}`;
        await page.goto(`${server.url}/${query}${shot.route}`);
        await waitForApp(page, { lang: shot.lang, tickets: !shot.route });
        if (shot.route) {
            await page.getByRole('article').first().waitFor({ state: 'attached' });
        }
        await page.waitForTimeout(500); // the frames after the last answer
        await page.screenshot({ path: path.join(out, `${shot.name}.png`) });
        console.log(`wrote assets/screenshots/${shot.name}.png`);
        await close();
    }

    // The sign-in screen of a deployment with "credentials": "key" (what ./web/run serves).
    const site = await keySite();
    const keyServer = await startServer('screenshots-key', { site });
    try {
        const shot = { lang: 'fr', width: 720, height: 640, dpr: 2 };
        const { page, close } = await newPage(browser, shot);
        await page.goto(`${keyServer.url}/?lang=fr`);
        await page.getByRole('heading', { level: 1, name: more.fr.signInHeading }).waitFor();
        await page.getByRole('textbox', { name: more.fr.email, exact: true })
            .fill('demo@example.com');
        await page.waitForTimeout(500);
        await page.screenshot({ path: path.join(out, 'sign-in-fr.png') });
        console.log('wrote assets/screenshots/sign-in-fr.png');
        await close();
    } finally {
        await keyServer.stop();
        await rm(site, { recursive: true, force: true });
    }
} finally {
    await browser.close();
    await server.stop();
}
