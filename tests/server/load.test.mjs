// The server under load and faults: concurrent replies from several clients, each stored
// exactly once, injection attempts among them stored verbatim; a restart (clean, then a kill) in
// the middle loses no acknowledged reply; a hostile client sending malformed and oversize
// requests all the while gets a JSON 4xx every time, and none of it is stored; Debian's wrk
// posts as fast as it can and every reply it saw acknowledged is stored once. Loopback only,
// bounded in time. Each test prints its figures (acknowledged vs stored) as a diagnostic.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { test } from 'node:test';

import { credentials, form, removeDir, startServer, thread } from './harness.mjs';

const clients = 8;
const repliesPerClient = 50;
const tickets = [101, 103, 107, 108, 113, 115]; // open demo tickets
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// What an attacker types into a reply: each must come back exactly as sent, and the database
// must still work afterwards.
const injections = [
    "'); DROP TABLE responses; --",
    '" OR 1=1; UPDATE tickets SET status = \'CLOSED\'; --',
    '<script>alert(1)</script><img src=x onerror=alert(2)>',
    '{"error": "forged"}\\u0000 \\" \\\\',
    'C:\\temp\\new\\test \\n not a newline',
    '%00 %2e%2e/%2e%2e/etc/passwd %s%n%x ${7*7} {{7*7}}',
    'line one\r\nX-Injected: 1\r\n\r\nHTTP/1.1 200 OK',
    'nul:\u0000:end',
    '\u202Egnp.exe \u200d\u200b e\u0301 👨‍👩‍👧 \u2028\u2029',
    'Robert\'); DELETE FROM customers WHERE (\'1\' = \'1',
];

