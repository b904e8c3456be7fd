/**
 * Embeds: minting (from a saved view or a query, by an analyst / admin or by a host page's
 * backend with an API key) and rendering (token → the one metric query → data and labels).
 * Both take the one road: `plan` checks the query against the minter's scope at mint time
 * (FORBIDDEN then, not at render), `runMetricQuery` runs it with the token's scope claim.
 */
import type { Logger } from 'pino';
import { can, scopeCode, scopeOf } from '../auth/identity.ts';
import type { Dataset } from '../domains/dataset.ts';
import { SavedViewsService } from '../domains/views/service.ts';
import type { Engine } from '../engine/engine.ts';
import { AppError, badInput, forbidden, notFound } from '../errors.ts';
import type { Viewer } from '../http/context.ts';
import { model } from '../model/index.ts';
import { runMetricQuery } from '../query/execute.ts';
import { plan } from '../query/plan.ts';
import { lastCompleteMonth, ymStr } from '../query/time.ts';
import type { ResultCache } from '../query/cache.ts';
import type { Column, Filter, MetricQuery, Scope } from '../query/types.ts';
import { TIME_CONTROL, type ChartKind, type EmbedClaims, type EmbedLang } from './claims.ts';
import { checkChartFit, viewChartQuery } from './charts.ts';
import { parseLang, parseMint, type MintInput } from './input.ts';
import { labelsFor, memberOptions, type EmbedLabels, type MemberLabel } from './labels.ts';
import { MAX_TTL_SECONDS, MIN_TTL_SECONDS, type EmbedTokens } from './token.ts';

/** Who mints: a signed-in viewer, or the host page's user as its backend vouches (API key). */
export interface Minter { id: string; scope: Scope }

/** The part of the audit trail (server/engine/audit.ts) embeds write to. */
export interface AuditSink {
  record(e: { viewer: string; role: string; scope: string; entry: string; query: unknown; rows: number; status: string }): void;
}

export interface MintedEmbed {
  token: string;
  /** the product-relative page that renders the chart */
  url: string;
  expiresAt: string;
  chart: ChartKind;
  scope: string;
  query: MetricQuery;
}

export type EmbedControl =
  | { id: typeof TIME_CONTROL; from: string | null; to: string | null; max: string; min: string | null }
  | { id: string; label: { zh: string; en: string }; selected: string[]; options: MemberLabel[] };

/** What GET /api/embed/data answers: everything the embed bundle needs to draw the chart. */
export interface EmbedData {
  chart: ChartKind;
  lang: EmbedLang;
  scope: string;
  query: MetricQuery;
  columns: Column[];
  rows: Record<string, unknown>[];
  totals: Record<string, unknown> | null;
  resolved: { from: string | null; to: string | null; asOf: string; timeDefaulted: boolean };
  labels: EmbedLabels;
  controls: EmbedControl[];
  expiresAt: string;
}

const MAX_CONTROLS = 8;
const CONTROL_PARAM = /^f\.([A-Za-z][A-Za-z0-9_]{0,63})$/;
const PARAMS_HELP = 'an embed takes token, lang, from and to (when the time range is a control) and f.<dimension> (when that dimension is a control); its scope and locked filters come from the token';

export interface EmbedServiceDeps {
  engine: Engine;
  dataset: Dataset;
  tokens: EmbedTokens;
  defaultTtlSeconds: number;
  log?: Logger;
  audit?: AuditSink;
  /** the app's result cache (keyed by query, scope, as-of and data version) */
  results?: ResultCache;
}

export class EmbedService {
  constructor(private readonly deps: EmbedServiceDeps) {}

  /** createEmbed: analysts and administrators, within their own scope. */
  async mintFor(viewer: Viewer, input: MintInput): Promise<MintedEmbed> {
    if (!can.makeEmbeds(viewer)) throw forbidden(`Embeds are made by analysts and administrators; a ${viewer.role} cannot mint one.`);
    return this.mint({ id: viewer.id, scope: viewer.scope }, input);
  }

