// Typing as people type: accents through dead keys and AltGr on a French AZERTY keyboard, an
// input method's composition, a phone keyboard, paste, copy and cut. The text goes into the
// reply box's DOM field (a real textarea), the model follows it, and what is sent is exact.
// Keys are sent through CDP as the operating system reports them, layout applied.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { apiGet, launchBrowser, names, screenshot, startServer } from './harness.mjs';
import {
    modelText, openThread, pixels, pressKey, sameText, settled, until,
} from './canvas.mjs';

let server;
let browser;

before(async () => {
    server = await startServer('typing');
    browser = await launchBrowser();
});

after(async () => {
    await browser?.close();
    await server?.stop();
});

// Sends the reply box's text with the Send reply button and returns the thread's newest
// response, read back from the API.
async function sendAndReadBack(page, id) {
    await page.getByRole('button', { name: names.en.sendReply }).click();
    await until(() => page.locator('#status').textContent(), (text) => text === names.en.replySent,
        { timeout: 10000, what: 'the status saying the reply was sent' });
    const { status, body } = await apiGet(page, `/me/tickets/${id}`);
    assert.equal(status, 200);
    const newest = [...body.responses].sort((a, b) => a.date - b.date).at(-1);
    return newest?.message;
}

test('accents from AZERTY dead keys and AltGr, and an IME composition, are sent exact',
    async () => {
        const { page, cdp, reply, errors, close } = await openThread(browser, server, 103);
        await reply.click();
        const step = async (expected) => sameText(page, reply, 'reply', expected);

        // é è ç à: keys of the digit row, each typing its character.
        await pressKey(cdp, { key: 'é', code: 'Digit2', text: 'é', keyCode: 50 });
        await pressKey(cdp, { key: 'è', code: 'Digit7', text: 'è', keyCode: 55 });
        await pressKey(cdp, { key: 'ç', code: 'Digit9', text: 'ç', keyCode: 57 });
        await pressKey(cdp, { key: 'à', code: 'Digit0', text: 'à', keyCode: 48 });
        await pressKey(cdp, { key: ' ', code: 'Space', text: ' ', keyCode: 32 });
        await step('éèçà ');

        // A dead key types nothing; the next key types the accented letter (Windows' way).
        await pressKey(cdp, { key: 'Dead', code: 'BracketLeft', keyCode: 221 });
        await step('éèçà ');
        await pressKey(cdp, { key: 'ê', code: 'KeyE', text: 'ê', keyCode: 69 });
        await pressKey(cdp, { key: 'Dead', code: 'BracketLeft', keyCode: 221, modifiers: 8 });
        await pressKey(cdp, { key: 'ï', code: 'KeyI', text: 'ï', keyCode: 73 });
        await step('éèçà êï');

        // The same through a composition (macOS' and IBus' way): the accent shows, then the letter
        // replaces it.
        await cdp.send('Input.imeSetComposition',
            { text: '^', selectionStart: 1, selectionEnd: 1 });
        await step('éèçà êï^');
        await cdp.send('Input.insertText', { text: 'ô' });
        await step('éèçà êïô');

        // AltGr+0 types @ (Linux reports AltGr as its own key, without Ctrl).
        await pressKey(cdp, { key: ' ', code: 'Space', text: ' ', keyCode: 32 });
        await cdp.send('Input.dispatchKeyEvent',
            { type: 'rawKeyDown', key: 'AltGraph', code: 'AltRight', windowsVirtualKeyCode: 225 });
        await pressKey(cdp, { key: '@', code: 'Digit0', text: '@', keyCode: 48 });
        await cdp.send('Input.dispatchKeyEvent',
            { type: 'keyUp', key: 'AltGraph', code: 'AltRight', windowsVirtualKeyCode: 225 });
        await step('éèçà êïô @');

        // A Japanese input method: the reading grows, then the chosen characters replace it.
        await pressKey(cdp, { key: ' ', code: 'Space', text: ' ', keyCode: 32 });
        for (const reading of ['n', 'に', 'にほ', 'にほん']) {
            await cdp.send('Input.imeSetComposition',
                { text: reading, selectionStart: reading.length, selectionEnd: reading.length });
            await step(`éèçà êïô @ ${reading}`);
        }
        await cdp.send('Input.insertText', { text: '日本' });
        const typed = await step('éèçà êïô @ 日本');

        assert.equal(await sendAndReadBack(page, 103), typed);
        assert.equal(await reply.inputValue(), '', 'the box is emptied once the reply is sent');
        assert.deepEqual(errors, []);
        await close();
    });

