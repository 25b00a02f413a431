import type { ClientOptions } from 'discord.js';
import type { Config } from '../../app/config.js';

/**
 * discord.js's own sharding options from DISCORD_SHARDS / DISCORD_SHARD_IDS (issue 12): several
 * gateway shards in one process, or a subset of them per process when shards are spread over
 * replicas. Unset means one shard, as before. The term of the day is not tied to a shard: it posts
 * through REST, and the store's slot claims keep it to one post per channel and day.
 */
export function shardOptions(config: Pick<Config, 'DISCORD_SHARDS' | 'DISCORD_SHARD_IDS'>): Pick<ClientOptions, 'shards' | 'shardCount'> {
  const total = config.DISCORD_SHARDS;
  if (total === undefined) return {};
  if (total === 'auto') return { shards: 'auto' };
  return { shards: config.DISCORD_SHARD_IDS ?? Array.from({ length: total }, (_, i) => i), shardCount: total };
}
