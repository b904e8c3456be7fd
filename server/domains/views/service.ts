/**
 * Saved dashboard views over the append-only `saved_views` table (migration 002): every
 * save, default change, delete and restore appends a version; the latest version of a
 * view is what it is now. Shared views (owner '') belong to a scope; personal views belong
 * to one viewer in a scope. Values always travel as `{name:Type}` parameters.
 */
import { randomUUID } from 'node:crypto';
import type { Engine } from '../../engine/engine.ts';
import { badInput, forbidden, notFound } from '../../errors.ts';
import type { Scope } from '../../query/types.ts';
import { provinceOf, regionByCode } from '../../../seeds/regions.ts';

const appending = new Map<string, Promise<void>>();

export const VIEW_PAGES = ['overview', 'segments', 'channels', 'lifecycle', 'churn', 'capability'] as const;
export type ViewPage = (typeof VIEW_PAGES)[number];
export type Visibility = 'shared' | 'personal';
export type DefaultSource = 'own' | 'city' | 'province' | 'national';

export interface SavedView {
  id: string;
  version: number;
  scope: string;
  visibility: Visibility;
  owner: string;
  name: string;
  page: ViewPage;
  state: Record<string, string>;
  isDefault: boolean;
  deleted: boolean;
  savedAt: string;
  savedBy: string;
}

/** Who is asking: the id saves and personal views are recorded under, and the scope they may touch. */
export interface ViewViewer {
  id: string;
  scope: Scope;
  /** the viewer's role; shared views need an editing role (absent: trusted caller, e.g. tests of the store) */
  role?: string;
}

export interface SaveViewInput {
  id?: string | null;
  scope: string;
  name: string;
  page: string;
  state: unknown;
  visibility?: Visibility | null;
  isDefault?: boolean | null;
}

interface Row {
  view_id: string; version: number; scope: string; owner: string; name: string; page: string;
  state: string; is_default: number; deleted: number; saved_at: string; saved_by: string;
}

const NAME_MAX = 80;
const STATE_KEYS_MAX = 40;
const STATE_VALUE_MAX = 1000;
const STATE_KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,39}$/;
/** Keys the dashboard owns in the URL that are not part of a page's state. */
const NOT_STATE = new Set(['scope', 'view', 'lang']);

export const NATIONAL_SCOPE = 'national';

/** 'national', a province code or a city code → its chain from itself up to national. */
export function scopeChain(scope: string): { level: 'city' | 'province' | 'national'; code: string }[] {
  if (scope === NATIONAL_SCOPE) return [{ level: 'national', code: NATIONAL_SCOPE }];
  const r = regionByCode(scope);
  if (!r) throw badInput(`unknown scope "${scope}": use "national", a province or a city code (GB/T 2260)`);
  if (r.level === 'province') return [{ level: 'province', code: r.code }, { level: 'national', code: NATIONAL_SCOPE }];
  return [{ level: 'city', code: r.code }, { level: 'province', code: provinceOf(r.code) }, { level: 'national', code: NATIONAL_SCOPE }];
}

/** May a viewer limited to `viewer` read or write views of `scope`? */
export function covers(viewer: Scope, scope: string): boolean {
  if (viewer.level === 'national') return true;
  if (scope === NATIONAL_SCOPE) return false;
  if (viewer.level === 'province') return scope === viewer.province || provinceOf(scope) === viewer.province;
  return scope === viewer.city;
}

/** Shared views belong to a scope's executives and administrators; analysts keep personal views. */
const SHARED_EDITORS = new Set(['national_exec', 'province_exec', 'city_manager', 'admin']);
function assertCanEdit(viewer: ViewViewer, owner: string): void {
  if (owner === '' && viewer.role && !SHARED_EDITORS.has(viewer.role)) {
    throw forbidden('Shared views of a region are edited by its executives and administrators; save a personal view instead.');
  }
}

function assertCovers(viewer: ViewViewer, scope: string): void {
  scopeChain(scope); // validates the code
  if (!covers(viewer.scope, scope)) {
    // as every scope refusal (plan's applyScope): the viewer's region and what lies outside it
    const own = viewer.scope.level === 'national' ? 'national' : viewer.scope.level === 'province' ? viewer.scope.province : viewer.scope.city;
    const name = (code: string) => regionByCode(code)?.nameEn ?? code;
    throw forbidden(`Your access is limited to ${name(own)} (${own}); the views of ${name(scope)} (${scope}) are outside it.`, { scope: own, outside: [scope] });
  }
}

/** The page state a view keeps: the page's URL query as string pairs, without scope / view / lang. */
export function validateState(state: unknown): Record<string, string> {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) throw badInput('state must be an object of string values (the page URL query)');
  const out: Record<string, string> = {};
  const entries = Object.entries(state as Record<string, unknown>).filter(([k]) => !NOT_STATE.has(k));
  if (entries.length > STATE_KEYS_MAX) throw badInput(`state has ${entries.length} keys; at most ${STATE_KEYS_MAX}`);
  for (const [k, v] of entries) {
    if (!STATE_KEY.test(k)) throw badInput(`state key "${k.slice(0, 60)}" is not a plain name`);
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw badInput(`state.${k} must be a string`);
    const s = String(v);
    if (s.length > STATE_VALUE_MAX) throw badInput(`state.${k} is longer than ${STATE_VALUE_MAX} characters`);
    out[k] = s;
  }
  return out;
}

