/** Marking the words a CLARIFY answer did not understand, by offsets. Pure, no DOM. */
import { describe, expect, it } from 'vitest';
import { markWords } from '../../web/src/chat/highlight';

const marked = (q: string, words: { text: string; start: number; end: number }[]) => markWords(q, words).map((s) => (s.marked ? `[${s.text}]` : s.text)).join('');

describe('unknown words marked by their offsets', () => {
  it('marks the word the server points at', () => {
    expect(markWords('深圳的利润率', [{ text: '利润率', start: 3, end: 6 }])).toEqual([{ text: '深圳的', marked: false }, { text: '利润率', marked: true }]);
    expect(marked('churm rate by brand', [{ text: 'churm', start: 0, end: 5 }])).toBe('[churm] rate by brand');
  });
  it('marks several words, in order, merging overlaps', () => {
    expect(marked('广州的利润率和好评度', [{ text: '好评度', start: 7, end: 10 }, { text: '利润率', start: 3, end: 6 }])).toBe('广州的[利润率]和[好评度]');
    expect(marked('abcdef', [{ text: 'bcd', start: 1, end: 4 }, { text: 'cde', start: 2, end: 5 }])).toBe('a[bcde]f');
  });
  it('clamps offsets out of range and finds the word by its text when the offsets do not match', () => {
    expect(marked('深圳的利润率', [{ text: '利润率', start: 4, end: 99 }])).toBe('深圳的[利润率]');
    expect(marked('abc', [{ text: '', start: 5, end: 9 }])).toBe('abc');
    expect(marked('abc', [{ text: 'zz', start: -3, end: 1 }])).toBe('[a]bc');
  });
  it('counts UTF-16 units like the server (astral characters before the word)', () => {
    const q = '😀深圳的利润率';
    expect(marked(q, [{ text: '利润率', start: 5, end: 8 }])).toBe('😀深圳的[利润率]');
  });
  it('without words the question comes back whole (also when empty)', () => {
    expect(markWords('广东各地市的离网率', [])).toEqual([{ text: '广东各地市的离网率', marked: false }]);
    expect(markWords('', [])).toEqual([{ text: '', marked: false }]);
  });
});