// Runs the clients against 127.0.0.1:port while `fault` (started once half the replies are
// acknowledged) restarts the server, and a hostile client sends malformed and oversize requests
// all the while; returns each reply's fate by its text, and the hostile client's tally.
async function loadWithFault(port, demo, runId, fault) {
    const fates = new Map();
    let acknowledged = 0;
    let loading = true;

    const client = async (clientIndex) => {
        for (let i = 0; i < repliesPerClient; i++) {
            const injection = injections[(clientIndex * repliesPerClient + i) % injections.length];
            const text = `load ${runId} client ${clientIndex} reply ${i} — été ${injection}`;
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

    const hostile = { sent: 0, refused: 0, unanswered: 0, byCase: new Map() };
    const hostileClient = async () => {
        for (let i = 0; loading; i++) {
            const bad = badRequests[i % badRequests.length];
            hostile.sent++;
            let answer;
            try {
                answer = await bad.send(port, demo, runId);
            } catch {
                hostile.unanswered++; // the server was restarting
                await sleep(20);
                continue;
            }
            assert.match(answer.status, /^4\d\d$/, `${bad.name}: ${answer.status}`);
            assert.ok(isJsonError(answer.body), `${bad.name}: ${answer.body.slice(0, 80)}`);
            hostile.refused++;
            hostile.byCase.set(bad.name, answer.status);
        }
    };

    const faultDone = (async () => {
        while (acknowledged < (clients * repliesPerClient) / 2) {
            await sleep(2);
        }
        await fault();
    })();
    const hostileDone = hostileClient();
    await Promise.all([...Array.from({ length: clients }, (_, c) => client(c)), faultDone]);
    loading = false;
    await hostileDone;
    return { fates, hostile };
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
    const runId = Date.now().toString(36);
    const started = Date.now();
    try {
        const { fates, hostile } = await loadWithFault(port, demo, runId, async () => {
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
        // Every stored text is one that was sent, byte for byte: the injections included.
        const loadTexts = [...counts.keys()].filter((text) => text.startsWith(`load ${runId} `));
        assert.equal(loadTexts.length, summary.storedOnce + summary.unknownStored,
            'no reply appears that was not sent, or altered');
        const injectionsStored = injections.filter((injection) =>
            loadTexts.some((text) => text.endsWith(` ${injection}`))).length;
        assert.equal(injectionsStored, injections.length, 'each injection stored verbatim');
        assert.equal(fates.size, clients * repliesPerClient);
        assert.ok(summary.acknowledged >= (clients * repliesPerClient) / 2);
        assert.ok(![...counts.keys()].some((text) => text.includes(`hostile ${runId}`)),
            'nothing of the hostile requests is stored');
        assert.ok(hostile.refused >= badRequests.length, 'each bad request was tried');

        // The database still answers everything, for every customer.
        const list = await fetch(`${server.origin}/me/tickets`, { headers: credentials(demo) });
        assert.equal(list.status, 200);
        assert.equal((await list.json()).length, 35);

        const elapsed = Date.now() - started;
        t.diagnostic(`${clients} clients x ${repliesPerClient} replies in ${elapsed} ms: `
            + `${summary.acknowledged} acknowledged, ${summary.storedOnce} of them stored `
            + `(each exactly once); ${summary.unknown} not acknowledged (restart), `
            + `${summary.unknownStored} of them stored; ${injections.length} injections `
            + 'stored verbatim');
        t.diagnostic(`hostile client: ${hostile.sent} bad requests, ${hostile.refused} refused `
            + `with a JSON 4xx, ${hostile.unanswered} unanswered (restart): `
            + [...hostile.byCase].map(([name, status]) => `${name} ${status}`).join(', '));
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

// Malformed and oversize requests ----------------------------------------------------------------

function isJsonError(body) {
    try {
        const parsed = JSON.parse(body);
        return typeof parsed.error === 'string' && parsed.error.length > 0
            && Object.keys(parsed).length === 1;
    } catch {
        return false;
    }
}

// Sends raw bytes and returns the first response: { status, body }. The server may answer
// before it has read everything, and close: what it answered counts.
function rawExchange(port, bytes, timeoutMs = 15000) {
    return new Promise((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1');
        let answer = '';
        let done = false;
        const parsed = () => {
            const end = answer.indexOf('\r\n\r\n');
            const status = /^HTTP\/1\.[01] (\d{3}) /.exec(answer);
            const length = /\r\ncontent-length: (\d+)/i.exec(answer);
            if (end < 0 || !status || !length) {
                return null;
            }
            const body = Buffer.from(answer.slice(end + 4));
            if (body.length < Number(length[1])) {
                return null;
            }
            return { status: status[1], body: body.subarray(0, Number(length[1])).toString() };
        };
        const finish = (error) => {
            if (done) {
                return;
            }
            done = true;
            socket.destroy();
            const result = parsed();
            if (result) {
                resolve(result);
            } else {
                reject(error ?? new Error(`no whole answer: ${JSON.stringify(answer.slice(0, 200))}`));
            }
        };
        socket.setEncoding('latin1');
        socket.on('data', (chunk) => {
            answer += chunk;
            if (parsed()) {
                finish();
            }
        });
        socket.on('end', () => finish());
        socket.on('error', (error) => finish(error));
        socket.setTimeout(timeoutMs, () => finish(new Error('no answer')));
        socket.write(bytes, 'latin1', () => {});
    });
}

async function fetchExchange(port, urlPath, options) {
    const response = await fetch(`http://127.0.0.1:${port}${urlPath}`,
        { ...options, signal: AbortSignal.timeout(10000) });
    return { status: String(response.status), body: await response.text() };
}

const post = (port, demo, body, type = 'application/x-www-form-urlencoded') =>
    fetchExchange(port, '/me/tickets/101', {
        method: 'POST', headers: { ...credentials(demo), 'Content-Type': type }, body,
    });

const rawPost = (demo, headers, body) => 'POST /me/tickets/101 HTTP/1.1\r\nHost: x\r\n'
    + `Authorization: Bearer ${demo.token}\r\n${headers}\r\n${body}`;

// Requests a reply must never come of: each gets a JSON 4xx, and the server goes on serving.
// `send(port, demo, runId)` returns { status, body }.
const badRequests = [
    {
        name: 'a body over 1 MB',
        send: (port, demo, runId) => post(port, demo,
            form({ message: `hostile ${runId} ${'b'.repeat(1024 * 1024 + 10)}` })),
    },
    {
        name: 'a message over 20,000 characters',
        send: (port, demo, runId) => post(port, demo,
            form({ message: `hostile ${runId} ${'é'.repeat(20001)}` })),
    },
    {
        name: 'a message that is not UTF-8',
        send: (port, demo, runId) => post(port, demo, `message=hostile+${runId}+%FF%FE%C3`),
    },
    {
        name: 'a JSON body',
        send: (port, demo, runId) => post(port, demo,
            JSON.stringify({ message: `hostile ${runId}` }), 'application/json'),
    },
    {
        name: 'an empty message',
        send: (port, demo) => post(port, demo, 'message='),
    },
    {
        name: 'only Unicode spaces',
        send: (port, demo) => post(port, demo, form({ message: '\u00a0\u2003\u3000\t\n' })),
    },
    {
        name: 'a chunked body over 1 MB',
        send: (port, demo, runId) => {
            const chunk = `message=hostile+${runId}+${'c'.repeat(64 * 1024)}`;
            const chunks = Array.from({ length: 20 },
                () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('');
            return rawExchange(port, rawPost(demo,
                'Content-Type: application/x-www-form-urlencoded\r\n'
                + 'Transfer-Encoding: chunked\r\n', `${chunks}0\r\n\r\n`));
        },
    },
    {
        name: 'a malformed chunk',
        send: (port, demo) => rawExchange(port, rawPost(demo,
            'Transfer-Encoding: chunked\r\n', 'ZZZ\r\nhello\r\n0\r\n\r\n')),
    },
    {
        name: 'a garbage request line',
        send: (port) => rawExchange(port, 'GARBAGE\r\n\r\n'),
    },
    {
        name: 'a header of 100 KB',
        send: (port, demo) => rawExchange(port, 'GET /me/tickets HTTP/1.1\r\nHost: x\r\n'
            + `Authorization: Bearer ${demo.token}\r\nCookie: a=${'b'.repeat(100 * 1024)}\r\n\r\n`),
    },
    {
        name: 'a path of 20 KB',
        send: (port) => rawExchange(port, `GET /${'a'.repeat(20000)} HTTP/1.1\r\nHost: x\r\n\r\n`),
    },
];

test('malformed and oversize requests get a JSON 4xx, store nothing, and the server keeps serving',
    async (t) => {
        const server = await startServer({ site: false, args: ['--quiet'] });
        const demo = server.customers.demo;
        const runId = Date.now().toString(36);
        try {
            const before = (await thread(server, demo, 101)).responses.length;
            const cases = [
                ...badRequests,
                { name: 'an unknown method', send: (port) => rawExchange(port,
                    'BREW / HTTP/1.1\r\nHost: x\r\n\r\n') },
                { name: 'HTTP/9.9', send: (port) => rawExchange(port,
                    'GET /me/tickets HTTP/9.9\r\n\r\n') },
                { name: 'a Content-Length that is not a number', send: (port, d) => rawExchange(
                    port, rawPost(d, 'Content-Length: abc\r\n', '')) },
                { name: 'a negative Content-Length', send: (port, d) => rawExchange(port,
                    rawPost(d, 'Content-Length: -5\r\n', 'message=hi')) },
                { name: 'a Content-Length of 100 MB', send: (port, d) => rawExchange(port,
                    rawPost(d, 'Content-Type: application/x-www-form-urlencoded\r\n'
                        + 'Content-Length: 100000000\r\n', `message=hostile+${runId}`)) },
                { name: 'both Content-Length and chunked', send: (port, d) => rawExchange(port,
                    rawPost(d, 'Content-Length: 10\r\nTransfer-Encoding: chunked\r\n',
                        '0\r\n\r\n')) },
            ];
            const answers = await Promise.all(cases.map(async (bad) => {
                const answer = await bad.send(server.port, demo, runId);
                assert.match(answer.status, /^4\d\d$/, `${bad.name}: ${answer.status}`);
                assert.ok(isJsonError(answer.body), `${bad.name}: ${answer.body.slice(0, 80)}`);
                return `${bad.name} ${answer.status}`;
            }));

            assert.equal((await thread(server, demo, 101)).responses.length, before,
                'nothing was stored');
            const stillServing = await fetch(`${server.origin}/me/tickets`,
                { headers: credentials(demo) });
            assert.equal(stillServing.status, 200);
            t.diagnostic(`${cases.length} malformed or oversize requests, all refused with a `
                + `JSON 4xx: ${answers.join(', ')}`);
        } finally {
            await server.stop();
            removeDir(server.dir);
        }
    });

// A real load tool ----------------------------------------------------------------------------------

// wrk posts a reply per request, each with a text of its own, on 8 connections for a few
// seconds. A reply wrk saw acknowledged is stored once; one still on its way when wrk stopped may
// be stored without wrk seeing the answer.
const wrkScript = `
local tickets = {${tickets.join(', ')}}
local counter = 0
local threads = {}

function setup(thread)
    thread:set("thread_id", #threads + 1)
    table.insert(threads, thread)
end

function init(args)
    prefix = args[1]
    wrk.headers["Authorization"] = "Bearer " .. args[2]
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
    acknowledged = 0
end

function request()
    counter = counter + 1
    local ticket = tickets[(counter % #tickets) + 1]
    local body = "message=" .. prefix .. "+t" .. thread_id .. "+r" .. counter .. "+%C3%A9t%C3%A9"
    return wrk.format("POST", "/me/tickets/" .. ticket, nil, body)
end

function response(status, headers, body)
    if status == 200 and body == '{"message": "Message successfully posted"}' then
        acknowledged = acknowledged + 1
    end
end

function done(summary, latency, requests)
    local total = 0
    for _, thread in ipairs(threads) do
        total = total + thread:get("acknowledged")
    end
    local errors = summary.errors
    io.write(string.format(
        'WRK {"requests": %d, "acknowledged": %d, "errors": %d, "p99_ms": %.1f, "us": %d}\\n',
        summary.requests, total, errors.connect + errors.read + errors.write + errors.timeout
        + errors.status, latency:percentile(99) / 1000, summary.duration))
end
`;

function haveWrk() {
    return ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((file) => fs.existsSync(file));
}

test('wrk: every reply acknowledged under load is stored exactly once',
    { skip: haveWrk() ? false : 'wrk is not installed (web/setup --tests installs it)' },
    async (t) => {
        const server = await startServer({ site: false, args: ['--quiet'] });
        const demo = server.customers.demo;
        const prefix = `wrk-${Date.now().toString(36)}`;
        const script = path.join(server.dir, 'replies.lua');
        fs.writeFileSync(script, wrkScript);
        const connections = 8;
        try {
            const output = await new Promise((resolve, reject) => {
                execFile(haveWrk(), ['-t2', `-c${connections}`, '-d4s', '--timeout', '5s',
                    '-s', script, `${server.origin}/`, '--', prefix, demo.token],
                { timeout: 60000 }, (error, stdout, stderr) => (
                    error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
            });
            const summary = JSON.parse(/^WRK (\{.*\})$/m.exec(output)[1]);

            const stored = [];
            for (const ticket of tickets) {
                for (const { message } of (await thread(server, demo, ticket)).responses) {
                    if (message.startsWith(`${prefix} `)) {
                        stored.push(message);
                    }
                }
            }
            assert.equal(new Set(stored).size, stored.length, 'no reply stored twice');
            assert.ok(stored.every((text) => text.endsWith(' été')), 'stored as sent');
            assert.ok(summary.acknowledged > 100, `only ${summary.acknowledged} acknowledged`);
            assert.equal(summary.errors, 0, 'wrk saw errors');
            assert.ok(stored.length >= summary.acknowledged, 'an acknowledged reply was lost');
            assert.ok(stored.length <= summary.acknowledged + connections,
                'more stored than sent');
            t.diagnostic(`wrk, ${connections} connections for ${(summary.us / 1e6).toFixed(1)} s: `
                + `${summary.requests} replies, ${Math.round(summary.requests / (summary.us / 1e6))}`
                + `/s, p99 ${summary.p99_ms} ms; ${summary.acknowledged} acknowledged, `
                + `${stored.length} stored (each once)`);
        } finally {
            await server.stop();
            removeDir(server.dir);
        }
    });
