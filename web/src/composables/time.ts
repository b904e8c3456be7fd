/** Month arithmetic on 'YYYY-MM' strings (pure). */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

/** The latest complete month on an as-of date (YYYY-MM-DD): its own month only on its last day. */
export function latestCompleteMonth(asOf: string): string {
  const d = new Date(`${asOf.slice(0, 10)}T00:00:00Z`);
  const next = new Date(d.getTime() + 86_400_000);
  const month = asOf.slice(0, 7);
  return next.getUTCMonth() !== d.getUTCMonth() ? month : addMonths(month, -1);
}

/** Months from `from` to `to` inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 600; m = addMonths(m, 1)) out.push(m);
  return out;
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** A month's name in the UI's language: 2026年10月 / Oct 2026. */
export function monthName(month: string, lang: 'zh' | 'en'): string {
  const [y, m] = month.split('-');
  return lang === 'en' ? `${EN_MONTHS[Number(m) - 1]} ${y}` : `${y}年${Number(m)}月`;
}
