/** Channels: cost vs conversion scatter, stage × channel preference shares, campaign lift. */
import { axis, baseOption, figureLabel, compact, exact, num, PALETTE, rowsOf, tooltipLines, type Labels, type MetricResultLike, type Row, type TableData, LABELS_INSIDE } from './common';

export const ELECTRONIC = new Set(['ivr', 'web', 'app', 'wap', 'sms', 'mms', 'self_service']);

/** Conversion rate (x) vs cost per conversion (y), bubble area ∝ contacts; electronic channels in a second colour. */
export function scatterOption(result: MetricResultLike | null, s: { labels: Labels; electronicLabel: string; physicalLabel: string; logLabel?: (name: string) => string }) {
  const { labels } = s;
  const rows = rowsOf(result).filter((r) => num(r.conversion_rate) !== null && num(r.cost_per_conversion) !== null);
  const maxContacts = Math.max(1, ...rows.map((r) => num(r.contacts) ?? 0));
  const size = (r: Row) => 8 + 30 * Math.sqrt((num(r.contacts) ?? 0) / maxContacts);
  // costs per conversion span two orders of magnitude (SMS ¥5, account managers ¥270): on a
  // linear axis the electronic channels pile up at the origin, so the axis is logarithmic
  // whenever every cost is above zero
  const log = rows.length > 0 && rows.every((r) => num(r.cost_per_conversion)! > 0);
  // a bubble at the right edge of the plot is labelled on its left, inside the chart
  const maxRate = Math.max(0, ...rows.map((r) => num(r.conversion_rate)!));
  const point = (r: Row) => ({
    value: [num(r.conversion_rate), num(r.cost_per_conversion), num(r.contacts)], name: labels.member('channel', r.channel), row: r, symbolSize: size(r),
    ...(maxRate > 0 && num(r.conversion_rate)! >= 0.9 * maxRate ? { label: { position: 'left' } } : {}),
  });
  const groups = [
    { name: s.electronicLabel, rows: rows.filter((r) => ELECTRONIC.has(String(r.channel))) },
    { name: s.physicalLabel, rows: rows.filter((r) => !ELECTRONIC.has(String(r.channel))) },
  ];
  return {
    ...baseOption(),
    legend: { top: 0 },
    tooltip: {
      confine: true,
      formatter: (p: { data: { name: string; row: Row } }) => tooltipLines(p.data.name, ['conversion_rate', 'cost_per_conversion', 'contacts', 'conversions', 'cost'].map((m) => ({ name: labels.metric(m), value: exact(labels, p.data.row[m], labels.format(m)) }))),
    },
    grid: { left: 36, right: 24, top: 36, bottom: 28, ...LABELS_INSIDE },
    xAxis: { type: 'value', name: labels.metric('conversion_rate'), nameLocation: 'middle', nameGap: 24, axisLabel: axis(labels, 'percent', rows.map((r) => r.conversion_rate), true), scale: true },
    yAxis: {
      type: log ? 'log' : 'value', name: log && s.logLabel ? s.logLabel(labels.metric('cost_per_conversion')) : labels.metric('cost_per_conversion'), nameLocation: 'middle', nameRotate: 90, nameGap: 48, axisLabel: axis(labels, 'currency', rows.map((r) => r.cost_per_conversion)),
      ...(log ? { logBase: 10, minorTick: { show: true }, minorSplitLine: { show: true, lineStyle: { opacity: 0.4 } } } : { scale: true }),
    },
    series: groups.map((g, i) => ({
      name: g.name, type: 'scatter', itemStyle: { color: PALETTE[i], opacity: 0.8 },
      data: g.rows.map(point),
      label: { show: true, position: 'right', fontSize: 10, formatter: (p: { data: { name: string } }) => p.data.name },
      // the small e-channels crowd the origin: a label that would overlap another is left to the tooltip
      labelLayout: { hideOverlap: true },
    })),
  };
}

/** Each (stage, channel) cell's share of its stage's contacts (seed 002's preference view). Pure. */
export function preferenceShares(rows: Row[]): Row[] {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(String(r.lifecycle_stage), (totals.get(String(r.lifecycle_stage)) ?? 0) + (num(r.contacts) ?? 0));
  return rows.map((r) => {
    const t = totals.get(String(r.lifecycle_stage)) ?? 0;
    return { ...r, share: t ? (num(r.contacts) ?? 0) / t : null };
  });
}

