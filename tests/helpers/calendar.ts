/**
 * Calendar arithmetic and reference computations for tests, written from DOMAIN.md and
 * independent of server/query/time.ts and of any SQL: the engine's answers are held to these.
 */

/** YYYY-MM + n months. */
export function addMonth(ym: string, n: number): string {
  const t = +ym.slice(0, 4) * 12 + (+ym.slice(5, 7) - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}
export const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** Whole months from a to b as an age counts them (DOMAIN.md). */
export function tenure(a: string, b: string): number {
  const [ya, ma, da] = a.split('-').map(Number);
  const [yb, mb, db] = b.split('-').map(Number);
  return (yb - ya) * 12 + mb - ma - (db < da ? 1 : 0);
}
/** Day + n calendar months, clamped to the month's last day (as ClickHouse addMonths). */
export function addMonthsDay(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  const ny = Math.floor(t / 12);
  const nm = (t % 12) + 1;
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, daysIn(ny, nm))).padStart(2, '0')}`;
}
const shiftDay = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
export const prevDay = (day: string) => shiftDay(day, -1);
export const nextDay = (day: string) => shiftDay(day, 1);

export interface ContractSub { activated_on: string; churned_on: string | null; contract_type: string; contract_end: string | null }
export interface ContractCell { key: string; contractType: string; relativeMonth: number; atRisk: number; churned: number }

/**
 * Contract-expiry churn, subscriber by subscriber and window by window: window k is
 * [contract_end + k months, contract_end + k + 1 months), counted once its last day is on or
 * before as-of; at risk if activated before it starts and not churned before; churned if it
 * churned inside it. Cells sorted by key, contract type, k.
 */
export function contractChurnReference<S extends ContractSub>(subs: S[], asOf: string, keyOf: (s: S) => string = () => ''): ContractCell[] {
  const cells = new Map<string, ContractCell>();
  for (const x of subs) {
    if (!x.contract_end || x.activated_on > asOf) continue;
    for (let k = -6; k <= 6; k++) {
      const start = addMonthsDay(x.contract_end, k);
      const end = addMonthsDay(x.contract_end, k + 1);
      if (prevDay(end) > asOf) continue; // window not complete by as-of
      const id = `${keyOf(x)}|${x.contract_type}|${k}`;
      const c = cells.get(id) ?? { key: keyOf(x), contractType: x.contract_type, relativeMonth: k, atRisk: 0, churned: 0 };
      cells.set(id, c);
      if (x.activated_on >= start || (x.churned_on !== null && x.churned_on < start)) continue;
      c.atRisk++;
      if (x.churned_on !== null && x.churned_on < end) c.churned++;
    }
  }
  return [...cells.values()].sort((a, b) => a.key.localeCompare(b.key) || a.contractType.localeCompare(b.contractType) || a.relativeMonth - b.relativeMonth);
}