test('a composition is shown on the canvas while it is composed, underlined', async () => {
    const { page, cdp, reply, close } = await openThread(browser, server, 113);
    await reply.click();
    await cdp.send('Input.insertText', { text: 'Note ' });
    await sameText(page, reply, 'reply', 'Note ');
    await settled(page);
    const box = await reply.boundingBox();
    // The first line of the box: 9 px padding, then a 23 px line.
    const clip = { x: box.x + 2, y: box.y + 4, width: box.width - 4, height: 30 };
    const before = await pixels(page, clip);

    await cdp.send('Input.imeSetComposition', { text: 'abc', selectionStart: 3, selectionEnd: 3 });
    await sameText(page, reply, 'reply', 'Note abc');
    await settled(page);
    const composing = await pixels(page, clip);
    await screenshot(page, 'typing-composition');

    // The underline: a row below the text where the composed part is drawn in ink and the
    // rest is not.
    const inkRows = [];
    for (let y = 0; y < composing.height; y++) {
        let run = 0;
        for (let x = 0; x < composing.width; x++) {
            const [r, g, b] = composing.at(x, y);
            const [r0, g0, b0] = before.at(x, y);
            const dark = r + g + b < 3 * 140;
            run = dark && r0 + g0 + b0 > 3 * 200 ? run + 1 : 0;
            if (run >= 20) {
                inkRows.push(y);
                break;
            }
        }
    }
    assert.ok(inkRows.length > 0, 'no underline under the composed text');

    await cdp.send('Input.insertText', { text: 'xyz' });
    assert.equal(await sameText(page, reply, 'reply'), 'Note xyz');
    await close();
});

test('a phone keyboard (key code 229) and its autocorrection reach the model', async () => {
    const { page, cdp, reply, errors, close } = await openThread(browser, server, 115);
    await reply.click();

    // Phone keyboards send key code 229 and put the text in through input events.
    for (const word of ['Bonjour', ' ', 'merco']) {
        await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Unidentified',
            code: '', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
        await cdp.send('Input.insertText', { text: word });
        await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Unidentified',
            code: '', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    }
    await sameText(page, reply, 'reply', 'Bonjour merco');

    // Autocorrection replaces the last word through a composition over it.
    await cdp.send('Input.imeSetComposition', { text: 'merci', selectionStart: 5,
        selectionEnd: 5, replacementStart: 8, replacementEnd: 13 });
    await cdp.send('Input.insertText', { text: 'merci' });
    const typed = await sameText(page, reply, 'reply', 'Bonjour merci');

    assert.equal(await sendAndReadBack(page, 115), typed);
    assert.deepEqual(errors, []);
    await close();
});

test('Ctrl+V pastes, Ctrl+C copies and Ctrl+X cuts in a text box', async () => {
    const { page, context, reply, errors, close } = await openThread(browser, server, 118);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const pasted = 'Collé depuis ailleurs : 49,90 € → ok\nligne 2 😀 漢字';
    await page.evaluate((text) => navigator.clipboard.writeText(text), pasted);

    await reply.click();
    await page.keyboard.press('Control+V');
    await sameText(page, reply, 'reply', pasted);

    // Select all, copy: the clipboard has the text; cut: the box and the model are empty.
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), pasted);
    await page.keyboard.press('Control+X');
    await sameText(page, reply, 'reply', '');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), pasted);

    // Pasted again, as macOS sends Cmd+V (the key with its editing command; Chromium on Linux
    // binds no Cmd shortcuts of its own): the page lets it through to the field. Then sent:
    // exact, newline, emoji and all.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'v', code: 'KeyV',
        windowsVirtualKeyCode: 86, modifiers: 4, commands: ['paste'] });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'v', code: 'KeyV',
        windowsVirtualKeyCode: 86, modifiers: 4 });
    await sameText(page, reply, 'reply', pasted);
    assert.equal(await sendAndReadBack(page, 118), pasted);
    assert.deepEqual(errors, []);
    await close();
});

test('the Copy button puts a message\'s exact text on the clipboard', async () => {
    const { page, context, errors, close } = await openThread(browser, server, 106);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.evaluate(() => navigator.clipboard.writeText(''));
    const { body } = await apiGet(page, '/me/tickets/106');

    await page.getByRole('button', { name: 'Copy' }).first().click();

    await until(() => page.evaluate(() => navigator.clipboard.readText()),
        (text) => text === body.ticket.message, { what: 'the message on the clipboard' });
    assert.match(body.ticket.message, /\n/, 'the demo message has lines, kept as they are');
    assert.deepEqual(errors, []);
    await close();
});

// Where the canvas draws the caret: the column that changes between the focused box and the
// same box without focus, inside its text area (the border changes too, and is left out).
async function drawnCaretX(page, reply, withoutCaret) {
    await settled(page);
    const box = await reply.boundingBox();
    const shown = await pixels(page, withoutCaret.clip);
    let best = -1;
    let bestCount = 0;
    for (let x = 0; x < shown.width; x++) {
        let count = 0;
        for (let y = 0; y < shown.height; y++) {
            const a = shown.at(x, y);
            const b = withoutCaret.at(x, y);
            if (Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) > 60) count++;
        }
        if (count > bestCount) {
            best = x;
            bestCount = count;
        }
    }
    return bestCount >= 8 ? withoutCaret.clip.x + best - box.x : null;
}

