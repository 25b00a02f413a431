import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { envSchema, parseConfig } from '../../src/app/config.js';
import { ROOT } from './bot-process.js';

/** .env.example names every variable termbot reads, each with a comment, and is itself a valid configuration. */
describe('.env.example', () => {
  const text = readFileSync(path.join(ROOT, '.env.example'), 'utf8');

  it('lists every variable of the config schema, each after a comment', () => {
    const lines = text.split('\n');
    const listed = lines.flatMap((l, i) => {
      const m = /^([A-Z_]+)=/.exec(l);
      return m ? [{ name: m[1]!, i }] : [];
    });
    expect(listed.map((v) => v.name).sort()).toEqual(Object.keys(envSchema.shape).sort());
    for (const { name, i } of listed) {
      // The comment is the line above, or the one above a group of related variables.
      const above = lines.slice(Math.max(0, i - 2), i).some((l) => l.startsWith('#'));
      expect(above, name).toBe(true);
    }
  });

  it('parses as it is (local CLI mode, no tokens)', () => {
    const c = parseConfig(parse(text), ROOT);
    expect(c.discordEnabled || c.slackEnabled).toBe(false);
  });
});
