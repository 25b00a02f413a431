import { describe, expect, it } from 'vitest';
import { StartupError } from '../../src/app/startup.js';
import { classifyDiscordStartError, classifySlackStartError } from '../../src/app/startup-errors.js';

describe('startup error message', () => {
  it('names the variable to fix once, not again as "(check X)" after a reason that already says it', () => {
    const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use :::3000'), { code: 'EADDRINUSE' });
    const port = new StartupError('slack', classifySlackStartError(inUse, 'http'), 1);
    expect(port.message).toBe(
      'slack: cannot listen for Slack requests: listen EADDRINUSE: address already in use :::3000 (set PORT to a free port)',
    );
    expect(port.message.match(/PORT/g)).toHaveLength(1);
    const offline = Object.assign(new Error('getaddrinfo ENOTFOUND discord.com'), { code: 'ENOTFOUND' });
    expect(new StartupError('discord', classifyDiscordStartError(offline), 1).message.match(/DISCORD_API_URL/g)).toHaveLength(1);
    // A reason that does not name it still gets the pointer.
    expect(new StartupError('slack', { kind: 'permanent', variable: 'SLACK_BOT_TOKEN', reason: 'rejected' }, 1).message).toBe(
      'slack: rejected (check SLACK_BOT_TOKEN)',
    );
  });
});