function validateName(name: string): string {
  const n = name.trim().replace(/\s+/g, ' ');
  if (!n) throw badInput('a view needs a name');
  if ([...n].length > NAME_MAX) throw badInput(`a view name has at most ${NAME_MAX} characters`);
  return n;
}

function validatePage(page: string): ViewPage {
  if (!(VIEW_PAGES as readonly string[]).includes(page)) throw badInput(`unknown page "${page}": one of ${VIEW_PAGES.join(', ')}`);
  return page as ViewPage;
}

const toView = (r: Row): SavedView => ({
  id: r.view_id,
  version: Number(r.version),
  scope: r.scope,
  visibility: r.owner ? 'personal' : 'shared',
  owner: r.owner,
  name: r.name,
  page: r.page as ViewPage,
  state: safeParse(r.state),
  isDefault: Number(r.is_default) === 1,
  deleted: Number(r.deleted) === 1,
  savedAt: new Date(r.saved_at.endsWith('Z') ? r.saved_at : `${r.saved_at.replace(' ', 'T')}Z`).toISOString(),
  savedBy: r.saved_by,
});

function safeParse(s: string): Record<string, string> {
  try {
    const v = JSON.parse(s);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

const COLS = 'view_id, version, scope, owner, name, page, state, is_default, deleted, saved_at, saved_by';

export class SavedViewsService {
  constructor(private readonly engine: Engine) {}

  private get table() {
    return this.engine.t('saved_views');
  }

  /** Latest version of each view matching `where` (params bound by the caller). */
  private async latest(where: string, params: Record<string, unknown>): Promise<SavedView[]> {
    // ties on version (two concurrent saves) resolve to the later saved_at
    const rows = await this.engine.query<Row>(
      `SELECT ${COLS} FROM ${this.table} WHERE ${where} ORDER BY view_id, version DESC, saved_at DESC LIMIT 1 BY view_id`, params);
    return rows.map(toView);
  }

  private visibleTo(v: SavedView, viewer: ViewViewer): boolean {
    return (v.owner === '' || v.owner === viewer.id) && covers(viewer.scope, v.scope);
  }

  async list(viewer: ViewViewer, scope: string, opts: { search?: string | null; page?: string | null; includeDeleted?: boolean | null } = {}): Promise<SavedView[]> {
    assertCovers(viewer, scope);
    if (opts.page) validatePage(opts.page);
    const search = (opts.search ?? '').trim().slice(0, NAME_MAX);
    const views = await this.latest(`scope = {scope:String} AND (owner = '' OR owner = {viewer:String})`, { scope, viewer: viewer.id });
    const needle = search.toLocaleLowerCase();
    return views
      .filter((v) => (opts.includeDeleted || !v.deleted) && (!opts.page || v.page === opts.page) && (!needle || v.name.toLocaleLowerCase().includes(needle)))
      .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name, 'zh-CN'));
  }

  async history(viewer: ViewViewer, id: string): Promise<SavedView[]> {
    const rows = await this.engine.query<Row>(`SELECT ${COLS} FROM ${this.table} WHERE view_id = {id:String} ORDER BY version DESC, saved_at DESC`, { id });
    const versions = rows.map(toView);
    if (!versions.length || !this.visibleTo(versions[0], viewer)) throw notFound(`no saved view "${id}"`);
    return versions;
  }

  async get(viewer: ViewViewer, id: string, version?: number | null): Promise<SavedView | null> {
    const versions = await this.history(viewer, id).catch((e) => { if (e?.code === 'NOT_FOUND') return []; throw e; });
    if (!versions.length) return null;
    if (version === undefined || version === null) return versions[0];
    return versions.find((v) => v.version === version) ?? null;
  }

  /** Appends are serialised per view (this process is the only writer): no two saves get one version number. */
  private async append(viewer: ViewViewer, v: Omit<SavedView, 'version' | 'savedAt' | 'savedBy'>): Promise<SavedView> {
    const previous = appending.get(v.id) ?? Promise.resolve();
    const mine = previous.then(() => this.appendNow(viewer, v));
    const settled = mine.then(() => {}, () => {});
    appending.set(v.id, settled);
    void settled.then(() => { if (appending.get(v.id) === settled) appending.delete(v.id); });
    return mine;
  }

  private async appendNow(viewer: ViewViewer, v: Omit<SavedView, 'version' | 'savedAt' | 'savedBy'>): Promise<SavedView> {
    const [m] = await this.engine.query<{ v: number }>(`SELECT max(version) AS v FROM ${this.table} WHERE view_id = {id:String}`, { id: v.id });
    const next: SavedView = { ...v, version: Number(m?.v ?? 0) + 1, savedAt: new Date().toISOString(), savedBy: viewer.id };
    await this.engine.insert('saved_views', [{
      view_id: next.id, version: next.version, scope: next.scope, owner: next.owner, name: next.name, page: next.page,
      state: JSON.stringify(next.state), is_default: next.isDefault ? 1 : 0, deleted: next.deleted ? 1 : 0,
      saved_at: next.savedAt.replace('T', ' ').replace('Z', ''), saved_by: next.savedBy,
    }], { settings: { date_time_input_format: 'best_effort' } }); // the table fsyncs every insert (migration 002): acknowledged = on disk
    return next;
  }

  /** Clears the default flag of the other defaults of the same scope and owner. */
  private async unsetOtherDefaults(viewer: ViewViewer, keep: SavedView): Promise<void> {
    const others = await this.latest(`scope = {scope:String} AND owner = {owner:String}`, { scope: keep.scope, owner: keep.owner });
    for (const o of others) {
      if (o.id !== keep.id && o.isDefault && !o.deleted) await this.append(viewer, { ...o, isDefault: false });
    }
  }

  async save(viewer: ViewViewer, input: SaveViewInput): Promise<SavedView> {
    const problems: string[] = [];
    const attempt = <T>(f: () => T): T | undefined => { try { return f(); } catch (e) { problems.push((e as Error).message); return undefined; } };
    const name = attempt(() => validateName(input.name ?? ''));
    const page = attempt(() => validatePage(input.page ?? ''));
    const state = attempt(() => validateState(input.state));
    attempt(() => scopeChain(input.scope ?? ''));
    if (problems.length) throw badInput(problems.join('; '), { problems });
    assertCovers(viewer, input.scope);
    const visibility: Visibility = input.visibility ?? 'shared';
    let base: SavedView | undefined;
    if (input.id) {
      base = (await this.get(viewer, input.id)) ?? undefined;
      if (!base) throw notFound(`no saved view "${input.id}"`);
      if (base.scope !== input.scope) throw badInput('a view keeps its scope; save a new view for another scope');
    }
    assertCanEdit(viewer, base ? base.owner : visibility === 'personal' ? viewer.id : '');
    const saved = await this.append(viewer, {
      id: base?.id ?? randomUUID(),
      scope: input.scope,
      visibility,
      // visibility is fixed by the first save: the owner never changes between versions
      owner: base ? base.owner : visibility === 'personal' ? viewer.id : '',
      name: name!, page: page!, state: state!,
      isDefault: input.isDefault ?? base?.isDefault ?? false,
      deleted: false,
    });
    if (saved.isDefault) await this.unsetOtherDefaults(viewer, saved);
    return saved;
  }

  private async current(viewer: ViewViewer, id: string): Promise<SavedView> {
    const v = await this.get(viewer, id);
    if (!v) throw notFound(`no saved view "${id}"`);
    assertCovers(viewer, v.scope);
    assertCanEdit(viewer, v.owner);
    return v;
  }

  async setDefault(viewer: ViewViewer, id: string, isDefault: boolean): Promise<SavedView> {
    const v = await this.current(viewer, id);
    if (v.deleted) throw badInput('a deleted view cannot be the default; restore it first');
    const saved = await this.append(viewer, { ...v, isDefault });
    if (isDefault) await this.unsetOtherDefaults(viewer, saved);
    return saved;
  }

  async remove(viewer: ViewViewer, id: string): Promise<SavedView> {
    const v = await this.current(viewer, id);
    if (v.deleted) return v;
    return this.append(viewer, { ...v, deleted: true, isDefault: false });
  }

  async restore(viewer: ViewViewer, id: string, version: number): Promise<SavedView> {
    const versions = await this.history(viewer, id);
    assertCovers(viewer, versions[0].scope);
    const old = versions.find((x) => x.version === version);
    if (!old) throw notFound(`view "${id}" has no version ${version}`);
    assertCanEdit(viewer, old.owner);
    const saved = await this.append(viewer, { ...old, deleted: false });
    if (saved.isDefault) await this.unsetOtherDefaults(viewer, saved);
    return saved;
  }

  /** URL > the viewer's own default > city default > province default > national default (the URL part is the client's). */
  async effectiveDefault(viewer: ViewViewer, scope: string): Promise<{ source: DefaultSource; view: SavedView } | null> {
    const chain = scopeChain(scope);
    assertCovers(viewer, scope);
    const codes = chain.map((c) => c.code);
    const defaults = (await this.latest(`scope IN {codes:Array(String)} AND (owner = '' OR owner = {viewer:String})`, { codes, viewer: viewer.id }))
      .filter((v) => v.isDefault && !v.deleted);
    const own = defaults.find((v) => v.owner === viewer.id && v.scope === scope);
    if (own) return { source: 'own', view: own };
    for (const c of chain) {
      const v = defaults.find((d) => d.owner === '' && d.scope === c.code);
      if (v) return { source: c.level, view: v };
    }
    return null;
  }
}
