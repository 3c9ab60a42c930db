// Minifies the page's JavaScript with Debian's terser (package node-terser): Emscripten 3.1.6
// only takes the white space out of its output and of the --pre-js files (the Closure Compiler
// it would use is not packaged). Locals are renamed and dead code dropped; globals and property
// names stay, as the runtime, the loader and the wasm's imports find things by name.
// Usage: node minify.mjs in.js out.js   (NODE_PATH must reach /usr/share/nodejs)
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { minify } = require('terser');

const [input, output] = process.argv.slice(2);
const result = await minify(await readFile(input, 'utf8'), {
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
});
await writeFile(output, result.code);
