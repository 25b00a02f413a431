#!/usr/bin/env node
import { runCli } from './run.js';

// The reader went away (`termbot list | head -1`, `less` quit, `grep -q` matched): stop quietly.
// Anything else on stdout/stderr is a real failure and keeps its normal handling.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
