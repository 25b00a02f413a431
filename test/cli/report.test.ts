import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteInsightsStore } from '../../src/store/sqlite-insights-store.js';
import { cli } from '../support/cli.js';
import { tempTeamDir, writeTeamTerm } from '../support/team-knowledge.js';
import { tempDir } from '../store/helpers.js';

/** Debian's chromium package; .ci/run installs it when missing, so this test never skips. */
const CHROMIUM = '/usr/bin/chromium';

const tmp = tempDir('termbot-report-');
let dataDir: string;
let team: string;
const env = (): Record<string, string> => ({ DATA_DIR: dataDir, TEAM_KNOWLEDGE_DIR: team, TERMBOT_CACHE_DIR: path.join(tmp.dir, 'cache') });

beforeAll(async () => {
  dataDir = path.join(tmp.dir, 'data');
  team = await tempTeamDir();
  const store = SqliteInsightsStore.open(dataDir);
  const now = Date.now();
  const ago = (h: number): Date => new Date(now - h * 3600_000);
  for (let i = 0; i < 5; i++) await store.recordQuestion({ text: 'zorblax', platform: 'slack', outcome: 'miss', at: ago(i + 1) });
  await store.recordQuestion({ text: 'zorblax', platform: 'discord', outcome: 'miss', at: ago(2) });
  await store.recordQuestion({ text: 'flux capacitor <script>', platform: 'discord', outcome: 'miss', at: ago(3) });
  await store.recordQuestion({ text: 'mesh thing', platform: 'slack', outcome: 'low-confidence', at: ago(3) });
  await store.recordQuestion({ text: 'ancient', platform: 'slack', outcome: 'miss', at: ago(24 * 40) });
  await store.recordAnswer({ id: 'a1', subject: 'dns', platform: 'slack', source: 'question', at: ago(1) });
  await store.recordAnswer({ id: 'a2', subject: 'dns', platform: 'discord', source: 'question', at: ago(1) });
  await store.recordAnswer({ id: 'a3', subject: 'cdn,dns', platform: 'slack', source: 'question', at: ago(1) });
  await store.vote({ answerId: 'a1', voterHash: 'h1', helpful: true, at: ago(1) });
  await store.vote({ answerId: 'a2', voterHash: 'h2', helpful: false, at: ago(1) });
  await store.close();
  // A term added after the misses were recorded: the report marks "zorblax" as answered now.
  await writeTeamTerm(team, { slug: 'zorblax', title: 'Zorblax' });
});
afterAll(async () => {
  tmp.cleanup();
  await rm(team, { recursive: true, force: true });
});

describe('termbot report', { timeout: 120_000 }, () => {
  it('text: top misses grouped by text with platforms, marked when a term now answers them; most asked; helpfulness', async () => {
    const r = await cli(['report'], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Top questions without a good answer\n\s+6\s+zorblax \(now answered: Zorblax\)\s+· slack 5, discord 1/);
    expect(r.stdout).toMatch(/mesh thing \[low confidence\]/);
    expect(r.stdout).not.toMatch(/ancient/);
    expect(r.stdout).toMatch(/2\s+DNS .*\(term\)\s+· (discord 1, slack 1|slack 1, discord 1)/);
    expect(r.stdout).toMatch(/CDN .* vs DNS .*\(comparison\)/);
    expect(r.stdout).toMatch(/👍\s+1\s+👎\s+1\s+DNS/);
    expect(r.stdout).toMatch(/slack: \d+ questions, 5 not found/);
  });

  it('--json for scripts, and --since widens the period', async () => {
    const r = await cli(['report', '--json', '--since', '60d'], { env: env() });
    const report = JSON.parse(r.stdout) as {
      misses: { text: string; answeredBy: unknown; platforms: Record<string, number> }[];
      topTerms: unknown[];
    };
    expect(report.misses.map((m) => m.text)).toContain('ancient');
    expect(report.misses.find((m) => m.text === 'zorblax')).toMatchObject({
      platforms: { slack: 5, discord: 1 },
      answeredBy: { slugs: ['zorblax'] },
    });
    expect(report.topTerms).toHaveLength(2);
  });

  it('an empty or missing store prints an empty report, not an error (text, JSON and HTML)', async () => {
    const e = { DATA_DIR: path.join(tmp.dir, 'nothing-here'), TERMBOT_CACHE_DIR: path.join(tmp.dir, 'cache') };
    const text = await cli(['report'], { env: e });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/\(none recorded\)/);
    expect(text.stderr).toMatch(/nothing recorded yet/);
    const json = await cli(['report', '--json'], { env: e });
    expect(JSON.parse(json.stdout)).toMatchObject({ misses: [], topTerms: [], helpfulness: [], totals: { questions: 0 } });
    const html = path.join(tmp.dir, 'empty.html');
    expect((await cli(['report', '--html', html], { env: e })).code).toBe(0);
    expect(await readFile(html, 'utf8')).toMatch(/Nothing recorded in this period/);
    expect(existsSync(e.DATA_DIR)).toBe(false);
  });

  it('bad input is a usage error (exit 2), never a crash', async () => {
    for (const args of [
      ['--since', 'yesterday'],
      ['--since', '2026-13-40'],
      ['--since', '2999-01-01'],
      ['--limit', '0'],
      ['--limit', 'x'],
      ['--html', ' '],
      ['--nope'],
    ]) {
      const r = await cli(['report', ...args], { env: env() });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/internal error/);
    }
    const future = await cli(['report', '--since', '2999-01-01'], { env: env() });
    expect(future.stderr).toContain('--since 2999-01-01 is in the future');
  });
});

describe('the HTML report in headless Chromium', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders, has both bar charts, no console errors, nothing fetched, and fits a phone screen', async () => {
    const file = path.join(tmp.dir, 'report.html');
    const r = await cli(['report', '--html', file], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (req) => requests.push(req.url()));
    await page.goto(`file://${file}`);
    expect(await page.title()).toMatch(/termbot report/);
    expect(await page.locator('#misses-chart .bar').count()).toBe(3);
    expect(await page.locator('#terms-chart .bar').count()).toBe(2);
    // The longest bar is full width; the others in proportion.
    const widths = await page
      .locator('#misses-chart .fill')
      .evaluateAll((els) => els.map((e) => (e as unknown as { style: { width: string } }).style.width));
    expect(widths[0]).toMatch(/^100(\.0)?%$/);
    expect(await page.locator('#misses-chart').textContent()).toMatch(/now answered: Zorblax/);
    // User text is shown as text, never as markup.
    expect(await page.locator('#misses-chart').textContent()).toContain('flux capacitor <script>');
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('#helpfulness tbody tr').count()).toBe(1);
    const overflow = await page.evaluate(() => {
      const g = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
      return g.document.documentElement.scrollWidth - g.innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
