/** Loads the published 2003 scores (published-2003.json) into capability_scores once. */
import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../../server/engine/engine.ts';

interface Published {
  assessedOn: string;
  scores: { entity: string; level: string; node: string; score: number | null; source: string; note: string | null }[];
}

export function publishedScores(): Published {
  return JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'published-2003.json'), 'utf8'));
}

export async function loadPublishedScores(engine: Engine): Promise<number> {
  const p = publishedScores();
  const [r] = await engine.query<{ n: number }>(
    `SELECT count() AS n FROM ${engine.t('capability_scores')} WHERE assessed_on = {d:Date} AND recorded_by = 'seed:published-2003'`, { d: p.assessedOn });
  if (Number(r.n) > 0) return 0;
  const recordedAt = Date.parse(`${p.assessedOn}T00:00:00Z`);
  await engine.insert('capability_scores', p.scores.map((s) => ({
    entity: s.entity, assessed_on: p.assessedOn, level: s.level, node: s.node, dimension: s.node.split('.')[0],
    score: s.score, note: s.note ?? '', source: s.source, comment: '', recorded_at: recordedAt, recorded_by: 'seed:published-2003',
  })));
  return p.scores.length;
}
