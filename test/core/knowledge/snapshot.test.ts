import { cp, mkdtemp, readdir, readFile, rm, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../../src/app/config.js';
import { loadKnowledge } from '../../../src/core/knowledge/load.js';
import { loadKnowledgeCached } from '../../../src/core/knowledge/snapshot.js';
import { createTermbot } from '../../../src/core/termbot.js';

let base: string;
let dir: string;
let cacheDir: string;
beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'termbot-snap-'));
  dir = path.join(base, 'knowledge');
  cacheDir = path.join(base, 'cache');
  await cp(BUNDLED_KNOWLEDGE_DIR, dir, { recursive: true });
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('the compiled knowledge snapshot', () => {
  it('serves the same knowledge base as parsing, and is used on the second load', async () => {
    const first = await loadKnowledgeCached(dir, { cacheDir });
    expect(first.fromSnapshot).toBe(false);
    const second = await loadKnowledgeCached(dir, { cacheDir });
    expect(second.fromSnapshot).toBe(true);
    const parsed = await loadKnowledge(dir);
    expect([...second.kb.terms.values()]).toEqual([...parsed.kb.terms.values()]);
    expect([...second.kb.comparisons.values()]).toEqual([...parsed.kb.comparisons.values()]);
    expect(second.kb.ambiguous).toEqual(parsed.kb.ambiguous);
    expect(second.kb.toolsOf).toEqual(parsed.kb.toolsOf);
    expect(second.kb).toEqual(parsed.kb);
    expect(createTermbot(second.kb).match('k8s')).toEqual(createTermbot(parsed.kb).match('k8s'));
  });

  it('is never stale: an edit, even keeping size and mtime, an added file and a removed file are all seen', async () => {
    await loadKnowledgeCached(dir, { cacheDir });
    const file = path.join(dir, 'compute', 'kubernetes.md');
    const src = await readFile(file, 'utf8');
    const edited = src.replace(/^summary: (.)/m, (_m, c: string) => `summary: ${c === 'K' ? 'Q' : 'K'}`);
    expect(edited.length).toBe(src.length);
    const { mtime } = await import('node:fs').then((fs) => fs.statSync(file));
    await writeFile(file, edited);
    await utimes(file, mtime, mtime); // same size, same mtime: the ctime still changes
    const afterEdit = await loadKnowledgeCached(dir, { cacheDir });
    expect(afterEdit.fromSnapshot).toBe(false);
    expect(afterEdit.kb.terms.get('kubernetes')!.summary).toBe(edited.match(/^summary: (.*)$/m)![1]);

    await writeFile(path.join(dir, 'compute', 'zz-new.md'), src.replace(/^title: .*$/m, 'title: Zz New').replace(/^aliases: .*$/m, 'aliases: []'));
    const afterAdd = await loadKnowledgeCached(dir, { cacheDir });
    expect(afterAdd.fromSnapshot).toBe(false);
    expect(afterAdd.kb.terms.has('zz-new')).toBe(true);

    await rm(path.join(dir, 'compute', 'zz-new.md'));
    const afterRemove = await loadKnowledgeCached(dir, { cacheDir });
    expect(afterRemove.fromSnapshot).toBe(false);
    expect(afterRemove.kb.terms.has('zz-new')).toBe(false);
  });

  it('an edited data file (lexicon.yml, ambiguous.yml) is seen too', async () => {
    await loadKnowledgeCached(dir, { cacheDir });
    const file = path.join(dir, 'ambiguous.yml');
    await writeFile(file, (await readFile(file, 'utf8')) + '\n# edited\n');
    expect((await loadKnowledgeCached(dir, { cacheDir })).fromSnapshot).toBe(false);
  });

  it('is plain ASCII (read without UTF-8 decoding), and a damaged one is ignored and rewritten', async () => {
    await loadKnowledgeCached(dir, { cacheDir });
    const [name] = (await readdir(cacheDir)).filter((n) => n.startsWith('knowledge-'));
    const file = path.join(cacheDir, name!);
    const bytes = await readFile(file);
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    // A card with non-ASCII text still reads back exactly.
    const parsed = await loadKnowledge(dir);
    const fancy = [...parsed.kb.terms.values()].find((t) => [...JSON.stringify(t.sections)].some((c) => c.charCodeAt(0) > 0x7f));
    expect(fancy).toBeDefined();
    expect((await loadKnowledgeCached(dir, { cacheDir })).kb.terms.get(fancy!.slug)!.sections).toEqual(fancy!.sections);

    await truncate(file, bytes.length - 100);
    const damaged = await loadKnowledgeCached(dir, { cacheDir });
    expect(damaged.fromSnapshot).toBe(false);
    expect(damaged.kb.terms.get(fancy!.slug)!.sections).toEqual(fancy!.sections);
    expect((await readFile(file)).length).toBe(bytes.length);
  });

  it('a folder it cannot write to (read-only install) still loads, by parsing', async () => {
    const readOnly = path.join(base, 'not-a-folder');
    await writeFile(readOnly, 'a file where the cache folder would be');
    const r = await loadKnowledgeCached(dir, { cacheDir: path.join(readOnly, 'cache') });
    expect(r.fromSnapshot).toBe(false);
    expect(r.kb.terms.has('kubernetes')).toBe(true);
    const off = await loadKnowledgeCached(dir, { cacheDir: null });
    expect(off.fromSnapshot).toBe(false);
  });
});
