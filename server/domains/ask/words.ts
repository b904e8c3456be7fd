/**
 * The parser's own vocabulary: function words it may skip, follow-up verbs, chart names,
 * compare and order words, out-of-domain words, and domain phrasings the semantic model's
 * synonyms do not spell out. Everything here is data; lexicon.ts compiles it once.
 */
import type { ChartKind, CommandId, Sense } from './types.ts';
import { PROVINCES } from '../../../seeds/regions.ts';
import { PUBLISHED_ENTITIES } from '../../model/members.ts';

/** after a time expression (2025年至今, 3月以来): from it up to the latest complete month */
export const UNTIL_NOW = ['至今', '迄今', '以来', '到现在', '到今天', '至今为止', '到目前为止', '为止'];

/** a preference (各生命周期阶段偏好的渠道): the count over both dimensions, as a distribution (below) is */
export const PREFERENCE_WORDS = ['偏好', '偏好的', '喜欢', '喜欢的', '爱用', '常用', 'preference', 'preferences', 'preferred', 'prefer', 'prefers', 'favourite', 'favorite'];

/** average: of a ratio (平均ARPU) the metric itself; of a total (平均收入 is a synonym of ARPU; 平均接触次数) the parser asks */
export const AVERAGE_WORDS = ['平均', '平均的', '均值', '平均值', '平均数', 'average', 'avg', 'mean', 'the average', 'on average'];

/** Function words: consumed without meaning. Kept explicit so nothing content-bearing is dropped. */
export const STOP_WORDS: string[] = [
  // zh
  '的', '地', '之', '是', '为', '了', '吗', '吧', '啊', '呀', '哦', '嘛', '么', '请', '请问', '麻烦', '帮我', '帮忙', '给我', '我想', '我要', '想', '要', '我',
  '我们', '你', '看', '看看', '看下', '看一下', '瞧瞧', '查', '查看', '查下', '查一下', '一下', '下', '显示', '展示', '列出', '列一下', '统计', '计算', '算',
  '分析', '情况', '数据', '数字', '指标', '结果', '报表', '报告', '表现', '水平', '多少', '有', '有没有', '几', '几个', '哪些', '哪个', '什么', '怎么样',
  '如何', '怎样', '人', '个', '类', '们', '在', '于', '中', '里', '里面', '内', '期间', '时期', '当中', '各', '按', '按照', '分',
  '每个', '各个', '分别', '各自', '每', '根据', '所有', '全部', '全', '对比', '比较', '对照', '相比', '比', '对', '之间', '一共', '总共', '共', '从',
  '所在', '属于', '下面', '下属', '旗下', '范围', '公司', '分公司', '移动', '中国移动', '全市', '省内', '市内', '分布',
  '来', '做', '出', '拿', '得到', '给出', '以', '把', '就', '也', '还', '都', '再', '并', '且', '等', '等等', '方面', '相关', '对应', '口径',
  '图', '图表', '曲线', '合计', '时候', '段', '各段', '分段', '这', '那个', '这个', '些', '那些', '这些', '其', '其中', '怎么', '情形',
  '主要', '主要是', '通过', '主要通过', '经由', '来自', '来自于', '主要来自', '啥', '呗', '嗯', '好的', '谢谢', '不同', '不同的', '各种', '各类', '每一个', '每一', '各项', '一览', '明细', '详情', '汇总', '对应的', '上的', '里的', '中的', '维度的',
  // en
  'a', 'an', 'the', 'of', 'in', 'for', 'on', 'at', 'to', 'with', 'by', 'per', 'each', 'every', 'across', 'over', 'during', 'within',
  'between', 'show', 'me', 'us', 'display', 'list', 'give', 'get', 'tell', 'find', 'what', "what's", 'whats', 'which', 'who', 'is', 'are', 'was', 'were',
  'be', 'been', 'do', 'does', 'did', 'how', 'much', 'there', 'please', 'pls', 'i', 'we', 'my', 'our', 'want', 'need', 'see', 'look', 'view', 'chart',
  'graph', 'plot', 'data', 'numbers', 'figures', 'value', 'values', 'all', 'compare', 'compared', 'comparing', 'comparison', 'like', 'can', 'could',
  'you', 'would', 'as', 'it', 'its', 'that', 'this', 'those', 'these', 'distribution', 'distributions', 'breakdown', 'break down', 'who joined', 'joined', 'broken', 'down', 'split', 'grouped', 'group', 'curve', 'then', 'now',
  'again', 's', 'from', 'has', 'have', 'had', 'some', 'any', 'report', 'metric', 'metrics', 'level', 'levels', 'number', 'count', 'amount', 'rate', 'rates',
  'whole', 'entire', 'total', 'totals', '总量', 'grouping', 'groupings', '分组', '拆分', '维度上', 'china', 'mobile', 'china mobile', 'company', 'branch', 'thanks', 'thank', 'ok', 'okay', 'let', "let's",
  'lets', 'according', 'accordingly', 'when', 'where', 'why', 'whose', 'than', 'so', 'far', 'up', 'out', 'about', 'into', 'table of', 'details',
  'doing', 'going', 'performing', 'perform', 'performs', 'looking', 'we have', 'do we have', 'stay', 'stays', 'remain', 'remains', '谁', '谁的', '多个',
  // which one (哪家外国运营商, 价值分层中哪一层), what the figure is counted in (几个月, 多少钱), usually (一般能留多久), receives (gets the most contacts)
  '哪家', '哪一家', '哪一个', '哪一层', '哪层', '哪一档', '哪档', '哪一类', '哪类', '哪一级', '哪级', '几个月', '多少个月', '多少钱', '多少元', '一般', '通常', '平均来说', 'usually', 'typically', 'typical', 'on average',
  'gets', 'got', 'receive', 'receives', 'received', 'how much money',
  // how far apart two figures are (A和B的ARPU差多少): they stand side by side
  '差多少', '相差', '相差多少', '差距', '差别', '差异', '区别', '差了多少', 'difference', 'differences', 'gap', 'differ',
  // read beside a time expression: from it up to the latest complete month (parse.ts)
  ...UNTIL_NOW, 'since', ...PREFERENCE_WORDS,
  // how something was reached or came (acquired via agents, 客户经理发展的用户, 哪个入网渠道来的), among whom, now (the latest month is the default)
  'among', 'amongst', 'via', 'acquired', 'acquired via', 'acquired through', 'acquired by', 'brings', 'bring', 'brought', 'comes', 'come', 'came',
  'comes from', 'come from', 'came from', 'saw', 'right now', 'currently', 'at the moment', 'at present', 'stick around', 'sticks around',
  'break it down', 'break them down', 'split it', 'split them', 'stand', 'stands', '区间', '各区间', 'teh', 'hte', 'adn', 'waht', 'wiht', '发展', '发展的', '来的', '比一比', '比一下', '比比', '比较一下', '对比一下',
  // how the answer is drawn (做成地图, 画成饼图): the chart word after it says which
  '做成', '画成', '做个', '画个', '弄成', '做一个', '画一个',
  // the source of the capability scores (埃森哲评估里中国电信的渠道同步得分): the only assessment there is
  '埃森哲', '埃森哲评估', '评估里', '评估中', 'accenture', 'accenture assessment', 'the accenture assessment',
  // what a figure is counted in (平均DOU是多少M, how many MB): the metric's own unit
  '多少m', '多少mb', '多少兆', '多少g', '多少gb', '多少分钟', '多少秒', '几m', '几兆', 'mb', 'gb', 'how many mb', 'how many minutes',
  // an average asked of a metric that is one already (全省平均ARPU, average MOU); of a total, parse.ts asks (AVERAGE_WORDS)
  ...AVERAGE_WORDS,
];

/** Words joining two mentions (广州和深圳, Telstra vs BT) or two times (1月到3月). */
export const CONNECTORS: [string, 'and' | 'range'][] = [
  ['和', 'and'], ['与', 'and'], ['及', 'and'], ['以及', 'and'], ['跟', 'and'], ['同', 'and'], ['、', 'and'], ['还有', 'and'], ['或', 'and'], ['或者', 'and'],
  ['and', 'and'], ['vs', 'and'], ['vs.', 'and'], ['versus', 'and'], ['or', 'and'], ['against', 'and'], ['&', 'and'],
  ['到', 'range'], ['至', 'range'], ['~', 'range'], ['through', 'range'], ['until', 'range'], ['till', 'range'], ['thru', 'range'],
];

