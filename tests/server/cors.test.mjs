// CORS for a page on another origin than the API: exact origins only, credentials as the
// deployment says, the API's headers allowed, preflights answered.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { call, form, removeDir, startServer } from './harness.mjs';

const portal = 'http://127.0.0.1:8081';
const extra = 'https://app.example';
let server;
let demo;

before(async () => {
    server = await startServer({
        config: { api_base: '', portal_origins: [portal], credentials: 'cookie' },
        args: ['--cors-origin', extra],
    });
    demo = server.customers.demo;
});

after(async () => {
    await server.stop();
    removeDir(server.dir);
});

const fromOrigin = (origin, options = {}) => call(server, '/me/tickets',
    { as: demo, ...options, headers: { Origin: origin, ...(options.headers ?? {}) } });

describe('an allowed origin', () => {
    test('is reflected exactly, with credentials allowed and Vary: Origin', async () => {
        for (const origin of [portal, extra]) {
            const { status, headers } = await fromOrigin(origin);

            assert.equal(status, 200);
            assert.equal(headers.get('access-control-allow-origin'), origin);
            assert.equal(headers.get('access-control-allow-credentials'), 'true');
            assert.match(headers.get('vary'), /Origin/);
            assert.equal(headers.get('access-control-expose-headers'), 'Retry-After');
        }
    });

    test('gets the CORS headers on errors too, so the page can read them', async () => {
        const { status, headers } = await call(server, '/me/tickets',
            { headers: { Origin: portal } });

        assert.equal(status, 401);
        assert.equal(headers.get('access-control-allow-origin'), portal);
    });

    test('has its preflight answered with 204, the methods and the API headers', async () => {
        const response = await fetch(`${server.origin}/me/tickets/101`, {
            method: 'OPTIONS',
            headers: {
                Origin: portal,
                'Access-Control-Request-Method': 'POST',
                'Access-Control-Request-Headers': 'x-rahona-email, x-rahona-key',
            },
        });

        assert.equal(response.status, 204);
        assert.equal(response.headers.get('access-control-allow-origin'), portal);
        assert.equal(response.headers.get('access-control-allow-methods'), 'GET, POST, OPTIONS');
        assert.equal(response.headers.get('access-control-allow-headers'),
            'Authorization, X-Rahona-Email, X-Rahona-Key, Content-Type');
        assert.equal(response.headers.get('access-control-allow-credentials'), 'true');
    });

    test('may post a reply signed in by cookie', async () => {
        const page = await fetch(`${server.origin}/`);
        const session = /tickets_session=([0-9a-f]+)/.exec(page.headers.get('set-cookie'))[1];
        const { status, headers } = await call(server, '/me/tickets/101', {
            method: 'POST',
            headers: { Origin: portal, Cookie: `tickets_session=${session}` },
            body: form({ message: 'from the portal' }),
        });

        assert.equal(status, 200);
        assert.equal(headers.get('access-control-allow-origin'), portal);
    });
});

describe('any other origin', () => {
    const others = [
        'http://127.0.0.1:80811',
        'http://127.0.0.1:808',
        'http://127.0.0.1',
        'https://127.0.0.1:8081',
        'http://127.0.0.1:8081/',
        'http://localhost:8081',
        'https://app.example.evil.com',
        'https://evil-app.example',
        'null',
    ];

    test('gets no CORS headers at all (exact comparison)', async () => {
        for (const origin of others) {
            const { headers } = await fromOrigin(origin);

            assert.equal(headers.get('access-control-allow-origin'), null, origin);
            assert.equal(headers.get('access-control-allow-credentials'), null, origin);
        }
    });

    test('gets a bare 204 to its preflight', async () => {
        const response = await fetch(`${server.origin}/me/tickets`, {
            method: 'OPTIONS',
            headers: { Origin: 'http://127.0.0.1:80811', 'Access-Control-Request-Method': 'GET' },
        });

        assert.equal(response.status, 204);
        assert.equal(response.headers.get('access-control-allow-origin'), null);
        assert.equal(response.headers.get('access-control-allow-methods'), null);
        assert.equal(response.headers.get('access-control-allow-headers'), null);
    });
});

describe('static files', () => {
    test('carry no CORS headers, even for an allowed origin', async () => {
        const response = await fetch(`${server.origin}/tickets.js`,
            { headers: { Origin: portal } });

        assert.equal(response.headers.get('access-control-allow-origin'), null);
    });
});

describe('a deployment with bearer credentials', () => {
    test('allows the origin without allowing credentials', async () => {
        const bearer = await startServer({
            config: { portal_origins: [portal], credentials: 'bearer' }, site: false,
        });
        try {
            const { headers } = await call(bearer, '/me/tickets',
                { as: bearer.customers.demo, headers: { Origin: portal } });

            assert.equal(headers.get('access-control-allow-origin'), portal);
            assert.equal(headers.get('access-control-allow-credentials'), null);
        } finally {
            await bearer.stop();
            removeDir(bearer.dir);
        }
    });
});
