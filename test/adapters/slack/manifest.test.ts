import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { IDS } from '../../../src/adapters/slack/ids.js';
import { INSTALL_SCOPES } from '../../../src/adapters/slack/oauth.js';

/** The manifest must declare everything the code uses, or Slack never delivers it. */
const root = path.resolve(import.meta.dirname, '../../..');

const manifest = parse(readFileSync(path.join(root, 'slack-app-manifest.yml'), 'utf8'));
const sourceDir = path.join(root, 'src/adapters/slack');
const sources = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(path.join(sourceDir, f), 'utf8'))
  .join('\n');

describe('slack-app-manifest.yml', () => {
  it('declares both slash commands and the message shortcut', () => {
    const commands = manifest.features.slash_commands.map((c: { command: string }) => c.command);
    expect(commands).toEqual(expect.arrayContaining([IDS.command, IDS.dailyCommand]));
    expect(manifest.features.shortcuts).toContainEqual(expect.objectContaining({ type: 'message', callback_id: IDS.shortcut }));
  });

  it('subscribes to every event the code listens to', () => {
    const used = [...sources.matchAll(/app\.event\('([a-z_]+)'/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const e of used) expect(manifest.settings.event_subscriptions.bot_events).toContain(e);
  });

  it('has the scopes for every Web API method the code calls', () => {
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    const needs: Record<string, string[]> = {
      'chat.postMessage': ['chat:write'],
      'chat.postEphemeral': ['chat:write'],
      'conversations.history': ['channels:history', 'groups:history'],
    };
    for (const [method, required] of Object.entries(needs)) {
      if (sources.includes(method)) for (const s of required) expect(scopes, method).toContain(s);
    }
    expect(scopes).toContain('commands');
    // An install through /slack/install asks for exactly the manifest's scopes.
    expect([...INSTALL_SCOPES].sort()).toEqual([...scopes].sort());
    expect(scopes).toContain('app_mentions:read');
  });

  it('turns on Socket Mode, interactivity (buttons, modals, type-ahead) and the Home tab', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });
});
