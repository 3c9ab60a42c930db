// GET /me/tickets and GET /me/tickets/:id: bodies as the API contract shows them, the demo
// data, and what another customer's ticket looks like.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { call, errorBody, ids, removeDir, startServer, thread } from './harness.mjs';

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

describe('the ticket list', () => {
    test('is a JSON array of tickets with exactly the documented fields', async () => {
        const { status, text, headers } = await call(server, '/me/tickets', { as: demo });

        assert.equal(status, 200);
        assert.equal(headers.get('content-type'), 'application/json; charset=utf-8');
        const tickets = JSON.parse(text);
        assert.ok(Array.isArray(tickets));
        for (const ticket of tickets) {
            assert.deepEqual(Object.keys(ticket),
                ['id', 'product_id', 'departement', 'sujet', 'status', 'message', 'date']);
            assert.equal(typeof ticket.id, 'number');
            assert.equal(typeof ticket.product_id, 'number');
            assert.equal(typeof ticket.date, 'number');
            for (const field of ['departement', 'sujet', 'status', 'message']) {
                assert.equal(typeof ticket[field], 'string');
            }
        }
    });

    test('is written with the spacing of the published example', async () => {
        const { text } = await call(server, '/me/tickets', { as: demo });

        assert.match(text, /^\[\{"id": 101, "product_id": 39, "departement": "TECH", "sujet": /);
        assert.ok(text.includes('}, {"id": 102, '));
    });

    test('holds the demo customer\'s 35 tickets, none of the other customer\'s', async () => {
        const tickets = JSON.parse((await call(server, '/me/tickets', { as: demo })).text);
        const listed = tickets.map((t) => t.id);

        assert.equal(tickets.length, 35);
        for (const foreign of ids.otherCustomer) {
            assert.ok(!listed.includes(foreign), `ticket ${foreign} must not be listed`);
        }
    });

    test('demo data covers statuses, departments, accents and two years', async () => {
        const tickets = JSON.parse((await call(server, '/me/tickets', { as: demo })).text);
        const now = Date.now() / 1000;
        const statuses = new Set(tickets.map((t) => t.status));
        const departments = new Set(tickets.map((t) => t.departement));
        const allText = tickets.map((t) => t.sujet + t.message).join(' ');

        for (const status of ['OPEN', 'CLOSED', 'PENDING', 'ANSWERED']) {
            assert.ok(statuses.has(status), status);
        }
        for (const department of ['COM', 'TECH', 'FACT', 'ABUSE', 'JURI']) {
            assert.ok(departments.has(department), department);
        }
        for (const letter of ['é', 'è', 'ê', 'ç', 'à', 'œ', '€']) {
            assert.ok(allText.includes(letter), letter);
        }
        const byId = new Map(tickets.map((t) => [t.id, t]));
        assert.ok(byId.get(ids.longSubject).sujet.length > 300);
        assert.ok(byId.get(ids.withNewlines).message.includes('\n'));
        assert.match(byId.get(ids.withLink).message, /https:\/\//);
        assert.equal(byId.get(ids.unknownDepartment).departement, 'JURI');
        const dates = tickets.map((t) => t.date);
        assert.ok(Math.max(...dates) <= now);
        assert.ok(Math.min(...dates) < now - 600 * 86400, 'the oldest is over 600 days old');
        assert.ok(Math.min(...dates) > now - 740 * 86400, 'none is older than about two years');
    });

    test('is a 404 "Can\'t find any tickets" for a customer with none', async () => {
        const { status, text, headers } = await call(server, '/me/tickets',
            { as: server.customers.empty });

        assert.equal(status, 404);
        assert.equal(text, '{"error": "Can\'t find any tickets"}');
        assert.equal(headers.get('content-type'), 'application/json; charset=utf-8');
    });

    test('is never cached', async () => {
        const { headers } = await call(server, '/me/tickets', { as: demo });

        assert.equal(headers.get('cache-control'), 'no-store');
    });

    test('is gzip-compressed when large and the client accepts it', async () => {
        const response = await fetch(`${server.origin}/me/tickets`, {
            headers: { Authorization: `Bearer ${demo.token}`, 'Accept-Encoding': 'gzip' },
        });
        await response.arrayBuffer();

        assert.equal(response.headers.get('content-encoding'), 'gzip');
    });
});

describe('one ticket with its thread', () => {
    test('is {"ticket": {...}, "responses": [{"message", "date"}...]}', async () => {
        const { status, text } = await call(server, `/me/tickets/${ids.demoFirst}`, { as: demo });

        assert.equal(status, 200);
        assert.match(text, /^\{"ticket": \{"id": 101, "product_id": 39, .*\}, "responses": \[/s);
        assert.match(text, /"responses": \[\{"message": ".*", "date": \d+\}, \{"message": /s);
        const body = JSON.parse(text);
        assert.deepEqual(Object.keys(body), ['ticket', 'responses']);
        assert.equal(body.ticket.id, ids.demoFirst);
        assert.equal(body.responses.length, 15);
        for (const response of body.responses) {
            assert.deepEqual(Object.keys(response), ['message', 'date']);
            assert.ok(response.date > body.ticket.date, 'a response comes after its ticket');
        }
    });

    test('lists the same ticket as the list does', async () => {
        const tickets = JSON.parse((await call(server, '/me/tickets', { as: demo })).text);
        const body = await thread(server, demo, ids.answered);

        assert.deepEqual(body.ticket, tickets.find((t) => t.id === ids.answered));
    });

    test('gives responses in an order that is not date order', async () => {
        const body = await thread(server, demo, ids.demoFirst);
        const dates = body.responses.map((r) => r.date);
        const sorted = [...dates].sort((a, b) => a - b);

        assert.notDeepEqual(dates, sorted);
        assert.notDeepEqual(dates, [...sorted].reverse());
    });

    test('gives the same order every time', async () => {
        const first = await thread(server, demo, ids.demoFirst);
        const second = await thread(server, demo, ids.demoFirst);

        assert.deepEqual(first.responses, second.responses);
    });

    test('can have no responses', async () => {
        const body = await thread(server, demo, ids.demoNoResponses);

        assert.deepEqual(body.responses, []);
    });

    test('of another customer is a 404 "Can\'t find tickets infos"', async () => {
        for (const foreign of ids.otherCustomer) {
            const { status, text } = await call(server, `/me/tickets/${foreign}`, { as: demo });

            assert.equal(status, 404);
            assert.equal(text, '{"error": "Can\'t find tickets infos"}');
        }
    });

    test('is visible to its own customer', async () => {
        const other = server.customers.other;
        const body = await thread(server, other, ids.otherCustomer[0]);

        assert.equal(body.ticket.id, ids.otherCustomer[0]);
    });

    test('with an unknown, zero, negative or non-numeric id is a 404', async () => {
        for (const id of ['9999', '0', '-101', 'abc', '101abc', '1e2', '99999999999999999999']) {
            const { status, text } = await call(server, `/me/tickets/${id}`, { as: demo });

            assert.equal(status, 404, id);
            assert.equal(text, '{"error": "Can\'t find tickets infos"}', id);
        }
    });
});

describe('unknown API paths', () => {
    test('are a JSON 404, for any method', async () => {
        for (const [method, path] of [['GET', '/me'], ['GET', '/me/nothing'],
            ['GET', '/me/tickets/101/responses'], ['POST', '/me/tickets'],
            ['DELETE', '/me/tickets/101'], ['GET', '/me/tickets/101/close']]) {
            const { status, text, headers } = await call(server, path, { as: demo, method });

            assert.equal(status, 404, `${method} ${path}`);
            assert.equal(text, errorBody('Not found'));
            assert.equal(headers.get('content-type'), 'application/json; charset=utf-8');
        }
    });
});
