/**
 * The embed page (/embed/<token>): the <crm-chart> element and the bundle that defines it,
 * both from this server, under a CSP that lets only this origin and the configured intranet
 * origins frame it.
 */

const escapeAttr = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** frame-ancestors: this origin and EMBED_ALLOWED_ORIGINS; everything else only from 'self'. */
export function embedCsp(origins: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // ECharts tooltips are HTML with style attributes
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors 'self'${origins.length ? ` ${origins.join(' ')}` : ''}`,
  ].join('; ');
}

export function embedPage(token: string, lang: 'zh' | 'en'): string {
  return `<!doctype html>
<html lang="${lang === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${lang === 'en' ? 'CRM analytics chart' : 'CRM 经营分析图表'}</title>
<style>html,body{margin:0;height:100%;background:#fff;overflow:hidden}crm-chart{display:block;width:100%;height:100%}</style></head>
<body><crm-chart token="${escapeAttr(token)}" lang="${lang}"></crm-chart><script src="/embed.js"></script></body></html>`;
}

export function embedErrorPage(status: number, code: string, message: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>${status}</title>
<style>body{margin:0;display:grid;place-items:center;height:100vh;font:14px system-ui,sans-serif;color:#475467;background:#fff}p{max-width:36em;text-align:center}</style></head>
<body><p data-code="${escapeAttr(code)}">${escapeAttr(message)}</p></body></html>`;
}
