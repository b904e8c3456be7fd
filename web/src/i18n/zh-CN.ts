/** 界面文字（默认语言）。指标、维度和成员的名称来自 catalog，不在这里。 */
import { FAILURES } from './failures';

export default {
  app: { title: 'CRM 经营分析', subtitle: '电信客户关系管理', language: 'English', signOut: '退出', asOf: '数据截至 {date}', loading: '正在加载…', bootFailed: '无法连接分析服务：{msg}', retry: '重试' },
  nav: { overview: '总览', segments: '客户分群', channels: '渠道效能', lifecycle: '生命周期', capability: '能力评分' },
  region: { label: '区域', national: '全国', allProvinces: '全部省份', allCities: '全省', back: '上一级', up: '返回{name}' },
  time: { label: '时间', from: '起', to: '止', reset: '最近12个月' },
  // operational failures by code (i18n/index.ts failureText); other errors show the server's own words
  errors: FAILURES['zh-CN'],
  chart: {
    loading: '加载中…', empty: '所选范围内没有数据', unavailable: '暂不可用', unavailableHint: '服务端尚未提供该数据（{msg}）',
    error: '查询失败：{msg}', png: '导出 PNG', csv: 'CSV', xlsx: 'XLSX', info: '查询信息', close: '关闭',
    infoQuery: 'GraphQL 查询', infoVariables: '变量', infoAsOf: '数据截至', infoScope: '范围', infoRange: '时间范围',
    exportName: '{title}', copy: '复制',
  },
  embed: {
    button: '嵌入', title: '把这张图嵌入内网页面', ttl: '令牌有效期', ttl10m: '10 分钟', ttl1h: '1 小时', ttl24h: '24 小时', lang: '图表语言',
    allowTime: '允许页面调整时间范围', create: '生成', preview: '预览', component: '网页组件（放进内网页面）', iframe: '或用 iframe',
    api: '正式使用：令牌很快过期，由页面后端用 API Key 向 POST /api/embed/token 换取（请求体如下）', expires: '此令牌 {at} 到期',
    copy: '复制', copied: '已复制', scope: '嵌入的数据限于你的范围：{scope}',
  },
  kpi: { vsMom: '环比', vsYoy: '同比', noCompare: '无可比值', month: '{month} 月度', notReached: '未达到' },
  overview: {
    kpis: '关键指标', trends: '月度趋势', map: '各省{metric}', mapHint: '点击省份查看地市', noData: '无数据', cities: '{province}各地市{metric}', cityMap: '{province}{metric}地图', byBrand: '{region}各品牌{metric}',
    cityHint: '点击地市，将整个看板切换到该地市', mapMetric: '着色指标', trendMetric: '趋势指标', prevYear: '去年同期', scopedTo: '当前范围：{name}',
  },
  segments: {
    tiers: '价值分层分布', subSegments: '品牌细分', rfm: 'RFM 热力图（R × F）', migration: '分群迁移（{from} → {to}）',
    scheme: '分群方案', fromMonth: '起始月', toMonth: '对比月', newSubs: '新增', churned: '离网', share: '占比',
  },
  channels: {
    table: '渠道效能', scatter: '转化率 vs 每次转化成本', eTrend: '电子渠道占比趋势', preference: '生命周期阶段 × 渠道偏好',
    lift: '营销活动效果（模型名单 vs 随机名单）', model: '模型名单', random: '随机名单', lift2: '提升度', bubble: '气泡大小 = 接触次数', logScale: '{name}（对数刻度）',
  },
  lifecycle: {
    survival: '生存曲线（Kaplan–Meier，95% 置信带）', median: '各组生命周期（中位数）', logRank: 'Log-rank 检验',
    cohort: '入网批次留存热力图', contract: '合约到期前后离网率', groupBy: '分组', chisq: 'χ² = {chisq}，自由度 {df}，p {p}',
    significant: '各组曲线差异显著（p < 0.05）', notSignificant: '各组曲线差异不显著', relMonth: '距合约到期（月）', monthsSince: '入网后月数',
    band: '{name} 95% 置信带', notReached: '未降至 50%',
  },
  capability: {
    radar: '能力雷达：评估对象 vs 运营商标杆', tree: '三级能力评分（维度 → 领域 → 要素）', form: '{region} 能力自评', entities: '评估对象',
    foreignBest: '国外运营商最佳', foreignMean: '国外运营商平均', unknown: '原文未公布', sourceNote: '出处说明', unknownNotes: '以下评分原文未公布（不推算）：', listSep: '、',
    noneAtLevel: '{entities}：原文未公布{level}分（不推算）。', showAreas: '按能力领域查看',
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
  chat: {
    open: '问数', title: '问数', newConversation: '新对话', close: '关闭', send: '发送', you: '我',
    placeholder: '用中文或英文提问，例如：广东各地市的离网率（Enter 发送，Shift+Enter 换行）',
    intro: '一句话提问：指标、区域、时间、分组都可以说。可以接着追问，如“只看深圳”“按月”“换成柱状图”。',
    ex1: '广东各地市的离网率', ex2: '全球通用户的ARPU 按月 近12个月', ex3: '上个月各渠道的转化率', ex4: '按品牌的存活曲线',
    thinking: '正在理解并查询…', error: '出错了：{msg}', retry: '重试',
    clarify: '有些词没有理解（已标出），没有执行任何查询。', choices: '是不是指：', next: '接着问：', unsupported: '超出数据范围', forbidden: '超出你的数据权限',
    understood: '理解为', editHint: '点击条件修改，× 移除；修改后会重新查询',
    defaultTime: '默认时间（{range}）', noTime: '无时间范围', range: '{from} 至 {to}', cohorts: '入网 {range}', groupBy: '按{dim}', notIn: '不含{values}',
    top: '{metric}最高的 {n} 个', bottom: '{metric}最低的 {n} 个', sortDesc: '按{metric}从高到低', sortAsc: '按{metric}从低到高', limit: '前 {n} 行',
    yoy: '同比', mom: '环比', add: '添加条件', addMetric: '指标', addGroup: '分组', addFilter: '筛选', addTime: '时间', addCompare: '对比', addOrder: '排名',
    apply: '应用', cancel: '取消', remove: '移除', search: '搜索…', from: '起', to: '止', direction: '顺序', desc: '从高到低', asc: '从低到高', limitN: '个数', noLimit: '不限',
    dimension: '维度', metric: '指标', value: '值', pickOne: '至少选一个',
    editRemove: '移除：{chip}', editReplace: '修改：{from} → {to}', editAdd: '添加：{chip}', choice: '选择：{label}', fromView: '打开已保存的视图',
    editedNote: '这是修改条件后的结果。继续用文字追问时，基于的是上一句提问的理解。',
    rowsShow: '数据（{n} 行）', rowsHide: '收起数据', graphql: 'GraphQL', graphqlHide: '收起 GraphQL', openGraphiQL: '在 GraphiQL 中打开', graphiqlHint: 'GraphiQL 里变量已写入查询，可直接运行',
    graphiqlComment: '问数执行的查询；变量已内联（GraphiQL 只从链接读取查询文本）',
    copy: '复制', copied: '已复制', copyFailed: '无法写入剪贴板，请手动选择复制',
    save: '保存为视图', saveName: '视图名称', saveShared: '共享（{scope}）', savePersonal: '仅自己', saveButton: '保存',
    saveHint: '保存到“{page}”页（最接近的页面，{scope}），打开视图时会在问数中重新显示这个回答。',
    saved: '已保存“{name}”（版本 {v}），可在“{page}”页的已保存视图中打开。',
    fallback: '“{kind}”画不了这个结果，改用了最接近的图。', truncated: '图中显示最大的 {n} 项；数据表中有全部 {total} 行。',
    chartOnly: '只换了图表，没有重新查询。', noRows: '没有数据', noValues: '结果里没有可画的数值（见数据表中的说明）', kinds: {
      line: '折线图', bar: '柱状图', pie: '饼图', table: '表格', radar: '雷达图', funnel: '漏斗图', sankey: '桑基图', heatmap: '热力图', survival: '生存曲线', kpi: '指标卡', map: '地图',
    },
  },
  common: { total: '合计', other: '其他', yes: '是', no: '否', cancel: '取消' },
};