  async mint(minter: Minter, input: MintInput): Promise<MintedEmbed> {
    const m = parseMint(input);
    const asOf = this.deps.dataset.asOf;
    let query: MetricQuery;
    let view: { id: string; version: number } | null = null;
    if ('view' in m.source) {
      const { id, version, dimension } = m.source.view;
      const v = await new SavedViewsService(this.deps.engine).get({ id: minter.id, scope: minter.scope }, id, version);
      if (!v) throw notFound(`no saved view "${id}"${version ? ` with version ${version}` : ''} in your scope`);
      if (v.deleted) throw badInput(`view "${v.name}" is deleted; restore it before embedding it`);
      query = viewChartQuery(v, m.chart, asOf, dimension);
      view = { id: v.id, version: v.version };
    } else {
      query = m.source.query;
    }
    // the whole query, locked filters included, against the minter's scope: a region outside it is FORBIDDEN here
    const p = plan({ ...query, filters: [...(query.filters ?? []), ...m.lockedFilters] }, { asOf, scope: minter.scope });
    checkChartFit(m.chart, p);
    const problems: string[] = [];
    const locked = new Set(m.lockedFilters.map((f) => f.dimension));
    if (m.allowControls.length > MAX_CONTROLS) problems.push(`at most ${MAX_CONTROLS} controls`);
    for (const c of m.allowControls) {
      if (c === TIME_CONTROL) {
        if (p.executor === 'capability') problems.push('capability scores have no time range to control');
        continue;
      }
      if (!model.dimension(c)) { problems.push(`unknown control "${c}": use "${TIME_CONTROL}" or a dimension id`); continue; }
      if (locked.has(c)) problems.push(`"${c}" is a locked filter; it cannot also be a control`);
      for (const part of p.parts) if (!(c in part.cube.dimensions)) problems.push(`control "${c}" does not apply to ${part.metrics.map((x) => x.id).join(', ')}`);
    }
    const ttl = m.ttlSeconds ?? this.deps.defaultTtlSeconds;
    if (ttl < MIN_TTL_SECONDS || ttl > MAX_TTL_SECONDS) problems.push(`ttlSeconds must be from ${MIN_TTL_SECONDS} to ${MAX_TTL_SECONDS} (24 hours)`);
    if (problems.length) throw badInput(problems.join('; '), { problems });

    const scope = scopeCode(minter.scope);
    const spec = { query, chart: m.chart, lockedFilters: m.lockedFilters, allowControls: m.allowControls, lang: m.lang, view };
    const { token, expiresAt, jti } = await this.deps.tokens.sign(spec, { sub: minter.id, scope }, ttl);
    this.deps.log?.info({ jti, sub: minter.id, scope, chart: m.chart, view, expiresAt }, 'embed minted');
    return { token, url: `/embed/${token}`, expiresAt: expiresAt.toISOString(), chart: m.chart, scope, query };
  }

  /** Verifies a token (UNAUTHENTICATED with a reason otherwise). */
  verify(token: string | undefined | null): Promise<EmbedClaims> {
    return this.deps.tokens.verify(token);
  }

