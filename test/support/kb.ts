import { bundledLexicon } from '../../src/core/knowledge/lexicon.js';
import type { Comparison, KnowledgeBase, Term } from '../../src/core/knowledge/types.js';

/** A term with sensible defaults, for tests that need a knowledge base without files. */
export function makeTerm(t: Partial<Term> & Pick<Term, 'slug' | 'title'>): Term {
  return {
    kind: 'concept',
    category: 'networking',
    aliases: [],
    summary: `${t.title} in one line.`,
    analogy: `${t.title} is like something everyday.`,
    related: [],
    contrasts: [],
    tags: [],
    links: [],
    sections: [
      { heading: 'What it is', body: `${t.title} explained.` },
      { heading: 'The problem it solves', body: 'A problem.' },
      { heading: 'How it works', body: 'Mechanics.' },
      { heading: 'Example', body: 'An example.' },
    ],
    isA: [],
    alternatives: [],
    reviewed: '2026-12-01',
    everyday: false,
    file: `${t.category ?? 'networking'}/${t.slug}.md`,
    ...t,
  };
}

export function makeKb(terms: Term[], comparisons: Comparison[] = []): KnowledgeBase {
  const toolsOf = new Map<string, string[]>();
  for (const t of terms) if (t.kind === 'tool') for (const c of t.isA) toolsOf.set(c, [...(toolsOf.get(c) ?? []), t.slug]);
  return {
    terms: new Map(terms.map((t) => [t.slug, t])),
    comparisons: new Map(comparisons.map((c) => [c.slug, c])),
    toolsOf,
    // The matcher needs the word lists; loadKnowledge attaches them, so a hand-made base does too.
    lexicon: bundledLexicon(),
  };
}

/** A small but realistic knowledge base for matcher tests. */
export function sampleKb(): KnowledgeBase {
  return makeKb(
    [
      makeTerm({
        slug: 'load-balancer',
        title: 'Load Balancer',
        aliases: ['LB'],
        related: ['reverse-proxy', 'api-gateway', 'horizontal-scaling'],
        contrasts: ['reverse-proxy'],
      }),
      makeTerm({
        slug: 'reverse-proxy',
        title: 'Reverse Proxy',
        related: ['load-balancer', 'forward-proxy', 'api-gateway', 'cdn'],
        contrasts: ['forward-proxy'],
      }),
      makeTerm({ slug: 'forward-proxy', title: 'Forward Proxy', related: ['reverse-proxy', 'vpn', 'firewall'] }),
      makeTerm({ slug: 'api-gateway', title: 'API Gateway', related: ['reverse-proxy', 'load-balancer', 'rate-limiting'] }),
      makeTerm({ slug: 'dns', title: 'DNS (Domain Name System)', related: ['cdn', 'ip-address', 'load-balancer'] }),
      makeTerm({ slug: 'cdn', title: 'CDN (Content Delivery Network)', related: ['dns', 'cache', 'reverse-proxy'] }),
      makeTerm({
        slug: 'kubernetes',
        title: 'Kubernetes',
        category: 'compute',
        aliases: ['k8s', 'kube'],
        related: ['container', 'pod', 'cluster'],
      }),
      makeTerm({ slug: 'container', title: 'Container', category: 'compute', related: ['kubernetes', 'virtual-machine', 'docker'] }),
      makeTerm({
        slug: 'virtual-machine',
        title: 'Virtual Machine (VM)',
        category: 'compute',
        related: ['container', 'hypervisor', 'bare-metal'],
      }),
      makeTerm({
        slug: 'infrastructure-as-code',
        title: 'Infrastructure as Code (IaC)',
        category: 'operations',
        related: ['terraform', 'gitops', 'configuration-management'],
      }),
      makeTerm({
        slug: 'horizontal-scaling',
        title: 'Horizontal Scaling',
        category: 'compute',
        aliases: ['scale out'],
        related: ['vertical-scaling', 'load-balancer', 'autoscaling'],
      }),
      makeTerm({
        slug: 'vertical-scaling',
        title: 'Vertical Scaling',
        category: 'compute',
        aliases: ['scale up'],
        related: ['horizontal-scaling', 'autoscaling', 'virtual-machine'],
      }),
      makeTerm({
        slug: 'certificate-authority',
        title: 'Certificate Authority (CA)',
        category: 'security',
        related: ['certificate', 'tls', 'https'],
      }),
      makeTerm({
        slug: 'idempotency',
        title: 'Idempotency',
        category: 'architecture',
        aliases: ['idempotent'],
        related: ['retry-with-backoff', 'rest', 'webhook'],
      }),
      makeTerm({
        slug: 'pub-sub',
        title: 'Publish-Subscribe (Pub/Sub)',
        category: 'data',
        aliases: ['pubsub'],
        related: ['message-queue', 'event-streaming', 'kafka'],
      }),
      makeTerm({
        slug: 'message-queue',
        title: 'Message Queue',
        category: 'data',
        aliases: ['MQ'],
        related: ['pub-sub', 'message-broker', 'kafka'],
      }),
    ],
    [
      {
        slug: 'load-balancer-vs-reverse-proxy-vs-api-gateway',
        title: 'Load Balancer vs Reverse Proxy vs API Gateway',
        compares: ['load-balancer', 'reverse-proxy', 'api-gateway'],
        summary: 'Three things in front of servers.',
        rows: [
          { aspect: 'Main job', values: ['Spread load', 'Front servers', 'Manage APIs'] },
          { aspect: 'Layer', values: ['L4 or L7', 'L7', 'L7'] },
          { aspect: 'Example', values: ['HAProxy', 'nginx', 'Kong'] },
        ],
        sections: [
          { heading: 'In short', body: 'They overlap.' },
          { heading: 'When to use which', body: 'It depends.' },
        ],
        reviewed: '2026-12-01',
        file: 'comparisons/load-balancer-vs-reverse-proxy-vs-api-gateway.md',
      },
    ],
  );
}
