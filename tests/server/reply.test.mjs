// POST /me/tickets/:id: both body encodings, the bounds of a message, closed and foreign
// tickets, text stored verbatim, and the documented 500.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
    call, errorBody, form, ids, messageBody, removeDir, sqlite, startServer, thread,
} from './harness.mjs';

let server;
let demo;

before(async () => {
    server = await startServer();
    demo = server.customers.demo;
});

after(async () => {
    await server.stop();
    removeDir(server.dir);
});

const responseCount = () => Number(sqlite(server.dbPath, 'SELECT count(*) FROM responses'));

async function reply(id, body, headers = {}) {
    return call(server, `/me/tickets/${id}`, { as: demo, method: 'POST', body, headers });
}

async function storedOnce(id, text) {
    const { responses } = await thread(server, demo, id);
    return responses.filter((r) => r.message === text).length === 1;
}

describe('a reply', () => {
    test('sent urlencoded is stored and answered with the documented body', async () => {
        const text = `urlencoded reply ${Date.now()}`;
        const before = Date.now() / 1000;
        const { status, text: body, headers } = await reply(ids.demoFirst, form({ message: text }));

        assert.equal(status, 200);
        assert.equal(body, '{"message": "Message successfully posted"}');
        assert.equal(headers.get('content-type'), 'application/json; charset=utf-8');
        const { responses } = await thread(server, demo, ids.demoFirst);
        const stored = responses.find((r) => r.message === text);
        assert.ok(stored);
        assert.ok(Math.abs(stored.date - before) < 5, 'dated now');
    });

    test('sent as multipart/form-data (FormData) is stored too', async () => {
        const text = `multipart reply ${Date.now()} — é è ê ç à œ €`;
        const body = new FormData();
        body.append('message', text);
        const { status, text: answer } = await reply(ids.demoFirst, body);

        assert.equal(status, 200);
        assert.equal(answer, messageBody('Message successfully posted'));
        assert.ok(await storedOnce(ids.demoFirst, text));
    });

    test('keeps accents, emoji, right-to-left text, newlines and spaces verbatim', async () => {
        const text = `  Ligne 1 : déjà vu\r\nLine 2 🎫 👍🏽\nשלום مرحبا\t"quoted" \\ back  `;
        const { status } = await reply(ids.demoFirst, form({ message: text }));

        assert.equal(status, 200);
        assert.ok(await storedOnce(ids.demoFirst, text));
    });

    test('holding SQL or HTML is stored as plain text', async () => {
        const attacks = [
            "'); DROP TABLE responses; --",
            "Robert'); DELETE FROM tickets WHERE ('1'='1",
            '" OR 1=1 --',
            '<script>alert(1)</script><img src=x onerror=alert(2)>',
            '%27%20OR%201%3D1',
            '\u0000 nul byte',
        ];
        for (const text of attacks) {
            assert.equal((await reply(ids.demoFirst, form({ message: text }))).status, 200, text);
            assert.ok(await storedOnce(ids.demoFirst, text), text);
        }
        assert.equal(sqlite(server.dbPath, 'SELECT count(*) FROM tickets'), '40');
    });

    test('of exactly 20,000 characters (counted as code points) is accepted', async () => {
        const text = `${'é'.repeat(19999)}🎫`;
        const { status } = await reply(ids.demoFirst, form({ message: text }));

        assert.equal(status, 200);
        assert.ok(await storedOnce(ids.demoFirst, text));
    });

    test('on another customer\'s or an unknown ticket is a 404 and writes nothing', async () => {
        const before = responseCount();
        for (const id of [ids.otherCustomer[0], 9999, 'abc']) {
            const { status, text } = await reply(id, form({ message: 'not mine' }));

            assert.equal(status, 404);
            assert.equal(text, errorBody('Can\'t find tickets infos'));
        }
        assert.equal(responseCount(), before);
    });
});

describe('the request log', () => {
    test('never holds the text of a message', async () => {
        const text = `secret-reply-text-${Date.now()}`;
        await reply(ids.demoFirst, form({ message: text }));

        assert.match(server.stderr, /POST \/me\/tickets\/101 200 [0-9.]+ ms/);
        assert.ok(!server.stderr.includes(text));
    });
});

describe('a refused reply writes nothing', () => {
    const refused = async (body, headers, expectedStatus, expectedText) => {
        const before = responseCount();
        const { status, text, headers: got } = await reply(ids.demoFirst, body, headers);

        assert.equal(status, expectedStatus);
        assert.equal(text, errorBody(expectedText));
        assert.equal(got.get('content-type'), 'application/json; charset=utf-8');
        assert.equal(responseCount(), before);
    };

    test('when the message is missing: 400', async () => {
        await refused(form({ other: 'x' }), {}, 400, 'The message is required');
        await refused(new FormData(), {}, 400, 'The message is required');
        await refused(undefined, {}, 400, 'The message is required');
    });

    test('when the message is empty or only white space: 400', async () => {
        for (const text of ['', ' ', '\n\t \r\n', '\u00a0\u2003\u200b\ufeff']) {
            await refused(form({ message: text }), {}, 400, 'The message is required');
        }
    });

    test('when the message is over 20,000 characters: 413', async () => {
        await refused(form({ message: 'a'.repeat(20001) }), {}, 413,
            'The message is too long (20000 characters at most)');
        const multipart = new FormData();
        multipart.append('message', 'é'.repeat(20001));
        await refused(multipart, {}, 413, 'The message is too long (20000 characters at most)');
    });

    test('when the message is not valid UTF-8: 400', async () => {
        await refused('message=%FF%FE', { 'Content-Type': 'application/x-www-form-urlencoded' },
            400, 'The message is not valid UTF-8');
    });

    test('when the body is another format: 415', async () => {
        await refused('{"message": "json"}', { 'Content-Type': 'application/json' }, 415,
            'Send the message as application/x-www-form-urlencoded or multipart/form-data');
    });

    test('when the body is over 1 MB: 413 in JSON', async () => {
        await refused(form({ message: 'b'.repeat(1024 * 1024 + 10) }), {}, 413,
            'Request body is too large');
    });
});

describe('a reply on a closed ticket', () => {
    test('is refused with 409 "This ticket is closed" and writes nothing', async () => {
        const before = responseCount();
        const { status, text } = await reply(ids.demoClosed, form({ message: 'too late' }));

        assert.equal(status, 409);
        assert.equal(text, errorBody('This ticket is closed'));
        assert.equal(responseCount(), before);
    });
});

describe('when the database fails', () => {
    test('a reply gets the documented 500 "Can\'t post new reply"', async () => {
        sqlite(server.dbPath, 'CREATE TRIGGER fail_reply BEFORE INSERT ON responses '
            + "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");
        try {
            const before = responseCount();
            const { status, text } = await reply(ids.demoFirst, form({ message: 'lost?' }));

            assert.equal(status, 500);
            assert.equal(text, '{"error": "Can\'t post new reply"}');
            assert.equal(responseCount(), before);
        } finally {
            sqlite(server.dbPath, 'DROP TRIGGER fail_reply');
        }
        assert.equal((await reply(ids.demoFirst, form({ message: 'works again' }))).status, 200);
    });
});
