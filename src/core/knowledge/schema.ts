import { z } from 'zod';
import { CATEGORIES } from './types.js';

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
} as const;

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase kebab-case (a-z, 0-9, single hyphens)');

const text = z.string().trim().min(1, 'must not be empty');

const link = z.object({
  title: text,
  url: z.string().regex(/^https:\/\/[^\s]+$/, 'must be an https:// URL'),
});

export const termFrontmatter = z
  .object({
    title: text.max(LIMITS.titleChars, `must be at most ${LIMITS.titleChars} characters`),
    category: z.enum(CATEGORIES, { error: `must be one of: ${CATEGORIES.join(', ')}` }),
    aliases: z.array(text).default([]),
    summary: text.max(LIMITS.summaryChars, `must be at most ${LIMITS.summaryChars} characters`),
    analogy: text,
    related: z.array(slug).min(LIMITS.minRelated, `needs at least ${LIMITS.minRelated} slugs`),
    contrasts: z.array(slug).default([]),
    tags: z.array(text).default([]),
    links: z.array(link).max(LIMITS.maxLinks, `at most ${LIMITS.maxLinks} links`).default([]),
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
  })
  .strict();

export type TermFrontmatter = z.infer<typeof termFrontmatter>;
export type ComparisonFrontmatter = z.infer<typeof comparisonFrontmatter>;
