/**
 * <crm-chart token="…" lang="zh|en" [hide-title]>: one chart of the product, for intranet page
 * authors, under a line saying what it shows.
 * It fetches /api/embed/data from the product's own origin (where this script came from),
 * draws with the dashboard's ECharts registry and builders inside a Shadow DOM (no CSS in
 * or out), fills its container and follows its size (ResizeObserver). The element owns its
 * ECharts instance like EChart.vue does: init, setOption, resize, dispose.
 *
 * State for the host page: the `data-state` attribute (loading | ready | empty | error) and
 * the events `crm-chart-ready` and `crm-chart-error` (detail: { code, message }); on an
 * expired token, set a fresh `token` attribute and the chart reloads. A page whose origin the
 * product does not allow (CORS) gets ORIGIN_NOT_ALLOWED, an unreachable product NETWORK_ERROR.
 */
import { echarts } from '../charts/registry';
import { embedGeo, type EmbedGeo } from './map';
import { embedOption, embedTitle, langOf, localeOf } from './render';
import type { EmbedControl, EmbedData, EmbedError } from './types';
import { FAILURES, isFailureCode } from '../i18n/failures';
import { addMonths, monthName, monthsBetween } from '../composables/time';

/** Read while this classic script runs: the product's origin, whatever page includes it. */
export const PRODUCT_ORIGIN = originOf((document.currentScript as HTMLScriptElement | null)?.src);

function originOf(src: string | undefined): string {
  try {
    return new URL(src || location.href).origin;
  } catch {
    return location.origin;
  }
}

const TEXT = {
  zh: {
    loading: '加载中…', empty: '所选范围内没有数据', error: '图表无法显示', noToken: '缺少 token 属性', all: '全部', from: '起', to: '止',
    origin: '本页面的来源 {origin} 未获准嵌入图表：请管理员把它加入 EMBED_ALLOWED_ORIGINS',
    expired: '图表的访问令牌已过期：请刷新本页面', invalid: '图表的访问令牌无效：请联系本页面的维护人员',
    failures: FAILURES['zh-CN'],
  },
  en: {
    loading: 'Loading…', empty: 'No data in the selected scope', error: 'The chart cannot be shown', noToken: 'The token attribute is missing', all: 'All', from: 'From', to: 'To',
    origin: 'This page\'s origin {origin} may not embed charts: ask the administrator to add it to EMBED_ALLOWED_ORIGINS',
    expired: 'The chart\'s access token has expired: reload this page', invalid: 'The chart\'s access token is not valid: tell whoever maintains this page',
    failures: FAILURES.en,
  },
};

/**
 * A failure as the page's reader sees it, in the component's language: what to do next for an
 * expired or invalid token and for operational failures; the server's words otherwise (a
 * control the embed does not allow names it). The server's own message stays in the event.
 */
export function failureMessage(e: EmbedError, lang: 'zh' | 'en'): string {
  const text = TEXT[lang];
  if (isFailureCode(e.code)) return text.failures[e.code];
  if (e.code === 'UNAUTHENTICATED' && e.details?.reason === 'expired') return text.expired;
  if (e.code === 'UNAUTHENTICATED' && e.details?.reason) return text.invalid;
  return e.message;
}

const CSS = `
:host{all:initial;display:block;position:relative;box-sizing:border-box;width:100%;height:100%;min-height:160px;contain:layout paint;
  font:13px/1.4 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#344054}
:host([hidden]){display:none}
.wrap{position:absolute;inset:0;display:flex;flex-direction:column}
.title{padding:6px 8px 0;font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.title:empty{display:none}
.controls{display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center;padding:4px 8px;font-size:12px}
.controls:empty{display:none}
label{display:inline-flex;gap:4px;align-items:center}
input,select{font:inherit;color:inherit;padding:1px 4px;border:1px solid #d0d5dd;border-radius:4px;background:#fff}
.box{position:relative;flex:1 1 auto;min-height:0}
.chart{position:absolute;inset:0}
.status{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;padding:8px;text-align:center;color:#667085;pointer-events:none}
.status[hidden]{display:none}
.status.error{color:#b42318}
`;

