import type { APIEmbed } from 'discord.js';
import { expect } from 'vitest';
import type { ButtonRow } from '../../../src/adapters/discord/render.js';
import { embedLength } from '../../../src/adapters/discord/fit-embed.js';

/** Asserts every Discord embed limit, so a message with this embed cannot be rejected for size. */
export function expectValidEmbed(e: APIEmbed): void {
  expect(e.title?.length ?? 0).toBeLessThanOrEqual(256);
  expect(e.description?.length ?? 0).toBeLessThanOrEqual(4096);
  expect(e.fields?.length ?? 0).toBeLessThanOrEqual(25);
  for (const f of e.fields ?? []) {
    expect(f.name.length).toBeGreaterThan(0);
    expect(f.name.length).toBeLessThanOrEqual(256);
    expect(f.value.length).toBeGreaterThan(0);
    expect(f.value.length).toBeLessThanOrEqual(1024);
  }
  expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(2048);
  expect(embedLength(e)).toBeLessThanOrEqual(6000);
}

/** Asserts the component limits: 5 rows of 5 buttons, ids at most 100 chars and unique, labels at most 80. */
export function expectValidComponents(rows: ButtonRow[]): void {
  expect(rows.length).toBeLessThanOrEqual(5);
  const ids: string[] = [];
  for (const r of rows) {
    expect(r.components.length).toBeGreaterThan(0);
    expect(r.components.length).toBeLessThanOrEqual(5);
    for (const b of r.components) {
      expect(('label' in b ? (b.label ?? '') : '').length).toBeLessThanOrEqual(80);
      if ('custom_id' in b) {
        expect(b.custom_id.length).toBeLessThanOrEqual(100);
        ids.push(b.custom_id);
      }
    }
  }
  expect(new Set(ids).size).toBe(ids.length);
}
