// Static files: content types, compression, cache policy, security headers, HEAD, ETags, and
// no way out of the served folder.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';

import { errorBody, rawGet, removeDir, startServer } from './harness.mjs';

const portalOrigins = ['http://127.0.0.1:8081', 'https://portal.example'];
let server;

before(async () => {
    server = await startServer({
        config: { api_base: '', portal_origins: portalOrigins, credentials: 'cookie' },
    });
    fs.symlinkSync(path.join(server.dir, 'secret.txt'), path.join(server.site, 'link.txt'));
});

after(async () => {
    await server.stop();
    removeDir(server.dir);
});

const siteFile = (name) => fs.readFileSync(path.join(server.site, name));

describe('content types', () => {
    const expected = {
        '/': 'text/html; charset=utf-8',
        '/index.html': 'text/html; charset=utf-8',
        '/tickets.js': 'text/javascript; charset=utf-8',
        '/tickets.wasm': 'application/wasm',
        '/config.json': 'application/json; charset=utf-8',
        '/font.ttf': 'font/ttf',
        '/logo.png': 'image/png',
        '/icon.svg': 'image/svg+xml',
        '/style.css': 'text/css; charset=utf-8',
    };
    for (const [urlPath, type] of Object.entries(expected)) {
        test(`${urlPath} is ${type}`, async () => {
            const response = await rawGet(server, urlPath);

            assert.equal(response.status, 200);
            assert.equal(response.headers['content-type'], type);
        });
    }
});

describe('compression', () => {
    for (const name of ['index.html', 'tickets.js', 'tickets.wasm', 'font.ttf', 'style.css']) {
        test(`${name} is gzip-compressed for a client that accepts gzip`, async () => {
            const response = await rawGet(server, `/${name}`, { 'Accept-Encoding': 'gzip' });

            assert.equal(response.headers['content-encoding'], 'gzip');
            assert.equal(response.headers.vary, 'Accept-Encoding');
            assert.deepEqual(zlib.gunzipSync(response.body), siteFile(name));
            assert.equal(Number(response.headers['content-length']), response.body.length);
        });
    }

    test('a file too small to gain from it is not compressed', async () => {
        const response = await rawGet(server, '/config.json', { 'Accept-Encoding': 'gzip' });

        assert.equal(response.headers['content-encoding'], undefined);
        assert.deepEqual(response.body, siteFile('config.json'));
    });

    test('a client that accepts nothing gets the bytes as they are', async () => {
        const response = await rawGet(server, '/tickets.wasm');

        assert.equal(response.headers['content-encoding'], undefined);
        assert.deepEqual(response.body, siteFile('tickets.wasm'));
    });

    test('gzip refused with q=0 is not used', async () => {
        const response = await rawGet(server, '/tickets.js', { 'Accept-Encoding': 'gzip;q=0' });

        assert.equal(response.headers['content-encoding'], undefined);
    });

    test('PNG images are not compressed again', async () => {
        const response = await rawGet(server, '/logo.png', { 'Accept-Encoding': 'gzip' });

        assert.equal(response.headers['content-encoding'], undefined);
        assert.deepEqual(response.body, siteFile('logo.png'));
    });

    test('a precompressed .br file is served to a client that accepts br', async () => {
        const response = await rawGet(server, '/pre.js', { 'Accept-Encoding': 'gzip, br' });

        assert.equal(response.headers['content-encoding'], 'br');
        assert.equal(response.headers['content-type'], 'text/javascript; charset=utf-8');
        assert.equal(response.headers.vary, 'Accept-Encoding');
        assert.deepEqual(response.body, siteFile('pre.js.br'));
    });

    test('a precompressed .gz file is served to a client that accepts only gzip', async () => {
        const response = await rawGet(server, '/pre.js', { 'Accept-Encoding': 'gzip' });

        assert.equal(response.headers['content-encoding'], 'gzip');
        assert.deepEqual(response.body, siteFile('pre.js.gz'));
    });

    test('fetch decodes what it is sent back to the original', async () => {
        const response = await fetch(`${server.origin}/tickets.js`);

        assert.equal(await response.text(), siteFile('tickets.js').toString());
    });
});

