/** Ids the parser modules share. */
import { TIME_GRAIN_LABELS } from '../../model/index.ts';

export const GRAIN_IDS: ReadonlySet<string> = new Set(Object.keys(TIME_GRAIN_LABELS));
export const REGION_DIMS: ReadonlySet<string> = new Set(['province', 'city']);
