/**
 * The lexicon: every word the parser knows, compiled once into a character trie.
 * Sources: the semantic model (metric and dimension labels and synonyms, zh and en), member
 * names (regions from the catalogue, capability nodes and entities from seeds/capability,
 * fixed members from the model), the parser's own vocabulary (words.ts), simple English
 * plural/singular variants, and words taught at run time (addSynonym).
 * Lookup walks the trie from one position: O(longest word), no regex over the lexicon.
 */
import { model, TIME_GRAIN_LABELS, type Grain, type Member } from '../../model/index.ts';
import { membersOf } from '../../model/members.ts';
import { DISTRICTS } from '../../../seeds/regions.ts';
import { hasCjk, isAsciiWordChar, normWord } from './normalize.ts';
import type { Language, Sense, SynonymTarget } from './types.ts';
import {
  AMBIGUOUS_COMPARES, CHARTS, COMMANDS, COMPARES, CONNECTORS, CONTEXT_MEMBERS, EXTRA_SENSES, OOS_WORDS, ORDER_WORDS, POSTFIX_REMOVE, STOP_WORDS, TOTAL_WORDS, TREND_WORDS, NATIONAL_WORDS, WHY_WORDS, WHOLE_PROVINCE_WORDS,
} from './words.ts';

type Origin = 'model' | 'parser' | 'variant' | 'taught';

interface Node {
  next: Map<string, Node>;
  senses: Sense[] | null;
  origin: Origin | null;
  word: string | null;
}

const newNode = (): Node => ({ next: new Map(), senses: null, origin: null, word: null });

export interface LexMatch {
  end: number;
  senses: Sense[];
  word: string;
}

export interface LexEntry {
  word: string;
  normalized: string;
  sense: Sense;
  lang: Language;
  origin: Origin;
}

/** Dimensions whose members are words (open-ended ones — cohorts, tenure — are parsed by grammar). */
const MEMBER_DIMS = model.dimensions.filter((d) => d.source !== 'time' && d.source !== 'cohort' && d.source !== 'numeric').map((d) => d.id);

const senseKey = (s: Sense): string => {
  switch (s.kind) {
    case 'metric': return `metric:${s.id}`;
    case 'dimension': return `dimension:${s.id}`;
    case 'member': return `member:${s.dimension}:${s.id}`;
    case 'grain': case 'chart': case 'compare': case 'command': return `${s.kind}:${s.id}`;
    case 'order': return `order:${s.direction}`;
    case 'connector': return `connector:${s.id}`;
    case 'oos': return `oos:${s.reason}`;
    default: return s.kind;
  }
};
const CONTENT_RANK: Record<Origin, number> = { taught: 3, model: 2, parser: 2, variant: 1 };

export class Lexicon {
  private root = newNode();
  private all: LexEntry[] = [];
  private memberIndex = new Map<string, Member>();
  /** longest normalised word, for bounded walks */
  maxLen = 0;

  constructor(extraEntries: { word: string; target: SynonymTarget }[] = []) {
    this.compile();
    for (const e of extraEntries) this.addSynonym(e.word, e.target);
  }

  /** Every match starting at `i` that respects English word boundaries, shortest first. */
  matchesAt(text: string, i: number): LexMatch[] {
    const out: LexMatch[] = [];
    const startsAscii = isAsciiWordChar(text[i]);
    if (startsAscii && i > 0 && isAsciiWordChar(text[i - 1])) return out;
    let node: Node | undefined = this.root;
    for (let j = i; j < text.length; j++) {
      node = node.next.get(text[j]);
      if (!node) break;
      if (node.senses && !(isAsciiWordChar(text[j]) && isAsciiWordChar(text[j + 1]))) {
        out.push({ end: j + 1, senses: node.senses, word: node.word! });
      }
    }
    return out;
  }

  /** Teach a word at run time (admin synonyms). It takes precedence over what the word meant before. */
  addSynonym(word: string, target: SynonymTarget): { ok: true; normalized: string } | { ok: false; reason: string } {
    const check = this.validTarget(target);
    if (check) return { ok: false, reason: check };
    const n = normWord(String(word ?? ''));
    if (!n || n.length > 40 || !/[\p{L}\p{N}]/u.test(n)) return { ok: false, reason: 'the word must have 1–40 letters or digits' };
    const sense: Sense = target.kind === 'member'
      ? { kind: 'member', dimension: target.dimension, id: target.id }
      : target.kind === 'metric' ? { kind: 'metric', id: target.id } : { kind: 'dimension', id: target.id };
    this.insert(String(word), n, sense, 'taught', true);
    return { ok: true, normalized: n };
  }

  /** All entries (for tests, tools and fuzzy suggestions). */
  entries(): readonly LexEntry[] {
    return this.all;
  }

  member(dimension: string, id: string): Member | undefined {
    return this.memberIndex.get(`${dimension}:${id}`);
  }