/** joiners that, opening a follow-up, set what they name beside what is shown (和广州电信比一下); not English "and" (and Fujian?: what about) */
export const JOIN_BESIDE = new Set(['和', '与', '跟', '同', 'vs', 'vs.', 'versus', 'against']);

export const COMMANDS: [string, CommandId][] = [
  ['compare with', 'add'], ['compare it with', 'add'], ['compared with', 'add'], ['compare to', 'add'], ['compared to', 'add'], ['side by side with', 'add'],
  ['只看', 'only'], ['只要', 'only'], ['仅看', 'only'], ['只', 'only'], ['仅', 'only'], ['就看', 'only'], ['单看', 'only'], ['只显示', 'only'], ['只统计', 'only'],
  ['下钻', 'only'], ['下钻到', 'only'], ['钻取', 'only'], ['drill into', 'only'], ['drill down into', 'only'], ['drill down to', 'only'], ['drill down', 'only'], ['drill', 'only'],
  ['only', 'only'], ['just', 'only'], ['only show', 'only'], ['just show', 'only'], ['limit to', 'only'], ['restrict to', 'only'], ['focus on', 'only'],
  ['换成', 'replace'], ['换为', 'replace'], ['换', 'replace'], ['改成', 'replace'], ['改为', 'replace'], ['改', 'replace'], ['改看', 'replace'], ['改用', 'replace'],
  ['切换到', 'replace'], ['切换成', 'replace'], ['切换为', 'replace'], ['变成', 'replace'], ['替换为', 'replace'], ['用', 'replace'],
  ['switch to', 'replace'], ['change to', 'replace'], ['change it to', 'replace'], ['instead', 'replace'], ['instead of', 'replace'], ['replace with', 'replace'],
  ['use', 'replace'], ['make it', 'replace'], ['turn it into', 'replace'], ['show it as', 'replace'], ['switch', 'replace'],
  ['再加上', 'add'], ['加上', 'add'], ['再加', 'add'], ['加', 'add'], ['增加', 'add'], ['添加', 'add'], ['再看', 'add'], ['同时看', 'add'], ['顺便看', 'add'],
  ['also', 'add'], ['add', 'add'], ['plus', 'add'], ['also show', 'add'], ['and also', 'add'], ['as well as', 'add'], ['include', 'add'], ['along with', 'add'],
  ['together with', 'add'], ['too', 'add'], ['as well', 'add'],
  ['去掉', 'remove'], ['去除', 'remove'], ['移除', 'remove'], ['不看', 'remove'], ['不要', 'remove'], ['不含', 'remove'], ['不包括', 'remove'], ['不包含', 'remove'],
  ['排除', 'remove'], ['除去', 'remove'], ['剔除', 'remove'], ['除了', 'remove'], ['扣除', 'remove'], ['拿掉', 'remove'],
  ['remove', 'remove'], ['without', 'remove'], ['exclude', 'remove'], ['excluding', 'remove'], ['except', 'remove'], ['except for', 'remove'], ['other than', 'remove'],
  ['no longer', 'remove'], ['no', 'remove'], ['not', 'remove'], ['drop the', 'remove'], ['drop', 'remove'], ['minus', 'remove'], ['leave out', 'remove'], ['take out', 'remove'],
  ['呢', 'followup'], ['那', 'followup'], ['那么', 'followup'], ['那么呢', 'followup'], ['如果是', 'followup'], ['换个', 'followup'],
  ['what about', 'followup'], ['how about', 'followup'], ['and for', 'followup'], ['same for', 'followup'], ['same', 'followup'], ['now for', 'followup'],
];

/** Generic words that are member names only in context (see the member Sense's `weak`). */
export const CONTEXT_MEMBERS: [string, 'stop' | 'lead' | 'confirm'][] = [
  ['data', 'stop'],
  ...['查询', '使用', '获取', '变更', '办理', '认知'].map((w) => [w, 'lead'] as [string, 'lead']),
  ...['active', 'young', 'business', 'traditional', 'awareness', 'acquisition', 'transaction', 'inquiry', 'marketing', 'usage', 'change', 'care',
    'model', 'random', 'control', 'none', 'key', 'drop', 'improve', 'maintain', 'voice', 'club', 'regular', 'hard', 'soft',
    '活跃', '年轻', '商务', '传统', '普通', '模型', '随机']
    .map((w) => [w, 'confirm'] as [string, 'confirm']),
];

/** verbs after what they govern: 深圳除外 */
export const POSTFIX_REMOVE = ['除外', '以外', '之外', '不算', '不计', '不计入', '除外的', 'excluded', 'not included'];

export const CHARTS: [string, ChartKind][] = [
  ['柱状图', 'bar'], ['柱形图', 'bar'], ['柱图', 'bar'], ['条形图', 'bar'], ['直方图', 'bar'], ['bar chart', 'bar'], ['bar', 'bar'], ['bars', 'bar'], ['column chart', 'bar'], ['columns', 'bar'],
  ['折线图', 'line'], ['线图', 'line'], ['曲线图', 'line'], ['趋势图', 'line'], ['line chart', 'line'], ['line', 'line'], ['line graph', 'line'],
  ['饼图', 'pie'], ['饼状图', 'pie'], ['圆饼图', 'pie'], ['pie chart', 'pie'], ['pie', 'pie'], ['占比', 'pie'], ['构成', 'pie'], ['比例', 'pie'], ['share', 'pie'], ['mix', 'pie'],
  ['百分比', 'pie'], ['percentage', 'pie'], ['proportion', 'pie'], ['breakdown', 'pie'],
  // a donut is a pie with a hole; what fraction / % of is the share
  ['donut', 'pie'], ['donut chart', 'pie'], ['doughnut', 'pie'], ['doughnut chart', 'pie'], ['环形图', 'pie'], ['圆环图', 'pie'], ['甜甜圈图', 'pie'],
  ['fraction', 'pie'], ['what fraction of', 'pie'], ['portion', 'pie'], ['what portion of', 'pie'], ['% of', 'pie'], ['percent of', 'pie'], ['percentage of', 'pie'],
  // what each part contributes to the whole (各品牌的收入贡献, contribution to revenue) is its share
  ['贡献', 'pie'], ['贡献度', 'pie'], ['贡献率', 'pie'], ['contribution', 'pie'], ['contributions', 'pie'], ['contribution to', 'pie'],
  // 各占多少, 占多少比例: the share
  ['占', 'pie'], ['各占', 'pie'], ['占多少', 'pie'], ['所占', 'pie'], ['所占比例', 'pie'],
  ['表格', 'table'], ['表', 'table'], ['明细表', 'table'], ['列表', 'table'], ['table', 'table'], ['grid', 'table'],
  ['雷达图', 'radar'], ['雷达', 'radar'], ['蛛网图', 'radar'], ['radar chart', 'radar'], ['radar', 'radar'], ['spider chart', 'radar'],
  ['漏斗图', 'funnel'], ['漏斗', 'funnel'], ['funnel chart', 'funnel'], ['funnel', 'funnel'],
  ['桑基图', 'sankey'], ['sankey', 'sankey'], ['sankey diagram', 'sankey'],
  ['热力图', 'heatmap'], ['热图', 'heatmap'], ['heatmap', 'heatmap'], ['heat map', 'heatmap'],
  ['生存曲线图', 'survival'], ['km曲线', 'survival'], ['kaplan meier', 'survival'],
  ['指标卡', 'kpi'], ['数字卡片', 'kpi'], ['kpi', 'kpi'], ['kpi card', 'kpi'], ['single number', 'kpi'],
  ['地图', 'map'], ['分布图', 'map'], ['分省地图', 'map'], ['map', 'map'], ['on a map', 'map'], ['choropleth', 'map'],
];

