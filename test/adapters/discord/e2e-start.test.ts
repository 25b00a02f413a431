import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../../src/adapters/discord/index.js';
import { parseConfig } from '../../../src/app/config.js';
import { FakeDiscord } from '../../support/fakes/discord/fake-discord.js';
import { memoryLogger, realTermbot } from './harness.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = new FakeDiscord();
  await fake.start();
});
afterAll(async () => {
  await fake?.stop();
});

describe('startDiscord', () => {
  it('connects from the app configuration, exposes the poster, and stops cleanly', async () => {
    const config = parseConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl });
    const running = await startDiscord({ config, logger: memoryLogger().logger, bot: await realTermbot() });
    expect(running.name).toBe('discord');
    expect(running.poster.platform).toBe('discord');
    expect(fake.identifyCount).toBe(1);
    await running.stop();
  });

  it('fails to start with a token Discord rejects', async () => {
    const config = parseConfig({ DISCORD_TOKEN: 'wrong', DISCORD_API_URL: fake.apiUrl });
    await expect(startDiscord({ config, logger: memoryLogger().logger, bot: await realTermbot() })).rejects.toThrow(/token/i);
  });
});
