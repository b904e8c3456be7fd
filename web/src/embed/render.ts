/**
 * An embed's data → its ECharts option, through the dashboard's own pure builders (no
 * builder is copied here): the labels they take come from the data's label dictionary, the
 * few words they need from the dashboard's messages. Pure, no DOM.
 */
import { scatterOption } from '../charts/builders/channels';
import type { Labels } from '../charts/builders/common';
import { medianOption, survivalOption } from '../charts/builders/lifecycle';
import { geoMapOption, rankedBarsOption, tileMapOption, trendOption } from '../charts/builders/overview';
import { barsWithLineOption, heatmapOption } from '../charts/builders/segments';
import type { Locale } from '../i18n/format';
import { isGrain } from '../chat/model';
import en from '../i18n/en';
import zh from '../i18n/zh-CN';
import type { EmbedGeo } from './map';
import type { EmbedData, EmbedLang, Label } from './types';

export const localeOf = (lang: string | null | undefined): Locale => (lang === 'en' ? 'en' : 'zh-CN');
export const langOf = (lang: string | null | undefined): EmbedLang => (lang === 'en' ? 'en' : 'zh');
const messages = (locale: Locale) => (locale === 'en' ? en : zh);
const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');
const pick = (l: Label | undefined, locale: Locale) => (l ? (locale === 'en' ? l.en : l.zh) : undefined);

export function embedLabels(d: EmbedData, locale: Locale): Labels {
  const members = new Map<string, Label>();
  for (const [dim, list] of Object.entries(d.labels.members)) for (const [id, lzh, len] of list) members.set(`${dim}:${id}`, { zh: lzh, en: len });
  return {
    locale,
    member: (dim, id) => pick(members.get(`${dim}:${String(id)}`), locale) ?? String(id),
    metric: (id) => pick(d.labels.metrics[id], locale) ?? id,
    dim: (id) => pick(d.labels.dims[id], locale) ?? id,
    format: (id) => d.labels.metrics[id]?.format ?? 'decimal',
    order: (dim) => order(d, dim),
  };
}

/** A dimension's ids in catalogue order (those that occur), else as they occur in the rows, sorted. */
function order(d: EmbedData, dim: string): string[] {
  const known = d.labels.members[dim];
  if (known?.length) return known.map(([id]) => id);
  return [...new Set(d.rows.map((r) => String(r[dim])))].sort();
}

/**
 * `geo`: the map registered for a map chart (embed/map.ts); without it a map by province is
 * drawn as the tile grid, a map by city as ranked bars. `height`: the chart's, in px (ranked
 * bars thin out their names in a small frame).
 */
export function embedOption(d: EmbedData, locale: Locale, geo: EmbedGeo | null = null, height = 0): Record<string, unknown> {
  const labels = embedLabels(d, locale);
  const t = messages(locale);
  const metric = d.query.metrics[0];
  const [dim, dim2] = (d.query.groupBy ?? []).filter((g) => !isGrain(g));
  switch (d.chart) {
    case 'trend': return trendOption(d, { metric, labels, prevLabel: t.overview.prevYear });
    case 'map':
      if (geo?.regions.length) return geoMapOption(d, { metric, labels, regions: geo.regions, map: geo.map, dim: geo.dim, noData: t.overview.noData });
      return dim === 'city' ? rankedBarsOption(d, { dim, metric, labels, height }) : tileMapOption(d, { metric, labels });
    // a ranking low to high (the chat's 离网率最低的地市, embedded) keeps its first member on top
    case 'bars': return rankedBarsOption(d, { dim, metric, labels, height, smallestOnTop: d.query.orderBy?.metric === metric && d.query.orderBy.direction === 'asc' });
    case 'bars_line': return barsWithLineOption(d, { dim, bar: metric, line: d.query.metrics[1], order: order(d, dim), labels });
    case 'survival': return survivalOption(d, { dim: dim ?? null, labels, bandLabel: (name) => fill(t.lifecycle.band, { name }), monthsLabel: t.lifecycle.monthsSince });
    case 'median': return medianOption(d, { dim, labels, notReached: t.lifecycle.notReached });
    case 'scatter': return scatterOption(d, { labels, electronicLabel: labels.member('channel_class', 'electronic'), physicalLabel: labels.member('channel_class', 'physical'), logLabel: (name) => fill(t.channels.logScale, { name }) });
    case 'heatmap': return heatmapOption(d.rows, {
      x: { dim, ids: order(d, dim), title: labels.dim(dim) },
      y: { dim: dim2, ids: order(d, dim2), title: labels.dim(dim2) },
      value: metric, format: labels.format(metric), yTopDown: true,
    }, labels);
  }
}

/** What the chart shows, above it and as its accessible name: "ARPU · 2025-01 – 2025-12" (one month: "· 2025-12"). */
export function embedTitle(d: EmbedData, locale: Locale): string {
  const labels = embedLabels(d, locale);
  const what = d.query.metrics.filter((m) => d.labels.metrics[m]).map(labels.metric).join(locale === 'en' ? ', ' : '、');
  const by = (d.query.groupBy ?? []).filter((g) => d.labels.dims[g]).map(labels.dim).join(' × ');
  const [from, to] = [d.resolved.from?.slice(0, 7), d.resolved.to?.slice(0, 7)];
  const range = from && to ? (from === to ? from : `${from} – ${to}`) : '';
  return [by ? `${what} (${by})` : what, range].filter(Boolean).join(' · ');
}
