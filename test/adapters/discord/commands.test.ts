import { ApplicationCommandOptionType, ApplicationCommandType, type APIApplicationCommandOption } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { COMMAND, COMMANDS, DAILY } from '../../../src/adapters/discord/commands.js';

const NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;

/** Discord's rules for options (https://discord.com/developers/docs/interactions/application-commands). */
function checkOptions(options: APIApplicationCommandOption[], where: string): void {
  expect(options.length, where).toBeLessThanOrEqual(25);
  let optionalSeen = false;
  for (const o of options) {
    expect(o.name, where).toMatch(NAME);
    expect(o.description.length, `${where}/${o.name}`).toBeGreaterThan(0);
    expect(o.description.length, `${where}/${o.name}`).toBeLessThanOrEqual(100);
    if ('choices' in o && o.choices) {
      expect(o.choices.length).toBeLessThanOrEqual(25);
      for (const c of o.choices) expect(String(c.name).length).toBeLessThanOrEqual(100);
      expect('autocomplete' in o && o.autocomplete).toBeFalsy();
    }
    if ('required' in o && o.required) expect(optionalSeen, `${where}/${o.name}: required after optional`).toBe(false);
    else optionalSeen = true;
    if (o.type === ApplicationCommandOptionType.Subcommand && o.options) checkOptions(o.options, `${where}/${o.name}`);
  }
}

describe('command definitions', () => {
  it('are valid for Discord', () => {
    const names = COMMANDS.map((c) => `${c.type}:${c.name}`);
    expect(new Set(names).size).toBe(names.length);
    for (const c of COMMANDS) {
      if (c.type === ApplicationCommandType.ChatInput || c.type === undefined) {
        expect(c.name).toMatch(NAME);
        expect('description' in c && c.description.length).toBeGreaterThan(0);
        checkOptions('options' in c ? (c.options ?? []) : [], c.name);
      } else {
        expect(c.name.length).toBeLessThanOrEqual(32);
      }
    }
  });

  it('cover the commands the handlers route', () => {
    expect(COMMANDS.map((c) => c.name).sort()).toEqual([COMMAND.explain, COMMAND.terms, COMMAND.explainTerms, COMMAND.daily].sort());
    const daily = COMMANDS.find((c) => c.name === COMMAND.daily)!;
    const subs = ('options' in daily ? (daily.options ?? []) : []).map((o) => o.name);
    expect(subs.sort()).toEqual(Object.values(DAILY).sort());
    const explain = COMMANDS.find((c) => c.name === COMMAND.explain)!;
    expect('options' in explain && explain.options?.find((o) => o.name === 'term')).toMatchObject({ autocomplete: true });
  });
});
