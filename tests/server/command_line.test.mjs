// The command line: --help, refused options and configurations, PORT, and the demo portal on
// a second origin.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import { makeTempDir, rawGet, removeDir, serverBin, startServer } from './harness.mjs';

const run = (args, env = {}) => spawnSync(serverBin, args,
    { encoding: 'utf8', timeout: 10000, env: { ...process.env, ...env } });

describe('--help', () => {
    test('documents every option and exits 0', () => {
        const { status, stdout } = run(['--help']);

        assert.equal(status, 0);
        for (const option of ['--host', '--port', '--db', '--static', '--config', '--portal-port',
            '--portal-dir', '--cors-origin', '--seed-many', '--admin-token', 'PORT']) {
            assert.ok(stdout.includes(option), option);
        }
    });
});

describe('a wrong command line', () => {
    const dir = makeTempDir();
    const config = (name, content) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, content);
        return file;
    };
    const refused = [
        [['--bogus']],
        [['--port', 'abc']],
        [['--port', '70000']],
        [['--seed-many', '-3']],
        [['--portal-port', '9000']],
        [['--cors-origin', 'http://a.example/path']],
        [['--cors-origin', '*']],
        [['--admin-token', 'short']],
        [['--static', path.join(dir, 'missing')]],
        [['--config', path.join(dir, 'missing.json')]],
        [['--config', config('bad.json', '{not json')]],
        [['--config', config('mode.json', '{"credentials": "magic"}')]],
        [['--config', config('star.json', '{"portal_origins": ["*"]}')]],
        [['--config', config('inject.json',
            '{"portal_origins": ["http://a.example; script-src *"]}')]],
        [['--config', config('path.json', '{"portal_origins": ["https://a.example/x"]}')]],
        [[], { PORT: 'eighty' }],
    ];
    for (const [args, env] of refused) {
        test(`${args.join(' ') || JSON.stringify(env)} is refused with exit code 2`, () => {
            const { status, stderr } = run(['--db', path.join(dir, 'x.db'), ...args], env);

            assert.equal(status, 2, stderr);
            assert.match(stderr, /^tickets_server: /);
        });
    }
    test('cleans up', () => removeDir(dir));
});

describe('the PORT variable', () => {
    test('is used when --port is not given', async () => {
        const probe = await startServer({ site: false });
        const port = probe.port;
        await probe.stop();

        const child = spawn(serverBin, ['--db', probe.dbPath],
            { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'ignore'] });
        let stdout = '';
        child.stdout.setEncoding('utf8');
        const listening = new Promise((resolve) => child.stdout.on('data', (chunk) => {
            stdout += chunk;
            if (stdout.includes('listening on')) {
                resolve();
            }
        }));
        await listening;
        child.kill('SIGTERM');
        await once(child, 'exit');
        removeDir(probe.dir);

        assert.match(stdout, new RegExp(`listening on http://127\\.0\\.0\\.1:${port}/`));
    });

    test('a taken port is a clear error with exit code 1', async () => {
        const holder = await startServer({ site: false });
        try {
            const { status, stderr } = run(['--db', path.join(holder.dir, 'other.db')],
                { PORT: String(holder.port) });

            assert.equal(status, 1);
            assert.match(stderr, /cannot listen on 127\.0\.0\.1:\d+/);
        } finally {
            await holder.stop();
            removeDir(holder.dir);
        }
    });
});

describe('the demo portal', () => {
    test('serves its folder on a second origin, with the app allowed in frames', async () => {
        const dir = makeTempDir();
        const portalDir = path.join(dir, 'portal');
        fs.mkdirSync(portalDir);
        fs.writeFileSync(path.join(portalDir, 'index.html'), '<!doctype html><p>portal</p>');
        const server = await startServer({
            dir, args: ['--portal-port', '0', '--portal-dir', portalDir],
        });
        try {
            assert.match(server.portalOrigin, /^http:\/\/127\.0\.0\.1:\d+$/);
            assert.notEqual(server.portalOrigin, server.origin);
            const page = await rawGet({ port: new URL(server.portalOrigin).port }, '/');

            assert.equal(page.status, 200);
            assert.equal(page.body.toString(), '<!doctype html><p>portal</p>');
            const csp = page.headers['content-security-policy'];
            assert.match(csp, new RegExp(`frame-src ${server.origin};`));
            assert.match(csp, new RegExp(`script-src 'self' ${server.origin};`));
            assert.equal(page.headers['set-cookie'], undefined, 'the portal signs nobody in');
        } finally {
            await server.stop();
            removeDir(dir);
        }
    });

    test('hands its page the demo customer\'s credentials, as its back end would', async () => {
        const dir = makeTempDir();
        fs.mkdirSync(path.join(dir, 'portal'));
        const server = await startServer({
            dir, args: ['--portal-port', '0', '--portal-dir', path.join(dir, 'portal')],
        });
        try {
            const response = await fetch(`${server.portalOrigin}/portal-api/credentials`);
            const body = await response.json();

            assert.equal(response.status, 200);
            assert.equal(response.headers.get('cache-control'), 'no-store');
            assert.deepEqual(body, {
                email: 'demo@example.com',
                key: server.customers.demo.key,
                token: server.customers.demo.token,
            });
        } finally {
            await server.stop();
            removeDir(dir);
        }
    });
});
