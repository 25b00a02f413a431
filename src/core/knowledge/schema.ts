import { z } from 'zod';
import { CATEGORIES, RESERVED_FOLDERS, TEAM_CATEGORY } from './types.js';

/** Limits shared by the linter, the loader and the docs. */
export const LIMITS = {
  summaryChars: 200,
  titleChars: 80,
  minRelated: 3,
  maxLinks: 3,
  comparisonValueChars: 200,
  minComparisonRows: 3,
  termWords: { min: 120, max: 520 },
  comparisonWords: { min: 80, max: 520 },
  /** Tool cards are shorter: about 80 to 200 words, with some slack for code. */
  toolWords: { min: 60, max: 260 },
  /** A tool names 2 to 5 others that do the same job (0 allowed for one-of-a-kind tools). */
  maxAlternatives: 6,
} as const;

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase kebab-case (a-z, 0-9, single hyphens)');

const text = z.string().trim().min(1, 'must not be empty');

/** When a person last checked the card's facts (YYYY-MM-DD); `termbot lint --stale DAYS` lists old ones. */
const reviewed = z
  .string({ error: 'is required (YYYY-MM-DD: when the card was last checked)' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'must be a real calendar date');

/** The card's one-word names are everyday English words ("vault", "chef"): inside a sentence they need tech context. */
const everyday = z.boolean().default(false);

const link = z.object({
  title: text,
  url: z.string().regex(/^https:\/\/[^\s]+$/, 'must be an https:// URL'),
});

const bundledCategory = z.enum(CATEGORIES, { error: `must be one of: ${CATEGORIES.join(', ')}` });
/** A team folder's own category: any kebab-case name except the folders with another meaning. */
const teamCategory = z
  .string()
  .regex(TEAM_CATEGORY, 'must be a kebab-case category name (the folder it is in)')
  .refine((c) => !RESERVED_FOLDERS.includes(c), `must not be ${RESERVED_FOLDERS.join(' or ')}`);

const termShape = (category: z.ZodType<string>) =>
  z
    .object({
      title: text.max(LIMITS.titleChars, `must be at most ${LIMITS.titleChars} characters`),
      category,
    aliases: z.array(text).default([]),
    summary: text.max(LIMITS.summaryChars, `must be at most ${LIMITS.summaryChars} characters`),
    analogy: text,
    related: z.array(slug).min(LIMITS.minRelated, `needs at least ${LIMITS.minRelated} slugs`),
    contrasts: z.array(slug).default([]),
    tags: z.array(text).default([]),
    links: z.array(link).max(LIMITS.maxLinks, `at most ${LIMITS.maxLinks} links`).default([]),
    reviewed,
    everyday,
    })
    .strict();

export const termFrontmatter = termShape(bundledCategory);
/** A term in a team layer (TEAM_KNOWLEDGE_DIR): the same fields, its own category names allowed. */
export const teamTermFrontmatter = termShape(teamCategory);

/** A tool, product or protocol: an instance of one or more concepts (`knowledge/tools/<slug>.md`). */
export const toolFrontmatter = z
  .object({
    title: text.max(LIMITS.titleChars, `must be at most ${LIMITS.titleChars} characters`),
    aliases: z.array(text).default([]),
    is_a: z.array(slug).min(1, 'needs at least one concept slug'),
    summary: text.max(LIMITS.summaryChars, `must be at most ${LIMITS.summaryChars} characters`),
    alternatives: z.array(slug).max(LIMITS.maxAlternatives, `at most ${LIMITS.maxAlternatives} slugs`).default([]),
    tags: z.array(text).default([]),
    links: z.array(link).min(1, 'needs a link to the official site or docs').max(LIMITS.maxLinks, `at most ${LIMITS.maxLinks} links`),
    reviewed,
    everyday,
  })
  .strict();

export const comparisonFrontmatter = z
  .object({
    title: text.max(120, 'must be at most 120 characters'),
    compares: z.array(slug).min(2, 'needs 2 or 3 slugs').max(3, 'needs 2 or 3 slugs'),
    summary: text.max(LIMITS.summaryChars, `must be at most ${LIMITS.summaryChars} characters`),
    analogy: text.optional(),
    aliases: z.array(text).default([]),
    tags: z.array(text).default([]),
    rows: z
      .array(
        z
          .object({
            aspect: text,
            values: z.array(
              text.max(
                LIMITS.comparisonValueChars,
                `must be at most ${LIMITS.comparisonValueChars} characters`,
              ),
            ),
          })
          .strict(),
      )
      .min(LIMITS.minComparisonRows, `needs at least ${LIMITS.minComparisonRows} rows`),
    links: z.array(link).max(LIMITS.maxLinks).default([]),
    reviewed,
  })
  .strict();