  /** The token's chart: its query with the allowed controls applied, in the token's scope. */
  async render(token: string | undefined | null, params: Record<string, unknown>, signal?: AbortSignal): Promise<EmbedData> {
    const claims = await this.verify(token);
    const scope = scopeOf(claims.scope);
    if (!scope) throw new AppError('UNAUTHENTICATED', `The embed token's scope "${claims.scope.slice(0, 16)}" is not a region; mint a new one.`, { reason: 'claims' });
    const { query, lang } = applyControls(claims, params);
    const { engine, dataset, results, audit } = this.deps;
    const r = await runMetricQuery(query, {
      engine, asOf: dataset.asOf, firstMonth: dataset.firstMonth, scope, signal,
      cache: results ? { results, dataVersion: dataset.version } : undefined,
      onResult: (q, rows) => audit?.record({ viewer: claims.sub, role: 'embed', scope: claims.scope, entry: 'embed', query: { ...(q as object), embed: claims.jti }, rows, status: 'ok' }),
    });
    const metricIds = r.columns.filter((c) => model.metric(c.id)).map((c) => c.id);
    const dims = (query.groupBy ?? []).filter((g) => model.dimension(g));
    const labels = labelsFor(metricIds, dims, r.rows, claims.chart === 'scatter' ? ['channel_class'] : []);
    const controls: EmbedControl[] = claims.allowControls.map((c) => {
      if (c === TIME_CONTROL) return { id: c, from: r.resolved.from?.slice(0, 7) ?? null, to: r.resolved.to?.slice(0, 7) ?? null, max: ymStr(lastCompleteMonth(dataset.asOf)), min: dataset.firstMonth };
      const d = model.dimension(c)!;
      const selected = (query.filters ?? []).filter((f) => f.dimension === c && f.op === 'in').flatMap((f) => f.values);
      return { id: c, label: { zh: d.labelZh, en: d.labelEn }, selected, options: memberOptions(c, scope, claims.lockedFilters) };
    });
    return {
      chart: claims.chart, lang, scope: claims.scope, query,
      columns: r.columns, rows: r.rows, totals: r.totals,
      resolved: { from: r.resolved.from, to: r.resolved.to, asOf: r.resolved.asOf, timeDefaulted: r.resolved.timeDefaulted },
      labels, controls, expiresAt: new Date(claims.exp * 1000).toISOString(),
    };
  }
}

/**
 * Request parameters → the token's query with the allowed controls applied and the locked
 * filters last. A parameter the token does not allow is FORBIDDEN; one no embed knows
 * (say `scope`) is BAD_USER_INPUT: neither ever widens what the token shows.
 */
export function applyControls(claims: EmbedClaims, params: Record<string, unknown>): { query: MetricQuery; lang: EmbedLang } {
  const allowed = new Set(claims.allowControls);
  const q: MetricQuery = structuredClone(claims.query);
  let filters: Filter[] = [...(q.filters ?? [])];
  let lang: EmbedLang = claims.lang;
  const str = (k: string): string => {
    const v = params[k];
    if (typeof v !== 'string' || v.length > 4000) throw badInput(`parameter "${k.slice(0, 40)}" must be given once, as text`);
    return v;
  };
  for (const key of Object.keys(params)) {
    if (key === 'token') continue;
    if (key === 'lang') {
      const l = parseLang(str(key));
      if (!l) throw badInput('lang must be zh or en');
      lang = l;
      continue;
    }
    if (key === 'from' || key === 'to') {
      if (!allowed.has(TIME_CONTROL)) throw forbidden(`This embed does not let the time range change (its controls: ${claims.allowControls.join(', ') || 'none'}).`);
      continue; // applied below, as a pair
    }
    const control = CONTROL_PARAM.exec(key);
    if (!control) throw badInput(`unknown parameter "${key.slice(0, 40)}": ${PARAMS_HELP}`);
    const dim = control[1];
    if (!allowed.has(dim)) throw forbidden(`This embed does not let "${dim}" change (its controls: ${claims.allowControls.join(', ') || 'none'}).`);
    const values = str(key).split(',').map((v) => v.trim()).filter(Boolean);
    filters = filters.filter((f) => f.dimension !== dim);
    if (values.length) filters.push({ dimension: dim, op: 'in', values }); // empty: all members (within the scope)
  }
  if (params.from !== undefined || params.to !== undefined) {
    if (params.from === undefined || params.to === undefined) throw badInput('give both from and to (YYYY-MM or YYYY-MM-DD)');
    q.timeRange = { from: str('from'), to: str('to') };
  }
  q.filters = [...filters, ...claims.lockedFilters];
  return { query: q, lang };
}
