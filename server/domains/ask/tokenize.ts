/**
 * Covers the normalised question with words: lexicon entries, time expressions and order
 * phrases (前5, top 5, 最高的3个), function words, and — where nothing fits — unknown words.
 * No word segmenter: a dynamic programme over positions picks the cover with the fewest
 * unknown characters, then the fewest words (longest matches), preferring a longer first word
 * on ties (forward maximum matching). Unknown English words are whole words.
 */
import type { Lexicon } from './lexicon.ts';
import { isAsciiWordChar } from './normalize.ts';
import { type AsOf, type TimeSpec, timeMatchesAt } from './time.ts';
import type { Sense } from './types.ts';

export interface OrderSpec { direction: 'asc' | 'desc' | 'best' | 'worst'; limit?: number }

export interface Token {
  start: number;
  end: number;
  text: string;
  senses: Sense[];
  time?: TimeSpec;
  order?: OrderSpec;
  unknown?: boolean;
}

const R = (s: string) => new RegExp(s, 'y');
const SUPER: Record<string, 'asc' | 'desc' | 'best' | 'worst'> = {
  高: 'desc', 大: 'desc', 多: 'desc', 低: 'asc', 小: 'asc', 少: 'asc', 好: 'best', 差: 'worst',
  top: 'desc', highest: 'desc', largest: 'desc', biggest: 'desc', bottom: 'asc', lowest: 'asc', smallest: 'asc', best: 'best', worst: 'worst',
};
const ORDER_PATTERNS: [RegExp, (m: RegExpExecArray) => OrderSpec | null][] = [
  [R('(?:排名|排行)?前\\s*(\\d{1,5})\\s*(?:名|个|位|大|强|家|的)?'), (m) => ({ direction: 'desc', limit: +m[1] })],
  [R('(?:后|倒数|末尾|最后)\\s*(\\d{1,5})\\s*(?:名|个|位|家)?'), (m) => ({ direction: 'asc', limit: +m[1] })],
  [R('最(高|大|多|低|小|少|好|差)的?\\s*(?:前)?\\s*(\\d{1,5})\\s*(?:个|名|位|家)?'), (m) => ({ direction: SUPER[m[1]], limit: +m[2] })],
  [R('(\\d{1,5})\\s*(?:个|名|位|家)\\s*最(高|大|多|低|小|少|好|差)的?'), (m) => ({ direction: SUPER[m[2]], limit: +m[1] })],
  [R('(top|bottom|best|worst|highest|lowest|largest|smallest|biggest)\\s*(\\d{1,5})(?![\\d])'), (m) => ({ direction: SUPER[m[1]], limit: +m[2] })],
  [R('(?:the\\s+)?(\\d{1,5})\\s+(top|bottom|best|worst|highest|lowest|largest|smallest|biggest)(?![a-z])'), (m) => ({ direction: SUPER[m[2]], limit: +m[1] })],
];
const ORDER_GATE = /[前后倒末最0-9tbwhlsb排]/;

function orderMatchesAt(text: string, i: number): { end: number; order: OrderSpec }[] {
  if (!ORDER_GATE.test(text[i])) return [];
  if (isAsciiWordChar(text[i]) && i > 0 && isAsciiWordChar(text[i - 1])) return [];
  const out: { end: number; order: OrderSpec }[] = [];
  for (const [re, f] of ORDER_PATTERNS) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) continue;
    const end = i + m[0].replace(/\s+$/, '').length;
    if (isAsciiWordChar(text[end - 1]) && isAsciiWordChar(text[end])) continue;
    const o = f(m);
    if (o && (o.limit === undefined || (o.limit >= 1 && o.limit <= 10000))) out.push({ end, order: o });
  }
  return out;
}

const UNKNOWN_COST = 100;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const isSkip = (c: string) => c === ' ' || !LETTER_OR_DIGIT.test(c);

interface Edge { end: number; cost: number; kind: 0 | 1 | 2 | 3 | 4; time?: TimeSpec; order?: OrderSpec; senses?: Sense[] }
const SKIP = 0, TIME = 1, ORDER = 2, LEX = 3, UNKNOWN = 4;

export function tokenize(text: string, lexicon: Lexicon, D: AsOf): Token[] {
  const n = text.length;
  const best = new Float64Array(n + 1);
  const pick: Edge[] = new Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    let bestCost = Infinity;
    let bestEdge: Edge | null = null;
    const consider = (e: Edge) => {
      const cost = e.cost + best[e.end];
      if (cost < bestCost || (cost === bestCost && bestEdge && e.end > bestEdge.end)) { bestCost = cost; bestEdge = e; }
    };
    for (const t of timeMatchesAt(text, i, D)) consider({ end: t.end, cost: 1, kind: TIME, time: t.spec });
    for (const o of orderMatchesAt(text, i)) consider({ end: o.end, cost: 1, kind: ORDER, order: o.order });
    for (const m of lexicon.matchesAt(text, i)) consider({ end: m.end, cost: 1, kind: LEX, senses: m.senses });
    const c = text[i];
    if (isSkip(c)) consider({ end: i + 1, cost: 0, kind: SKIP });
    else if (isAsciiWordChar(c) && !(i > 0 && isAsciiWordChar(text[i - 1]))) {
      let j = i;
      while (j < n && isAsciiWordChar(text[j])) j++;
      consider({ end: j, cost: UNKNOWN_COST, kind: UNKNOWN });
    } else consider({ end: i + 1, cost: UNKNOWN_COST, kind: UNKNOWN });
    best[i] = bestCost;
    pick[i] = bestEdge!;
  }
  const out: Token[] = [];
  for (let i = 0; i < n;) {
    const e = pick[i];
    const t: Token | null = e.kind === SKIP ? null : {
      start: i, end: e.end, text: text.slice(i, e.end), senses: e.senses ?? [],
      ...(e.time ? { time: e.time } : {}), ...(e.order ? { order: e.order } : {}), ...(e.kind === UNKNOWN ? { unknown: true } : {}),
    };
    if (t) {
      const prev = out[out.length - 1];
      // adjacent unknown pieces form one word (利润率; flux capacitance)
      if (t.unknown && prev?.unknown && /^\s*$/.test(text.slice(prev.end, t.start))) {
        prev.end = t.end;
        prev.text = text.slice(prev.start, t.end);
      } else out.push(t);
    }
    i = e.end;
  }
  // a one-character function word between two unknown pieces belongs to the word (大于5, 超过12个月)
  for (let k = out.length - 2; k >= 1; k--) {
    const mid = out[k];
    if (out[k - 1].unknown && out[k + 1]?.unknown && !mid.unknown && mid.end - mid.start === 1 && mid.senses.every((s) => s.kind === 'stop')
      && mid.start === out[k - 1].end && out[k + 1].start === mid.end) {
      out[k - 1].end = out[k + 1].end;
      out[k - 1].text = text.slice(out[k - 1].start, out[k - 1].end);
      out.splice(k, 2);
    }
  }
  return out;
}
