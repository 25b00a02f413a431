import path from 'node:path';
import type { KnowledgeLayer } from './types.js';

/**
 * Naming the layers of the knowledge stack and their files, without the parser (the snapshot and
 * the CLI's fast path import this; ./layers.ts reads and assembles the stack).
 */

/** The names the stack gives its layers: the base, then "team", or "team1", "team2"... when several. */
export function knowledgeStack(baseDir: string, teamDirs: readonly string[], bundledDir?: string): KnowledgeLayer[] {
  const base: KnowledgeLayer = { name: bundledDir && path.resolve(baseDir) === path.resolve(bundledDir) ? 'bundled' : 'knowledge', dir: baseDir, team: false };
  return [base, ...teamDirs.map((dir, i) => ({ name: teamDirs.length === 1 ? 'team' : `team${i + 1}`, dir, team: true }))];
}

/** A file id as problems and cards carry it: prefixed for team layers. */
export const layerFileId = (layer: KnowledgeLayer, rel: string): string => (layer.team ? `${layer.name}:${rel}` : rel);

/** The layer and the path inside it of a file id (a base file when there is no known prefix). */
export function splitLayerFile(file: string, layers: readonly KnowledgeLayer[]): { layer: KnowledgeLayer; rel: string } {
  const colon = file.indexOf(':');
  const team = colon > 0 ? layers.find((l) => l.team && l.name === file.slice(0, colon)) : undefined;
  return team ? { layer: team, rel: file.slice(colon + 1) } : { layer: layers[0]!, rel: file };
}

/** A layer's folder cannot be read at all (missing, not a folder, no permission): names the folder. */
export class LayerReadError extends Error {
  constructor(
    readonly layer: KnowledgeLayer,
    options: { cause: unknown },
  ) {
    const code = (options.cause as NodeJS.ErrnoException | null)?.code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOTDIR' ? 'it is not a folder' : String((options.cause as Error)?.message ?? options.cause);
    super(`cannot read the ${layer.team ? `team knowledge folder (${layer.name})` : 'knowledge folder'} ${layer.dir}: ${why}`, options);
    this.name = 'LayerReadError';
  }
}

