/**
 * Text normalisation for the chat parser, applied identically to questions and to every
 * lexicon entry, so matching is a plain string comparison afterwards:
 *   control / format characters → space · NFKC (full-width → half-width) · lowercase ·
 *   traditional → simplified (OpenCC) · dashes between letters → space · whitespace collapsed ·
 *   Chinese numerals in numeric context → digits (前五 → 前5, 十二个月 → 12个月, 一季度 → 1季度).
 * Every output character remembers the span of the original it came from, so words that
 * were not understood can be marked in the user's own text.
 */
import * as OpenCC from 'opencc-js/t2cn';

const toSimplified: (s: string) => string = OpenCC.Converter({ from: 'tw', to: 'cn' });
/**
 * OpenCC reads a lone 么 / 麼 as 幺 (a phrase such as 这么 keeps 么): both are the particle
 * here, so a question and a lexicon word (the function word 么) fold alike (深圳離網率為什麼這麼高)
 */
const PARTICLE: Record<string, string> = { 么: '么', 麼: '么' };
const keep = (from: string, to: string) => PARTICLE[from] ?? to;

export interface Normalized {
  text: string;
  /** original [start, end) of each output character (UTF-16 offsets into the question) */
  spans: [number, number][];
}

interface Ch { c: string; s: number; e: number }

const CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const SPACE = /\s/u;
const DASH = /[\-\u2010-\u2015\u2212_]/;
const ASCII_WORD = /[a-z0-9]/;

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const NUMERAL = /[零〇一二两三四五六七八九十百]/;
/** a numeral run is a number when followed by one of these… */
const NUM_AFTER = ['个', '月', '季', '年', '天', '日', '号', '名', '位', '周', '星期', '强', '家', '项', '大', '元', '块', '岁', '万'];
/** …or preceded by one of these */
const NUM_BEFORE = ['前', '近', '后', '第', '过去', '最近', '倒数', '排名', 'top', 'bottom'];

/** Chinese numeral → integer: 十二 → 12, 二十四 → 24, 一百 → 100, 二〇二四 → 2024 (digit by digit). */
export function chineseNumber(s: string): number | null {
  if (!s) return null;
  if (!/[十百]/.test(s)) {
    let v = 0;
    for (const c of s) { if (DIGIT[c] === undefined) return null; v = v * 10 + DIGIT[c]; }
    return v;
  }
  let total = 0;
  let cur = 0;
  for (const c of s) {
    if (c === '百') { total += (cur || 1) * 100; cur = 0; }
    else if (c === '十') { total += (cur || 1) * 10; cur = 0; }
    else if (DIGIT[c] !== undefined) cur = DIGIT[c];
    else return null;
  }
  return total + cur;
}

function startsWithAt(chars: Ch[], i: number, w: string): boolean {
  if (i < 0 || i + w.length > chars.length) return false;
  for (let k = 0; k < w.length; k++) if (chars[i + k].c !== w[k]) return false;
  return true;
}
function endsWithBefore(chars: Ch[], i: number, w: string): boolean {
  // the characters just before i spell w (spaces between are skipped once)
  let j = i - 1;
  while (j >= 0 && chars[j].c === ' ') j--;
  return startsWithAt(chars, j - w.length + 1, w);
}

function foldNumerals(chars: Ch[]): Ch[] {
  const out: Ch[] = [];
  let i = 0;
  while (i < chars.length) {
    if (!NUMERAL.test(chars[i].c)) { out.push(chars[i]); i++; continue; }
    let j = i;
    while (j < chars.length && NUMERAL.test(chars[j].c)) j++;
    const run = chars.slice(i, j).map((x) => x.c).join('');
    const numeric = NUM_AFTER.some((w) => startsWithAt(chars, j, w)) || NUM_BEFORE.some((w) => endsWithBefore(chars, i, w));
    const v = numeric ? chineseNumber(run) : null;
    if (v === null) { for (let k = i; k < j; k++) out.push(chars[k]); }
    else {
      const digits = String(v);
      const s = chars[i].s;
      const e = chars[j - 1].e;
      for (const d of digits) out.push({ c: d, s, e });
    }
    i = j;
  }
  return out;
}

