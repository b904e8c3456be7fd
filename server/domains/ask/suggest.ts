/**
 * "Did you mean": lexicon words within a small edit distance of a word that was not
 * understood (churm rate → churn rate, 离网律 → 离网率). Only runs on the CLARIFY path.
 */
import { type LexEntry, type Lexicon, senseKey } from './lexicon.ts';
import { hasCjk } from './normalize.ts';
import type { Sense } from './types.ts';

function lev(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** content words by script and length, rebuilt when the lexicon grows */
const index = new WeakMap<Lexicon, { size: number; byKey: Map<string, LexEntry[]> }>();
function candidates(lex: Lexicon, cjk: boolean, len: number): LexEntry[] {
  const all = lex.entries();
  let ix = index.get(lex);
  if (!ix || ix.size !== all.length) {
    ix = { size: all.length, byKey: new Map() };
    for (const e of all) {
      const k = e.sense.kind;
      if ((k !== 'metric' && k !== 'dimension' && k !== 'member') || e.normalized.length < 2) continue;
      const key = `${hasCjk(e.normalized) ? 'z' : 'e'}${e.normalized.length}`;
      const list = ix.byKey.get(key) ?? [];
      list.push(e);
      ix.byKey.set(key, list);
    }
    index.set(lex, ix);
  }
  return ix.byKey.get(`${cjk ? 'z' : 'e'}${len}`) ?? [];
}

export function suggest(lex: Lexicon, word: string, limit = 3): { word: string; sense: Sense }[] {
  const w = word.trim();
  if (w.length < 2 || w.length > 40) return [];
  const cjk = hasCjk(w);
  const max = w.length <= 4 ? 1 : 2;
  const found: { word: string; sense: Sense; d: number }[] = [];
  const seen = new Set<string>();
  const pool: LexEntry[] = [];
  // same length first: on equal distance a substitution reads better than a deletion (离网律 → 离网率)
  for (let d = 0; d <= max; d++) for (const len of d ? [w.length - d, w.length + d] : [w.length]) if (len >= 2) pool.push(...candidates(lex, cjk, len));
  for (const e of pool) {
    // two letters are too few to guess from, but a two-character name one character off is a
    // likely slip (深证 → 深圳) when it names a member
    if (e.normalized.length < 3 && w.length < 3 && !(cjk && e.sense.kind === 'member' && e.normalized.length === w.length)) continue;
    // an English slip keeps the word's first letter (chrun, provnice, brnad): among is not Datong, via not VIP
    if (!cjk && e.normalized[0] !== w[0]) continue;
    const d = lev(w, e.normalized, max);
    if (d > max) continue;
    const key = senseKey(e.sense);
    if (seen.has(key)) continue;
    seen.add(key);
    found.push({ word: e.word, sense: e.sense, d });
  }
  found.sort((a, b) => a.d - b.d);
  return found.slice(0, limit).map(({ word, sense }) => ({ word, sense }));
}