describe('cache policy', () => {
    const expected = {
        '/': 'no-cache',
        '/index.html': 'no-cache',
        '/sub/page.html': 'no-cache',
        '/config.json': 'no-cache',
        '/tickets.0123abcd.js': 'public, max-age=31536000, immutable',
        '/tickets.js': 'public, max-age=0, must-revalidate',
        '/tickets.wasm': 'public, max-age=0, must-revalidate',
    };
    for (const [urlPath, policy] of Object.entries(expected)) {
        test(`${urlPath}: ${policy}`, async () => {
            const response = await rawGet(server, urlPath);

            assert.equal(response.headers['cache-control'], policy);
        });
    }

    test('an unchanged file is a 304 for its ETag', async () => {
        const first = await rawGet(server, '/tickets.js', { 'Accept-Encoding': 'gzip' });
        const etag = first.headers.etag;
        const again = await rawGet(server, '/tickets.js',
            { 'Accept-Encoding': 'gzip', 'If-None-Match': etag });
        const otherEncoding = await rawGet(server, '/tickets.js', { 'If-None-Match': etag });

        assert.match(etag, /^"[0-9a-f-]+gzip"$/);
        assert.equal(again.status, 304);
        assert.equal(again.body.length, 0);
        assert.equal(otherEncoding.status, 200, 'another encoding is another ETag');
    });
});

describe('security headers', () => {
    const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
        + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'self' http://127.0.0.1:8081 https://portal.example; "
        + "base-uri 'none'; form-action 'none'; object-src 'none'";

    test('every response has nosniff and no-referrer', async () => {
        for (const urlPath of ['/', '/tickets.wasm', '/logo.png', '/missing', '/me/tickets']) {
            const response = await rawGet(server, urlPath);

            assert.equal(response.headers['x-content-type-options'], 'nosniff', urlPath);
            assert.equal(response.headers['referrer-policy'], 'no-referrer', urlPath);
        }
    });

    test('HTML has the page CSP, framing allowed to exactly the portal origins', async () => {
        for (const urlPath of ['/', '/sub/page.html']) {
            const response = await rawGet(server, urlPath);

            assert.equal(response.headers['content-security-policy'], csp);
        }
    });

    test('the CSP names the API origin when api_base is another origin', async () => {
        const other = await startServer({
            config: { api_base: 'https://api.example.com/v1', portal_origins: [] },
        });
        try {
            const policy = (await rawGet(other, '/')).headers['content-security-policy'];

            assert.match(policy, /; connect-src 'self' https:\/\/api\.example\.com; /);
            assert.match(policy, /; frame-ancestors 'self'; /);
        } finally {
            await other.stop();
            removeDir(other.dir);
        }
    });

    test('API answers forbid everything to a browser that renders them', async () => {
        const response = await rawGet(server, '/me/tickets');

        assert.equal(response.headers['content-security-policy'],
            "default-src 'none'; frame-ancestors 'none'");
    });
});

describe('HEAD', () => {
    test('gives the GET headers and no body', async () => {
        const get = await fetch(`${server.origin}/tickets.wasm`);
        await get.arrayBuffer();
        const head = await fetch(`${server.origin}/tickets.wasm`, { method: 'HEAD' });

        assert.equal(head.status, 200);
        assert.equal(head.headers.get('content-type'), 'application/wasm');
        assert.equal(head.headers.get('content-length'), get.headers.get('content-length'));
        assert.equal((await head.arrayBuffer()).byteLength, 0);
    });
});

describe('paths that would leave the folder', () => {
    const attempts = [
        '/../secret.txt',
        '/%2e%2e/secret.txt',
        '/%2E%2E/%2e%2e/etc/passwd',
        '/sub/../../secret.txt',
        '/sub/%2e%2e/%2e%2e/secret.txt',
        '/..%2fsecret.txt',
        '/%2e%2e%2fsecret.txt',
        '/..%5csecret.txt',
        '/sub/..%2f..%2fsecret.txt',
        '//etc/passwd',
        '/link.txt',
        '/.hidden',
        '/%2ehidden',
        '/sub/./page.html',
        '/index.html%00.png',
    ];
    for (const attempt of attempts) {
        test(`${attempt} is a JSON 404`, async () => {
            const response = await rawGet(server, attempt);

            assert.equal(response.status, 404);
            assert.equal(response.body.toString(), errorBody('Not found'));
            assert.ok(!response.body.includes('TOP SECRET'));
        });
    }
});

describe('missing files', () => {
    test('are a JSON 404', async () => {
        for (const urlPath of ['/nothing.js', '/sub/', '/sub', '/admin/revoke']) {
            const response = await rawGet(server, urlPath);

            assert.equal(response.status, 404, urlPath);
            assert.equal(response.headers['content-type'], 'application/json; charset=utf-8');
            assert.equal(response.body.toString(), errorBody('Not found'));
        }
    });

    test('other methods than GET and HEAD are a JSON 404', async () => {
        const response = await fetch(`${server.origin}/index.html`, { method: 'POST' });

        assert.equal(response.status, 404);
        assert.equal(await response.text(), errorBody('Not found'));
    });
});
