import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/adapters/discord/commands.js';
import { registerCommands } from '../../../src/adapters/discord/register.js';
import { FakeDiscord } from '../../support/fakes/discord/fake-discord.js';

let fake: FakeDiscord;
let rest: REST;
beforeAll(async () => {
  fake = new FakeDiscord();
  await fake.start();
  rest = new REST({ api: fake.apiUrl, retries: 0 }).setToken(fake.token);
});
afterAll(async () => {
  await fake?.stop();
});

describe('registerCommands', () => {
  it('bulk-replaces the commands of a guild when a guild id is given', async () => {
    const result = await registerCommands(rest, fake.guild.id);
    expect(result).toEqual({ applicationId: fake.applicationId, scope: 'guild', count: COMMANDS.length });
    const put = fake.callsTo('PUT', `/applications/${fake.applicationId}/guilds/${fake.guild.id}/commands`);
    expect(put).toHaveLength(1);
    expect(put[0]!.body).toEqual(JSON.parse(JSON.stringify(COMMANDS)));
    expect(put[0]!.authorization).toBe(`Bot ${fake.token}`);
  });

  it('registers globally without a guild id', async () => {
    const result = await registerCommands(rest);
    expect(result.scope).toBe('global');
    expect(fake.callsTo('PUT', `/applications/${fake.applicationId}/commands`)).toHaveLength(1);
  });

  it('fails with the Discord error for a wrong token', async () => {
    const bad = new REST({ api: fake.apiUrl, retries: 0 }).setToken('wrong');
    await expect(registerCommands(bad)).rejects.toThrow(/401/);
  });
});