export const COMPARES: [string, 'yoy' | 'mom'][] = [
  ['同比', 'yoy'], ['同比增长', 'yoy'], ['同比变化', 'yoy'], ['同比增幅', 'yoy'], ['比去年同期', 'yoy'], ['与去年同期相比', 'yoy'], ['较去年同期', 'yoy'], ['去年同期', 'yoy'],
  ['比去年', 'yoy'], ['较去年', 'yoy'], ['与去年相比', 'yoy'], ['和去年比', 'yoy'], ['跟去年比', 'yoy'], ['比上年', 'yoy'],
  ['yoy', 'yoy'], ['year over year', 'yoy'], ['year on year', 'yoy'], ['vs last year', 'yoy'], ['versus last year', 'yoy'], ['compared to last year', 'yoy'],
  ['compared with last year', 'yoy'], ['against last year', 'yoy'], ['same period last year', 'yoy'], ['yoy change', 'yoy'], ['yoy growth', 'yoy'],
  // asked as a request (compare with last year): the comparison, not last year's range beside an added metric
  ['compare with last year', 'yoy'], ['compare to last year', 'yoy'], ['compare it with last year', 'yoy'], ['compare it to last year', 'yoy'], ['than last year', 'yoy'],
  ['compare with the same period last year', 'yoy'], ['compare with a year ago', 'yoy'], ['与去年比', 'yoy'], ['同去年比', 'yoy'], ['和去年同期比', 'yoy'],
  ['compare with last month', 'mom'], ['compare to last month', 'mom'], ['compare it with last month', 'mom'], ['than last month', 'mom'], ['against last month', 'mom'],
  ['与上月比', 'mom'], ['与上个月比', 'mom'], ['和上个月比', 'mom'], ['跟上个月比', 'mom'],
  ['环比', 'mom'], ['环比增长', 'mom'], ['环比变化', 'mom'], ['环比增幅', 'mom'], ['比上月', 'mom'], ['较上月', 'mom'], ['与上月相比', 'mom'], ['比上个月', 'mom'],
  ['较上个月', 'mom'], ['与上个月相比', 'mom'], ['和上月比', 'mom'], ['跟上月比', 'mom'],
  ['mom', 'mom'], ['month over month', 'mom'], ['month on month', 'mom'], ['vs last month', 'mom'], ['versus last month', 'mom'],
  ['from last month', 'mom'], ['since last month', 'mom'], ['from the previous month', 'mom'], ['from last year', 'yoy'], ['since last year', 'yoy'],
  ['compared to last month', 'mom'], ['compared with last month', 'mom'], ['vs previous month', 'mom'], ['sequential', 'mom'],
  // the period before, as long as the one asked (近两个月…比上个周期: the two months before)
  ['上个周期', 'mom'], ['上一周期', 'mom'], ['上一个周期', 'mom'], ['上期', 'mom'], ['前一周期', 'mom'], ['比上期', 'mom'], ['较上期', 'mom'],
  ['previous period', 'mom'], ['prior period', 'mom'], ['the period before', 'mom'], ['vs the previous period', 'mom'],
];
/**
 * growth and change words that could be either comparison: they ask, unless the question
 * says which (比去年增长了多少, 比上月高了多少: the explicit one wins, parse.ts)
 */
export const AMBIGUOUS_COMPARES = [
  '增长', '增长率', '增幅', '涨幅', '变化率', '变动', 'growth', 'growth rate', 'change rate',
  '多了', '少了', '高了', '低了', '涨了', '降了', '跌了', '增加了', '减少了', '上升', '上升了', '下降', '下降了', '提高了', '降低了', '提升了',
  'change', 'changed', 'changes', 'increase', 'increased', 'decrease', 'decreased', 'rise', 'rose', 'risen', 'fell', 'grow', 'grew', 'grown', 'growing', 'grows', 'fall', 'falls', 'fallen', 'falling', 'decline', 'declined', 'declines', 'declining',
  'rising', 'rises', 'increasing', 'decreasing', 'drops', 'dropping', 'went up', 'went down', 'gone up', 'gone down',
  '涨', '跌', '涨得', '跌得', '降得', '升得', '增长得', '下滑', '下滑了', '上涨', '上涨了', 'jump', 'jumped', 'spike', 'spiked', 'surge', 'surged', 'drop', 'dropped', 'dip', 'dipped',
  'plunge', 'plunged', 'soar', 'soared', 'climb', 'climbed',
];
/** words for the mix of a dimension (男女比例, 渠道构成): pie words that are not the chart's name */
export const MIX_WORDS = new Set(['占比', '构成', '比例', 'share', 'mix', '百分比', 'percentage', 'proportion', 'breakdown', '占', '各占', '占多少', '所占', '所占比例',
  'fraction', 'what fraction of', 'portion', 'what portion of', '% of', 'percent of', 'percentage of', '贡献', '贡献度', '贡献率', 'contribution', 'contributions', 'contribution to']);
/** a pie asked by name (not a share word): declined aloud for a ratio */
export const PIE_NAMES = /饼|pie|donut|doughnut|环形|圆环/i;

/** order words that say "ranked" or "sorted" but not which end (desc unless another order word says) */
export const RANK_WORDS = new Set(['排名', '排行', '排行榜', '排序', '排', '排一下', '排个序', '排列', 'ranked', 'ranking', 'rank', 'sorted', 'sort']);

/** where one member stands among its siblings (深圳在广东排第几, where does Shenzhen rank) */
/** where they come from (where do complaints come from): the channel, not where one member stands (where does Shenzhen rank) */
export const COME_FROM = ['come from', 'came from', 'where from', '从哪里来', '从哪来', '从哪儿来', '从哪些渠道来'];

export const POSITION_WORDS = new Set(['排第几', '排名第几', '第几名', '排在第几', '排第几名', '排在第几名', '排名多少', '排多少名', '排名如何', '排名怎么样',
  'what rank', 'which rank', 'where does', 'where do', 'rank among', 'ranks among', 'ranked among', 'position among',
  // beside the rest (how does Shenzhen compare to the rest of Guangdong, 深圳和广东其他地市比): among them
  'the rest of', 'rest of', 'the other cities', 'other cities in', 'the other provinces', '其他地市', '其他城市', '其余地市', '其他省份', '其余省份']);
export const ORDER_WORDS: [string, 'asc' | 'desc' | 'best' | 'worst'][] = [
  // 哪个…高 / 谁的…高: the higher first (a comparison of two, or a ranking)
  ['高', 'desc'], ['更高', 'desc'], ['较高', 'desc'], ['偏高', 'desc'], ['多', 'desc'], ['更多', 'desc'], ['较多', 'desc'],
  ['低', 'asc'], ['更低', 'asc'], ['较低', 'asc'], ['偏低', 'asc'], ['少', 'asc'], ['更少', 'asc'], ['较少', 'asc'],
  ['最高', 'desc'], ['最大', 'desc'], ['最多', 'desc'], ['最快', 'desc'], ['最慢', 'asc'], ['fastest', 'desc'], ['slowest', 'asc'], ['最高的', 'desc'], ['最大的', 'desc'], ['最多的', 'desc'], ['排名', 'desc'], ['排行', 'desc'], ['排行榜', 'desc'],
  ['排序', 'desc'], ['排', 'desc'], ['排一下', 'desc'], ['排个序', 'desc'], ['排列', 'desc'], ['降序', 'desc'], ['从高到低', 'desc'], ['从大到小', 'desc'], ['由高到低', 'desc'], ['靠前', 'desc'],
  ['highest', 'desc'], ['largest', 'desc'], ['biggest', 'desc'], ['most', 'desc'], ['top', 'desc'], ['ranked', 'desc'], ['ranking', 'desc'], ['rank', 'desc'],
  ['sorted', 'desc'], ['sort', 'desc'], ['descending', 'desc'], ['highest first', 'desc'], ['leading', 'desc'],
  ['最长', 'desc'], ['最长的', 'desc'], ['最久', 'desc'], ['最久的', 'desc'], ['longest', 'desc'],
  ['最短', 'asc'], ['最短的', 'asc'], ['shortest', 'asc'],
  ['从短到长', 'asc'], ['由短到长', 'asc'], ['从长到短', 'desc'], ['由长到短', 'desc'], ['shortest first', 'asc'], ['longest first', 'desc'],
  ['cheapest first', 'asc'], ['most expensive first', 'desc'], ['从少到多', 'asc'], ['从多到少', 'desc'],
  ['最低', 'asc'], ['最小', 'asc'], ['最少', 'asc'], ['最低的', 'asc'], ['最小的', 'asc'], ['最少的', 'asc'], ['升序', 'asc'], ['从低到高', 'asc'], ['从小到大', 'asc'],
  ['由低到高', 'asc'], ['垫底', 'asc'], ['靠后', 'asc'],
  ...[...POSITION_WORDS].map((w) => [w, 'desc'] as [string, 'desc']),
  ['high', 'desc'], ['higher', 'desc'], ['low', 'asc'], ['lower', 'asc'],
  ['cheapest', 'asc'], ['最便宜', 'asc'], ['most expensive', 'desc'], ['最贵', 'desc'],
  ['lowest', 'asc'], ['smallest', 'asc'], ['least', 'asc'], ['fewest', 'asc'], ['bottom', 'asc'], ['ascending', 'asc'], ['lowest first', 'asc'],
  ['最强', 'best'], ['最强的', 'best'], ['strongest', 'best'], ['best first', 'best'],
  ['最弱', 'worst'], ['最弱的', 'worst'], ['最薄弱', 'worst'], ['最薄弱的', 'worst'], ['weakest', 'worst'], ['worst first', 'worst'],
  ['largest first', 'desc'], ['biggest first', 'desc'], ['smallest first', 'asc'],
  ['最好', 'best'], ['最好的', 'best'], ['最佳', 'best'], ['最优', 'best'], ['表现最好', 'best'], ['best', 'best'], ['best performing', 'best'],
  ['最差', 'worst'], ['最差的', 'worst'], ['最糟', 'worst'], ['表现最差', 'worst'], ['worst', 'worst'], ['worst performing', 'worst'],
];

