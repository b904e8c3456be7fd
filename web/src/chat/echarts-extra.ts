/** The two chart types only the chat draws (pie, funnel), added to the dashboard's one ECharts registry when the chat loads. */
import { FunnelChart, PieChart } from 'echarts/charts';
import { echarts } from '../charts/registry';

echarts.use([PieChart, FunnelChart]);
