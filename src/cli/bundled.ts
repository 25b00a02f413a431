import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The bundled knowledge folder, next to src/ and dist/ (the same folder src/app/config.ts names;
 * computed here so the CLI does not import the schema library just to find it).
 */
export const BUNDLED_KNOWLEDGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'knowledge');
