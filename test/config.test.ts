import { shardOptions } from '../src/adapters/discord/shards.js';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/app/config.js';

describe('config', () => {
  it('has working defaults with no variables at all (local CLI mode)', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      LOG_LEVEL: 'info',
      TOTD_TIME: '09:00',
      TOTD_TZ: 'UTC',
      discordEnabled: false,
      slackEnabled: false,
      slackMode: null,
    });
    expect(c.DISCORD_API_URL).toBe('https://discord.com/api');
    expect(c.SLACK_API_URL).toBe('https://slack.com/api/');
    expect(c.knowledgeDir).toMatch(/knowledge$/);
  });

  it('TERMBOT_CACHE_DIR: the parse cache folder, relative to the working folder; "off" turns it off; else the user cache', () => {
    expect(parseConfig({ TERMBOT_CACHE_DIR: 'cache' }, '/srv/termbot').cacheDir).toBe('/srv/termbot/cache');
    expect(parseConfig({ TERMBOT_CACHE_DIR: 'off' }, '/srv/termbot').cacheDir).toBeNull();
    expect(parseConfig({ XDG_CACHE_HOME: '/home/ada/.cache' }, '/srv/termbot').cacheDir).toBe('/home/ada/.cache/termbot');
    expect(parseConfig({ TERMBOT_CACHE_DIR: '', HOME: '/home/ada' }, '/srv/termbot').cacheDir).toBe('/home/ada/.cache/termbot');
  });

  it('chooses the Slack mode from the tokens', () => {
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slackMode).toBe('socket');
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slackMode).toBe('http');
  });

  it('treats empty strings as unset', () => {
    expect(parseConfig({ DISCORD_TOKEN: '', PORT: '' }).discordEnabled).toBe(false);
  });

  const problems = (env: Record<string, string>): string[] => {
    try {
      parseConfig(env);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as ConfigError).problems.map((p) => `${p.variable}: ${p.message}`);
    }
    throw new Error('expected a ConfigError');
  };

  it('Slack OAuth: all three variables or none, HTTP mode, and SLACK_BOT_TOKEN becomes optional', () => {
    const oauth = { SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: 'cs', SLACK_STATE_SECRET: 'a-long-random-state-secret' };
    const c = parseConfig({ ...oauth, SLACK_SIGNING_SECRET: 's' });
    expect([c.slackOAuth, c.slackEnabled, c.slackMode, c.SLACK_BOT_TOKEN]).toEqual([true, true, 'http', undefined]);
    expect(parseConfig({ ...oauth, SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' }).slackOAuth).toBe(true);
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slackOAuth).toBe(false);
    expect(problems({ SLACK_CLIENT_ID: '1.2', SLACK_SIGNING_SECRET: 's' })).toEqual([
      'SLACK_CLIENT_SECRET: is required when SLACK_CLIENT_ID is set (Slack OAuth needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET, or none)',
      'SLACK_STATE_SECRET: is required when SLACK_CLIENT_ID is set (Slack OAuth needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET, or none)',
    ]);
    expect(problems({ ...oauth, SLACK_STATE_SECRET: 'short', SLACK_SIGNING_SECRET: 's' })).toEqual([
      'SLACK_STATE_SECRET: must be at least 16 characters (a long random string)',
    ]);
    expect(problems(oauth)).toEqual(['SLACK_SIGNING_SECRET: is required with SLACK_CLIENT_ID (Slack OAuth runs in HTTP mode)']);
    expect(problems({ ...oauth, SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })[0]).toMatch(
      /^SLACK_APP_TOKEN: must not be set with SLACK_CLIENT_ID/,
    );
  });

  it('reads Discord sharding: auto, a count, and the shard ids of this process', () => {
    expect(parseConfig({ DISCORD_TOKEN: 't', DISCORD_SHARDS: 'auto' }).DISCORD_SHARDS).toBe('auto');
    const spread = parseConfig({ DISCORD_TOKEN: 't', DISCORD_SHARDS: '4', DISCORD_SHARD_IDS: '3, 2,2' });
    expect([spread.DISCORD_SHARDS, spread.DISCORD_SHARD_IDS]).toEqual([4, [2, 3]]);
    expect(shardOptions(spread)).toEqual({ shards: [2, 3], shardCount: 4 });
    expect(shardOptions(parseConfig({ DISCORD_TOKEN: 't', DISCORD_SHARDS: '2' }))).toEqual({ shards: [0, 1], shardCount: 2 });
    expect(shardOptions(parseConfig({ DISCORD_TOKEN: 't' }))).toEqual({});
    expect(() => parseConfig({ DISCORD_SHARDS: 'many' })).toThrow(/DISCORD_SHARDS: must be auto or a whole number/);
    expect(() => parseConfig({ DISCORD_SHARDS: '0' })).toThrow(/DISCORD_SHARDS/);
    expect(() => parseConfig({ DISCORD_SHARD_IDS: '0' })).toThrow(/DISCORD_SHARD_IDS: needs DISCORD_SHARDS/);
    expect(() => parseConfig({ DISCORD_SHARDS: '2', DISCORD_SHARD_IDS: '1,2' })).toThrow(/shard ids run from 0 to 1 .* got 2/);
  });

  it('names the variable and what to set', () => {
    expect(problems({ PORT: 'eighty' })).toEqual(['PORT: must be a port number']);
    expect(problems({ PORT: '70000' })).toEqual(['PORT: must be at most 65535']);
    expect(problems({ SLACK_BOT_TOKEN: 'xoxp-user' })[0]).toBe('SLACK_BOT_TOKEN: must be a bot token starting with xoxb-');
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      'SLACK_APP_TOKEN: SLACK_BOT_TOKEN is set, so set SLACK_APP_TOKEN (xapp-..., Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)',
    ]);
    expect(problems({ TOTD_TZ: 'Mars/Olympus' })).toEqual(['TOTD_TZ: must be an IANA time zone such as Europe/Berlin or UTC']);
    expect(problems({ TOTD_TIME: '25:00' })).toEqual(['TOTD_TIME: must be a time of day such as 09:00, 17:30, 9am or 5:30pm']);
    expect(problems({ SHUTDOWN_TIMEOUT: 'soon' })).toEqual(['SHUTDOWN_TIMEOUT: must be a number of seconds']);
    expect(problems({ SHUTDOWN_TIMEOUT: '0' })).toEqual(['SHUTDOWN_TIMEOUT: must be more than 0 seconds']);
    expect(problems({ LOG_LEVEL: 'loud' })[0]).toMatch(/^LOG_LEVEL: must be one of/);
    expect(problems({ DISCORD_API_URL: 'not a url' })[0]).toMatch(/^DISCORD_API_URL: /);
    expect(problems({ KNOWLEDGE_DIR: '/definitely/not/here' })[0]).toMatch(/^KNOWLEDGE_DIR: folder .* does not exist/);
    expect(problems({ TOTD_SLACK_CHANNELS: 'C1' })).toEqual(['SLACK_BOT_TOKEN: is required when TOTD_SLACK_CHANNELS is set']);
  });

  it('accepts the same time formats as /explain-daily (one parser in the core)', async () => {
    const { parseTime } = await import('../src/core/totd/settings.js');
    for (const [given, want] of <[string, string][]>[
      ['9am', '09:00'],
      ['5:30pm', '17:30'],
      ['09:00', '09:00'],
      ['9:30', '09:30'],
      ['17.45', '17:45'],
      [' 12pm ', '12:00'],
    ]) {
      expect(parseConfig({ TOTD_TIME: given }).TOTD_TIME, given).toBe(want);
      expect(parseTime(given), given).toBe(want);
    }
  });

  it("has a shutdown deadline under Docker's 10 s grace, in seconds", () => {
    expect(parseConfig({}).SHUTDOWN_TIMEOUT).toBe(8);
    expect(parseConfig({ SHUTDOWN_TIMEOUT: '2.5' }).SHUTDOWN_TIMEOUT).toBe(2.5);
  });

  it('reports every problem at once', () => {
    expect(problems({ PORT: 'x', LOG_LEVEL: 'y' })).toHaveLength(2);
  });
});
