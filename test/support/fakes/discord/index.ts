export { FakeDiscord, type CannedResponse, type FakeDiscordOptions, type RestCall, type SentInteraction } from './fake-discord.js';
export * from './payloads.js';
