// Credentials: the API's key headers, bearer tokens, the page's session cookie, and what a
// request without valid ones gets.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { call, errorBody, form, removeDir, sqlite, startServer } from './harness.mjs';

const adminToken = 'admin-token-for-tests-0123456789';
let server;
let demo;

before(async () => {
    server = await startServer({ args: ['--admin-token', adminToken] });
    demo = server.customers.demo;
});

after(async () => {
    await server.stop();
    removeDir(server.dir);
});

function sessionFrom(response) {
    const cookie = response.headers.get('set-cookie') ?? '';
    const match = /tickets_session=([0-9a-f]+)/.exec(cookie);
    return match ? match[1] : null;
}

describe('the start-up output', () => {
    test('prints every demo customer\'s e-mail, key and token', () => {
        assert.deepEqual(Object.keys(server.customers).sort(), ['demo', 'empty', 'other']);
        assert.equal(demo.email, 'demo@example.com');
        assert.match(demo.key, /^rk_[0-9a-f]{48}$/);
        assert.match(demo.token, /^tk_[0-9a-f]{48}$/);
        assert.notEqual(server.customers.other.key, demo.key);
    });
});

describe('requests without valid credentials', () => {
    const unauthorized = async (headers) => {
        const { status, text, headers: got } = await call(server, '/me/tickets', { headers });
        assert.equal(status, 401, JSON.stringify(headers));
        assert.equal(got.get('content-type'), 'application/json; charset=utf-8');
        return text;
    };

    test('with none at all get 401 "Missing credentials"', async () => {
        assert.equal(await unauthorized({}), errorBody('Missing credentials'));
    });

    test('with a wrong bearer token get 401 "Invalid credentials"', async () => {
        for (const value of ['Bearer nope', 'Bearer ', 'Basic abc', demo.token,
            `Bearer ${demo.key}`]) {
            assert.equal(await unauthorized({ Authorization: value }),
                errorBody('Invalid credentials'));
        }
    });

    test('with a wrong or half key pair get 401 "Invalid credentials"', async () => {
        const cases = [
            { 'X-Rahona-Email': demo.email, 'X-Rahona-Key': 'rk_wrong' },
            { 'X-Rahona-Email': demo.email, 'X-Rahona-Key': server.customers.other.key },
            { 'X-Rahona-Email': 'nobody@example.com', 'X-Rahona-Key': demo.key },
            { 'X-Rahona-Email': demo.email },
            { 'X-Rahona-Key': demo.key },
            { 'X-Rahona-Email': demo.email, 'X-Rahona-Key': '' },
        ];
        for (const headers of cases) {
            assert.equal(await unauthorized(headers), errorBody('Invalid credentials'));
        }
    });

    test('with an unknown session cookie get 401 "Invalid credentials"', async () => {
        assert.equal(await unauthorized({ Cookie: 'tickets_session=0123' }),
            errorBody('Invalid credentials'));
    });

    test('are not rescued by a valid cookie when a wrong token is sent', async () => {
        const page = await fetch(`${server.origin}/`);
        const session = sessionFrom(page);

        assert.equal(await unauthorized({
            Authorization: 'Bearer nope', Cookie: `tickets_session=${session}`,
        }), errorBody('Invalid credentials'));
    });

    test('get 401 on every endpoint, and nothing is written', async () => {
        const before = sqlite(server.dbPath, 'SELECT count(*) FROM responses');
        const cases = [['GET', '/me/tickets/101'], ['POST', '/me/tickets/101'],
            ['POST', '/me/tickets/101/close']];
        for (const [method, path] of cases) {
            const { status } = await call(server, path, {
                method, body: method === 'POST' ? form({ message: 'hi' }) : undefined,
            });
            assert.equal(status, 401, path);
        }

        assert.equal(sqlite(server.dbPath, 'SELECT count(*) FROM responses'), before);
        assert.equal(sqlite(server.dbPath, 'SELECT status FROM tickets WHERE id = 101'), 'OPEN');
    });
});

describe('the API key headers', () => {
    test('sign the customer in, the e-mail in any case', async () => {
        for (const email of [demo.email, demo.email.toUpperCase()]) {
            const { status } = await call(server, '/me/tickets', {
                headers: { 'X-Rahona-Email': email, 'X-Rahona-Key': demo.key },
            });
            assert.equal(status, 200);
        }
    });

    test('of the customer without tickets give their empty list', async () => {
        const { status, text } = await call(server, '/me/tickets',
            { as: server.customers.empty, scheme: 'key' });

        assert.equal(status, 404);
        assert.equal(text, errorBody('Can\'t find any tickets'));
    });
});

