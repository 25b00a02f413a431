import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cooldown } from '../../../src/adapters/discord/cooldown.js';
import { decodeCustomId, encodeCustomId, type ButtonAction } from '../../../src/adapters/discord/custom-id.js';
import { fitEmbed, splitToFields } from '../../../src/adapters/discord/fit-embed.js';
import { mentionsBot, questionText } from '../../../src/adapters/discord/handlers/mention.js';
import { lookup, resolveTarget } from '../../../src/adapters/discord/lookup.js';
import { safeUserText } from '../../../src/adapters/discord/safe-text.js';
import { realTermbot } from './harness.js';
import { expectValidEmbed } from './embed-limits.js';

describe('custom ids', () => {
  it('round-trip and stay within 100 characters', () => {
    const actions: ButtonAction[] = [
      { kind: 'show', target: 'load-balancer', depth: 'full' },
      { kind: 'open', target: 'cdn', depth: 'short' },
      { kind: 'share', target: 'tcp,udp', depth: 'short' },
      { kind: 'page', category: 'security', page: 3 },
    ];
    for (const a of actions) {
      const id = encodeCustomId(a)!;
      expect(id.startsWith('tb1:')).toBe(true);
      expect(id.length).toBeLessThanOrEqual(100);
      expect(decodeCustomId(id)).toEqual(a);
    }
    expect(encodeCustomId({ kind: 'show', target: 'a'.repeat(200), depth: 'short' })).toBeNull();
  });

  it('reject old versions and forged ids', () => {
    for (const id of ['tb0:t:cdn:s', 'tb1:t:cdn:x', 'tb1:t:CDN:s', 'tb1:t:../x:s', 'tb1:pg:all:-1', 'tb1:pg:all:abc', 'tb1:t:cdn:s:extra', 'tb1:zz:cdn:s', '', 'x'.repeat(101)]) {
      expect(decodeCustomId(id)).toBeNull();
    }
    fc.assert(fc.property(fc.string({ maxLength: 120 }), (s) => {
      const a = decodeCustomId(s);
      if (a) expect(encodeCustomId(a)).toBe(s);
    }));
  });
});

