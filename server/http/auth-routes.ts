/**
 * Authentication at the HTTP edge: every request but the public paths carries a verified
 * viewer, or gets 401. Demo mode adds a login page offering the demo viewers, each a real
 * signed session.
 */
import express from 'express';
import { AppError } from '../errors.ts';
import { DEMO_USERS, type Identity, SESSION_COOKIE, can } from '../auth/identity.ts';
import type { Viewer } from './context.ts';

/** Paths that need no credentials: sign-in, health, static assets, embeds (their own token). */
const PUBLIC = /^\/(login|api\/login|api\/logout|healthz|readyz|assets\/|favicon|embed\/|embed\.js|api\/embed\/)/;

declare module 'express-serve-static-core' {
  interface Request { viewer?: Viewer }
}

function tokenOf(req: express.Request): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return (req.cookies?.[SESSION_COOKIE] as string | undefined) ?? null;
}

export function authenticate(identity: Identity) {
  return async (req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (PUBLIC.test(req.path)) return next();
    const token = tokenOf(req);
    let message = 'Sign in first: no credentials were sent.';
    if (token) {
      try {
        req.viewer = await identity.verify(token);
        return next();
      } catch (e) {
        message = e instanceof AppError ? e.message : 'Your sign-in token was not accepted.';
      }
    }
    if (req.method === 'GET' && req.accepts(['html', 'json']) === 'html') {
      res.status(401).type('html').send(`<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/login?next=${encodeURIComponent(req.originalUrl)}"><title>401</title><p>${escapeHtml(message)} <a href="/login">登录 Sign in</a></p>`);
      return;
    }
    res.status(401).json({ code: 'UNAUTHENTICATED', message });
  };
}

export function authRoutes(identity: Identity, demo: boolean) {
  const r = express.Router();
  r.get('/login', (req, res) => {
    const next = typeof req.query.next === 'string' && req.query.next.startsWith('/') && !req.query.next.startsWith('//') ? req.query.next : '/';
    res.type('html').send(loginPage(demo, next));
  });
  r.post('/api/login', express.urlencoded({ extended: false, limit: '4kb' }), express.json({ limit: '4kb' }), async (req, res) => {
    if (!demo) { res.status(404).json({ code: 'NOT_FOUND', message: 'Demo sign-in is disabled; sign in through the intranet SSO.' }); return; }
    const user = DEMO_USERS.find((u) => u.id === req.body?.user);
    if (!user) { res.status(400).json({ code: 'BAD_USER_INPUT', message: `Unknown demo viewer; choose one of ${DEMO_USERS.map((u) => u.id).join(', ')}.` }); return; }
    const token = await identity.signSession(user);
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 8 * 3600 * 1000 });
    const next = typeof req.body?.next === 'string' && req.body.next.startsWith('/') && !req.body.next.startsWith('//') ? req.body.next : '/';
    if (req.is('application/json')) res.json({ token, viewer: { id: user.id, name: user.name, role: user.role, scope: user.scope } });
    else res.redirect(303, next);
  });
  r.post('/api/logout', (_req, res) => {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/login');
  });
  return r;
}

/** GraphiQL is for analysts and administrators. */
export function requireGraphiQL(req: express.Request, res: express.Response, next: express.NextFunction) {
  if (req.viewer && can.useGraphiQL(req.viewer)) return next();
  res.status(403).json({ code: 'FORBIDDEN', message: 'GraphiQL is available to analysts and administrators.' });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(demo: boolean, next: string): string {
  const scopeName: Record<string, string> = { national: '全国 National', '440000': '广东 Guangdong', '440300': '深圳 Shenzhen' };
  const buttons = DEMO_USERS.map((u) => `
    <form method="post" action="/api/login"><input type="hidden" name="user" value="${u.id}"><input type="hidden" name="next" value="${escapeHtml(next)}">
      <button type="submit" data-user="${u.id}"><b>${escapeHtml(u.name)}</b><span>${escapeHtml(u.nameEn)} · ${u.role} · ${scopeName[u.scope] ?? u.scope}</span></button></form>`).join('');
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>登录 · CRM 经营分析</title>
<style>body{font-family:system-ui,"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;background:#f3f5f9;margin:0;display:grid;place-items:center;min-height:100vh}
main{background:#fff;padding:32px 40px;border-radius:10px;box-shadow:0 2px 12px #0001;min-width:380px}h1{font-size:22px;margin:0 0 4px}p{color:#667}
button{display:block;width:100%;text-align:left;margin:8px 0;padding:10px 14px;border:1px solid #d5dbe6;border-radius:8px;background:#fff;cursor:pointer;font-size:15px}
button:hover{border-color:#1d5fd1;background:#f5f8ff}button span{display:block;color:#667;font-size:12px;margin-top:2px}</style>
<main><h1>CRM 经营分析</h1>
${demo ? `<p>演示模式：选择一个演示身份登录 · Demo mode: sign in as a demo viewer</p>${buttons}` : '<p>请通过内网统一认证登录 · Sign in through the intranet single sign-on.</p>'}
</main></html>`;
}
