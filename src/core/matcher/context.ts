import { FILLER } from '../text/normalize.js';
import type { IndexedKey, TermIndex } from './term-index.js';

/**
 * Names of terms that are also everyday English words. Found inside a longer sentence
 * ("I need a new port for my boat") they only count when the sentence is asking about
 * something or talks tech; on their own ("port", "what is a pod?") they always count.
 */
export const EVERYDAY_WORDS = new Set([
  'port', 'rest', 'cloud', 'queue', 'model', 'canary', 'region', 'circuit', 'breaker', 'session', 'container',
  'health', 'check', 'backup', 'sidecar', 'pod', 'certificate', 'hash', 'hashing', 'saga', 'bandwidth', 'lag',
  'latency', 'environment', 'production', 'metric', 'metrics', 'logging', 'log', 'logs', 'cluster', 'incident',
  'injection', 'layer', 'storage', 'data', 'service', 'server', 'node', 'transaction', 'index', 'migration',
  'pipeline', 'token', 'key', 'lock', 'mesh', 'discovery', 'chaos', 'trust', 'failure', 'availability',
  'recovery', 'disaster', 'alert', 'alerting', 'alarm', 'release', 'deployment', 'version', 'control', 'platform',
  'engineering', 'policy', 'code', 'operator', 'function', 'functions', 'image', 'registry', 'gateway', 'edge',
  'foundation', 'runtime', 'firewall', 'tunnel', 'broker', 'stream', 'streaming', 'lake', 'warehouse', 'center',
  'centre', 'store', 'file', 'block', 'object', 'bridge', 'agent', 'flag', 'feature', 'rollback', 'rolling',
  'blue', 'green', 'shift', 'left', 'self', 'healing', 'call', 'book', 'signal', 'signals', 'golden', 'machine',
  'virtual', 'physical', 'bare', 'metal', 'prometheus', 'chef', 'puppet', 'vault',
  'flux', 'apache', 'azure', 'lambda', 'socket', 'pool', 'connection', 'cache', 'partition', 'replica',
  'reliability', 'scalability', 'cohesion', 'coupling', 'throughput', 'monitoring', 'identity', 'access',
  'backpressure', 'bulkhead', 'strangler', 'fig', 'middleware', 'framework', 'tracing', 'trace', 'observability',
  // Common words that sit inside longer titles: no evidence of tech talk on their own.
  'name', 'point', 'level', 'high', 'single', 'strong', 'content', 'delivery', 'address', 'system', 'page', 'site',
  'principle', 'least', 'zero', 'three', 'tier', 'domain', 'private', 'public', 'agreement', 'objective', 'hybrid',
  'multi', 'first', 'driven', 'event', 'pattern', 'side', 'full', 'stack', 'value', 'state', 'factor', 'twelve',
  'amazon', 'google', 'microsoft', 'controller', 'forgery', 'request', 'cross', 'web', 'google',
]);

/** Everyday phrases of more than one word that are also term names. */
const EVERYDAY_PHRASES = new Set(['circuit breaker', 'health check', 'blue green', 'bare metal', 'data center']);

/** Words that show a sentence is asking about something, so a term name in it is meant. */
const FRAME_WORDS = new Set([
  'what', 'whats', 'wat', 'explain', 'explained', 'define', 'definition', 'eli5', 'meaning', 'mean', 'means',
  'describe', 'tldr', 'difference', 'vs', 'versus', 'compare', 'termbot', 'explanation', 'rundown', 'overview',
  'intro', 'introduction', 'primer',
]);
/** Question words that only frame a question when they open it ("how does X work", not "... when I run ..."). */
const OPENING_WORDS = new Set(['how', 'why', 'when', 'which', 'should', 'do', 'does', 'is', 'are', 'can']);

/** Words that make a sentence about software even when its only term name is an everyday word. */
const TECH_HINTS = new Set([
  'app', 'apps', 'application', 'api', 'apis', 'deploy', 'deployed', 'deploying', 'prod', 'staging', 'request',
  'requests', 'traffic', 'db', 'infra', 'backend', 'frontend', 'config', 'yaml', 'k8s', 'aws', 'gcp', 'software',
  'network', 'http', 'https', 'tcp', 'docker', 'kubernetes', 'microservice', 'microservices', 'endpoint', 'latency',
  'bug', 'outage', 'devops', 'sre', 'cpu', 'ram', 'memory', 'disk', 'linux', 'postgres', 'mysql', 'sql', 'redis',
  'kafka', 'nginx', 'terraform', 'git', 'ci', 'pipeline', 'repo', 'cluster', 'pods', 'pod', 'container', 'containers',
  'pattern', 'architecture', 'design', 'systems', 'services', 'server', 'servers', 'cloud', 'data', 'database',
  'setting', 'set', 'configure', 'configuring', 'install', 'installing', 'restart', 'restarts', 'restarting', 'crash', 'crashes', 'crashing', 'crashed', 'error', 'errors', 'timeout',
  'timeouts', 'scale', 'scaling', 'setup', 'deployment', 'deployments', 'users', 'client', 'clients', 'state',
]);

export interface QueryContext {
  /** Lowercased words the person wrote with capitals (CA, VMs, LBs): abbreviations, not words. */
  caps: Set<string>;
  /** Every lowercased word of the query, filler included. */
  tokens: string[];
}

export function queryContext(query: string, tokens: string[]): QueryContext {
  const caps = new Set<string>();
  // All capitals, digits allowed, optional plural s: "CA", "S3", "VMs", "LBs" (not "Dr", "Has").
  for (const m of query.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (/^(?=.*\p{Lu})[\p{Lu}\p{N}]+s?$/u.test(m[0])) caps.add(m[0].toLowerCase());
  }
  return { caps, tokens };
}

/** A one-word name that is an everyday word ("port", "pod"), or an everyday phrase ("circuit breaker"). */
export function isEveryday(key: IndexedKey): boolean {
  const words = key.tokens.filter((t) => !FILLER.has(t));
  if (words.length === 1) return EVERYDAY_WORDS.has(words[0]!);
  return EVERYDAY_PHRASES.has(words.join(' '));
}

/** Was this short abbreviation written in capitals (or as a plural in capitals: "LBs")? */
export function writtenInCaps(ctx: QueryContext, key: IndexedKey): boolean {
  return ctx.caps.has(key.compact) || ctx.caps.has(`${key.compact}s`);
}

/** Does the rest of the sentence show that a term is meant (a question, or other tech words)? */
export function hasContext(index: TermIndex, ctx: QueryContext, slug: string): boolean {
  if (ctx.tokens.some((t) => FRAME_WORDS.has(t)) || OPENING_WORDS.has(ctx.tokens[0] ?? '')) return true;
  // The term's own words are no evidence for it.
  const own = index.slugTokens.get(slug) ?? new Set<string>();
  return ctx.tokens.some(
    (t) => !own.has(t) && (TECH_HINTS.has(t) || (index.titleTokens.has(t) && !EVERYDAY_WORDS.has(t) && !FILLER.has(t) && t.length > 2)),
  );
}
