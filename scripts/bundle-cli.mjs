#!/usr/bin/env node
// Bundles the one-shot CLI: dist/cli/main.js and the dist/ modules it imports become
// dist/cli/termbot.js (the `termbot` bin) and a few shared chunks in dist/cli/bundle/, the commands
// and the YAML-parsing path still loaded only when used. Node resolves, reads and links dozens of
// small ES modules one by one, which was a large share of a one-shot answer's start; npm packages
// stay external (node_modules). Run after tsc (`npm run build` does both). Without esbuild (a
// production install) it says so and leaves dist/cli/main.js as the way to run the CLI.
// Usage: node scripts/bundle-cli.mjs [entry] [outdir] (default dist/cli/main.js into dist/cli; tests bundle their own build).
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let esbuild;
try {
  esbuild = createRequire(import.meta.url)('esbuild');
} catch {
  // The bin still works: it runs the unbundled CLI.
  writeFileSync(path.join(root, 'dist', 'cli', 'termbot.js'), "#!/usr/bin/env node\nimport './main.js';\n");
  console.error('termbot: esbuild is not installed (production install): the termbot bin runs the CLI unbundled.');
  process.exit(0);
}
const [entry = path.join(root, 'dist', 'cli', 'main.js'), out = path.join(root, 'dist', 'cli')] = process.argv.slice(2);
rmSync(path.join(out, 'bundle'), { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  entryPoints: { termbot: path.resolve(entry) },
  outdir: path.resolve(out),
  entryNames: '[name]',
  chunkNames: 'bundle/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
