/** kill -9 while views are being saved: every acknowledged save is there after restart, byte-identical. */
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';

const SAVE = `mutation($i: SaveViewInput!) { saveView(input: $i) { id version name state } }`;

describe('saved views survive kill -9', () => {
  let s: Awaited<ReturnType<typeof startServer>> | null = null;
  afterAll(async () => { await s?.stop(); });

  it('keeps every acknowledged save', async () => {
    s = await startServer({ DEMO_SUBSCRIBERS: '300' });
    const acked: { id: string; version: number; name: string; state: unknown }[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const state = { metric: 'arpu', note: `w${w}-${i}-${'深圳'.repeat(i % 5)}`, from: '2025-01', to: '2025-05' };
        try {
          const r = await s!.gql(SAVE, { i: { scope: '440300', name: `视图 ${w}-${i}`, page: 'overview', state } });
          if (r.body.data?.saveView) acked.push(r.body.data.saveView);
        } catch { return; } // the server died under us: that save was never acknowledged
      }
    };
    const writers = [writer(1), writer(2), writer(3)];
    await new Promise((r) => setTimeout(r, 1500));
    await s.stop('SIGKILL');
    stop = true;
    await Promise.all(writers);
    expect(acked.length).toBeGreaterThan(5);

    s = await startServer({ DATA_DIR: s.dataDir, DEMO_SUBSCRIBERS: '300' });
    for (const a of acked) {
      const r = await s.gql('query($id: ID!, $v: Int) { savedView(id: $id, version: $v) { id version name state } }', { id: a.id, v: a.version });
      expect(r.body.data?.savedView, `save ${a.name}`).toEqual(a);
    }
  });
});
