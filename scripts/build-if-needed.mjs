#!/usr/bin/env node
// `npm install` / `npm ci` / `npm link` run this (the `prepare` script): builds dist/ with tsc when
// the sources are newer than the last build, so `npm start` never compiles and starts in about a second.
// It never fails an install that cannot build: without src/ (the Docker dependency layer) or without
// TypeScript (a production install, --omit=dev) it says so and leaves dist/ as it is.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const stamp = path.join(root, 'dist', '.build-stamp');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (!existsSync(src)) process.exit(0); // nothing to build here (e.g. Docker's dependency layer)
const inputs = Math.max(newest(src), statSync(path.join(root, 'tsconfig.json')).mtimeMs, statSync(path.join(root, 'package.json')).mtimeMs);
if (existsSync(stamp) && statSync(stamp).mtimeMs >= inputs) process.exit(0);

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  const has = existsSync(path.join(root, 'dist', 'app', 'main.js'));
  console.error(
    `termbot: TypeScript is not installed (production install), so dist/ was not built${has ? '; using the existing dist/' : '. Run `npm install` with dev dependencies once, or use the Docker image'}.`,
  );
  process.exit(0);
}
console.error('termbot: building dist/ (tsc, then the CLI bundle)...');
const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit', cwd: root });
if (r.status !== 0) process.exit(r.status ?? 1);
// The one-shot CLI as a bundle (the `termbot` bin), as `npm run build` makes it.
const b = spawnSync(process.execPath, [path.join(root, 'scripts', 'bundle-cli.mjs')], { stdio: 'inherit', cwd: root });
if (b.status !== 0) process.exit(b.status ?? 1);
writeFileSync(stamp, `${new Date().toISOString()}\n`);
