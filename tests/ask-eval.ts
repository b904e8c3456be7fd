/**
 * Accuracy report of the chat parser on a question set in the ask-examples.jsonl format.
 *   npx tsx tests/ask-eval.ts FILE.jsonl        (npm run ask:eval -- FILE.jsonl)
 * Prints accuracy per component (status, metrics, groupBy, filters, time, order/limit,
 * compare, chart), whole-turn accuracy and every miss. Always exits 0: it measures, it does not gate.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createParser } from '../server/domains/ask/index.ts';
import { COMPONENTS, parseJsonl, runDialogues, summarize } from '../server/domains/ask/evaluate.ts';

const file = process.argv[2] ?? (fs.existsSync('tests/fixtures/ask-examples.jsonl') ? 'tests/fixtures/ask-examples.jsonl' : '../shared/ask-examples.jsonl');
let text: string;
try {
  text = fs.readFileSync(path.resolve(process.cwd(), file), 'utf8');
} catch (e) {
  console.error(`cannot read ${file}: ${(e as Error).message}`);
  process.exit(0);
}
const dialogues = parseJsonl(text);
const parser = createParser();
const t0 = performance.now();
const scores = runDialogues(dialogues, parser.parse);
const ms = performance.now() - t0;
const sum = summarize(scores);
const pct = (p: number, t: number) => (t ? `${((100 * p) / t).toFixed(1)}%` : '—');
console.log(`ask-eval: ${file}: ${dialogues.length} dialogues, ${scores.length} turns, ${ms.toFixed(0)} ms`);
for (const c of COMPONENTS) {
  const { pass, total } = sum[c];
  console.log(`  ${(c === 'order' ? 'order/limit' : c).padEnd(12)} ${pct(pass, total).padStart(7)}  (${pass}/${total})`);
}
const whole = scores.filter((s) => Object.values(s.checks).every(Boolean)).length;
console.log(`  ${'turn'.padEnd(12)} ${pct(whole, scores.length).padStart(7)}  (${whole}/${scores.length})`);
const misses = scores.filter((s) => !Object.values(s.checks).every(Boolean));
if (misses.length) {
  console.log(`\nmisses (${misses.length}):`);
  for (const m of misses) {
    const failed = Object.entries(m.checks).filter(([, ok]) => !ok).map(([c]) => c).join(', ');
    console.log(`- ${m.dialogue}#${m.turn} ${JSON.stringify(m.question)} — wrong: ${failed}`);
    console.log(`    expected: ${m.expected.status} ${JSON.stringify(m.expected.interpretation ?? null)}${m.expected.chart ? ` chart=${m.expected.chart}` : ''}`);
    console.log(`    got:      ${m.got.status} ${JSON.stringify(m.got.interpretation)} chart=${m.got.chart}${m.got.message ? ` — ${m.got.message}` : ''}`);
  }
} else console.log('\nno misses');
process.exit(0);
