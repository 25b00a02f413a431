import { describe, expect, it } from 'vitest';
import { toolCategory } from '../../../src/core/knowledge/tool-category.js';

describe("a tool's category", () => {
  it('is the category most of its concepts are in, not that of the first one', () => {
    // Trivy: devsecops, container-image, vulnerability-scanning, sbom.
    expect(toolCategory(['operations', 'compute', 'security', 'security'])).toBe('security');
    // Cilium: ebpf, service-mesh, cni.
    expect(toolCategory(['compute', 'networking', 'networking'])).toBe('networking');
  });

  it('counts the general foundations only when no concept is in another category', () => {
    // ZooKeeper: distributed-systems, service-discovery, consensus; a tie goes to the first named.
    expect(toolCategory(['foundations', 'networking', 'architecture'])).toBe('networking');
    // OpenAPI: api, rest, open-standard.
    expect(toolCategory(['foundations', 'architecture', 'foundations'])).toBe('architecture');
    // Postman: api only.
    expect(toolCategory(['foundations'])).toBe('foundations');
  });

  it('breaks ties by order, keeps team categories, and has none without concepts', () => {
    expect(toolCategory(['data', 'operations'])).toBe('data');
    expect(toolCategory(['operations', 'data', 'data', 'operations'])).toBe('operations');
    expect(toolCategory(['payments', 'security', 'payments'])).toBe('payments');
    expect(toolCategory([])).toBeUndefined();
  });
});
