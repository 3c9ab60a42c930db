// --seed-many N: a fresh database where the demo customer has N generated tickets.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { call, removeDir, sqlite, startServer, thread } from './harness.mjs';

async function withSeed(count, check) {
    const server = await startServer({ args: ['--seed-many', String(count)], site: false });
    try {
        await check(server);
    } finally {
        await server.stop();
        removeDir(server.dir);
    }
}

test('--seed-many 1000 gives the demo customer exactly 1000 tickets', async () => {
    await withSeed(1000, async (server) => {
        const demo = server.customers.demo;
        const tickets = JSON.parse((await call(server, '/me/tickets', { as: demo })).text);

        assert.equal(tickets.length, 1000);
        assert.deepEqual(tickets.map((t) => t.id), Array.from({ length: 1000 }, (_, i) => 101 + i));
        const { ticket, responses } = await thread(server, demo, 600);
        assert.equal(ticket.id, 600);
        assert.ok(responses.length <= 3);
        assert.ok(responses.every((r) => r.date > ticket.date));
    });
});

test('keeps the other customers: their tickets after the generated ids', async () => {
    await withSeed(1000, async (server) => {
        const other = server.customers.other;
        const theirs = JSON.parse((await call(server, '/me/tickets', { as: other })).text);

        assert.deepEqual(theirs.map((t) => t.id), [1104, 1111, 1119, 1127, 1133]);
        const foreign = await call(server, '/me/tickets/1104', { as: server.customers.demo });
        assert.equal(foreign.status, 404);
        const empty = await call(server, '/me/tickets', { as: server.customers.empty });
        assert.equal(empty.status, 404);
    });
});

test('seeds 100,000 tickets in a few seconds', async () => {
    const started = Date.now();
    await withSeed(100000, async (server) => {
        const seconds = (Date.now() - started) / 1000;
        const count = sqlite(server.dbPath, 'SELECT count(*) FROM tickets WHERE customer_id = 1');

        assert.equal(count, '100000');
        assert.ok(seconds < 10, `took ${seconds} s`);
    });
});

test('is ignored, with a warning, when the database exists', async () => {
    const first = await startServer({ site: false });
    await first.stop();
    const again = await startServer({ dir: first.dir, site: false, args: ['--seed-many', '5'] });
    try {
        const tickets = JSON.parse((await call(again, '/me/tickets',
            { as: again.customers.demo })).text);

        assert.equal(tickets.length, 35);
        assert.match(again.stderr, /--seed-many is ignored/);
    } finally {
        await again.stop();
        removeDir(first.dir);
    }
});