export const TREND_WORDS = ['趋势', '走势', '变化趋势', '变化', '趋势变化', '历史', 'trend', 'trends', 'trending', 'trended', 'over time', 'history', 'evolution', 'development', 'trajectory'];
/** the whole country: no region filter */
export const NATIONAL_WORDS = ['全国', '全国范围', '全国范围内', '全国平均', '全国平均水平', '全国均值', 'national average', 'the national average', 'country average', 'nationwide', 'national', 'nationally', 'countrywide', 'country-wide', 'whole country', 'all of china', 'across china', 'across the country'];
/** a whole province: the one named (广东全省), else the viewer's own (咱们省) */
export const WHOLE_PROVINCE_WORDS = ['全省', '全省的', '全省范围', '全省范围内', '整个省', '咱们省', '咱省', '我们省', '我省', '本省', 'our province', 'the whole province',
  'province overall', 'province wide', 'provincewide', 'across the province', 'the entire province'];
/** no grouping (a follow-up that names no new grouping drops the old one) */
export const TOTAL_WORDS = ['总体', '整体', '合起来', '不分组', '不拆分', '总计', '全体', '累计', '累积', 'cumulative', 'overall', 'in total', 'altogether', 'no grouping', 'ungrouped', 'without grouping', 'aggregated'];

/** Outside the data → UNSUPPORTED (destructive verbs included: the chat only reads). */
export const OOS_WORDS: [string, string][] = [
  ...['天气', '气温', '温度', '下雨', '下雪', '天气预报', '雾霾', 'weather', 'temperature', 'rain', 'raining', 'snow', 'sunny'].map((w) => [w, 'weather'] as [string, string]),
  ...['订票', '机票', '火车票', '车票', '高铁票', '酒店', '航班', '订酒店', '订餐', '外卖', '打车', 'booking', 'book a', 'flight', 'flights', 'ticket', 'tickets', 'hotel', 'hotels', 'taxi', 'reservation']
    .map((w) => [w, 'booking'] as [string, string]),
  ...['股票', '股价', '新闻', '翻译', '写诗', '作诗', '笑话', '讲个', '唱歌', '菜谱', '彩票', 'stock price', 'stocks', 'news', 'translate', 'joke', 'poem', 'song', 'recipe', 'lottery', 'bitcoin', '比特币']
    .map((w) => [w, 'offtopic'] as [string, string]),
  ...['删除', '删掉', '删了', '清空', '清除', '插入', '写入', '篡改', '修改数据', '更新数据', '改数据', '导出全部', '重置', '格式化', '销毁',
    'delete', 'deleting', 'truncate', 'insert', 'update', 'modify', 'overwrite the', 'drop table', 'drop database', 'update table', 'alter', 'wipe', 'erase', 'destroy', 'overwrite', 'modify the data', 'change the data']
    .map((w) => [w, 'write'] as [string, string]),
  ...['预测', '预计', '将来', '未来', '明年', '下个月', '下月', '下季度', '下个季度', '下周', '明天', '后天', 'forecast', 'predict', 'prediction', 'projection', 'next month', 'next year', 'next quarter', 'next week', 'tomorrow', 'future']
    .map((w) => [w, 'future'] as [string, string]),
  // below the cities (a named district or county: lexicon.ts)
  ...['区县', '各区县', '分区县', '县区', '各县区', '区县级', '街道', 'district', 'districts', 'county', 'counties', 'by district', 'by county'].map((w) => [w, 'district:'] as [string, string]),
  // dashboard views that are not metrics: the answer says where they are
  ...['合约到期', '合约到期前后', '到期前后', '合约期满', '合约到期离网', '到期', '快到期', '即将到期', '将到期', 'contract expiry', 'contract expiration', 'contract end',
    'around contract end', 'expiring contracts', 'contract expires', 'contracts expire', 'contract expiring', 'contracts expiring', 'expires', 'expire', 'expiring', 'expiry']
    .map((w) => [w, 'page:contract'] as [string, string]),
  ...['入网批次', '批次留存', '留存热力图', '队列留存', '入网队列留存', '批次留存率', 'cohort retention', 'retention heatmap', 'retention by cohort']
    .map((w) => [w, 'page:cohort'] as [string, string]),
  ...['分群迁移', '迁移', '桑基图', 'segment migration', 'migration', 'sankey', '迁入', '迁出', 'moved from', 'moved to', 'migrated', 'moved between']
    .map((w) => [w, 'page:migration'] as [string, string]),
  // people: the data is by channel, never by employee (who is the best account manager)
  ...['员工', '营业员', '坐席', '话务员', '销售人员', '业务员', '哪个客户经理', '哪位客户经理', '最好的客户经理', '客户经理排名', '客户经理个人',
    'employee', 'employees', 'staff member', 'staff members', 'salesperson', 'salespeople', 'sales rep', 'sales reps', 'call agent', 'call agents',
    'best account manager', 'top account manager', 'worst account manager', 'which account manager', 'account manager ranking', 'individual account managers']
    .map((w) => [w, 'people'] as [string, string]),
  // measures the data does not hold: the answer names the nearest it does (index.ts)
  ...['sms usage', 'text usage', 'sms volume', 'sms sent', '短信使用量', '短信用量', '短信量', '短信条数', '发短信'].map((w) => [w, 'absent:sms'] as [string, string]),
  ...['nps', 'net promoter score', 'net promoter', 'promoter score', '净推荐值', '推荐值', 'nps值'].map((w) => [w, 'absent:nps'] as [string, string]),
  ...['5g', '5g套餐', '5g用户', '5g渗透率', '套餐', '渗透率', '套餐渗透率', 'penetration', 'penetration rate', '5g penetration', 'data plan', 'data plans']
    .map((w) => [w, 'absent:5g'] as [string, string]),
  ...['利润', '利润率', '毛利', '毛利率', '净利润', 'profit', 'profits', 'profit margin', 'margin', 'margins', 'profitability'].map((w) => [w, 'absent:profit'] as [string, string]),
  ...['充值金额', '充值额', '充值总额', '充值', 'recharge amount', 'recharge amounts', 'recharge', 'recharges', 'top up', 'top ups', 'top-up amount', 'topup'].map((w) => [w, 'absent:recharge'] as [string, string]),
  ...['响应率', '营销响应率', '活动响应率', '回应率', '回复率', 'response rate', 'response rates', 'campaign response', 'campaign response rate', 'responders', 'uptake rate', 'take-up rate', 'take up rate']
    .map((w) => [w, 'absent:response'] as [string, string]),
  ...['响应时间', '响应时长', '响应速度', '响应最快', '响应最慢', '响应快', '响应慢', '首次响应', '首次响应时间', '等待时间', '等待时长', '排队时长', '排队时间',
    'response time', 'response times', 'time to respond', 'first response time', 'response speed', 'fastest response', 'slowest response', 'responds fastest',
    'respond fastest', 'wait time', 'waiting time', 'queue time']
    .map((w) => [w, 'absent:response_time'] as [string, string]),
  ...['流失预警', '离网预警', '预警', '预警客户', '风险客户', '高风险', '高风险客户', '流失风险', '离网风险', '流失概率', '离网概率', '流失倾向',
    'churn risk', 'at-risk', 'at risk', 'risk score', 'churn score', 'churn propensity', 'propensity', 'churn probability', 'likely to churn']
    .map((w) => [w, 'absent:risk'] as [string, string]),
  // the data is mobile subscribers: no broadband, fixed line or TV
  ...['宽带', '宽带用户', '家庭宽带', '家宽', '固网', '固话', '固定电话', 'iptv', '光纤', 'broadband', 'fixed line', 'fixed-line', 'landline', 'landlines', 'fibre', 'fiber']
    .map((w) => [w, 'absent:fixed'] as [string, string]),
  // complaints per subscriber: not a metric; complaints are counted as contacts of that purpose
  ...['投诉率', '投诉比例', '投诉占比', '万户投诉率', '万户投诉', '百万客户投诉率', 'complaint rate', 'complaint rates', 'complaints per subscriber', 'complaints per customer']
    .map((w) => [w, 'absent:complaint_rate'] as [string, string]),
  // a streak (rose three months running) is not a query the model has: each month's figure is
  ...['连续上升', '连续下降', '连续增长', '连续下滑', '连续走高', '连续走低', '连续', '持续上升', '持续下降', '逐月上升', '逐月下降',
    'consecutive', 'in a row', 'months running', 'straight months']
    .map((w) => [w, 'absent:streak'] as [string, string]),
  ...['customer lifetime value', 'lifetime value', 'clv', 'ltv', '客户终身价值', '终身价值', '生命周期价值', '客户生命周期价值'].map((w) => [w, 'absent:clv'] as [string, string]),
  ...['你是谁', '你好', '密码', '口令', 'password', 'hello', 'who are you', 'api key', 'token', 'credentials', '系统提示', 'system prompt', 'prompt', 'jailbreak', 'ignore', 'disregard', '忽略']
    .map((w) => [w, 'offtopic'] as [string, string]),
];