function styles(root: ShadowRoot): void {
  try {
    // a constructed sheet needs no style-src allowance in the host page's CSP
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const el = document.createElement('style');
    el.textContent = CSS;
    root.append(el);
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  e.append(...children);
  return e;
}

type State = 'loading' | 'ready' | 'empty' | 'error';

export class CrmChart extends HTMLElement {
  static get observedAttributes() { return ['token', 'lang', 'from', 'to']; }

  private readonly titleEl: HTMLDivElement;
  private readonly controlsEl: HTMLDivElement;
  private readonly chartEl: HTMLDivElement;
  private readonly statusEl: HTMLDivElement;
  private chart: echarts.ECharts | null = null;
  /** the map the data is drawn on (map charts only; null: the fallback) */
  private geo: EmbedGeo | null = null;
  private observer: ResizeObserver | null = null;
  private request: AbortController | null = null;
  private data: EmbedData | null = null;
  /** control values: from / to and f.<dimension> (attributes first, then the element's own controls) */
  private readonly params = new Map<string, string>();
  private scheduled = false;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    styles(root);
    this.titleEl = el('div', 'title');
    this.controlsEl = el('div', 'controls');
    this.chartEl = el('div', 'chart');
    this.chartEl.setAttribute('role', 'img');
    this.statusEl = el('div', 'status');
    this.statusEl.setAttribute('role', 'status');
    root.append(el('div', 'wrap', this.titleEl, this.controlsEl, el('div', 'box', this.chartEl, this.statusEl)));
  }

  connectedCallback(): void {
    // ranked bars name their rows as the height allows: redrawn when it changes; others resize
    this.observer = new ResizeObserver(() => (this.data?.rows.length && this.chart && this.barsDrawn() ? this.paint() : this.chart?.resize()));
    this.observer.observe(this);
    this.schedule();
  }

  disconnectedCallback(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.request?.abort();
    this.chart?.dispose();
    this.chart = null;
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (old === value) return;
    if (name === 'token') this.params.clear();
    if (name === 'from' || name === 'to') {
      if (value) this.params.set(name, value);
      else this.params.delete(name);
    }
    if (name === 'lang' && this.data) { this.draw(); return; }
    if (this.isConnected) this.schedule();
  }

  /** Several attribute changes in one task make one request. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => { this.scheduled = false; void this.load(); });
  }

  private get language() { return langOf(this.getAttribute('lang') ?? this.data?.lang); }

  private setState(state: State, message = ''): void {
    this.setAttribute('data-state', state);
    this.statusEl.hidden = state === 'ready';
    this.statusEl.className = state === 'error' ? 'status error' : 'status';
    this.statusEl.textContent = message;
    this.statusEl.removeAttribute('title');
  }

  private async load(): Promise<void> {
    const token = this.getAttribute('token');
    const text = TEXT[this.language];
    if (!token) { this.fail({ code: 'UNAUTHENTICATED', message: text.noToken }); return; }
    this.request?.abort();
    const request = new AbortController();
    this.request = request;
    this.setState('loading', text.loading);
    const url = new URL('/api/embed/data', PRODUCT_ORIGIN);
    url.searchParams.set('token', token);
    const lang = this.getAttribute('lang');
    if (lang) url.searchParams.set('lang', langOf(lang));
    for (const [k, v] of this.params) url.searchParams.set(k, v);
    let res: Response;
    try {
      res = await fetch(url, { mode: 'cors', credentials: 'omit', signal: request.signal, headers: { accept: 'application/json' } });
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      // The browser hides why a cross-origin fetch failed. If the product answers a request
      // that needs no CORS, it is up and this page's origin is what it refused.
      const reachable = await fetch(new URL('/healthz', PRODUCT_ORIGIN), { mode: 'no-cors', credentials: 'omit', signal: request.signal }).then(() => true, () => false);
      if (request.signal.aborted) return;
      this.fail(reachable && location.origin !== PRODUCT_ORIGIN
        ? { code: 'ORIGIN_NOT_ALLOWED', message: text.origin.replace('{origin}', location.origin) }
        : { code: 'NETWORK_ERROR', message: text.failures.NETWORK_ERROR });
      return;
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = { code: 'NETWORK_ERROR', message: `HTTP ${res.status}` };
    }
    if (request.signal.aborted) return;
    if (!res.ok) { this.fail(body as EmbedError); return; }
    const data = body as EmbedData;
    if (data.chart === 'map') {
      this.geo = await embedGeo(PRODUCT_ORIGIN, data); // the rows say which map: a control may move them to another province
      if (request.signal.aborted) return;
    }
    this.data = data;
    this.renderControls(this.data.controls);
    this.draw();
  }

  private fail(e: EmbedError): void {
    this.data = null;
    this.titleEl.textContent = '';
    this.chart?.clear();
    this.setAttribute('data-error-code', e.code);
    const lang = this.language;
    this.setState('error', `${TEXT[lang].error}${lang === 'zh' ? '：' : ': '}${failureMessage(e, lang)}`);
    this.statusEl.title = e.message; // the server's own words, for the page's author
    this.dispatchEvent(new CustomEvent('crm-chart-error', { detail: { code: e.code, message: e.message, reason: e.details?.reason }, bubbles: true, composed: true }));
  }

  private draw(): void {
    const d = this.data;
    if (!d) return;
    this.removeAttribute('data-error-code');
    const locale = localeOf(this.language);
    // what the chart shows, above it (a map or ranked bars name their metric nowhere else); `hide-title` leaves it to the host page
    this.titleEl.textContent = this.hasAttribute('hide-title') ? '' : embedTitle(d, locale);
    if (!d.rows.length) {
      this.chart?.clear();
      this.setState('empty', TEXT[this.language].empty);
      return;
    }
    this.chart ??= echarts.init(this.chartEl, undefined, { renderer: 'canvas' });
    this.paint();
    if (d.chart === 'map') this.setAttribute('data-map', this.geo ? this.geo.map : 'fallback');
    this.chartEl.setAttribute('aria-label', embedTitle(d, locale));
    this.setState('ready');
    this.dispatchEvent(new CustomEvent('crm-chart-ready', { detail: { chart: d.chart, rows: d.rows.length }, bubbles: true, composed: true }));
  }

  /** The option for the data at the chart's size, drawn. */
  private paint(): void {
    this.chart!.setOption(embedOption(this.data!, localeOf(this.language), this.geo, this.chartEl.clientHeight), { notMerge: true });
    this.chart!.resize();
  }

  /** Is the chart ranked bars (bars, or a map of cities drawn without its map)? */
  private barsDrawn(): boolean {
    return this.data?.chart === 'bars' || (this.data?.chart === 'map' && !this.geo && (this.data.query.groupBy ?? []).includes('city'));
  }

  /** Only the controls the token allows are offered (the server refuses the others anyway). */
  private renderControls(controls: EmbedControl[]): void {
    const text = TEXT[this.language];
    const nodes = controls.map((c) => {
      if (c.id === 'timeRange' && 'max' in c) {
        // the data's months named in the element's language (a native month input speaks the browser's)
        const months = monthsBetween([c.min ?? addMonths(c.max, -35), c.from ?? c.max].sort()[0], c.max).reverse();
        const month = (key: 'from' | 'to', value: string | null, label: string) => {
          const select = el('select', '', ...months.map((m) => {
            const o = el('option', '', monthName(m, this.language));
            o.value = m;
            o.selected = m === value;
            return o;
          }));
          select.addEventListener('change', () => {
            this.params.set(key, select.value);
            const other = key === 'from' ? 'to' : 'from';
            if (!this.params.has(other)) this.params.set(other, (key === 'from' ? c.to : c.from) ?? select.value);
            this.schedule();
          });
          return el('label', '', label, select);
        };
        return el('span', '', month('from', c.from, text.from), ' ', month('to', c.to, text.to));
      }
      if (!('options' in c)) return null;
      const option = (value: string, label: string) => {
        const o = el('option', '', label);
        o.value = value;
        o.selected = value !== '' && c.selected.length === 1 && c.selected[0] === value;
        return o;
      };
      const select = el('select', '', option('', text.all), ...c.options.map(([id, zh, en]) => option(id, this.language === 'en' ? en : zh)));
      select.addEventListener('change', () => { this.params.set(`f.${c.id}`, select.value); this.schedule(); });
      return el('label', '', this.language === 'en' ? c.label.en : c.label.zh, select);
    }).filter((n): n is HTMLElement => !!n);
    this.controlsEl.replaceChildren(...nodes);
    if (nodes.length) requestAnimationFrame(() => this.chart?.resize());
  }
}
