import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A filler paragraph of plain words, so a test card passes the linter's word limits. */
const PARAGRAPH =
  'This card exists only for tests. It describes a house convention of one team in plain words, with enough text to pass the word limits of the linter. ' +
  'People in the team use the name every day, and newcomers ask about it in their first week, which is why the team wrote it down once and for all.';

export interface TeamTermSpec {
  slug: string;
  title: string;
  category?: string;
  aliases?: string[];
  related?: string[];
  summary?: string;
}

/** A valid term card (frontmatter and the four sections) as the linter wants it. */
export function teamTermSource(t: TeamTermSpec): string {
  return `---
title: ${t.title}
category: ${t.category ?? 'payments'}
aliases: [${(t.aliases ?? []).join(', ')}]
summary: ${t.summary ?? `${t.title} is a team term used in tests.`}
analogy: Like a label on a shared fridge shelf that tells everyone whose food it is.
related: [${(t.related ?? ['dns', 'cdn', 'load-balancer']).join(', ')}]
reviewed: 2026-12-01
---

## What it is
${PARAGRAPH}

## The problem it solves
${PARAGRAPH}

## How it works
${PARAGRAPH}

## Example
${PARAGRAPH}
`;
}

/** Writes a term card into `dir/<category>/<slug>.md`; returns its path. */
export async function writeTeamTerm(dir: string, t: TeamTermSpec): Promise<string> {
  const file = path.join(dir, t.category ?? 'payments', `${t.slug}.md`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, teamTermSource(t));
  return file;
}

/** An empty temporary team folder. */
export function tempTeamDir(prefix = 'termbot-team-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}
