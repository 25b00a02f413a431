import type { AppContext, RunningAdapter } from '../types.js';

// Placeholder until the Slack adapter lands (issue in progress).
export async function startSlack(_ctx: AppContext): Promise<RunningAdapter> {
  throw new Error('The Slack adapter is not available in this build yet.');
}
