/** 界面文字（默认语言）。指标、维度和成员的名称来自 catalog，不在这里。 */
export default {
  app: { title: 'CRM 经营分析', subtitle: '电信客户关系管理', language: 'English', signOut: '退出', asOf: '数据截至 {date}', loading: '正在加载…', bootFailed: '无法连接分析服务：{msg}', retry: '重试' },
  nav: { overview: '总览', segments: '客户分群', channels: '渠道效能', lifecycle: '生命周期', capability: '能力评分' },
  region: { label: '区域', national: '全国', allProvinces: '全部省份', allCities: '全省', back: '上一级', up: '返回{name}' },
  time: { label: '时间', from: '起', to: '止', reset: '最近12个月' },
  chart: {
    loading: '加载中…', empty: '所选范围内没有数据', unavailable: '暂不可用', unavailableHint: '服务端尚未提供该数据（{msg}）',
    error: '查询失败：{msg}', png: '导出 PNG', csv: 'CSV', xlsx: 'XLSX', info: '查询信息', close: '关闭',
    infoQuery: 'GraphQL 查询', infoVariables: '变量', infoAsOf: '数据截至', infoScope: '范围', infoRange: '时间范围',
    exportName: '{title}', copy: '复制',
  },
  kpi: { vsMom: '环比', vsYoy: '同比', noCompare: '无可比值', month: '{month} 月度', notReached: '未达到' },
  overview: {
    kpis: '关键指标', trends: '月度趋势', map: '各省{metric}', mapHint: '点击省份查看地市', cities: '{province}各地市{metric}',
    cityHint: '点击地市，将整个看板切换到该地市', mapMetric: '着色指标', trendMetric: '趋势指标', prevYear: '去年同期', scopedTo: '当前范围：{name}',
  },
  segments: {
    tiers: '价值分层分布', subSegments: '品牌细分', rfm: 'RFM 热力图（R × F）', migration: '分群迁移（{from} → {to}）',
    scheme: '分群方案', fromMonth: '起始月', toMonth: '对比月', newSubs: '新增', churned: '离网', share: '占比',
  },
  channels: {
    table: '渠道效能', scatter: '转化率 vs 每次转化成本', eTrend: '电子渠道占比趋势', preference: '生命周期阶段 × 渠道偏好',
    lift: '营销活动效果（模型名单 vs 随机名单）', model: '模型名单', random: '随机名单', lift2: '提升度', bubble: '气泡大小 = 接触次数',
  },
  lifecycle: {
    survival: '生存曲线（Kaplan–Meier，95% 置信带）', median: '各组生命周期（中位数）', logRank: 'Log-rank 检验',
    cohort: '入网批次留存热力图', contract: '合约到期前后离网率', groupBy: '分组', chisq: 'χ² = {chisq}，自由度 {df}，p {p}',
    significant: '各组曲线差异显著（p < 0.05）', notSignificant: '各组曲线差异不显著', relMonth: '距合约到期（月）', monthsSince: '入网后月数',
    band: '{name} 95% 置信带', notReached: '未降至 50%',
  },
  capability: {
    radar: '能力雷达：评估对象 vs 运营商标杆', tree: '三级能力评分（维度 → 领域 → 要素）', form: '{region} 能力自评', entities: '评估对象',
    foreignBest: '国外运营商最佳', foreignMean: '国外运营商平均', unknown: '未知', unknownNotes: '以下维度分原文未公布（不推算）：',
    node: '能力项', score: '评分', comment: '评语', note: '说明', assessedOn: '评估日期', submit: '提交评估', submitted: '已记录 {n} 项评分',
    history: '历史评估', nationalHint: '请先在区域选择器中选择一个省或地市，再为其填写自评。', entity: '对象', items: '项数', recordedBy: '记录人',
  },
  views: {
    title: '保存的视图', save: '保存视图', name: '视图名称', saveAs: '保存为', shared: '{scope}共享', personal: '仅自己',
    asDefault: '设为{scope}默认视图', search: '搜索视图…', none: '该范围暂无保存的视图', open: '打开', setDefault: '设为默认',
    unsetDefault: '取消默认', delete: '删除', history: '历史版本', restore: '恢复此版本', version: '版本 {v}', default: '默认',
    deleted: '已删除', showDeleted: '显示已删除', applied: '已应用{source}：「{name}」', reset: '重置', saved: '已保存「{name}」（版本 {v}）',
    sourceOwn: '我的默认视图', sourceCity: '地市默认视图', sourceProvince: '省默认视图', sourceNational: '全国默认视图', sourceUrl: '链接中的视图',
    update: '保存为新版本', close: '关闭', page: '页面',
  },
  common: { total: '合计', other: '其他', yes: '是', no: '否', cancel: '取消' },
};