/** Hit rate of model-targeted vs random lists per campaign kind, lift on the right axis. */
export function liftOption(byList: MetricResultLike | null, byKind: MetricResultLike | null, s: { labels: Labels; modelLabel: string; randomLabel: string; liftLabel: string }) {
  const { labels } = s;
  const rows = rowsOf(byList);
  const kinds = [...new Set(rows.map((r) => String(r.campaign_kind)))];
  const hit = (k: string, list: string) => rows.find((r) => r.campaign_kind === k && r.list_type === list);
  const lift = (k: string) => rowsOf(byKind).find((r) => r.campaign_kind === k);
  const hitLabel = figureLabel(labels, 'percent', rows.map((r) => r.hit_rate));
  const cats = kinds.map((k) => labels.member('campaign_kind', k));
  return {
    ...baseOption(),
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis', confine: true, axisPointer: { type: 'shadow' },
      formatter: (ps: { dataIndex: number }[]) => {
        const k = kinds[ps[0].dataIndex];
        return tooltipLines(cats[ps[0].dataIndex], [
          { name: `${s.modelLabel} ${labels.metric('hit_rate')}`, value: exact(labels, hit(k, 'model')?.hit_rate, 'percent') },
          { name: `${s.modelLabel} ${labels.metric('campaign_targeted')}`, value: exact(labels, hit(k, 'model')?.campaign_targeted, 'integer') },
          { name: `${s.randomLabel} ${labels.metric('hit_rate')}`, value: exact(labels, hit(k, 'random')?.hit_rate, 'percent') },
          { name: `${s.randomLabel} ${labels.metric('campaign_targeted')}`, value: exact(labels, hit(k, 'random')?.campaign_targeted, 'integer') },
          { name: s.liftLabel, value: exact(labels, lift(k)?.campaign_lift, 'ratio') },
          { name: labels.metric('retention_success_rate'), value: exact(labels, lift(k)?.retention_success_rate, 'percent') },
        ]);
      },
    },
    // the lift axis's name sits below the legend's row; every kind named, on two lines if need be (Data service upsell was left out on a phone)
    grid: { left: 8, right: 8, top: 48, bottom: 8, ...LABELS_INSIDE },
    xAxis: { type: 'category', data: cats, axisLabel: { interval: 0, width: 120, overflow: 'break' } },
    yAxis: [{ type: 'value', axisLabel: axis(labels, 'percent') }, { type: 'value', name: s.liftLabel, axisLabel: axis(labels, 'ratio'), splitLine: { show: false } }],
    series: [
      { name: s.modelLabel, type: 'bar', barMaxWidth: 40, data: kinds.map((k) => num(hit(k, 'model')?.hit_rate)), label: { show: true, position: 'top', formatter: hitLabel } },
      { name: s.randomLabel, type: 'bar', barMaxWidth: 40, data: kinds.map((k) => num(hit(k, 'random')?.hit_rate)), label: { show: true, position: 'top', formatter: hitLabel } },
      // one lift per kind: points, not a line (the kinds are not a sequence)
      { name: s.liftLabel, type: 'line', yAxisIndex: 1, symbolSize: 10, lineStyle: { opacity: 0 }, data: kinds.map((k) => num(lift(k)?.campaign_lift)), label: { show: true, position: 'right', distance: 8, fontWeight: 'bold', formatter: (p: { value: number }) => `×${compact(labels, p.value, 'ratio')}` } },
    ],
  };
}

export function liftTable(byList: MetricResultLike | null, byKind: MetricResultLike | null, s: { labels: Labels; modelLabel: string; randomLabel: string }): TableData {
  const { labels } = s;
  const kinds = rowsOf(byKind);
  return {
    columns: [
      { key: 'campaign_kind', label: labels.dim('campaign_kind'), format: 'text' },
      { key: 'list_type', label: labels.dim('list_type'), format: 'text' },
      { key: 'campaign_targeted', label: labels.metric('campaign_targeted'), format: 'integer' },
      { key: 'hit_rate', label: labels.metric('hit_rate'), format: 'percent' },
      { key: 'campaign_lift', label: labels.metric('campaign_lift'), format: 'ratio' },
      { key: 'retention_success_rate', label: labels.metric('retention_success_rate'), format: 'percent' },
    ],
    rows: rowsOf(byList).map((r) => {
      const k = kinds.find((x) => x.campaign_kind === r.campaign_kind);
      return {
        campaign_kind: labels.member('campaign_kind', r.campaign_kind),
        list_type: r.list_type === 'model' ? s.modelLabel : s.randomLabel,
        campaign_targeted: r.campaign_targeted, hit_rate: r.hit_rate,
        campaign_lift: k?.campaign_lift, retention_success_rate: k?.retention_success_rate,
      };
    }),
  };
}
