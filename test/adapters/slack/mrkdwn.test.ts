import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText, link, markdownToMrkdwn } from '../../../src/adapters/slack/text.js';
import { chunk, fit } from '../../../src/adapters/slack/limits.js';

describe('escapeText', () => {
  it('escapes &, < and > so Slack control sequences cannot be formed', () => {
    expect(escapeText('<!channel> & <@U123> <#C1|x>')).toBe('&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;#C1|x&gt;');
  });

  it('defuses bare broadcast words', () => {
    expect(escapeText('@here @channel @everyone')).not.toMatch(/@(here|channel|everyone)/);
    expect(escapeText('@here')).toContain('here');
  });

  it('property: no output ever contains "<" or ">" or a bare broadcast word', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const out = escapeText(s);
        expect(out).not.toMatch(/[<>]/);
        expect(out).not.toMatch(/@(everyone|here|channel)\b/i);
      }),
      { numRuns: 500 },
    );
  });
});

describe('markdownToMrkdwn', () => {
  it('converts bold, italics, headings, bullets and links', () => {
    expect(markdownToMrkdwn('**bold** and *it*')).toBe('*bold* and _it_');
    expect(markdownToMrkdwn('### Steps\n- one\n* two')).toBe('*Steps*\n• one\n• two');
    expect(markdownToMrkdwn('see [the RFC](https://www.rfc-editor.org/rfc/rfc9110)')).toBe(
      'see <https://www.rfc-editor.org/rfc/rfc9110|the RFC>',
    );
  });

  it('keeps code fences, drops their language and escapes their content', () => {
    expect(markdownToMrkdwn('```yaml\na: <b>\n```')).toBe('```\na: &lt;b&gt;\n```');
  });

  it('property: knowledge text can never produce a mention or broadcast', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const out = markdownToMrkdwn(s);
        expect(out).not.toMatch(/<[!@#]/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('link', () => {
  it('escapes both parts and cannot be split with |', () => {
    expect(link('https://x.test/?a=1&b=<2>', 'a|<!here>')).toBe('<https://x.test/?a=1&amp;b=&lt;2&gt;|a¦&lt;!here&gt;>');
  });
});

describe('fit and chunk', () => {
  it('fit never leaves a half link or entity and respects the limit', () => {
    const text = `${'word '.repeat(10)}<https://example.com/a/very/long/path|label> &amp; more`;
    for (let max = 5; max < text.length; max += 3) {
      const out = fit(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out.lastIndexOf('<')).toBeLessThanOrEqual(out.lastIndexOf('>'));
      expect(out).not.toMatch(/&(a|am|amp|l|lt|g|gt)?…$/);
    }
  });

  it('fit never cuts an emoji in half', () => {
    const text = '🔥'.repeat(50);
    for (let max = 3; max < 60; max++) {
      const out = fit(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });

  it('fit closes an open code fence', () => {
    const out = fit('```\n' + 'code line\n'.repeat(100) + '```', 200);
    expect(out.length).toBeLessThanOrEqual(200);
    expect((out.match(/```/g) ?? []).length % 2).toBe(0);
  });

  it('chunk splits long text into pieces within the limit, balanced fences, nothing lost', () => {
    const para = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} ${'lorem ipsum '.repeat(20)}`).join('\n\n');
    const parts = chunk(para + '\n\n```\n' + 'x = 1\n'.repeat(600) + '```', 3000);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(3000);
      expect((p.match(/```/g) ?? []).length % 2).toBe(0);
    }
    expect(parts.join(' ')).toContain('Paragraph 39');
  });
});