describe('fitEmbed', () => {
  it('never exceeds a Discord limit, whatever it is given', () => {
    const field = fc.record({ name: fc.string({ maxLength: 400 }), value: fc.string({ maxLength: 1500 }), inline: fc.boolean() });
    fc.assert(
      fc.property(
        fc.record({
          title: fc.option(fc.string({ maxLength: 600 }), { nil: undefined }),
          description: fc.option(fc.string({ maxLength: 6000 }), { nil: undefined }),
          footer: fc.option(fc.string({ maxLength: 3000 }), { nil: undefined }),
          fields: fc.array(field, { maxLength: 40 }),
        }),
        fc.string({ maxLength: 300 }),
        (draft, more) => expectValidEmbed(fitEmbed(draft, more)),
      ),
      { numRuns: 200 },
    );
  });

  it('keeps everything when it fits', () => {
    const e = fitEmbed({ title: 'T', description: 'D', fields: [{ name: 'a', value: 'b' }] }, 'more');
    expect(e).toEqual({ title: 'T', description: 'D', fields: [{ name: 'a', value: 'b' }] });
  });

  it('says so with the "more" note when only the description had to be shortened', () => {
    const e = fitEmbed({ title: 'T', description: 'word '.repeat(1000), fields: [{ name: 'a', value: 'b' }] }, 'Press More detail.');
    expectValidEmbed(e);
    expect(e.description!.length).toBeLessThanOrEqual(4096);
    expect(e.fields?.at(-1)).toEqual({ name: 'More', value: 'Press More detail.' });
  });

  it('splits long sections at paragraph boundaries and keeps code fences balanced', () => {
    const body = ['intro '.repeat(100), '```\n' + 'code line\n'.repeat(150) + '```', 'outro '.repeat(100)].join('\n\n');
    const fields = splitToFields('How it works', body);
    expect(fields.length).toBeGreaterThan(1);
    expect(fields[1]!.name).toBe('How it works (cont.)');
    for (const f of fields) {
      expect(f.value.length).toBeLessThanOrEqual(1024);
      expect((f.value.match(/```/g) ?? []).length % 2).toBe(0);
    }
  });
});

describe('Cooldown', () => {
  it('allows one per window per user and notices once', () => {
    let t = 0;
    const c = new Cooldown(5_000, () => t);
    expect(c.hit('a')).toBe('ok');
    expect(c.hit('b')).toBe('ok');
    t = 1_000;
    expect(c.hit('a')).toBe('notify');
    expect(c.secondsLeft('a')).toBe(4);
    expect(c.hit('a')).toBe('silent');
    t = 5_000;
    expect(c.hit('a')).toBe('ok');
    expect(c.hit('a')).toBe('notify');
  });
});

describe('user text', () => {
  it('escapes markdown, defuses mentions, drops zero-width characters and caps the length', () => {
    expect(safeUserText('**hi** _x_')).toBe('\\*\\*hi\\*\\* \\_x\\_');
    expect(safeUserText('@everyone @here <@123> <@&456> <#789>')).toBe('@\u200Beveryone @\u200Bhere <\u200B@123> <\u200B@&456> <\u200B#789>');
    expect(safeUserText('a\u200Bb\n\nc')).toBe('ab c');
    expect(safeUserText('word '.repeat(1000), 50).length).toBeLessThanOrEqual(60);
  });

  it('escapes masked links, which Discord renders in bot messages and embeds', () => {
    // A `[` after an even number of backslashes still opens a link.
    const live = /(?<!\\)(?:\\\\)*\[[^\]]*\]\(/;
    for (const text of ['[x](<https://evil.example>)', '\\[x](https://evil.example)', '\\\\[x](https://evil.example)']) expect(safeUserText(text)).not.toMatch(live);
    const out = safeUserText('[free nitro](https://evil.example) and [x](<https://evil.example>)');
    expect(out).not.toMatch(live);
    expect(out).toContain('\\[free nitro]');
  });

  it('never cuts an emoji in half when it caps the length', () => {
    const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (let n = 1; n <= 120; n++) expect(safeUserText('🚀'.repeat(n) + ' x', 100)).not.toMatch(lone);
  });

  it('finds the bot mention and strips it from the question', () => {
    expect(mentionsBot('<@42> what is dns', '42')).toBe(true);
    expect(mentionsBot('<@!42> dns', '42')).toBe(true);
    expect(mentionsBot('<@420> dns', '42')).toBe(false);
    expect(mentionsBot('dns', '42')).toBe(false);
    expect(questionText('<@42> what is   <@!42> dns', '42')).toBe('what is dns');
    expect(questionText('<@&7> what is <@&8> dns', '42', '7')).toBe('what is <@&8> dns');
  });
});

describe('lookup and button targets', () => {
  it('takes autocomplete slugs as they are and free text through the matcher', async () => {
    const bot = await realTermbot();
    expect(lookup(bot, 'load-balancer')).toMatchObject({ kind: 'term', term: { slug: 'load-balancer' } });
    expect(lookup(bot, 'what is a load balancer?')).toMatchObject({ kind: 'term', term: { slug: 'load-balancer' } });
    expect(lookup(bot, 'tcp-vs-udp')).toMatchObject({ kind: 'comparison', slug: 'tcp-vs-udp' });
  });

  it('rebuilds a generated comparison from its `a,b` target', async () => {
    const bot = await realTermbot();
    const a = resolveTarget(bot, 'load-balancer,cdn', 'short');
    expect(a.kind).toBe('comparison');
    if (a.kind === 'comparison') expect(a.columns.map((c) => c.slug)).toEqual(['load-balancer', 'cdn']);
    expect(resolveTarget(bot, 'no-such-term', 'short').kind).toBe('none');
  });
});