// Where the DOM field's caret is, in CSS pixels from the box's left: its text up to the caret,
// measured in the page's own font at the field's size.
async function domCaretX(page, reply) {
    return domCaretAt(reply, null);
}

// The same for a given offset in the field's text (null: the caret's).
async function domCaretAt(reply, offset) {
    return reply.evaluate(async (el, at) => {
        const file = document.querySelector('script[data-font-regular]').dataset.fontRegular;
        const face = new FontFace('caret-probe', `url(${file})`);
        await face.load();
        document.fonts.add(face);
        const context = new OffscreenCanvas(10, 10).getContext('2d');
        context.font = `${getComputedStyle(el).fontSize} caret-probe`;
        return 12 + context.measureText(el.value.slice(0, at ?? el.selectionEnd)).width;
    }, offset);
}

test('arrows, Home and End move the field\'s caret, and the drawn caret follows', async () => {
    const { page, reply, errors, close } = await openThread(browser, server, 110);
    await reply.click();
    await page.keyboard.type('Prix : 49,90 € TTC');
    await sameText(page, reply, 'reply', 'Prix : 49,90 € TTC');

    // The text area without a caret, for comparison, taken where the box stays once focused
    // again: a picture taken before the thread settled would show another part of it.
    let box;
    let clip;
    let withoutCaret;
    for (let attempt = 0; ; attempt++) {
        await reply.evaluate((el) => el.blur());
        await settled(page);
        box = await reply.boundingBox();
        clip = { x: box.x + 6, y: box.y + 6, width: Math.min(300, box.width - 12), height: 24 };
        withoutCaret = await pixels(page, clip);
        withoutCaret.clip = clip;
        await reply.evaluate((el) => el.focus());
        await settled(page);
        const again = await reply.boundingBox();
        if (again.x === box.x && again.y === box.y) break;
        assert.ok(attempt < 3, `the reply box keeps moving: ${box.y} then ${again.y}`);
    }

    const caretAt = async (expected) => {
        await until(() => reply.evaluate((el) => [el.selectionStart, el.selectionEnd]),
            ([a, b]) => a === expected && b === expected,
            { what: `the field's caret at ${expected}` });
        const drawn = await until(() => drawnCaretX(page, reply, withoutCaret),
            (x) => x !== null, { what: 'a caret drawn' });
        const dom = await domCaretX(page, reply);
        assert.ok(Math.abs(drawn - dom) <= 3,
            `the drawn caret is at ${drawn} px, the field's at ${dom.toFixed(1)} px ` +
            `(offset ${expected})`);
        assert.equal(await modelText(page, 'reply'), await reply.inputValue());
        return drawn;
    };

    await page.keyboard.press('End');
    const end = await caretAt(18);
    await page.keyboard.press('Home');
    const home = await caretAt(0);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await caretAt(2);
    await page.keyboard.press('Control+ArrowRight');
    await caretAt(4);
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await caretAt(14);

    assert.ok(end > home + 100, `End (${end} px) is not right of Home (${home} px)`);

    // Shift+End selects the last four characters: the canvas tints just them.
    await page.keyboard.press('Shift+End');
    await until(() => reply.evaluate((el) => [el.selectionStart, el.selectionEnd]),
        ([a, b]) => a === 14 && b === 18, { what: 'the field\'s selection of 14 to 18' });
    await settled(page);
    const tinted = await selectionSpan(page, clip);
    const from = await domCaretAt(reply, 14);
    assert.ok(tinted && Math.abs(tinted[0] - (from + box.x)) <= 3 &&
        Math.abs(tinted[1] - (end + box.x)) <= 3,
        `the tint spans ${tinted} px; the field selects ${from + box.x} to ${end + box.x} px`);
    assert.deepEqual(errors, []);
    await close();
});

// The columns of a region where the selection's tint is drawn: [first, last] in page pixels.
async function selectionSpan(page, clip) {
    const shown = await pixels(page, clip);
    const tint = [193, 210, 236]; // the light palette's selection over a text box
    const columns = [];
    for (let x = 0; x < shown.width; x++) {
        let count = 0;
        for (let y = 0; y < shown.height; y++) {
            const [r, g, b] = shown.at(x, y);
            if (Math.abs(r - tint[0]) + Math.abs(g - tint[1]) + Math.abs(b - tint[2]) < 24) count++;
        }
        if (count >= 6) columns.push(x);
    }
    return columns.length ? [clip.x + columns[0], clip.x + columns.at(-1) + 1] : null;
}
