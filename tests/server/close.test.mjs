// POST /me/tickets/:id/close: the documented bodies, the new status, closing twice, and
// another customer's ticket.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { call, errorBody, ids, removeDir, sqlite, startServer, thread } from './harness.mjs';

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

const close = (id, customer = demo) =>
    call(server, `/me/tickets/${id}/close`, { as: customer, method: 'POST' });

describe('closing a ticket', () => {
    test('answers the documented body and makes the status CLOSED', async () => {
        assert.equal((await thread(server, demo, ids.pending)).ticket.status, 'PENDING');

        const { status, text, headers } = await close(ids.pending);

        assert.equal(status, 200);
        assert.equal(text, '{"message": "The ticket has been closed"}');
        assert.equal(headers.get('content-type'), 'application/json; charset=utf-8');
        assert.equal((await thread(server, demo, ids.pending)).ticket.status, 'CLOSED');
        const list = JSON.parse((await call(server, '/me/tickets', { as: demo })).text);
        assert.equal(list.find((t) => t.id === ids.pending).status, 'CLOSED');
    });

    test('works with the key headers too', async () => {
        const { status } = await call(server, `/me/tickets/${ids.answered}/close`,
            { as: demo, scheme: 'key', method: 'POST' });

        assert.equal(status, 200);
        assert.equal((await thread(server, demo, ids.answered)).ticket.status, 'CLOSED');
    });

    test('that is already closed succeeds again and changes nothing', async () => {
        const before = await thread(server, demo, ids.demoClosed);
        const { status, text } = await close(ids.demoClosed);

        assert.equal(status, 200);
        assert.equal(text, '{"message": "The ticket has been closed"}');
        assert.deepEqual(await thread(server, demo, ids.demoClosed), before);
    });

    test('changes no other ticket', async () => {
        const openIds = () => sqlite(server.dbPath,
            "SELECT group_concat(id) FROM tickets WHERE status = 'OPEN' ORDER BY id");
        const before = openIds().split(',');
        await close(ids.withLink);

        const expected = before.filter((id) => id !== String(ids.withLink));
        assert.deepEqual(openIds().split(','), expected);
    });

    test('of another customer is a 404 and leaves it open', async () => {
        const foreign = ids.otherCustomer[0];
        const { status, text } = await close(foreign);

        assert.equal(status, 404);
        assert.equal(text, errorBody('Can\'t find tickets infos'));
        const stored = sqlite(server.dbPath, `SELECT status FROM tickets WHERE id = ${foreign}`);
        assert.equal(stored, 'OPEN');
    });

    test('with an unknown or non-numeric id is a 404', async () => {
        for (const id of ['9999', 'abc', '0']) {
            const { status, text } = await close(id);

            assert.equal(status, 404, id);
            assert.equal(text, errorBody('Can\'t find tickets infos'));
        }
    });

    test('then replying to it is refused with 409', async () => {
        await close(ids.withNewlines);
        const { status, text } = await call(server, `/me/tickets/${ids.withNewlines}`, {
            as: demo, method: 'POST', body: new URLSearchParams({ message: 'after close' }),
        });

        assert.equal(status, 409);
        assert.equal(text, errorBody('This ticket is closed'));
    });
});

describe('when the database fails', () => {
    test('closing gets the documented 500 "Can\'t close the ticket"', async () => {
        sqlite(server.dbPath, 'CREATE TRIGGER fail_close BEFORE UPDATE ON tickets '
            + "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");
        try {
            const { status, text } = await close(ids.demoFirst);

            assert.equal(status, 500);
            assert.equal(text, '{"error": "Can\'t close the ticket"}');
            const stored = sqlite(server.dbPath, 'SELECT status FROM tickets WHERE id = 101');
            assert.equal(stored, 'OPEN');
        } finally {
            sqlite(server.dbPath, 'DROP TRIGGER fail_close');
        }
    });
});
