/** What every resolver receives: the engine, the dataset facts, and the viewer. */
import type { Engine } from '../engine/engine.ts';
import type { Scope } from '../query/types.ts';
import type { Dataset } from '../domains/dataset.ts';
import type { AuditLog } from '../engine/audit.ts';
import type { ResultCache } from '../query/cache.ts';

export interface Viewer {
  id: string;
  name: string;
  /** the token's optional `name_en` claim: the name the English UI shows */
  nameEn?: string;
  role: 'national_exec' | 'province_exec' | 'city_manager' | 'analyst' | 'admin';
  scope: Scope;
}

export interface RequestContext {
  engine: Engine;
  dataset: Dataset;
  viewer: Viewer;
  signal?: AbortSignal;
  audit?: AuditLog;
  results?: ResultCache;
}
