import { describe, it, expect, afterAll } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'
import { createParser } from '../../server/domains/ask/index.ts'
import { parseJsonl, runDialogues, scoreTurn, type ExampleDialogue } from '../../server/domains/ask/evaluate.ts'

// Every dialogue of ask-examples.jsonl (ASK.md's worked examples, asOf 2025-06-15): status and
// interpretation per turn (metrics, groupBy and filters as sets), chart where given. The repo
// copy in tests/fixtures is preferred so the test never depends on ../shared; the shared file,
// when present, must be the same.
const repoCopy = path.resolve(process.cwd(), 'tests/fixtures/ask-examples.jsonl')
const shared = path.resolve(process.cwd(), '../shared/ask-examples.jsonl')
const file = fs.existsSync(repoCopy) ? repoCopy : shared
const dialogues: ExampleDialogue[] = parseJsonl(fs.readFileSync(file, 'utf8'))
const internalErrors: unknown[] = []
const parser = createParser({ onError: (e) => internalErrors.push(e) })

describe('ask-examples.jsonl', () => {
  it('has dialogues', () => {
    expect(dialogues.length).toBeGreaterThanOrEqual(39)
  })

  it('notes when ../shared has moved on from the repo copy (refresh tests/fixtures then)', () => {
    if (file === repoCopy && fs.existsSync(shared) && fs.readFileSync(shared, 'utf8') !== fs.readFileSync(repoCopy, 'utf8')) {
      console.warn('ask-examples: ../shared/ask-examples.jsonl differs from tests/fixtures/ask-examples.jsonl; run `npx tsx tests/ask-eval.ts ../shared/ask-examples.jsonl` and refresh the copy')
    }
    expect(file).toBeTruthy()
  })

  for (const d of dialogues) {
    it(`${d.id}: ${d.turns.map((t) => t.question).join(' → ')}`, () => {
      const scores = runDialogues([d], parser.parse)
      for (const s of scores) {
        const failed = Object.entries(s.checks).filter(([, ok]) => !ok).map(([c]) => c)
        expect({ turn: s.turn, question: s.question, failed, got: s.got.interpretation, status: s.got.status, message: s.got.message })
          .toMatchObject({ failed: [] })
      }
    })
  }

  it('a chart-only follow-up does not re-query', () => {
    const d = dialogues.find((x) => x.id === 'mt01')!
    const scores = runDialogues([d], parser.parse)
    const last = scores[scores.length - 1]
    expect(last.got.chart).toBe('bar')
    expect(last.got.requery).toBe(false)
    expect(scores.slice(0, -1).every((s) => s.got.requery)).toBe(true)
  })

  it('every ANSWERED turn restates in the question language, CLARIFY marks words', () => {
    for (const s of runDialogues(dialogues, parser.parse)) {
      if (s.got.status === 'ANSWERED') {
        expect(s.got.restatement.length).toBeGreaterThan(0)
        expect(s.got.language).toBe(/[\u4e00-\u9fff]/.test(s.question) ? 'zh' : 'en')
        if (!s.expected.interpretation?.timeRange) expect(s.got.restatement).toMatch(/默认时间范围|default time range|全部入网用户|all activations|最新评估|latest assessment/)
      } else {
        expect(s.got.interpretation).toBeNull()
        expect(s.got.message.length).toBeGreaterThan(0)
      }
      if (s.got.status === 'CLARIFY') expect(s.got.unknownWords.length).toBeGreaterThan(0)
    }
  })

  it('marks exactly the words it did not understand', () => {
    const r1 = parser.parse('深圳的利润率', { asOf: '2025-06-15' })
    expect(r1.unknownWords.map((w) => w.text)).toEqual(['利润率'])
    expect(r1.unknownWords[0]).toMatchObject({ start: 3, end: 6 })
    const r2 = parser.parse('show me the flux capacitance by channel', { asOf: '2025-06-15' })
    expect(r2.unknownWords.map((w) => w.text)).toEqual(['flux capacitance'])
  })

  it('scoreTurn treats missing keys as null / []', () => {
    const got = parser.parse('各价值分层的用户数', { asOf: '2025-06-15' })
    expect(scoreTurn({ question: '', status: 'ANSWERED', interpretation: { metrics: ['subscribers'], groupBy: ['value_tier'] } }, got))
      .toEqual({ status: true, metrics: true, groupBy: true, filters: true, time: true, order: true, compare: true })
  })
})

afterAll(() => {
  // the parser never throws, but an internal error turned into CLARIFY would hide a bug
  expect(internalErrors).toEqual([])
})
