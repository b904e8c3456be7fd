/** The one ECharts registry: only the modules the dashboard draws with (keeps the bundle small). */
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, MapChart, RadarChart, SankeyChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, MarkLineComponent, RadarComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  // MapChart + GeoComponent: the overview's map of China (boundaries registered lazily, charts/chinaMap.ts)
  BarChart, HeatmapChart, LineChart, MapChart, RadarChart, SankeyChart, ScatterChart,
  GeoComponent, GridComponent, LegendComponent, MarkLineComponent, RadarComponent, TooltipComponent, VisualMapComponent,
  // LabelLayout: `labelLayout` (the channel scatter hides labels that would overlap)
  LabelLayout, CanvasRenderer,
]);

export { echarts };
export type { EChartsCoreOption as ChartOption } from 'echarts/core';
