/**
 * A short name for a cache file, from the text it stands for (FNV-1a, two 32-bit lanes with different
 * seeds: 16 hex digits). Not a checksum: whoever reads the file compares the full text it was made from,
 * so a collision only costs a fresh parse. Used instead of node:crypto on the one-shot CLI path, where
 * loading the crypto module (about 20 of Node's internal modules) costs more than the rest of the check.
 */
export function cacheName(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