/**
 * How well channels pay off, named vaguely (效率最高的渠道, most cost-effective channel): each of the
 * channel efficiency measures (the parser asks which); an order word beside one ranks best first
 * (效率最高: the lowest cost per conversion), not the literal highest value.
 */
export const MERIT_WORDS = ['渠道效率', '渠道效能', '渠道效果', '效率', '效能', '性价比', '效果', 'cost-effective', 'cost effective',
  'cost-effectiveness', 'cost effectiveness', 'efficiency', 'efficient', 'channel efficiency', 'channel effectiveness', 'effectiveness'];
/** merit words that also say how well campaigns work (活动类型的效果): the campaign measures too, where a campaign is named */
const MERIT_OF_CAMPAIGNS = ['效果', 'effectiveness'];

/** a unit after a cost word: cost per conversion / per contact (which channels cost the most per conversion) */
export const PER_CONVERSION = ['per conversion', '每次转化', '每个转化', '每转化', '单次转化'];
export const PER_CONTACT = ['per contact', '每次接触', '每接触', 'per interaction'];
/** a question about causes: read as the data asked, with a note that causes are not inferred (function words otherwise) */
export const WHY_WORDS = ['为什么', '为何', '为啥', '咋', '什么原因', '原因', '怎么回事', '导致', '造成', 'why', 'how come', 'what caused', 'what drives', 'what is driving'];
/** the distribution over a dimension with no metric named (RFM分布, 各省用户分布): a count, drawn as the grouping suits */
/** the RFM analysis named as such (RFM分析, RFM model): the subscribers' distribution over R × F, as 分布 asks */
const RFM_ANALYSIS = ['rfm分析', 'rfm模型', 'rfm analysis', 'rfm model'];
export const DISTRIBUTION_WORDS = new Set(['分布', '分布情况', 'distribution', ...PREFERENCE_WORDS, ...RFM_ANALYSIS]);
/** an average lifetime asked: answered with the median (CSL), and said so (parse.ts) — a mean needs every end date */
export const MEAN_LIFETIME_WORDS = ['平均在网时长', '平均在网时间', '平均在网月数', '平均生命周期', '平均客户生命周期', 'average tenure', 'average lifetime', 'average customer lifetime', 'mean lifetime'];

/**
 * The regions of China, each a word on its provinces (华南地区离网率: 广东, 广西 and 海南; the
 * restatement lists them). GB/T 2260 codes them itself: a province code's first digit is its
 * area (1 华北, 2 东北, 3 华东, 4 中南, 5 西南, 6 西北); the usual seven regions split 中南 into
 * 华中 (41–43) and 华南 (44–46).
 */
export const REGION_GROUPS: [string[], (code: string) => boolean][] = [
  [['华北', '华北地区', 'north china'], (c) => c[0] === '1'],
  [['东北', '东北地区', 'northeast china', 'northeast', 'north east', 'north east china', 'the north east'], (c) => c[0] === '2'],
  [['华东', '华东地区', 'east china'], (c) => c[0] === '3'],
  [['中南', '中南地区', 'central south china'], (c) => c[0] === '4'],
  [['华中', '华中地区', 'central china'], (c) => c[0] === '4' && c < '440000'],
  [['华南', '华南地区', 'south china'], (c) => c[0] === '4' && c >= '440000'],
  [['西南', '西南地区', 'southwest china', 'southwest', 'south west', 'south west china'], (c) => c[0] === '5'],
  [['西北', '西北地区', 'northwest china', 'northwest', 'north west', 'north west china'], (c) => c[0] === '6'],
  // the statistics bureau's economic areas (东部 · 中部 · 西部; 东北 as above): 西部 is 西南 and 西北 with 内蒙古 and 广西
  [['东部', '东部地区', '东部省份', 'eastern china', 'eastern provinces'], (c) => ['11', '12', '13', '31', '32', '33', '35', '37', '44', '46'].includes(c.slice(0, 2))],
  [['中部', '中部地区', '中部省份', 'central provinces'], (c) => ['14', '34', '36', '41', '42', '43'].includes(c.slice(0, 2))],
  [['西部', '西部地区', '西部省份', 'western china', 'western provinces', 'west china'], (c) => c[0] === '5' || c[0] === '6' || c === '150000' || c === '450000'],
];

