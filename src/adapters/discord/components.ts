import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import { truncate } from '../../core/text/truncate.js';
import { encodeCustomId, type ButtonAction } from './custom-id.js';
import { COMPONENTS } from './limits.js';

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

/** A button for an action, or null when its id would not fit (the button is then left out). */
export function button(label: string, action: ButtonAction, style: ButtonStyle = ButtonStyle.Secondary, disabled = false): APIButtonComponent | null {
  const custom_id = encodeCustomId(action);
  if (!custom_id) return null;
  const b: APIButtonComponent = { type: ComponentType.Button, style: style as ButtonStyle.Secondary, label: truncate(label, COMPONENTS.buttonLabel) || '…', custom_id };
  if (disabled) b.disabled = true;
  return b;
}

/**
 * Packs buttons into action rows within Discord's limits: at most 5 per row and 5 rows,
 * no duplicate ids in one message (Discord rejects those), empty rows dropped.
 */
export function rows(groups: (APIButtonComponent | null)[][]): ButtonRow[] {
  const seen = new Set<string>();
  const out: ButtonRow[] = [];
  for (const group of groups) {
    const unique = group.filter((b): b is APIButtonComponent => {
      if (!b || !('custom_id' in b)) return false;
      if (seen.has(b.custom_id)) return false;
      seen.add(b.custom_id);
      return true;
    });
    for (let i = 0; i < unique.length && out.length < COMPONENTS.rows; i += COMPONENTS.buttonsPerRow) {
      out.push({ type: ComponentType.ActionRow, components: unique.slice(i, i + COMPONENTS.buttonsPerRow) });
    }
  }
  return out;
}
