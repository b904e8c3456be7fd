/** What GET /api/embed/data answers (server/embed/service.ts EmbedData): the chart, its data and its labels. */
export type ChartKind = 'trend' | 'bars' | 'map' | 'bars_line' | 'survival' | 'median' | 'scatter' | 'heatmap';
export type EmbedLang = 'zh' | 'en';
export interface Label { zh: string; en: string }
export type MemberLabel = [id: string, zh: string, en: string];

export type EmbedControl =
  | { id: 'timeRange'; from: string | null; to: string | null; max: string; min: string | null }
  | { id: string; label: Label; selected: string[]; options: MemberLabel[] };

export interface EmbedData {
  chart: ChartKind;
  lang: EmbedLang;
  scope: string;
  query: { metrics: string[]; groupBy?: string[] | null; compare?: string | null; orderBy?: { metric: string; direction: 'asc' | 'desc' } | null };
  columns: { id: string; labelZh: string; labelEn: string; type: string }[];
  rows: Record<string, unknown>[];
  totals: Record<string, unknown> | null;
  resolved: { from: string | null; to: string | null; asOf: string; timeDefaulted: boolean };
  labels: {
    metrics: Record<string, Label & { format: string }>;
    dims: Record<string, Label>;
    members: Record<string, MemberLabel[]>;
  };
  controls: EmbedControl[];
  expiresAt: string;
}

export interface EmbedError { code: string; message: string; details?: { reason?: string } }
