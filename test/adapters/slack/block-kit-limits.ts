/**
 * An independent checker for the Block Kit limits Slack enforces, used to validate
 * everything the adapter renders or sends. Returns human-readable violations.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walks arbitrary Block Kit JSON
type Any = any;

export function blockKitViolations(blocks: Any[], maxBlocks = 50): string[] {
  const out: string[] = [];
  const text = (t: Any, max: number, where: string): void => {
    if (!t || typeof t.text !== 'string') return void out.push(`${where}: missing text object`);
    if (t.text.length === 0) out.push(`${where}: empty text`);
    if (t.text.length > max) out.push(`${where}: ${t.text.length} > ${max} chars`);
  };
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  if (blocks.length > maxBlocks) out.push(`${blocks.length} blocks > ${maxBlocks}`);
  blocks.forEach((b, i) => {
    const at = `block ${i} (${b.type})`;
    if (b.block_id && b.block_id.length > 255) out.push(`${at}: block_id too long`);
    switch (b.type) {
      case 'header':
        if (b.text?.type !== 'plain_text') out.push(`${at}: header must be plain_text`);
        text(b.text, 150, at);
        break;
      case 'section':
        if (!b.text && !b.fields) out.push(`${at}: needs text or fields`);
        if (b.text) text(b.text, 3000, at);
        if (b.fields) {
          if (b.fields.length > 10) out.push(`${at}: ${b.fields.length} fields > 10`);
          b.fields.forEach((f: Any, j: number) => text(f, 2000, `${at} field ${j}`));
        }
        break;
      case 'context':
        if (!b.elements?.length || b.elements.length > 10) out.push(`${at}: ${b.elements?.length} elements`);
        b.elements?.forEach((e: Any, j: number) => text(e, 3000, `${at} element ${j}`));
        break;
      case 'actions': {
        if (!b.elements?.length || b.elements.length > 25) out.push(`${at}: ${b.elements?.length} elements`);
        const ids = new Set<string>();
        b.elements?.forEach((e: Any, j: number) => {
          const w = `${at} element ${j}`;
          if (!e.action_id || e.action_id.length > 255) out.push(`${w}: bad action_id`);
          if (ids.has(e.action_id)) out.push(`${w}: duplicate action_id ${e.action_id}`);
          ids.add(e.action_id);
          if (e.type === 'button') {
            text(e.text, 75, w);
            if (e.text?.type !== 'plain_text') out.push(`${w}: button text must be plain_text`);
            if (typeof e.value === 'string' && e.value.length > 2000) out.push(`${w}: value > 2000`);
          }
        });
        break;
      }
      case 'input':
        text(b.label, 2000, `${at} label`);
        break;
      case 'divider':
        break;
      default:
        out.push(`${at}: unexpected block type`);
    }
  });
  return out;
}

/** Strings that would ping or broadcast if they reached Slack from user text. */
export const FORBIDDEN_PINGS = ['<!channel>', '<!here>', '<!everyone>', '<!subteam', '<@UEVIL', '<#CEVIL'];
