/**
 * What each importable table accepts: its columns (DOMAIN.md ids), their kinds, which are
 * required, and what an omitted optional column stores. Pure data; `sql.ts` turns it into
 * the checks and the load. The README's import section is written from this file.
 */

export const IMPORT_TABLES = ['subscribers', 'usage', 'contacts', 'campaigns'] as const;
export type ImportTable = (typeof IMPORT_TABLES)[number];

export type Kind =
  | 'id' // subscriber id: whole number ≥ 1 (UInt64)
  | 'count' // whole number ≥ 0 (UInt32)
  | 'amount' // decimal number ≥ 0 (Float64)
  | 'score' // whole number 0–100
  | 'flag' // 0/1/true/false
  | 'date' // YYYY-MM-DD
  | 'month' // YYYY-MM
  | 'datetime' // YYYY-MM-DD HH:MM:SS (or T between)
  | 'member' // an id of `dimension`
  | 'city' // GB/T 2260 prefecture-level city code
  | 'province' // GB/T 2260 province code (only as a cross-check of city)
  | 'code'; // campaign id: letters, digits, _ . : - (≤ 64)

export interface ColumnSpec {
  id: string;
  kind: Kind;
  /** must be in the header and filled on every row */
  required: boolean;
  /** member kinds: the dimension whose ids are allowed */
  dimension?: string;
  /** optional columns: SQL of the stored value when the column is omitted or the cell empty */
  fallback?: string;
  /** checked but not stored (the product derives it), said so in the response */
  notStored?: string;
  /** date kinds: how many years past today a value may lie (default 0: not in the future) */
  yearsAhead?: number;
}

export interface TableSpec {
  id: ImportTable;
  /** the engine table rows go to */
  target: string;
  columns: ColumnSpec[];
  /** unique within the file and against the rows already loaded ([] = no key) */
  key: string[];
  /** every row names a subscriber that must already be loaded */
  needsSubscriber: boolean;
}

const req = (id: string, kind: Kind, dimension?: string): ColumnSpec => ({ id, kind, required: true, ...(dimension ? { dimension } : {}) });
const opt = (id: string, kind: Kind, fallback: string, dimension?: string): ColumnSpec => ({ id, kind, required: false, fallback, ...(dimension ? { dimension } : {}) });

export const TABLES: Record<ImportTable, TableSpec> = {
  subscribers: {
    id: 'subscribers',
    target: 'subscribers',
    key: ['sub_id'],
    needsSubscriber: false,
    columns: [
      req('sub_id', 'id'),
      req('city', 'city'),
      req('brand', 'member', 'brand'),
      req('activated_on', 'date'),
      // '' = not recorded: no sub-segment, channel, age band or gender is a safe guess
      opt('sub_segment', 'member', "''", 'sub_segment'),
      { ...opt('value_tier', 'member', "''", 'value_tier'), notStored: 'value_tier is derived every month from usage (seed 004 rules), so the file\'s values were checked but not stored' },
      // the mass-market defaults: a public individual, without a contract, on no credit list
      opt('customer_type', 'member', "'public_individual'", 'customer_type'),
      opt('contract_type', 'member', "'none'", 'contract_type'),
      // a contract runs on past today; the longest in seed 003 are 2-year terms (10 allowed)
      { ...opt('contract_end', 'date', 'NULL'), yearsAhead: 10 },
      opt('acquisition_channel', 'member', "''", 'channel'),
      opt('churned_on', 'date', 'NULL'),
      opt('age_band', 'member', "''", 'age_band'),
      opt('gender', 'member', "''", 'gender'),
      opt('credit_list', 'member', "'none'", 'credit_list'),
      // no score: stored as 0 with an empty band, so it never counts in the <40 band
      opt('satisfaction', 'score', 'NULL'),
      opt('loyalty', 'score', 'NULL'),
    ],
  },
  usage: {
    id: 'usage',
    target: 'usage_monthly',
    key: ['sub_id', 'month'],
    needsSubscriber: true,
    columns: [
      req('sub_id', 'id'),
      req('month', 'month'),
      req('revenue', 'amount'),
      req('minutes', 'amount'),
      req('data_mb', 'amount'),
      req('sms', 'count'),
      req('recharge', 'amount'),
    ],
  },
  contacts: {
    id: 'contacts',
    target: 'contacts',
    key: [],
    needsSubscriber: true,
    columns: [
      req('ts', 'datetime'),
      req('sub_id', 'id'),
      req('channel', 'member', 'channel'),
      req('direction', 'member', 'direction'),
      req('purpose', 'member', 'purpose'),
      req('lifecycle_stage', 'member', 'lifecycle_stage'),
      opt('campaign_id', 'code', "''"),
      req('converted', 'flag'),
      req('revenue', 'amount'),
      req('cost', 'amount'),
      req('handle_sec', 'count'),
      req('resolved_first', 'flag'),
    ],
  },
  campaigns: {
    id: 'campaigns',
    target: 'campaigns',
    key: ['campaign_id', 'month', 'city', 'list_type'],
    needsSubscriber: false,
    columns: [
      req('campaign_id', 'code'),
      req('month', 'month'),
      opt('province', 'province', "''"),
      req('city', 'city'),
      req('kind', 'member', 'campaign_kind'),
      req('list_type', 'member', 'list_type'),
      req('targeted', 'count'),
      req('hits', 'count'),
      req('contacted', 'count'),
      req('retained', 'count'),
    ],
  },
};

export const isImportTable = (t: string): t is ImportTable => (IMPORT_TABLES as readonly string[]).includes(t);
