/** The Accenture framework (seeds/capability/framework.json) as a tree and as a node index. */
import { FRAMEWORK, PUBLISHED_ENTITIES } from '../../model/members.ts';
import type { CapabilityLevel } from './scores.ts';

export interface CapabilityNode { id: string; level: CapabilityLevel; labelZh: string; labelEn: string; children: CapabilityNode[] }
export interface NodeInfo { id: string; level: CapabilityLevel; dimension: string; labelZh: string; labelEn: string; order: number }

export function frameworkTree(): CapabilityNode[] {
  return FRAMEWORK.dimensions.map((d) => ({
    id: d.id, level: 'dimension', labelZh: d.labelZh, labelEn: d.labelEn,
    children: d.areas.map((a) => ({
      id: a.id, level: 'area', labelZh: a.labelZh, labelEn: a.labelEn,
      children: a.items.map((i) => ({ id: i.id, level: 'item', labelZh: i.labelZh, labelEn: i.labelEn, children: [] })),
    })),
  }));
}

/** Every node by id, `order` = pre-order position (dimension, its areas, each area's items). */
export const NODES: ReadonlyMap<string, NodeInfo> = (() => {
  const out = new Map<string, NodeInfo>();
  const walk = (n: CapabilityNode, dimension: string) => {
    out.set(n.id, { id: n.id, level: n.level, dimension, labelZh: n.labelZh, labelEn: n.labelEn, order: out.size });
    n.children.forEach((c) => walk(c, dimension));
  };
  frameworkTree().forEach((d) => walk(d, d.id));
  return out;
})();

/** The seven foreign carriers of the 2003 benchmark (dimension level only). */
export const FOREIGN_CARRIERS: readonly string[] = PUBLISHED_ENTITIES.filter((e) => e.kind === 'foreign').map((e) => e.id);
export const PUBLISHED_ENTITY_IDS: ReadonlySet<string> = new Set(PUBLISHED_ENTITIES.map((e) => e.id));
