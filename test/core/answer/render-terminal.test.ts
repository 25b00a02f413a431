import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../../src/app/config.js';
import { renderTerminal } from '../../../src/core/answer/render-terminal.js';
import type { Answer, ComparisonAnswer, NoneAnswer, TermAnswer } from '../../../src/core/answer/types.js';
import { renderMarkdown } from '../../../src/core/answer/render-markdown.js';
import { loadTermbot, type Termbot } from '../../../src/core/termbot.js';

const LIST_ITEM = /^(\s*)([-*+]|\d{1,3}[.)])\s+(\S+)/;

/** List items of a Markdown body outside code fences: indent, marker, first word. */
function listItems(body: string): { indent: string; marker: string; word: string }[] {
  const out: { indent: string; marker: string; word: string }[] = [];
  let fence = false;
  for (const line of body.replace(/\t/g, '    ').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const m = fence ? null : LIST_ITEM.exec(line);
    if (m) out.push({ indent: m[1]!, marker: m[2]!, word: m[3]!.replace(/\*\*/g, '') });
  }
  return out;
}

/** The lines inside the code fences of Markdown bodies, trimmed. */
function codeLines(bodies: string[]): Set<string> {
  const code = new Set<string>();
  for (const body of bodies) {
    let fence = false;
    for (const l of body.replace(/\t/g, '    ').split('\n')) {
      if (/^\s*(```|~~~)/.test(l)) fence = !fence;
      else if (fence && l.trim()) code.add(l.trim());
    }
  }
  return code;
}

/** Lines of the rendered text that are not code (the fence markers are gone: known by content) or a table. */
function proseLines(text: string, code: Set<string>): string[] {
  return text.split('\n').filter((l) => !code.has(l.trim()) && !/^\s*\|/.test(l));
}

let bot: Termbot;
beforeAll(async () => {
  bot = (await loadTermbot(BUNDLED_KNOWLEDGE_DIR)).bot;
});

describe('terminal rendering of every card', () => {
  it.each([60, 80, 100])('keeps every list marker and indent, and the width, at %i columns', (width) => {
    let checked = 0;
    const slugs = [...bot.list().map((t) => t.slug), ...bot.listComparisons().map((c) => c.slug)];
    for (const slug of slugs) {
      const answer = bot.answerFor(slug, 'full');
      const sections = answer.kind === 'term' ? answer.term.sections : answer.kind === 'comparison' ? answer.sections : [];
      const out = renderTerminal(answer, { color: false, width });
      const code = codeLines(sections.map((s) => s.body));
      // No fence marker is ever printed; code lines stand alone, indented past the text.
      expect(out, slug).not.toMatch(/^\s*(```|~~~)/m);
      const lines = proseLines(out, code);
      for (const s of sections) {
        const rendered = renderTerminal(withOnly(answer, s), { color: false, width });
        const want = listItems(s.body).map((i) => `${i.indent}${i.marker} ${i.word}`);
        const got = proseLines(rendered, code)
          .filter((l) => l.startsWith('  '))
          .map((l) => LIST_ITEM.exec(l.slice(2)))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => `${m[1]}${m[2]} ${m[3]}`);
        expect(got, `${slug} § ${s.heading}`).toEqual(want);
        checked += want.length;
      }
      for (const l of lines) {
        // Only a word too long for any line (a URL) may overflow, and then it stands alone after the indent.
        if (l.length > width) expect(l.trim().split(' ').at(-1)!.length + 6, `${slug}: "${l}"`).toBeGreaterThan(width);
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});

/** The same answer with only one section, so a marker is found in its own section. */
function withOnly(a: Answer, section: { heading: string; body: string }): Answer {
  if (a.kind === 'term') return { ...a, term: { ...a.term, sections: [section], related: [], contrasts: [], links: [] } };
  if (a.kind === 'comparison') return { ...a, rows: [], sections: [section] };
  return a;
}

const ref = (slug: string, title: string) => ({ slug, title, summary: `${title} in one line.` });

const card: TermAnswer = {
  kind: 'term',
  query: 'widget',
  depth: 'full',
  score: 1,
  alternatives: [],
  term: {
    slug: 'widget',
    kind: 'concept',
    isA: [],
    toolAlternatives: [],
    tools: [],
    reviewed: '2026-12-01',
    title: 'Widget',
    category: 'architecture',
    summary: 'A widget is a small part that does one job and can be\nswapped for another without touching the rest.',
    analogy: 'A plug-in kitchen appliance: same socket, different jobs.',
    sections: [
      {
        heading: 'What it is',
        body: 'A widget wraps one job behind a small interface.\nIts callers see `render()` and **nothing else**,\nso the inside can change freely.',
      },
      {
        heading: 'How it works',
        body: [
          '- The host calls `init(config)` once, with settings read from the environment or from a file next to the binary.',
          '- Each frame it calls `render()`:',
          '  - nested items keep their own indent even when the text is long enough to wrap onto another line;',
          '  - and so does the second one.',
          '- Errors go to the host,',
          '  which decides whether to retry.',
          '',
          '1. **Measure** the load every second, over a sliding window of the last sixty samples.',
          '2. **Act** on it.',
          '',
          '```sh',
          'widget --render --width 80 --a-very-long-flag-that-should-never-be-wrapped-by-the-renderer',
          '```',
        ].join('\n'),
      },
    ],
    hasMore: false,
    related: [
      'Load Balancer',
      'Reverse Proxy',
      'API Gateway',
      'Service Mesh',
      'Sidecar',
      'Content Delivery Network',
      'Circuit Breaker',
    ].map((t) => ref(t.toLowerCase().replace(/ /g, '-'), t)),
    contrasts: [ref('gadget', 'Gadget')],
    links: [{ title: 'Widget handbook', url: 'https://example.org/widgets' }],
    tags: [],
  },
};

const compare: ComparisonAnswer = {
  kind: 'comparison',
  query: 'widget vs gadget',
  depth: 'short',
  slug: null,
  title: 'Widget vs Gadget',
  summary: 'No curated comparison of Widget and Gadget yet, so here they are side by side.',
  columns: [ref('widget', 'Widget'), ref('gadget', 'Gadget')],
  rows: [
    {
      aspect: 'In one line',
      values: [
        'A widget is a small part that does one job and can be swapped for another without touching the rest.',
        'A gadget is a clever device.',
      ],
    },
    { aspect: 'Area', values: ['Software architecture', 'Foundations'] },
  ],
  sections: [],
  hasMore: true,
  score: 0.9,
};

describe('terminal rendering, golden output', () => {
  it('a full term card at 60 columns, no colour', async () => {
    await expect(renderTerminal(card, { color: false, width: 60 })).toMatchFileSnapshot('golden/widget-60.txt');
  });

  it('a full term card at 100 columns, with colour', async () => {
    await expect(renderTerminal(card, { color: true, width: 100 })).toMatchFileSnapshot('golden/widget-100-color.txt');
  });

  it('a comparison at 60 columns: each value wraps under its own row', async () => {
    await expect(renderTerminal(compare, { color: false, width: 60 })).toMatchFileSnapshot('golden/compare-60.txt');
  });

  it('the prompt gives its own hint for more detail', () => {
    const short = { ...card, term: { ...card.term, hasMore: true } };
    expect(renderTerminal(short, { color: false, width: 80, moreHint: () => 'More: type :full' })).toContain('More: type :full');
  });
});

describe('terminal rendering details', () => {
  const plain = renderTerminal(card, { color: false, width: 60 });
  const lines = plain.split('\n');

  it('reflows soft line breaks into full lines', () => {
    expect(plain).toContain('A widget wraps one job behind a small interface. Its');
  });

  it('wraps list items with a hanging indent and keeps every marker', () => {
    expect(lines.filter((l) => /^ {2}- /.test(l))).toHaveLength(3);
    expect(lines.filter((l) => /^ {4}- /.test(l))).toHaveLength(2);
    expect(lines.filter((l) => /^ {2}\d\. /.test(l))).toHaveLength(2);
    const i = lines.findIndex((l) => l.startsWith('  - The host calls'));
    expect(lines[i + 1]).toMatch(/^ {4}\S/);
    // A lazy continuation line belongs to its item.
    expect(plain).toMatch(/- Errors go to the host, which decides whether to retry\./);
  });

  it('wraps Related: and friends with the names aligned', () => {
    const i = lines.findIndex((l) => l.startsWith('Related:'));
    expect(lines[i + 1]).toMatch(/^ {4}\S/);
    for (const l of lines) if (!l.includes('a-very-long-flag')) expect(l.length).toBeLessThanOrEqual(60);
  });

  it('drops the fence markers and indents a code block, never wrapping it', () => {
    expect(plain).not.toContain('```');
    const i = lines.indexOf('      widget --render --width 80 --a-very-long-flag-that-should-never-be-wrapped-by-the-renderer');
    expect(i).toBeGreaterThan(0);
    expect(lines[i - 1]).toBe('');
    // With colour the code is painted like inline code, still on one line.
    const coloured = renderTerminal(card, { color: true, width: 60 });
    expect(coloured).toContain('      \u001b[36mwidget --render --width 80 --a-very-long-flag');
  });

  it('sets a code block off from text that follows it directly, and keeps blank lines inside it', () => {
    const body = 'Send this:\n```http\nGET / HTTP/1.1\nHost: a.example\n\nHTTP/1.1 200\n```\nThe reply follows.';
    const one = { ...card, term: { ...card.term, sections: [{ heading: 'Example', body }], related: [], contrasts: [], links: [] } };
    const out = renderTerminal(one, { color: false, width: 60 });
    expect(out).toContain(
      [
        'Example',
        '  Send this:',
        '',
        '      GET / HTTP/1.1',
        '      Host: a.example',
        '',
        '      HTTP/1.1 200',
        '',
        '  The reply follows.',
      ].join('\n'),
    );
  });

  it('keeps backticks around inline code without colour, and paints it with colour', () => {
    expect(plain).toContain('`render()`');
    expect(plain).toContain('`init(config)`');
    const coloured = renderTerminal(card, { color: true, width: 60 });
    expect(coloured).toContain('\u001b[36mrender()\u001b[39m');
    expect(coloured).not.toContain('`render()`');
  });

  it('wraps comparison rows with a hanging indent', () => {
    const out = renderTerminal(compare, { color: false, width: 60 }).split('\n');
    const i = out.findIndex((l) => l.startsWith('  Widget: A widget is'));
    expect(out[i + 1]).toMatch(/^ {6}\S/);
  });
});

const toolCard: TermAnswer = {
  ...card,
  query: 'gizmo',
  term: {
    ...card.term,
    slug: 'gizmo',
    kind: 'tool',
    title: 'Gizmo',
    analogy: '',
    summary: 'Gizmo is an open-source widget runtime from the Example Foundation.',
    sections: [{ heading: 'What it is', body: 'A runtime for widgets.' }],
    isA: [ref('widget', 'Widget'), ref('plugin', 'Plugin')],
    toolAlternatives: [ref('doohickey', 'Doohickey')],
    related: [],
    contrasts: [],
    links: [],
  },
};

describe('tool cards and closest matches', () => {
  it('a tool card: what it is, then "An example of", then alternatives (golden)', async () => {
    await expect(renderTerminal(toolCard, { color: false, width: 80 })).toMatchFileSnapshot('golden/tool-80.txt');
    const md = renderMarkdown(toolCard);
    expect(md.indexOf('**An example of:** Widget, Plugin')).toBeLessThan(md.indexOf('## What it is'));
    expect(md).toContain('**Alternatives:** Doohickey');
  });

  it('a concept card names its best-known tools', () => {
    const concept = { ...card, term: { ...card.term, tools: [ref('gizmo', 'Gizmo')] } };
    expect(renderTerminal(concept, { color: false, width: 80 })).toContain('Best-known tools: Gizmo');
    expect(renderMarkdown(concept)).toContain('**Best-known tools:** Gizmo');
  });

  it('a closest match is shown as such, without echoing more than the query', () => {
    const none: NoneAnswer = {
      kind: 'none',
      query: 'widget warming',
      reason: 'no-match',
      message: "I don't have that term yet.",
      suggestions: [],
      closest: ref('widget', 'Widget'),
    };
    const out = renderTerminal(none, { color: false, width: 80 });
    expect(out).toContain('Closest: Widget (widget): Widget in one line.');
    expect(out).toContain('Browse: termbot list');
    expect(renderMarkdown(none)).toContain('Closest: **Widget**');
  });
});