describe('the session cookie', () => {
    test('is set when the page loads: HttpOnly, SameSite=Lax, Path=/', async () => {
        for (const path of ['/', '/index.html']) {
            const page = await fetch(server.origin + path);
            const cookie = page.headers.get('set-cookie');

            assert.equal(page.status, 200);
            assert.match(cookie, /^tickets_session=[0-9a-f]{64}; /);
            assert.match(cookie, /; HttpOnly/);
            assert.match(cookie, /; SameSite=Lax/);
            assert.match(cookie, /; Path=\//);
        }
    });

    test('signs the demo customer in', async () => {
        const session = sessionFrom(await fetch(`${server.origin}/`));
        const cookie = `tickets_session=${session}`;
        const withCookie = await call(server, '/me/tickets', { headers: { Cookie: cookie } });
        const withToken = await call(server, '/me/tickets', { as: demo });

        assert.equal(withCookie.status, 200);
        assert.equal(withCookie.text, withToken.text);
    });

    test('is not set again while the one sent is valid', async () => {
        const session = sessionFrom(await fetch(`${server.origin}/`));
        const again = await fetch(`${server.origin}/`,
            { headers: { Cookie: `other=1; tickets_session=${session}` } });

        assert.equal(again.headers.get('set-cookie'), null);
    });

    test('is not set on other files or on the API', async () => {
        for (const path of ['/tickets.js', '/config.json', '/me/tickets']) {
            const response = await fetch(server.origin + path);
            assert.equal(response.headers.get('set-cookie'), null, path);
        }
    });

    test('cannot post from a foreign origin (cross-site request refused)', async () => {
        const session = sessionFrom(await fetch(`${server.origin}/`));
        const { status, text } = await call(server, '/me/tickets/101/close', {
            method: 'POST',
            headers: { Cookie: `tickets_session=${session}`, Origin: 'http://evil.example' },
        });

        assert.equal(status, 403);
        assert.equal(text, errorBody('Cross-origin request refused'));
        assert.equal(sqlite(server.dbPath, 'SELECT status FROM tickets WHERE id = 101'), 'OPEN');
    });

    test('can post from the page\'s own origin', async () => {
        const session = sessionFrom(await fetch(`${server.origin}/`));
        const { status } = await call(server, '/me/tickets/101', {
            method: 'POST',
            headers: { Cookie: `tickets_session=${session}`, Origin: server.origin },
            body: form({ message: 'from the page itself' }),
        });

        assert.equal(status, 200);
    });
});

describe('revoking credentials', () => {
    test('through POST /admin/revoke needs the admin token', async () => {
        const { status, text } = await call(server, '/admin/revoke', {
            method: 'POST', headers: { Authorization: 'Bearer wrong' },
            body: form({ email: 'other@example.com' }),
        });

        assert.equal(status, 401);
        assert.equal(text, errorBody('Invalid credentials'));
    });

    test('through POST /admin/revoke turns the key and token into 401s', async () => {
        const other = server.customers.other;
        assert.equal((await call(server, '/me/tickets', { as: other, scheme: 'key' })).status, 200);

        const { status, text } = await call(server, '/admin/revoke', {
            method: 'POST', headers: { Authorization: `Bearer ${adminToken}` },
            body: form({ email: other.email }),
        });

        assert.equal(status, 200);
        assert.equal(text, '{"message": "Credentials revoked"}');
        const byKey = await call(server, '/me/tickets', { as: other, scheme: 'key' });
        const byToken = await call(server, '/me/tickets', { as: other });
        assert.equal(byKey.status, 401);
        assert.equal(byKey.text, errorBody('Invalid credentials'));
        assert.equal(byToken.status, 401);
    });

    test('by editing the database with the sqlite3 tool works on a running server', async () => {
        const empty = server.customers.empty;
        assert.equal((await call(server, '/me/tickets', { as: empty, scheme: 'key' })).status, 404);

        sqlite(server.dbPath, `UPDATE customers SET api_key = NULL WHERE email = '${empty.email}'`);

        assert.equal((await call(server, '/me/tickets', { as: empty, scheme: 'key' })).status, 401);
    });
});

describe('the request log', () => {
    test('has one line per request and never a token, key or session', async () => {
        await call(server, '/me/tickets', { as: demo });
        await call(server, '/me/tickets', { as: demo, scheme: 'key' });

        assert.match(server.stderr, /GET \/me\/tickets 200 [0-9.]+ ms/);
        for (const customer of Object.values(server.customers)) {
            assert.ok(!server.stderr.includes(customer.key));
            assert.ok(!server.stderr.includes(customer.token));
        }
        assert.ok(!/tickets_session=|[0-9a-f]{64}/.test(server.stderr));
    });
});

describe('a deployment using bearer tokens', () => {
    test('sets no session cookie when the page loads', async () => {
        const bearer = await startServer({
            config: { api_base: '', portal_origins: [], credentials: 'bearer' },
        });
        try {
            const page = await fetch(`${bearer.origin}/`);
            assert.equal(page.status, 200);
            assert.equal(page.headers.get('set-cookie'), null);
        } finally {
            await bearer.stop();
            removeDir(bearer.dir);
        }
    });
});