export const EN_NUM: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, fifty: 50,
};
const EN_BEFORE = new Set(['top', 'bottom', 'last', 'past', 'previous', 'first', 'recent', 'trailing', 'latest', 'best', 'worst', 'highest', 'lowest', 'the']);
const EN_AFTER = new Set(['month', 'months', 'quarter', 'quarters', 'year', 'years', 'week', 'weeks', 'day', 'days', 'highest', 'lowest', 'best', 'worst', 'largest', 'smallest']);

/** English number words in numeric context: top five → top 5, last six months → last 6 months. */
function foldEnglishNumbers(chars: Ch[]): Ch[] {
  const text = chars.map((x) => x.c).join('');
  const words: { w: string; s: number; e: number }[] = [];
  for (const m of text.matchAll(/[a-z]+/g)) words.push({ w: m[0], s: m.index!, e: m.index! + m[0].length });
  const replace = new Map<number, { e: number; v: number }>();
  words.forEach((x, k) => {
    const v = EN_NUM[x.w];
    if (v === undefined) return;
    if (EN_BEFORE.has(words[k - 1]?.w ?? '') || EN_AFTER.has(words[k + 1]?.w ?? '')) replace.set(x.s, { e: x.e, v });
  });
  if (!replace.size) return chars;
  const out: Ch[] = [];
  for (let i = 0; i < chars.length; i++) {
    const r = replace.get(i);
    if (!r) { out.push(chars[i]); continue; }
    for (const d of String(r.v)) out.push({ c: d, s: chars[i].s, e: chars[r.e - 1].e });
    i = r.e - 1;
  }
  return out;
}

export function normalize(input: string): Normalized {
  // 1. code points → control-free, NFKC, lowercase, with source spans
  let chars: Ch[] = [];
  let pos = 0;
  for (const cp of input) {
    const s = pos;
    const e = pos + cp.length;
    pos = e;
    if (CONTROL.test(cp) || SPACE.test(cp)) { chars.push({ c: ' ', s, e }); continue; }
    const n = cp.normalize('NFKC').toLowerCase();
    for (const c of n) chars.push({ c, s, e });
  }
  // 2. traditional → simplified; OpenCC is length-preserving for nearly everything, else per character
  const joined = chars.map((x) => x.c).join('');
  if (/[^\x00-\x7f]/.test(joined)) {
    const simp = toSimplified(joined);
    if (simp.length === joined.length) {
      for (let k = 0; k < chars.length; k++) chars[k].c = keep(chars[k].c, simp[k]);
    } else {
      const next: Ch[] = [];
      for (const x of chars) for (const c of toSimplified(x.c)) next.push({ c: keep(x.c, c), s: x.s, e: x.e });
      chars = next;
    }
  }
  // 3. dashes: between letters a space (m-zone → m zone), between digits '-', else a space
  for (let k = 0; k < chars.length; k++) {
    if (!DASH.test(chars[k].c)) continue;
    const prev = chars[k - 1]?.c ?? '';
    const next = chars[k + 1]?.c ?? '';
    chars[k].c = /[0-9]/.test(prev) && /[0-9]/.test(next) ? '-' : ' ';
  }
  // 4. whitespace collapsed to single spaces, trimmed
  const collapsed: Ch[] = [];
  for (let k = 0; k < chars.length; k++) {
    const x = chars[k];
    if (x.c === ' ') {
      const prev = collapsed[collapsed.length - 1];
      if (!prev || prev.c === ' ') continue;
      collapsed.push(x);
    } else collapsed.push(x);
  }
  while (collapsed.length && collapsed[collapsed.length - 1].c === ' ') collapsed.pop();
  // 5. numerals in numeric context
  const folded = foldEnglishNumbers(foldNumerals(collapsed));
  return { text: folded.map((x) => x.c).join(''), spans: folded.map((x) => [x.s, x.e]) };
}

/** Normalised form of a lexicon word (same pipeline, spans dropped). */
export const normWord = (w: string): string => normalize(w).text;

export const isAsciiWordChar = (c: string | undefined): boolean => !!c && ASCII_WORD.test(c);
export const hasCjk = (s: string): boolean => /[\u3400-\u9fff\uf900-\ufaff]/.test(s);
