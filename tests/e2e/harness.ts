/**
 * What every end-to-end file needs: the real server on a fresh data dir serving the built
 * app (dist/web), Debian Chromium with the flags this machine's closed network needs, and a
 * signed demo session in a browser context.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { startServer } from '../helpers/server.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SHOTS = path.join(import.meta.dirname, 'screenshots');
export const VIEWPORT = { width: 1440, height: 900 };
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function startProduct(env: Record<string, string> = {}) {
  if (!fs.existsSync(path.join(ROOT, 'dist/web/index.html'))) throw new Error('dist/web is not built: run `npm run build:web` before the end-to-end tests');
  fs.mkdirSync(SHOTS, { recursive: true });
  return startServer({ DEMO_SUBSCRIBERS: '20000', ...env });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** A signed demo session in the context's cookie jar (as the login page would set it). */
export async function signIn(ctx: BrowserContext, base: string, user: string): Promise<void> {
  const r = await fetch(`${base}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user }) });
  const { token } = (await r.json()) as { token: string };
  await ctx.addCookies([{ name: 'crm_session', value: token, url: base }]);
}