/** Domain phrasings beyond the model's synonyms (parser-owned). */
export const EXTRA_SENSES: [string, Sense][] = [
  // the carriers of the 2003 assessment by kind (外国运营商: the seven foreign ones)
  ...(['外国运营商', '国外运营商', '海外运营商', '境外运营商', '外国', '国外', 'foreign carriers', 'foreign carrier', 'foreign operators', 'overseas carriers', 'foreign', 'overseas']
    .flatMap((w) => PUBLISHED_ENTITIES.filter((e) => e.kind === 'foreign').map((e) => [w, { kind: 'member', dimension: 'capability_entity', id: e.id, group: true }] as [string, Sense]))),
  ...(['国内运营商', '中国运营商', 'domestic carriers', 'domestic operators', 'chinese carriers']
    .flatMap((w) => PUBLISHED_ENTITIES.filter((e) => e.kind === 'domestic').map((e) => [w, { kind: 'member', dimension: 'capability_entity', id: e.id, group: true }] as [string, Sense]))),
  // (the north-east region: the words name the region, not a grouping by region)
  ...REGION_GROUPS.flatMap(([words, inGroup]) => words.flatMap((w) => (/^[a-z ]+$/.test(w) ? [w, `${w} region`, `the ${w} region`] : [w])).flatMap((w) => PROVINCES.filter((p) => inGroup(p.code))
    .map((p) => [w, { kind: 'member', dimension: 'province', id: p.code, group: true }] as [string, Sense]))),
  ...(['用户数量', '客户数量', '用户总数', '客户总数', '用户量', '客户量', '在网客户数', '在网客户', '多少客户', '多少个用户', '多少个客户', '多少人', '人数', '用户人数',
    'subscriber', 'number of customers', 'customer count', 'user count', 'how many customers', 'how many users', 'number of users', 'subscriber numbers']
    .map((w) => [w, { kind: 'metric', id: 'subscribers' }] as [string, Sense])),
  ...(['新增用户数', '新增客户数', '新增量', '新入网用户', '新入网用户数', '新入网客户', '新发展用户', '发展用户数', '新增用户量', 'new subscribers', 'new customers', 'new subs',
    'activations']
    .map((w) => [w, { kind: 'metric', id: 'new_subscribers' }] as [string, Sense])),
  ...(['离网客户', '离网客户数', '流失客户', '流失客户数', '流失用户数', '离网量', '离网人数', 'churned customers', 'churners count', 'lost customers']
    .map((w) => [w, { kind: 'metric', id: 'churned_subscribers' }] as [string, Sense])),
  // activated: the new subscribers beside a count word (number of subscribers activated via the hotline), else a qualifier
  ['activated', { kind: 'metric', id: 'new_subscribers', weak: true }],
  // lose / lost count the churned only beside a count word (how many customers did we lose; parse.ts)
  ...(['lose', 'lost', 'losing', 'loses'].map((w) => [w, { kind: 'metric', id: 'churned_subscribers', weak: true }] as [string, Sense])),
  // converts best (which channel converts best): the conversion rate
  ...(['converts', 'convert', 'converting', '转化最好', '转化效果'].map((w) => [w, { kind: 'metric', id: 'conversion_rate' }] as [string, Sense])),
  ...(['离网', '流失'].map((w) => [w, { kind: 'metric', id: 'churn_rate' }] as [string, Sense])),
  // the share of subscribers who churned is the churn rate (not a pie of one slice)
  ...(['离网用户占比', '离网客户占比', '流失用户占比', '流失客户占比', '离网占比', '流失占比', '离网用户比例', '流失用户比例', 'share of subscribers who churned']
    .map((w) => [w, { kind: 'metric', id: 'churn_rate' }] as [string, Sense])),
  ...(['每户收入', 'arpu值', '户均arpu'].map((w) => [w, { kind: 'metric', id: 'arpu' }] as [string, Sense])),
  ...(['mou值', '通话时长', '户均通话时长', '语音', '通话', '语音通话', '语音使用', '语音用量', '通话量', '通话分钟', 'voice usage', 'call minutes'].map((w) => [w, { kind: 'metric', id: 'mou' }] as [string, Sense])),
  ...(['dou值', '流量', '户均流量使用', '流量使用', '流量用量', '数据流量', '上网流量'].map((w) => [w, { kind: 'metric', id: 'dou' }] as [string, Sense])),
  // 留存率 (the share still in the base): the survival curve; 批次留存 (by activation cohort) is the lifecycle page's heatmap
  // how many are left (入网一年后还剩多少, still active after 12 months): the survival curve, at the tenure named
  ...(['还剩多少', '还剩', '还剩下', '还在网', '仍在网', '还在网的', '还在网的比例', '还留着', 'still active', 'still with us', 'remain active', 'still around', 'are still active']
    .map((w) => [w, { kind: 'metric', id: 'survival_rate', asks: true }] as [string, Sense])),
  ...(['存活', '存活分析', '生存分析', '生存率', 'km曲线', '存活率曲线', '留存率', '用户留存率', '客户留存率', '留存', 'survival analysis', 'survival rates', 'kaplan meier curve'].map((w) => [w, { kind: 'metric', id: 'survival_rate' }] as [string, Sense])),
  ...(['中位生命周期', '生命周期长度', 'median customer lifetime', 'median'].map((w) => [w, { kind: 'metric', id: 'median_lifetime' }] as [string, Sense])),
  ...(MEAN_LIFETIME_WORDS.map((w) => [w, { kind: 'metric', id: 'median_lifetime' }] as [string, Sense])),
  // how long (customers stay): the lifetime, unless a metric is named (平均处理时长多久 is the handle time)
  ...(['多久', '多长', '多长时间', '有多久', '有多长', '能留多久', '在网多久', 'how long'].map((w) => [w, { kind: 'metric', id: 'median_lifetime', weak: true, asks: true }] as [string, Sense])),
  ...(['能力', 'crm能力', '能力对比', '能力水平', 'capability', 'capabilities'].map((w) => [w, { kind: 'metric', id: 'capability_score', weak: true }] as [string, Sense])),
  ...(['能力分', '能力分数', '分数', '成熟度', 'crm能力评分', 'crm capability', 'crm capability score', 'maturity'].map((w) => [w, { kind: 'metric', id: 'capability_score' }] as [string, Sense])),
  // per conversion / 每次转化 beside a cost word: the cost per conversion (parse.ts merges the two)
  ...(PER_CONVERSION.map((w) => [w, { kind: 'metric', id: 'cost_per_conversion' }] as [string, Sense])),
  ...(PER_CONTACT.map((w) => [w, { kind: 'metric', id: 'cost_per_contact' }] as [string, Sense])),
  ...(['花费', '开销', '费用', 'spending', 'spent'].map((w) => [w, { kind: 'metric', id: 'cost' }] as [string, Sense])),
  ...(['营销转化率', '转化比例', 'conversion rates'].map((w) => [w, { kind: 'metric', id: 'conversion_rate' }] as [string, Sense])),
  ...(['average handling time', 'avg handle time'].map((w) => [w, { kind: 'metric', id: 'avg_handle_time' }] as [string, Sense])),
  ...(['e channel share', 'electronic channel ratio', '电子渠道使用率', '电子渠道分流占比'].map((w) => [w, { kind: 'metric', id: 'e_channel_share' }] as [string, Sense])),
  // how well campaigns work: each of the campaign measures (the parser asks which)
  ...(['营销活动效果', '活动效果', '营销效果', '营销活动的效果', '活动的效果', 'campaign effectiveness', 'campaign performance', 'campaign results', 'campaign effect']
    .flatMap((w) => ['hit_rate', 'campaign_lift', 'retention_success_rate'].map((id) => [w, { kind: 'metric', id }] as [string, Sense]))),
  ...MERIT_WORDS.flatMap((w) => ['conversion_rate', 'cost_per_conversion', 'roi', ...(MERIT_OF_CAMPAIGNS.includes(w) ? ['hit_rate', 'campaign_lift', 'retention_success_rate'] : [])]
    .map((id) => [w, { kind: 'metric', id }] as [string, Sense])),
  // a second meaning, taken where what is named fits it alone (parse.ts): 收入 by 渠道 is the channel
  // revenue; the success rate of a retention campaign its retention success rate; the call time of the hotline its handle time
  ...(['收入', 'revenue'].map((w) => [w, { kind: 'metric', id: 'channel_revenue', ctx: true }] as [string, Sense])),
  ...(['成功率', 'success rate'].map((w) => [w, { kind: 'metric', id: 'retention_success_rate', ctx: true }] as [string, Sense])),
  // what customers spend: 消费 (全球通用户的消费, 哪个年龄段消费最高) and "spends" (which age group spends the most)
  // are their ARPU; the channels' cost where only the contacts' data has what is named (which channel spends the most).
  // spend / spending / 花费 are the cost (marketing spend), ARPU where only the subscribers' data has what is named
  ...(['消费', '消费水平', '消费额', 'spends'].map((w) => [w, { kind: 'metric', id: 'arpu' }] as [string, Sense])),
  ...(['消费', 'spends'].map((w) => [w, { kind: 'metric', id: 'cost', ctx: true }] as [string, Sense])),
  ...(['spend', 'spending', 'spent', '花费'].map((w) => [w, { kind: 'metric', id: 'arpu', ctx: true }] as [string, Sense])),
  ...(['平均通话时长', '通话时长', 'call duration', 'average call duration', 'call time'].map((w) => [w, { kind: 'metric', id: 'avg_handle_time', ctx: true }] as [string, Sense])),
  ...(['call duration', 'average call duration', 'call time'].map((w) => [w, { kind: 'metric', id: 'mou' }] as [string, Sense])),
  // generic nouns that name a metric only when nothing else does (投诉类接触的一次解决率: 接触 is the noun)
  ...(['活动类型', '活动', '营销活动', '活动种类', 'campaign', 'campaigns', 'campaign type'].map((w) => [w, { kind: 'dimension', id: 'campaign_kind' }] as [string, Sense])),
  ...(['入网用户', '入网用户数', '入网客户'].map((w) => [w, { kind: 'metric', id: 'new_subscribers' }] as [string, Sense])),
  ['入网', { kind: 'dimension', id: 'acquisition_channel' }],
  ...(['接触', '次数', '接触的次数', 'contact', 'interactions', 'touches'].map((w) => [w, { kind: 'metric', id: 'contacts', weak: true }] as [string, Sense])),
  ...(['customers', 'users', 'subscribers', 'customer', 'user', '多少用户', '用户', '客户', 'subs', 'our base', 'base', 'customer base', 'user base', 'the base', 'size', 'sizes', '规模']
    .map((w) => [w, { kind: 'metric', id: 'subscribers', weak: true }] as [string, Sense])),
  // reached (短信营业厅触达了多少客户, how many customers did we reach): the customers reached, counted by the count word beside it (parse.ts)
  ...(['触达', '触达了', '触达的', '触达到', 'reached', 'reach out to', 'reached out to'].map((w) => [w, { kind: 'metric', id: 'reached_customers' }] as [string, Sense])),
  // how long customers stay (哪个入网渠道来的用户留得最久, 平均能待几个月): the lifetime
  ...(['留得', '待得', '能待', '能留', '待多久', '能待多久', '能待几个月', '待几个月', '留几个月', '能留几个月'].map((w) => [w, { kind: 'metric', id: 'median_lifetime', weak: true, asks: true }] as [string, Sense])),
  // key accounts: the key customer types (大客户); corporate: the organisations
  ...(['key accounts', 'key account', 'key account customers', 'key customers accounts'].flatMap((w) => ['key_individual', 'key_org'].map((id) => [w, { kind: 'member', dimension: 'customer_type', id }] as [string, Sense]))),
  ...(['corporate key accounts', 'corporate key account', 'key corporate accounts', 'key corporate customers', 'key organisations', 'key organizations'].map((w) => [w, { kind: 'member', dimension: 'customer_type', id: 'key_org' }] as [string, Sense])),
  ...(['individual key accounts', 'individual key account', 'key individuals'].map((w) => [w, { kind: 'member', dimension: 'customer_type', id: 'key_individual' }] as [string, Sense])),
  ...(['corporate', 'corporate customers', 'corporate accounts', 'corporates', 'enterprise customers', 'enterprise accounts', 'organisations', 'organizations', '单位客户', '单位用户', '集团']
    .flatMap((w) => ['public_org', 'key_org'].map((id) => [w, { kind: 'member', dimension: 'customer_type', id }] as [string, Sense]))),
  ...(['aged', 'ages', 'age bands'].map((w) => [w, { kind: 'dimension', id: 'age_band' }] as [string, Sense])),
  // a capability's items (广州电信“收集数据”领域下各项目得分); which of its parts (深圳电信哪一项能力得分最低)
  ...(['项目', '各项目', '评估项目'].map((w) => [w, { kind: 'dimension', id: 'capability_item' }] as [string, Sense])),
  // 五个维度的得分: the capability dimensions counted (维度的 alone is a function word: 按品牌维度的)
  ...(['个维度', '个维度的', '大维度', '大维度的', '个能力维度'].map((w) => [w, { kind: 'dimension', id: 'capability_dimension' }] as [string, Sense])),
  ...(['哪一项', '哪项', '哪一项能力', '哪项能力', '哪方面', '哪个方面', '哪方面能力', 'which area', 'which aspect'].map((w) => [w, { kind: 'dimension', id: 'capability_dimension' }] as [string, Sense])),
  // a bare count (how many, 投诉量): subscribers, or contacts when what is counted is a contact's (how many complaints)
  ...(['how many', 'number of', '有多少', '量', '数量', '个数'].flatMap((w) => [[w, { kind: 'metric', id: 'subscribers', weak: true }], [w, { kind: 'metric', id: 'contacts', weak: true }]] as [string, Sense][])),

  ...(['城市', '各城市', '各市', '地级市', '各地级市', 'city', 'by city', 'prefecture', 'prefectures'].map((w) => [w, { kind: 'dimension', id: 'city' }] as [string, Sense])),
  ...(['各省', '各省份', '省份', '分省', 'province', 'by province'].map((w) => [w, { kind: 'dimension', id: 'province' }] as [string, Sense])),
  ...(['渠道', '各渠道', '渠道类型', 'channel', 'by channel'].map((w) => [w, { kind: 'dimension', id: 'channel' }] as [string, Sense])),
  ...(['入网渠道', '发展渠道', '获客渠道', 'acquisition channel', 'sales channel'].map((w) => [w, { kind: 'dimension', id: 'acquisition_channel' }] as [string, Sense])),
  // where they come from (where do new customers come from, 新用户从哪里来): the channel subscribers joined
  // through; of contacts (where do complaints come from), the channel they came in by
  ...COME_FROM.flatMap((w) => [[w, { kind: 'dimension', id: 'acquisition_channel' }], [w, { kind: 'dimension', id: 'channel' }]] as [string, Sense][]),
  ...(['满意度档', '满意度档位', '满意度分档', '满意度等级', '满意度得分', '满意度分数', '满意度区间', '服务满意度', '客户满意度', '用户满意度', 'customer satisfaction', 'csat', 'satisfaction bands', 'satisfaction level', 'satisfaction levels', 'satisfaction score', 'satisfaction scores']
    .map((w) => [w, { kind: 'dimension', id: 'satisfaction_band' }] as [string, Sense])),
  ...(['忠诚度档', '忠诚度档位', '忠诚度分档', '忠诚度等级', '忠诚度得分', '忠诚度分数', '忠诚度区间', 'loyalty bands', 'loyalty level', 'loyalty levels', 'loyalty score', 'loyalty scores']
    .map((w) => [w, { kind: 'dimension', id: 'loyalty_band' }] as [string, Sense])),
  ...(['blacklisted', 'blacklisted customers', 'black listed', 'black-listed'].map((w) => [w, { kind: 'member', dimension: 'credit_list', id: 'black' }] as [string, Sense])),
  ...(['graylisted', 'greylisted', 'gray listed', 'grey listed'].map((w) => [w, { kind: 'member', dimension: 'credit_list', id: 'gray' }] as [string, Sense])),
  ...(['价值层级', '价值等级', '价值层次', '价值分级', 'value tier', 'value segment', 'value segments'].map((w) => [w, { kind: 'dimension', id: 'value_tier' }] as [string, Sense])),
  ...(['细分群体', '客户细分', '品牌细分群', 'segment', 'segments'].map((w) => [w, { kind: 'dimension', id: 'sub_segment' }] as [string, Sense])),
  ...(['接触类型', '接触原因', 'contact purpose', 'reason', 'reasons'].map((w) => [w, { kind: 'dimension', id: 'purpose' }] as [string, Sense])),
  ...(['呼叫方向', '接触方向', 'direction', 'inbound or outbound'].map((w) => [w, { kind: 'dimension', id: 'direction' }] as [string, Sense])),
  ...(['能力维度', 'capability dimension', 'capability dimensions'].map((w) => [w, { kind: 'dimension', id: 'capability_dimension' }] as [string, Sense])),
  ...(['运营商', '评估对象', '公司间', 'operator', 'operators', 'assessed entity', 'entities'].map((w) => [w, { kind: 'dimension', id: 'capability_entity' }] as [string, Sense])),
  ...(['入网月', '入网时间', '入网年月', 'activation month', 'activation cohort', 'cohort month'].map((w) => [w, { kind: 'dimension', id: 'cohort' }] as [string, Sense])),
  ...(['在网时长', '在网时间', '网龄段'].map((w) => [w, { kind: 'dimension', id: 'tenure_months' }] as [string, Sense])),
  ...(['各年龄段', 'age band', 'age group', 'age groups'].map((w) => [w, { kind: 'dimension', id: 'age_band' }] as [string, Sense])),
  ...(['gender', 'sex', '男女'].map((w) => [w, { kind: 'dimension', id: 'gender' }] as [string, Sense])),
  ...(['客户类别', '客户分类', 'customer type'].map((w) => [w, { kind: 'dimension', id: 'customer_type' }] as [string, Sense])),
  // which kind of customer (哪类客户投诉最多): the customer type, not a count of customers
  ...(['哪类客户', '哪一类客户', '哪种客户', '哪类用户', '哪一类用户', '哪种用户', '什么类型的客户', '什么类型的用户', 'what kind of customers', 'which kind of customers', 'which type of customers', 'what type of customers']
    .map((w) => [w, { kind: 'dimension', id: 'customer_type' }] as [string, Sense])),
  ...(['信用名单', '名单类别', 'credit list', 'credit lists'].map((w) => [w, { kind: 'dimension', id: 'credit_list' }] as [string, Sense])),
  ...(['合约期', 'contract type'].map((w) => [w, { kind: 'dimension', id: 'contract_type' }] as [string, Sense])),
  ...(['渠道类别', '渠道大类', 'channel class', 'channel type', 'electronic vs physical'].map((w) => [w, { kind: 'dimension', id: 'channel_class' }] as [string, Sense])),
  ...(['rfm分群', 'rfm cell', 'rfm cells', 'rfm segment', 'rfm score', 'rfm scores', 'rfm得分', 'rfm评分', 'rfm分数', ...RFM_ANALYSIS].map((w) => [w, { kind: 'dimension', id: 'rfm_cell' }] as [string, Sense])),
  // one RFM score by name (subscribers by RFM recency score): the score, not the capability score
  ...(['r', 'f', 'm'] as const).flatMap((x) => {
    const [zh, en] = ({ r: ['最近充值', 'recency'], f: ['活跃频次', 'frequency'], m: ['消费金额', 'monetary'] } as const)[x];
    return [zh, `${zh}得分`, `${x}值`, `${x}分`, `${x}得分`, `rfm ${x}`, `rfm的${x}`, `${x} score`, `${en} score`, `rfm ${en}`, `rfm ${en} score`, `${en} scores`]
      .map((w) => [w, { kind: 'dimension', id: `rfm_${x}` }] as [string, Sense]);
  }),
  ['充值近度', { kind: 'dimension', id: 'rfm_r' }],
  ...(['消费能力', '消费意愿', '能力意愿象限', 'ability desire quadrant', 'quadrant'].map((w) => [w, { kind: 'dimension', id: 'quadrant' }] as [string, Sense])),
  // 各地区 / 各区域: province or city — the parser asks
  ['地区', { kind: 'dimension', id: 'province' }], ['地区', { kind: 'dimension', id: 'city' }],
  ['区域', { kind: 'dimension', id: 'province' }], ['区域', { kind: 'dimension', id: 'city' }],
  ['region', { kind: 'dimension', id: 'province' }], ['region', { kind: 'dimension', id: 'city' }],
  ['regions', { kind: 'dimension', id: 'province' }], ['regions', { kind: 'dimension', id: 'city' }],

  ...(['每个月', '各个月', '分月', '按月份', '每月份', '月度趋势', '月份', '各月份', '哪些月份', '哪几个月', 'each month', 'month by month'].map((w) => [w, { kind: 'grain', id: 'month' }] as [string, Sense])),
  ...(['每季', '每个季度', '分季度', '各个季度', 'each quarter', 'quarter by quarter'].map((w) => [w, { kind: 'grain', id: 'quarter' }] as [string, Sense])),
  ...(['每一年', '分年', '各个年份', '逐年', 'each year', 'year by year'].map((w) => [w, { kind: 'grain', id: 'year' }] as [string, Sense])),
  ...(['每一天', '分天', '逐日', 'each day', 'day by day'].map((w) => [w, { kind: 'grain', id: 'day' }] as [string, Sense])),
  ['inbound', { kind: 'member', dimension: 'direction', id: 'inbound' }],
  ['outbound', { kind: 'member', dimension: 'direction', id: 'outbound' }],
  ['客服热线', { kind: 'member', dimension: 'channel', id: 'hotline_in' }],
  ['inbound hotline', { kind: 'member', dimension: 'channel', id: 'hotline_in' }],
  ['outbound hotline', { kind: 'member', dimension: 'channel', id: 'hotline_out' }],
  ['实体渠道', { kind: 'member', dimension: 'channel_class', id: 'physical' }],
  ['electronic channels', { kind: 'member', dimension: 'channel_class', id: 'electronic' }],
  ['physical channels', { kind: 'member', dimension: 'channel_class', id: 'physical' }],
  ['男性', { kind: 'member', dimension: 'gender', id: 'male' }], ['女性', { kind: 'member', dimension: 'gender', id: 'female' }],
  ['大客户', { kind: 'member', dimension: 'customer_type', id: 'key_individual' }], ['大客户', { kind: 'member', dimension: 'customer_type', id: 'key_org' }],
  // high-end customers: the VIP value tier, the key customer types, or M-Zone's 高价值 sub-segment — the parser asks
  // (高价值客户 itself is the sub-segment, its restatement naming M-Zone)
  ...(['高端客户', '高端用户', '高端', 'high-end customers', 'high end customers', 'high-end subscribers', 'high end subscribers', 'high-end']
    .flatMap((w) => [
      [w, { kind: 'member', dimension: 'value_tier', id: 'vip' }],
      [w, { kind: 'member', dimension: 'customer_type', id: 'key_individual' }], [w, { kind: 'member', dimension: 'customer_type', id: 'key_org' }],
      [w, { kind: 'member', dimension: 'sub_segment', id: 'high_value' }],
    ] as [string, Sense][])),
  ['at&t', { kind: 'member', dimension: 'capability_entity', id: 'att_wireless' }],
  ['att', { kind: 'member', dimension: 'capability_entity', id: 'att_wireless' }],
  ['singtel', { kind: 'member', dimension: 'capability_entity', id: 'singtel_optus' }],
  ['optus', { kind: 'member', dimension: 'capability_entity', id: 'singtel_optus' }],
  ...(['新加坡运营商', '新加坡移动运营商', '新加坡移动', '新加坡无线', '新加坡无线运营商', 'singapore wireless', 'singapore carrier', 'singapore operator'].map((w) => [w, { kind: 'member', dimension: 'capability_entity', id: 'singapore_wireless' }] as [string, Sense])),
  ...(['亚太运营商', '亚太移动运营商', '亚太地区运营商', '亚太无线', '亚太无线运营商', 'apac wireless', 'asia pacific wireless', 'asia pacific carrier', 'apac carrier'].map((w) => [w, { kind: 'member', dimension: 'capability_entity', id: 'apac_wireless' }] as [string, Sense])),
  // a capability dimension by its short name (the interaction areas, 高效能组织; labels: Customer interaction, 高效能的组织)
  ...([['insight', 'insight'], ['洞察', 'insight'], ['offering', 'offering'], ['interaction', 'interaction'], ['交互', 'interaction'],
    ['organization', 'organization'], ['organisation', 'organization'], ['高效能组织', 'organization'], ['integration', 'integration']] as const)
    .map(([w, id]) => [w, { kind: 'member', dimension: 'capability_dimension', id }] as [string, Sense]),
  // DOMAIN.md: quadrant C, weak ability and weak desire, e.g. students
  ...(['学生', '学生用户', '学生客户', '学生群体', 'student', 'students'].map((w) => [w, { kind: 'member', dimension: 'quadrant', id: 'C' }] as [string, Sense])),
  // retention campaigns: the churn campaign kind (挽留活动的成功率)
  ...(['挽留活动', '挽留营销', '挽留营销活动', 'retention campaign', 'retention campaigns', 'churn campaign', 'churn campaigns'].map((w) => [w, { kind: 'member', dimension: 'campaign_kind', id: 'churn' }] as [string, Sense])),
  ['10086呼入', { kind: 'member', dimension: 'channel', id: 'hotline_in' }], ['10086呼出', { kind: 'member', dimension: 'channel', id: 'hotline_out' }],
  ['british telecom', { kind: 'member', dimension: 'capability_entity', id: 'bt' }],
  ['10086', { kind: 'member', dimension: 'channel', id: 'hotline_in' }], ['10086', { kind: 'member', dimension: 'channel', id: 'hotline_out' }],
  ['10086', { kind: 'member', dimension: 'channel', id: 'ivr' }],
  // the 10086 hotline: its staffed calls, in and out (10086 alone also means its IVR)
  ...(['热线', '10086热线'].flatMap((w) => [[w, { kind: 'member', dimension: 'channel', id: 'hotline_in' }], [w, { kind: 'member', dimension: 'channel', id: 'hotline_out' }]] as [string, Sense][])),
];