  /** Display label of a sense in a language. */
  label(s: Sense, lang: Language): string {
    const pick = (x: { labelZh: string; labelEn: string } | undefined, fallback: string) => (x ? (lang === 'zh' ? x.labelZh : x.labelEn) : fallback);
    switch (s.kind) {
      case 'metric': return pick(model.metric(s.id), s.id);
      case 'dimension': return pick(model.dimension(s.id), s.id);
      case 'member': return pick(this.member(s.dimension, s.id), s.id);
      case 'grain': return pick(TIME_GRAIN_LABELS[s.id], s.id);
      default: return senseKey(s);
    }
  }

  // ── compilation ──────────────────────────────────────────────────────────────────
  private validTarget(t: SynonymTarget): string | null {
    if (!t || typeof t !== 'object') return 'no target';
    if (t.kind === 'metric') return model.metric(t.id) ? null : `unknown metric "${t.id}"`;
    if (t.kind === 'dimension') return model.dimension(t.id) ? null : `unknown dimension "${t.id}"`;
    if (t.kind === 'member') {
      if (!model.dimension(t.dimension)) return `unknown dimension "${t.dimension}"`;
      return this.memberIndex.has(`${t.dimension}:${t.id}`) ? null : `"${t.id}" is not a member of ${t.dimension}`;
    }
    return 'target kind must be metric, dimension or member';
  }

  private insert(word: string, n: string, sense: Sense, origin: Origin, override = false): void {
    if (!n) return;
    let node = this.root;
    for (const c of n) {
      let nx = node.next.get(c);
      if (!nx) { nx = newNode(); node.next.set(c, nx); }
      node = nx;
    }
    this.maxLen = Math.max(this.maxLen, n.length);
    const isStop = sense.kind === 'stop';
    if (!node.senses || override) {
      node.senses = [sense];
      node.origin = origin;
      node.word = word;
    } else {
      const hadStopOnly = node.senses.every((x) => x.kind === 'stop');
      if (isStop) {
        if (!hadStopOnly) return; // content beats a function word
      } else if (hadStopOnly) {
        node.senses = [sense];
        node.origin = origin;
        node.word = word;
      } else if (CONTENT_RANK[origin] > CONTENT_RANK[node.origin!]) {
        node.senses = [sense];
        node.origin = origin;
        node.word = word;
      } else if (CONTENT_RANK[origin] === CONTENT_RANK[node.origin!]) {
        const same = node.senses.findIndex((x) => senseKey(x) === senseKey(sense));
        if (same < 0) node.senses = [...node.senses, sense];
        // a generic noun stays weak even where the model also lists it (ARPU of GoTone subscribers)
        else if (sense.kind === 'metric' && sense.weak) node.senses = node.senses.map((x, k) => (k === same ? sense : x));
      } else return;
    }
    this.all.push({ word, normalized: n, sense, lang: hasCjk(n) ? 'zh' : 'en', origin });
  }

  private has(n: string): boolean {
    let node: Node | undefined = this.root;
    for (const c of n) { node = node.next.get(c); if (!node) return false; }
    return !!node.senses;
  }

  private add(word: string, sense: Sense, origin: Origin): void {
    this.insert(word, normWord(word), sense, origin);
  }

