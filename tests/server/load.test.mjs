// The server under load and faults: concurrent replies from several clients, each stored
// exactly once; a restart (clean, then a kill) in the middle loses no acknowledged reply;
// malformed HTTP gets a JSON 4xx and the server keeps serving. Loopback only, bounded in time.

import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';

import { credentials, form, removeDir, startServer, thread } from './harness.mjs';

const clients = 8;
const repliesPerClient = 50;
const tickets = [101, 103, 107, 108, 113, 115]; // open demo tickets
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Runs the clients against 127.0.0.1:port while `fault` (started once half the replies are
// acknowledged) restarts the server; returns each reply's fate by its text.
async function loadWithFault(port, demo, fault) {
    const fates = new Map();
    let acknowledged = 0;
    const runId = Date.now().toString(36);

    const client = async (clientIndex) => {
        for (let i = 0; i < repliesPerClient; i++) {
            const text = `load ${runId} client ${clientIndex} reply ${i} — été`;
            const ticket = tickets[(clientIndex + i) % tickets.length];
            try {
                const response = await fetch(`http://127.0.0.1:${port}/me/tickets/${ticket}`, {
                    method: 'POST',
                    headers: credentials(demo),
                    body: form({ message: text }),
                    signal: AbortSignal.timeout(5000),
                });
                const body = await response.text();
                const ok = response.status === 200
                    && body === '{"message": "Message successfully posted"}';
                const fate = ok ? 'acknowledged' : `status ${response.status}`;
                fates.set(text, { ticket, fate });
                acknowledged += ok ? 1 : 0;
            } catch {
                // Refused or cut off: its fate is unknown, and it is not sent again.
                fates.set(text, { ticket, fate: 'unknown' });
                await sleep(20);
            }
        }
    };

    const faultDone = (async () => {
        while (acknowledged < (clients * repliesPerClient) / 2) {
            await sleep(2);
        }
        await fault();
    })();
    await Promise.all([...Array.from({ length: clients }, (_, c) => client(c)), faultDone]);
    return fates;
}

// Counts how often each reply's text is stored, from the threads the API returns.
async function storedCounts(server, demo) {
    const counts = new Map();
    for (const ticket of tickets) {
        for (const { message } of (await thread(server, demo, ticket)).responses) {
            counts.set(message, (counts.get(message) ?? 0) + 1);
        }
    }
    return counts;
}

async function runScenario(t, stop) {
    let server = await startServer({ site: false, args: ['--quiet'] });
    const { dir, port } = server;
    const demo = server.customers.demo;
    const started = Date.now();
    try {
        const fates = await loadWithFault(port, demo, async () => {
            await stop(server);
            server = await startServer({ dir, port, site: false, args: ['--quiet'] });
        });
        const counts = await storedCounts(server, demo);

        const summary = { acknowledged: 0, storedOnce: 0, unknown: 0, unknownStored: 0 };
        for (const [text, { fate }] of fates) {
            const stored = counts.get(text) ?? 0;
            if (fate === 'acknowledged') {
                summary.acknowledged++;
                assert.equal(stored, 1, `acknowledged reply stored ${stored} times: ${text}`);
                summary.storedOnce++;
            } else {
                summary.unknown++;
                assert.ok(stored <= 1, `unacknowledged reply stored ${stored} times: ${text}`);
                summary.unknownStored += stored;
            }
        }
        const loadTexts = [...counts.keys()].filter((text) => text.startsWith('load '));
        assert.equal(loadTexts.length, summary.storedOnce + summary.unknownStored,
            'no reply appears that was not sent');
        assert.equal(fates.size, clients * repliesPerClient);
        assert.ok(summary.acknowledged >= (clients * repliesPerClient) / 2);
        const elapsed = Date.now() - started;
        t.diagnostic(`${clients} clients x ${repliesPerClient} replies in ${elapsed} ms: `
            + `${summary.acknowledged} acknowledged, all stored exactly once; `
            + `${summary.unknown} not acknowledged (restart), `
            + `${summary.unknownStored} of them stored`);
    } finally {
        await server.stop();
        removeDir(dir);
    }
}

test('concurrent replies survive a clean restart (SIGTERM) in the middle', async (t) => {
    await runScenario(t, (server) => server.stop());
});

test('concurrent replies survive the server being killed (SIGKILL) in the middle', async (t) => {
    await runScenario(t, (server) => server.kill());
});

// Sends raw bytes and returns the first response (headers and a Content-Length body).
function rawExchange(port, bytes) {
    return new Promise((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1');
        let answer = '';
        const finish = (result) => {
            socket.destroy();
            resolve(result);
        };
        socket.setEncoding('utf8');
        socket.on('data', (chunk) => {
            answer += chunk;
            const end = answer.indexOf('\r\n\r\n');
            const length = /\r\ncontent-length: (\d+)/i.exec(answer);
            const body = end >= 0 ? answer.slice(end + 4) : '';
            if (length && Buffer.byteLength(body) >= Number(length[1])) {
                finish(answer);
            }
        });
        socket.on('end', () => finish(answer));
        socket.on('error', reject);
        socket.setTimeout(8000, () => socket.destroy(new Error('no answer')));
        socket.write(bytes);
    });
}

test('malformed HTTP gets a JSON 4xx and the server keeps serving', async () => {
    const server = await startServer({ site: false, args: ['--quiet'] });
    try {
        const cases = [
            'GARBAGE\r\n\r\n',
            'BREW / HTTP/1.1\r\nHost: x\r\n\r\n',
            'GET /me/tickets HTTP/9.9\r\n\r\n',
            `GET /${'a'.repeat(20000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
            'POST /me/tickets/101 HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
        ];
        for (const request of cases) {
            const answer = await rawExchange(server.port, request);

            assert.match(answer, /^HTTP\/1\.1 4\d\d /, request.slice(0, 40));
            assert.match(answer, /\r\n\r\n\{"error": "[^"]+"\}$/, request.slice(0, 40));
        }
        const stillServing = await fetch(`${server.origin}/me/tickets`,
            { headers: credentials(server.customers.demo) });
        assert.equal(stillServing.status, 200);
    } finally {
        await server.stop();
        removeDir(server.dir);
    }
});
