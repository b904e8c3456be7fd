/** Saved views against the real embedded engine (fresh data dir: chDB binds one per process). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { Engine } from '../../server/engine/engine';
import { migrate } from '../../server/engine/migrate';
import { SavedViewsService, type ViewViewer } from '../../server/domains/views/service';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-views-'));
let engine: Engine;
let svc: SavedViewsService;
const admin: ViewViewer = { id: 'demo', scope: { level: 'national' } };
const shenzhenManager: ViewViewer = { id: 'sz-manager', scope: { level: 'city', province: '440000', city: '440300' } };
const guangdongExec: ViewViewer = { id: 'gd-exec', scope: { level: 'province', province: '440000' } };

beforeAll(async () => {
  const config = loadConfig({ DATA_DIR: dir, NODE_ENV: 'test' });
  engine = await Engine.open(config.engine);
  await migrate(engine);
  svc = new SavedViewsService(engine);
}, 60_000);
afterAll(async () => {
  await engine?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => e.code as string);

describe('saved views service', () => {
  it('saves versions, lists the latest, searches by name', async () => {
    const v1 = await svc.save(admin, { scope: '440300', name: '深圳 早会', page: 'overview', state: { from: '2026-01', map: 'arpu', scope: 'ignored' } });
    expect(v1.version).toBe(1);
    expect(v1.state).toEqual({ from: '2026-01', map: 'arpu' });
    expect(v1.visibility).toBe('shared');
    const v2 = await svc.save(admin, { id: v1.id, scope: '440300', name: '深圳 早会（新）', page: 'segments', state: { scheme: 'brand' } });
    expect(v2.version).toBe(2);
    await svc.save(admin, { scope: '440300', name: 'Channel review', page: 'channels', state: {} });
    const churn = await svc.save(admin, { scope: '440300', name: '离网 复盘', page: 'churn', state: { brand: 'mzone', trend: 'churned_subscribers' } });
    expect(churn).toMatchObject({ page: 'churn', state: { brand: 'mzone', trend: 'churned_subscribers' } });
    await expect(svc.save(admin, { scope: '440300', name: 'x', page: 'nowhere', state: {} })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const list = await svc.list(admin, '440300');
    expect(list.map((v) => [v.name, v.version])).toEqual(expect.arrayContaining([['深圳 早会（新）', 2], ['Channel review', 1], ['离网 复盘', 1]]));
    expect(list).toHaveLength(3);
    expect((await svc.list(admin, '440300', { search: '早会' })).map((v) => v.name)).toEqual(['深圳 早会（新）']);
    expect((await svc.list(admin, '440300', { search: 'REVIEW' })).map((v) => v.name)).toEqual(['Channel review']);
    expect(await svc.list(admin, '440100')).toEqual([]);
  });

  it('keeps history, restores an older version, and deletes recoverably', async () => {
    const [v] = await svc.list(admin, '440300', { search: '早会' });
    const restored = await svc.restore(admin, v.id, 1);
    expect(restored).toMatchObject({ version: 3, name: '深圳 早会', page: 'overview', state: { from: '2026-01', map: 'arpu' } });
    const del = await svc.remove(admin, v.id);
    expect(del).toMatchObject({ version: 4, deleted: true });
    expect((await svc.list(admin, '440300')).some((x) => x.id === v.id)).toBe(false);
    expect((await svc.list(admin, '440300', { includeDeleted: true })).find((x) => x.id === v.id)?.deleted).toBe(true);
    expect((await svc.history(admin, v.id)).map((h) => h.version)).toEqual([4, 3, 2, 1]);
    const back = await svc.restore(admin, v.id, 3);
    expect(back).toMatchObject({ version: 5, deleted: false, name: '深圳 早会' });
    expect((await svc.get(admin, v.id, 2))?.name).toBe('深圳 早会（新）');
  });

  it('applies the first default: own > city > province > national', async () => {
    expect(await svc.effectiveDefault(admin, '440300')).toBeNull();
    const nat = await svc.save(admin, { scope: 'national', name: '全国默认', page: 'overview', state: {}, isDefault: true });
    expect((await svc.effectiveDefault(shenzhenManager, '440300'))).toMatchObject({ source: 'national', view: { id: nat.id } });
    const prov = await svc.save(guangdongExec, { scope: '440000', name: '广东默认', page: 'segments', state: {}, isDefault: true });
    expect((await svc.effectiveDefault(shenzhenManager, '440300'))).toMatchObject({ source: 'province', view: { id: prov.id } });
    const [city] = await svc.list(admin, '440300', { search: '早会' });
    await svc.setDefault(admin, city.id, true);
    expect((await svc.effectiveDefault(shenzhenManager, '440300'))).toMatchObject({ source: 'city', view: { id: city.id } });
    const mine = await svc.save(shenzhenManager, { scope: '440300', name: '我的', page: 'lifecycle', state: { group: 'contract_type' }, visibility: 'personal', isDefault: true });
    expect((await svc.effectiveDefault(shenzhenManager, '440300'))).toMatchObject({ source: 'own', view: { id: mine.id } });
    // someone else's personal default neither applies to nor shows for others
    expect((await svc.effectiveDefault(admin, '440300'))).toMatchObject({ source: 'city' });
    expect((await svc.list(admin, '440300')).some((v) => v.id === mine.id)).toBe(false);
    expect(await svc.get(admin, mine.id)).toBeNull();
    // Guangzhou has no default of its own: the province's applies
    expect((await svc.effectiveDefault(admin, '440100'))).toMatchObject({ source: 'province' });
  });

  it('keeps one shared default per scope', async () => {
    const other = await svc.save(admin, { scope: '440300', name: 'Channel review 2', page: 'channels', state: {}, isDefault: true });
    const defaults = (await svc.list(admin, '440300')).filter((v) => v.isDefault);
    expect(defaults.map((v) => v.id)).toEqual([other.id]);
    const saved = await svc.save(admin, { id: other.id, scope: '440300', name: 'Channel review 2b', page: 'channels', state: { sort: 'roi' } });
    expect(saved.isDefault).toBe(true); // a new version keeps the flag unless told otherwise
  });

  it('rejects bad input with every problem at once, and scopes outside the viewer', async () => {
    const err = await svc.save(admin, { scope: '999999', name: ' ', page: 'nope', state: ['x'] }).catch((e) => e);
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.details.problems).toHaveLength(4);
    expect(await code(svc.save(admin, { scope: 'national', name: 'x'.repeat(81), page: 'overview', state: {} }))).toBe('BAD_USER_INPUT');
    expect(await code(svc.save(admin, { scope: 'national', name: 'x', page: 'overview', state: { 'a b': '1' } }))).toBe('BAD_USER_INPUT');
    expect(await code(svc.list(admin, "440300' OR 1=1 --"))).toBe('BAD_USER_INPUT');
    expect(await code(svc.save(shenzhenManager, { scope: '440100', name: 'x', page: 'overview', state: {} }))).toBe('FORBIDDEN');
    expect(await code(svc.list(guangdongExec, 'national'))).toBe('FORBIDDEN');
    const outside = await svc.list(guangdongExec, '350000').catch((e) => e);
    expect(outside.message).toBe('Your access is limited to Guangdong (440000); the views of Fujian (350000) are outside it.');
    expect(outside.details).toEqual({ scope: '440000', outside: ['350000'] }); // as every scope refusal
    expect(await code(svc.restore(admin, 'no-such-view', 1))).toBe('NOT_FOUND');
  });

  it('stores hostile strings as data, never as SQL', async () => {
    const evil = "x'); DROP TABLE saved_views; --";
    const v = await svc.save(admin, { scope: 'national', name: evil, page: 'overview', state: { q: evil } });
    expect((await svc.get(admin, v.id))?.name).toBe(evil);
    expect((await svc.list(admin, 'national', { search: "'); drop" })).map((x) => x.name)).toEqual([evil]);
  });
});
