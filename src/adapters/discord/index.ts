import type { AppContext, RunningAdapter } from '../types.js';

// Placeholder until the Discord adapter lands (issue in progress).
export async function startDiscord(_ctx: AppContext): Promise<RunningAdapter> {
  throw new Error('The Discord adapter is not available in this build yet.');
}
