// What the database keeps across a restart of the server: replies, closes, sessions and
// credentials, after a clean stop and after a kill.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import { call, form, ids, removeDir, startServer, thread } from './harness.mjs';

const dirs = [];

after(() => dirs.forEach(removeDir));

async function firstRun() {
    const server = await startServer();
    dirs.push(server.dir);
    const demo = server.customers.demo;
    const text = `survives a restart ${Date.now()} — déjà`;
    assert.equal((await call(server, `/me/tickets/${ids.demoFirst}`,
        { as: demo, method: 'POST', body: form({ message: text }) })).status, 200);
    assert.equal((await call(server, `/me/tickets/${ids.pending}/close`,
        { as: demo, method: 'POST' })).status, 200);
    const page = await fetch(`${server.origin}/`);
    const session = /tickets_session=([0-9a-f]+)/.exec(page.headers.get('set-cookie'))[1];
    return { server, demo, text, session };
}

async function checkSecondRun(first, second) {
    assert.doesNotMatch(second.stdout, /new, with demo data/);
    assert.deepEqual(second.customers, first.server.customers, 'same credentials');

    const { responses, ticket } = await thread(second, first.demo, ids.demoFirst);
    assert.equal(responses.filter((r) => r.message === first.text).length, 1);
    assert.equal(ticket.status, 'OPEN');
    assert.equal((await thread(second, first.demo, ids.pending)).ticket.status, 'CLOSED');

    const bySession = await call(second, '/me/tickets',
        { headers: { Cookie: `tickets_session=${first.session}` } });
    assert.equal(bySession.status, 200);
}

test('a reply, a close and a session survive a clean stop and a restart', async () => {
    const first = await firstRun();
    const exit = await first.server.stop();
    assert.equal(exit.code, 0, 'SIGTERM stops it cleanly');

    const second = await startServer({ dir: first.server.dir });
    try {
        await checkSecondRun(first, second);
    } finally {
        await second.stop();
    }
});

test('acknowledged writes survive the process being killed', async () => {
    const first = await firstRun();
    await first.server.kill();

    const second = await startServer({ dir: first.server.dir });
    try {
        await checkSecondRun(first, second);
    } finally {
        await second.stop();
    }
});

test('a fresh database gets new random credentials', async () => {
    const one = await startServer();
    const two = await startServer();
    dirs.push(one.dir, two.dir);
    await Promise.all([one.stop(), two.stop()]);

    assert.match(one.stdout, /new, with demo data/);
    assert.notEqual(one.customers.demo.key, two.customers.demo.key);
    assert.notEqual(one.customers.demo.token, two.customers.demo.token);
});
