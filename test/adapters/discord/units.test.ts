import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitEmbed, splitToFields } from '../../../src/adapters/discord/fit-embed.js';
import { mentionsBot, questionText } from '../../../src/adapters/discord/events.js';
import { safeUserText } from '../../../src/adapters/discord/text.js';
import { expectValidEmbed } from './embed-limits.js';

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

describe('user text', () => {
  it('escapes markdown, defuses mentions, drops zero-width characters and caps the length', () => {
    expect(safeUserText('**hi** _x_')).toBe('\\*\\*hi\\*\\* \\_x\\_');
    expect(safeUserText('@everyone @here <@123> <@&456> <#789>')).toBe(
      '@\u200Beveryone @\u200Bhere <\u200B@123> <\u200B@&456> <\u200B#789>',
    );
    expect(safeUserText('a\u200Bb\n\nc')).toBe('ab c');
    expect(safeUserText('word '.repeat(1000), 50).length).toBeLessThanOrEqual(60);
  });

  it('escapes masked links, which Discord renders in bot messages and embeds', () => {
    // A `[` after an even number of backslashes still opens a link.
    const live = /(?<!\\)(?:\\\\)*\[[^\]]*\]\(/;
    for (const text of ['[x](<https://evil.example>)', '\\[x](https://evil.example)', '\\\\[x](https://evil.example)'])
      expect(safeUserText(text)).not.toMatch(live);
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
