// Starts tickets_server for a test file: a free port, a temporary database and static folder,
// and the credentials it prints. Not a test file itself (node --test skips this name).

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const serverBin =
    process.env.TICKETS_SERVER_BIN || path.join(repoRoot, 'build/native/web/tickets_server');

// The ids the demo data documents (web/README.md).
export const ids = {
    demoFirst: 101, // OPEN, TECH, 15 responses
    demoClosed: 102, // CLOSED, FACT
    demoNoResponses: 103,
    longSubject: 105,
    withNewlines: 106,
    withLink: 107,
    unknownDepartment: 108,
    pending: 109,
    answered: 110,
    otherCustomer: [104, 111, 119, 127, 133],
};

export function makeTempDir() {
    return fs.mkdtempSync(path.join(os.tmpdir(), 'tickets-server-'));
}

// A fake build/site: one file per content type, a hashed name, precompressed siblings, and a
// secret next to (not inside) the folder for the traversal tests.
export function makeSite(dir) {
    const site = path.join(dir, 'site');
    fs.mkdirSync(path.join(site, 'sub'), { recursive: true });
    const text = (n) => 'tickets '.repeat(n);
    fs.writeFileSync(path.join(site, 'index.html'),
        `<!doctype html><html lang="en"><title>Tickets</title><p>${text(100)}</p></html>`);
    fs.writeFileSync(path.join(site, 'sub', 'page.html'), '<!doctype html><p>sub</p>');
    fs.writeFileSync(path.join(site, 'tickets.js'), `console.log(${JSON.stringify(text(200))});`);
    fs.writeFileSync(path.join(site, 'tickets.0123abcd.js'), `// hashed\n${text(100)}`);
    const wasmHeader = Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    const wasm = Buffer.concat([wasmHeader, Buffer.alloc(4096)]);
    fs.writeFileSync(path.join(site, 'tickets.wasm'), wasm);
    fs.writeFileSync(path.join(site, 'config.json'), '{"api_base": ""}');
    fs.writeFileSync(path.join(site, 'font.ttf'), Buffer.alloc(2048, 7));
    fs.writeFileSync(path.join(site, 'logo.png'),
        Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    fs.writeFileSync(path.join(site, 'icon.svg'),
        '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>');
    fs.writeFileSync(path.join(site, 'style.css'), `body { margin: 0; } /* ${text(50)} */`);
    const pre = `export const pre = ${JSON.stringify(text(300))};`;
    fs.writeFileSync(path.join(site, 'pre.js'), pre);
    fs.writeFileSync(path.join(site, 'pre.js.gz'), zlib.gzipSync(pre));
    fs.writeFileSync(path.join(site, 'pre.js.br'), zlib.brotliCompressSync(pre));
    fs.writeFileSync(path.join(site, '.hidden'), 'hidden');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'TOP SECRET outside the site');
    return site;
}

function parseCustomers(stdout) {
    const customers = {};
    const pattern = /^\s+(\S+@\S+)\s+key (\S+)\s+token (\S+)/gm;
    for (const [, email, key, token] of stdout.matchAll(pattern)) {
        customers[email.split('@')[0]] = { email, key, token };
    }
    return customers;
}

// Starts the server. Options: dir (temp folder to reuse), args (extra arguments), port,
// config (object written as config.json), site (false: no --static).
export async function startServer(options = {}) {
    const dir = options.dir ?? makeTempDir();
    const dbPath = path.join(dir, 'tickets.db');
    const site = options.site === false ? null : makeSite(dir);
    const args = ['--port', String(options.port ?? 0), '--db', dbPath];
    if (site) {
        args.push('--static', site);
    }
    if (options.config) {
        const configPath = path.join(dir, 'config.json');
        fs.writeFileSync(configPath, JSON.stringify(options.config));
        args.push('--config', configPath);
    }
    args.push(...(options.args ?? []));

    const child = spawn(serverBin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const server = {
        child, dir, dbPath, site, stdout: '', stderr: '', exited: null,
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => { server.stderr += chunk; });
    server.exited = new Promise((resolve) => {
        child.on('exit', (code, signal) => resolve({ code, signal }));
    });

    await new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            reject(new Error(`server did not start:\n${server.stderr}`));
        }, 20000);
        child.stdout.on('data', (chunk) => {
            server.stdout += chunk;
            const match = /listening on (http:\/\/127\.0\.0\.1:(\d+))\//.exec(server.stdout);
            if (match) {
                clearTimeout(timer);
                server.origin = match[1];
                server.port = Number(match[2]);
                resolve();
            }
        });
        child.on('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`server exited with ${code}:\n${server.stderr}`));
        });
    });
    server.customers = parseCustomers(server.stdout);
    const portal = /demo portal on (http:\/\/127\.0\.0\.1:(\d+))\//.exec(server.stdout);
    if (portal) {
        server.portalOrigin = portal[1];
    }
    server.stop = () => stopServer(server, 'SIGTERM');
    server.kill = () => stopServer(server, 'SIGKILL');
    return server;
}

async function stopServer(server, signal) {
    if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill(signal);
    }
    let timer;
    const timeout = new Promise((resolve) => {
        timer = setTimeout(() => resolve('timeout'), 5000);
    });
    const outcome = await Promise.race([server.exited, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
        server.child.kill('SIGKILL');
        await server.exited;
    }
    return server.exited;
}

export function removeDir(dir) {
    fs.rmSync(dir, { recursive: true, force: true });
}

// Headers for one customer and one scheme: 'token', 'key', or none.
export function credentials(customer, scheme = 'token') {
    if (scheme === 'key') {
        return { 'X-Rahona-Email': customer.email, 'X-Rahona-Key': customer.key };
    }
    return { Authorization: `Bearer ${customer.token}` };
}

// fetch relative to the server, signed in as `as` (a customer) unless headers say otherwise.
export async function call(server, urlPath, { as, scheme, method, headers, body } = {}) {
    const allHeaders = { ...(as ? credentials(as, scheme) : {}), ...(headers ?? {}) };
    const response = await fetch(server.origin + urlPath, { method, headers: allHeaders, body });
    const text = await response.text();
    return { response, status: response.status, text, headers: response.headers };
}

export function form(fields) {
    return new URLSearchParams(fields);
}

export async function thread(server, customer, id) {
    const { status, text } = await call(server, `/me/tickets/${id}`, { as: customer });
    if (status !== 200) {
        throw new Error(`thread ${id}: ${status} ${text}`);
    }
    return JSON.parse(text);
}

// A raw request whose path is sent exactly as given (fetch would normalise `..`).
export function rawGet(server, rawPath, headers = {}) {
    return new Promise((resolve, reject) => {
        const request = http.request({
            host: '127.0.0.1', port: server.port, path: rawPath, method: 'GET', headers,
        }, (response) => {
            const chunks = [];
            response.on('data', (chunk) => chunks.push(chunk));
            response.on('end', () => resolve({
                status: response.statusCode,
                headers: response.headers,
                body: Buffer.concat(chunks),
            }));
        });
        request.on('error', reject);
        request.end();
    });
}

export function sqlite(dbPath, sql) {
    return execFileSync('sqlite3', [dbPath, sql], { encoding: 'utf8' }).trim();
}

export const errorBody = (text) => `{"error": ${JSON.stringify(text)}}`;
export const messageBody = (text) => `{"message": ${JSON.stringify(text)}}`;
