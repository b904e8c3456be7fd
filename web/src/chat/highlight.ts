/** Marking the words a CLARIFY answer did not understand, by their offsets in the question. Pure. */
import type { MarkedWord } from './model';

export interface Segment { text: string; marked: boolean }

/**
 * The question cut into plain and marked segments. Offsets are UTF-16 indices (what the
 * server's JavaScript counts); out-of-range offsets are clamped, overlapping words merge,
 * and a word whose offsets do not point at its text is looked up by its text instead.
 */
export function markWords(question: string, words: readonly MarkedWord[]): Segment[] {
  const spans: [number, number][] = [];
  for (const w of words) {
    let start = Math.max(0, Math.min(question.length, Math.trunc(w.start)));
    let end = Math.max(start, Math.min(question.length, Math.trunc(w.end)));
    if (w.text && question.slice(start, end) !== w.text) {
      const at = question.indexOf(w.text);
      if (at >= 0) { start = at; end = at + w.text.length; }
    }
    if (end > start) spans.push([start, end]);
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([...s]);
  }
  const out: Segment[] = [];
  let at = 0;
  for (const [a, b] of merged) {
    if (a > at) out.push({ text: question.slice(at, a), marked: false });
    out.push({ text: question.slice(a, b), marked: true });
    at = b;
  }
  if (at < question.length || !out.length) out.push({ text: question.slice(at), marked: false });
  return out.filter((s) => s.text.length > 0 || out.length === 1);
}