  /** label forms: "British Telecom (BT)" → itself, "British Telecom", "BT" */
  private labelForms(label: string): string[] {
    const out = [label];
    const m = /^(.*?)\s*[(（]([^)）]*)[)）]\s*$/.exec(label);
    if (m) {
      if (normWord(m[1]).length >= 2) out.push(m[1]);
      if (/^[A-Za-z&]{2,6}$/.test(m[2].trim())) out.push(m[2].trim());
    }
    return out;
  }

  private compile(): void {
    const WHICH = ['哪个', '哪些', '哪一个', '哪家'];
    const variants: [string, Sense][] = [];
    const addContent = (word: string, sense: Sense, origin: Origin) => {
      for (const f of this.labelForms(word)) {
        this.add(f, sense, origin);
        if (!hasCjk(f)) variants.push([f, sense]);
        // 哪个渠道成本最高: "which channel" groups, also before a metric that starts with the
        // dimension's word (渠道成本), which the longest match would otherwise take
        else if (sense.kind === 'dimension') for (const which of WHICH) this.add(`${which}${f}`, sense, origin);
      }
    };
    for (const m of model.metrics) {
      for (const w of [m.labelZh, m.labelEn, m.id.replace(/_/g, ' '), ...(m.synonyms ?? [])]) addContent(w, { kind: 'metric', id: m.id }, 'model');
    }
    for (const d of model.dimensions) {
      for (const w of [d.labelZh, d.labelEn, ...(d.synonyms ?? [])]) addContent(w, { kind: 'dimension', id: d.id }, 'model');
    }
    for (const dim of MEMBER_DIMS) {
      for (const mem of membersOf(dim) ?? []) {
        this.memberIndex.set(`${dim}:${mem.id}`, mem);
        const sense: Sense = { kind: 'member', dimension: dim, id: mem.id };
        const words = [mem.labelZh, mem.labelEn, ...(mem.synonyms ?? [])];
        if (dim === 'province') words.push(`${mem.labelEn} province`);
        if (dim === 'city') words.push(`${mem.labelEn} city`);
        if (dim === 'quadrant') words.push(`${mem.id}象限`, `${mem.id}类`, `${mem.id}类客户`, `quadrant ${mem.id}`, `${mem.id} quadrant`, mem.labelZh.slice(2), `${mem.id}象限客户`);
        if (dim === 'rfm_cell') words.push(mem.id);
        // RFM scores and one-letter quadrant ids are not words on their own
        if (dim === 'rfm_r' || dim === 'rfm_f' || dim === 'rfm_m') continue;
        for (const w of words) {
          if (!w) continue;
          if (dim === 'quadrant' && /^[a-d]$/i.test(w)) continue;
          addContent(w, sense, 'model');
        }
      }
    }
    for (const [g, l] of Object.entries(TIME_GRAIN_LABELS)) {
      const sense: Sense = { kind: 'grain', id: g as Grain };
      for (const w of [l.labelZh, l.labelEn, ...l.synonyms]) {
        if (hasCjk(w) && w.length < 2) continue; // 月 / 年 / 日 alone are not a grouping
        addContent(w, sense, 'model');
      }
    }
    for (const [w, s] of EXTRA_SENSES) addContent(w, s, 'parser');
    for (const [w, id] of CHARTS) this.add(w, { kind: 'chart', id }, 'parser');
    for (const [w, id] of COMPARES) this.add(w, { kind: 'compare', id }, 'parser');
    for (const w of AMBIGUOUS_COMPARES) { this.add(w, { kind: 'compare', id: 'yoy' }, 'parser'); this.add(w, { kind: 'compare', id: 'mom' }, 'parser'); }
    for (const [w, direction] of ORDER_WORDS) this.add(w, { kind: 'order', direction }, 'parser');
    for (const w of TREND_WORDS) this.add(w, { kind: 'trend' }, 'parser');
    for (const w of TOTAL_WORDS) this.add(w, { kind: 'total' }, 'parser');
    for (const w of NATIONAL_WORDS) this.add(w, { kind: 'national' }, 'parser');
    for (const w of WHOLE_PROVINCE_WORDS) this.add(w, { kind: 'wholeProvince' }, 'parser');
    for (const w of WHY_WORDS) this.add(w, { kind: 'stop' }, 'parser');
    for (const [w, reason] of OOS_WORDS) this.add(w, { kind: 'oos', reason }, 'parser');
    // a district or county: the data stops at its city, which the answer names
    for (const d of DISTRICTS) this.add(d.nameZh, { kind: 'oos', reason: `district:${d.city}` }, 'parser');
    for (const [w, id] of COMMANDS) this.add(w, { kind: 'command', id }, 'parser');
    for (const w of POSTFIX_REMOVE) this.add(w, { kind: 'command', id: 'remove', post: true }, 'parser');
    for (const [w, id] of CONNECTORS) this.add(w, { kind: 'connector', id }, 'parser');
    for (const w of STOP_WORDS) this.add(w, { kind: 'stop' }, 'parser');
    // English plural ↔ singular, only where the other form means nothing yet
    const pending = new Map<string, { word: string; senses: Sense[] }>();
    for (const [w, s] of variants) {
      const n = normWord(w);
      if (!/[a-z]$/.test(n) || n.length < 3) continue;
      const forms = n.endsWith('ies') ? [n.slice(0, -3) + 'y'] : n.endsWith('s') ? [n.slice(0, -1)] : n.endsWith('y') && !/[aeiou]y$/.test(n) ? [n.slice(0, -1) + 'ies'] : /(s|x|ch|sh)$/.test(n) ? [n + 'es'] : [n + 's'];
      for (const f of forms) {
        if (this.has(f)) continue;
        const p = pending.get(f) ?? { word: f, senses: [] };
        if (!p.senses.some((x) => senseKey(x) === senseKey(s))) p.senses.push(s);
        pending.set(f, p);
      }
    }
    for (const [f, p] of pending) for (const s of p.senses) this.insert(f, f, s, 'variant');
    // generic words name a member only in context
    for (const [w, weak] of CONTEXT_MEMBERS) {
      const node = this.node(normWord(w));
      if (node?.senses) node.senses = node.senses.map((x) => (x.kind === 'member' ? { ...x, weak } : x));
    }
  }

  private node(n: string): Node | undefined {
    let node: Node | undefined = this.root;
    for (const c of n) { node = node.next.get(c); if (!node) return undefined; }
    return node;
  }
}

export { senseKey };
