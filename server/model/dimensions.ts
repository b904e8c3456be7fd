/** Every dimension of DOMAIN.md, with its members where they are fixed. */
import type { Dimension, Member } from './types.ts';

const m = (id: string, labelZh: string, labelEn: string, synonyms: string[] = [], parent?: string): Member =>
  ({ id, labelZh, labelEn, synonyms, ...(parent ? { parent } : {}) });

/** subscribers under a contract of either kind */
const UNDER_CONTRACT = ['合约用户', '合约客户', '有合约用户', '有合约客户', '合约期内用户', 'contract customers', 'contract subscribers', 'under contract', 'with a contract'];

export const CHANNELS: Member[] = [
  m('store', '营业厅', 'Store', ['沟通100', '营业厅/沟通100', '实体营业厅', 'retail store', 'stores', 'shop']),
  m('account_manager', '客户经理', 'Account manager', ['大客户经理', 'account managers']),
  m('agent', '代理商', 'Agent', ['代理', '社会渠道', 'agents', 'dealer']),
  m('hotline_in', '10086人工呼入', '10086 inbound', ['10086人工', '人工呼入', '热线呼入', 'hotline', 'inbound calls', 'call center', '10086 hotline']),
  m('hotline_out', '10086人工呼出', '10086 outbound', ['人工呼出', '外呼', '电话外呼', 'outbound calls', 'outbound call', 'telemarketing']),
  m('ivr', '10086 IVR', '10086 IVR', ['IVR', '语音自助', '自动语音']),
  m('web', '网上营业厅', 'Web', ['网厅', '网站', 'online store', 'online hall', 'online service hall', 'website', 'web portal']),
  m('app', '手机营业厅', 'App', ['手厅', '手机客户端', 'APP', 'mobile app']),
  m('wap', 'WAP', 'WAP', ['wap营业厅', '掌上营业厅']),
  m('sms', '短信营业厅', 'SMS', ['短信', '短厅', 'text message', 'sms channel']),
  m('mms', '彩信', 'MMS', ['彩信营业厅']),
  m('self_service', '自助终端', 'Self-service kiosk', ['自助机', '自助服务', 'kiosk', 'self service']),
];
export const ELECTRONIC_CHANNELS = ['ivr', 'web', 'app', 'wap', 'sms', 'mms', 'self_service'];

const BANDS = (): Member[] => [
  m('95_100', '95–100', '95–100'),
  m('80_95', '80–95', '80–95'),
  m('60_80', '60–80', '60–80'),
  m('40_60', '40–60', '40–60'),
  m('lt40', '<40', '<40'),
];

export const DIMENSIONS: Dimension[] = [
  { id: 'province', labelZh: '省份', labelEn: 'Province', synonyms: ['省', '各省', 'provinces', 'by province'], source: 'regions:province' },
  { id: 'city', labelZh: '地市', labelEn: 'City', synonyms: ['城市', '地市', '各地市', '市', 'cities'], source: 'regions:city' },
  { id: 'brand', labelZh: '品牌', labelEn: 'Brand', synonyms: ['brands'], members: [
    // 后付费 / 预付费 name brands (seed 002: 全球通 is postpaid; 预付费生命周期 covers 动感地带 and 神州行):
    // a word on two members is both (预付费用户 = brand in (mzone, easyown))
    m('gotone', '全球通', 'GoTone', ['gotone', 'go tone', '后付费', 'postpaid']),
    m('mzone', '动感地带', 'M-Zone', ['mzone', 'm zone', 'm-zone', '预付费', 'prepaid']),
    m('easyown', '神州行', 'Easyown', ['easyown', 'easy own', 'shenzhouxing', '预付费', 'prepaid']),
  ] },
  { id: 'sub_segment', labelZh: '品牌细分', labelEn: 'Brand sub-segment', synonyms: ['细分群', '细分', '细分市场', 'sub-segment', 'sub segment', 'subsegment', 'subsegments'], members: [
    m('business', '商务', 'Business', [], 'easyown'),
    m('traditional', '传统', 'Traditional', [], 'easyown'),
    m('active', '活跃', 'Active', [], 'easyown'),
    m('young', '年轻', 'Young', [], 'easyown'),
    m('voice', '语音类', 'Voice', [], 'mzone'),
    m('high_value', '高价值', 'High value', [], 'mzone'),
    m('data', '数据类', 'Data', [], 'mzone'),
    m('double_low', '双低类', 'Double-low', [], 'mzone'),
    m('club', '俱乐部', 'Club', [], 'gotone'),
    m('group_net', '集群网', 'Group network', [], 'gotone'),
    m('regular', '普通', 'Regular', [], 'gotone'),
  ] },
  { id: 'value_tier', labelZh: '价值分层', labelEn: 'Value tier', synonyms: ['价值层', '客户价值', 'value tiers', 'tier'], members: [
    m('drop', '放弃型', 'Drop', ['放弃型客户']),
    m('improve', '改进型', 'Improve', ['改进型客户']),
    m('maintain', '维持型', 'Maintain', ['维持型客户']),
    m('vip', '贵宾型', 'VIP', ['贵宾', '贵宾型客户']),
    m('key', '重要客户', 'Key', ['重要型', 'key customers']),
  ] },
  { id: 'customer_type', labelZh: '客户类型', labelEn: 'Customer type', synonyms: ['customer types'], members: [
    m('public_individual', '个人公众', 'Public individual'),
    m('public_org', '单位公众', 'Public organisation'),
    m('key_individual', '个人大客户', 'Key individual'),
    m('key_org', '单位大客户', 'Key organisation', ['集团客户']),
  ] },
  { id: 'contract_type', labelZh: '合约类型', labelEn: 'Contract type', synonyms: ['合约', '合约类型', 'contract', 'contracts', 'contract types'], members: [
    // 合约用户 / under contract: a word on two members is both (hard and soft)
    m('hard', '硬合约', 'Hard contract', ['hard contract', 'hard contracts', 'hard', ...UNDER_CONTRACT]),
    m('soft', '软合约', 'Soft contract', ['soft contract', 'soft contracts', 'soft', ...UNDER_CONTRACT]),
    m('none', '无合约', 'No contract', ['无合约客户', '无合约用户', '非合约', '非合约用户', '非合约客户', 'no contract', 'without contract', 'without a contract', 'non-contract']),
  ] },
  { id: 'acquisition_channel', labelZh: '入网渠道', labelEn: 'Acquisition channel', synonyms: ['acquisition channels'], members: CHANNELS },
  { id: 'rfm_cell', labelZh: 'RFM分群', labelEn: 'RFM cell', synonyms: ['RFM'], source: 'rfm' },
  { id: 'rfm_r', labelZh: 'R(最近充值)', labelEn: 'R (recency)', synonyms: ['recency'], source: 'rfm', ordered: true },
  { id: 'rfm_f', labelZh: 'F(活跃频次)', labelEn: 'F (frequency)', synonyms: ['frequency'], source: 'rfm', ordered: true },
  { id: 'rfm_m', labelZh: 'M(消费金额)', labelEn: 'M (monetary)', synonyms: ['monetary'], source: 'rfm', ordered: true },
  { id: 'quadrant', labelZh: '消费能力×消费意愿', labelEn: 'Ability × desire quadrant', synonyms: ['象限', '四象限', 'quadrants'], members: [
    m('A', 'A 强能力强意愿', 'A strong ability, strong desire'),
    m('B', 'B 强能力弱意愿', 'B strong ability, weak desire'),
    m('C', 'C 弱能力弱意愿', 'C weak ability, weak desire'),
    m('D', 'D 弱能力强意愿', 'D weak ability, strong desire'),
  ] },
  { id: 'credit_list', labelZh: '信用名单', labelEn: 'Credit list', synonyms: ['信用'], members: [
    m('red', '红名单', 'Red list', ['红名单客户', 'red list']),
    m('gray', '灰名单', 'Gray list', ['灰名单客户', 'gray list', 'grey list']),
    m('black', '黑名单', 'Black list', ['黑名单客户', 'black list', 'blacklist']),
    m('none', '无名单', 'Not listed'),
  ] },
  { id: 'satisfaction_band', labelZh: '满意度', labelEn: 'Satisfaction band', synonyms: ['满意度分段', 'satisfaction'], members: BANDS() },
  { id: 'loyalty_band', labelZh: '忠诚度', labelEn: 'Loyalty band', synonyms: ['忠诚度分段', 'loyalty'], members: BANDS() },
  { id: 'age_band', labelZh: '年龄段', labelEn: 'Age band', synonyms: ['年龄', 'age'], members: [
    m('lt18', '18岁以下', 'Under 18'), m('18_24', '18–24岁', '18–24'), m('25_34', '25–34岁', '25–34'),
    m('35_44', '35–44岁', '35–44'), m('45_59', '45–59岁', '45–59'), m('60plus', '60岁及以上', '60+'),
  ] },
  { id: 'gender', labelZh: '性别', labelEn: 'Gender', members: [m('male', '男', 'Male'), m('female', '女', 'Female')] },
  // in the month of each subscriber-month: activated in it (新入网), or in the base at its start (存量); seeds/derive.ts is_new
  { id: 'subscriber_status', labelZh: '新老用户', labelEn: 'New or existing', synonyms: ['新老客户', '新用户和老用户', '新客户和老客户', '新老', 'new vs existing', 'new and existing', 'new or existing', 'new versus existing'], members: [
    m('new', '新入网用户', 'New', ['新入网', '当月新入网']),
    m('existing', '存量用户', 'Existing', ['存量', '存量客户', '老用户', '老客户', 'existing subscribers', 'existing customers', 'existing users', 'existing']),
  ] },
  { id: 'tenure_months', labelZh: '在网月数', labelEn: 'Tenure (months)', synonyms: ['网龄', 'tenure'], source: 'numeric', ordered: true },
  { id: 'channel', labelZh: '渠道', labelEn: 'Channel', synonyms: ['各渠道', 'channels'], members: CHANNELS },
  { id: 'channel_class', labelZh: '渠道类别', labelEn: 'Channel class', members: [
    m('electronic', '电子渠道', 'Electronic', ['e-channel', 'e-channels']), m('physical', '实体渠道', 'Physical'),
  ] },
  { id: 'direction', labelZh: '方向', labelEn: 'Direction', members: [m('inbound', '呼入', 'Inbound'), m('outbound', '呼出', 'Outbound')] },
  { id: 'purpose', labelZh: '接触目的', labelEn: 'Purpose', synonyms: ['目的', 'purposes'], members: [
    m('inquiry', '查询', 'Inquiry', ['查询类', 'inquiries']), m('transaction', '办理', 'Transaction', ['办理类', 'transactions']),
    m('complaint', '投诉', 'Complaint', ['投诉类', 'complaints', 'complain', 'complained', 'complaining']), m('marketing', '营销', 'Marketing', ['营销类']),
    m('retention', '挽留', 'Retention', ['挽留类']), m('care', '关怀', 'Care', ['关怀类', 'customer care']),
  ] },
  { id: 'lifecycle_stage', labelZh: '生命周期阶段', labelEn: 'Lifecycle stage', synonyms: ['阶段', '生命周期阶段', 'stage', 'stages', 'lifecycle stages'], members: [
    m('awareness', '认知', 'Awareness'), m('acquisition', '获取', 'Acquisition'), m('usage', '使用', 'Usage'),
    m('inquiry', '查询', 'Inquiry'), m('change', '变更', 'Change'),
  ] },
  { id: 'campaign_kind', labelZh: '营销活动类型', labelEn: 'Campaign kind', members: [
    m('churn', '离网挽留', 'Churn retention', ['离网预警', 'churn model']), m('data_service', '数据业务推荐', 'Data service upsell', ['数据业务']),
  ] },
  { id: 'list_type', labelZh: '名单类型', labelEn: 'List type', members: [
    m('model', '模型名单', 'Model-targeted', ['模型', 'model list']), m('random', '随机名单', 'Random', ['随机', 'random list', 'control']),
  ] },
  { id: 'cohort', labelZh: '入网月份', labelEn: 'Activation cohort', synonyms: ['入网批次', '入网队列', 'cohort', 'cohorts'], source: 'cohort' },
  { id: 'capability_entity', labelZh: '评估对象', labelEn: 'Assessed entity', synonyms: ['运营商', 'entity', 'carrier', 'carriers'], source: 'capability' },
  { id: 'capability_dimension', labelZh: '能力维度', labelEn: 'Capability dimension', synonyms: ['维度', '各维度', 'dimension', 'dimensions'], source: 'capability' },
  { id: 'capability_area', labelZh: '能力领域', labelEn: 'Capability area', synonyms: ['领域', 'area', 'areas'], source: 'capability' },
  { id: 'capability_item', labelZh: '能力要素', labelEn: 'Capability item', synonyms: ['要素', '评估项', 'item', 'items'], source: 'capability' },
];

export const TIME_GRAIN_LABELS: Record<string, { labelZh: string; labelEn: string; synonyms: string[] }> = {
  day: { labelZh: '日', labelEn: 'Day', synonyms: ['按日', '按天', '每天', '每日', '各日', 'daily', 'by day', 'per day'] },
  week: { labelZh: '周', labelEn: 'Week', synonyms: ['按周', '每周', '各周', '逐周', '周度', '分周', 'weekly', 'by week', 'per week', 'each week', 'week by week'] },
  month: { labelZh: '月', labelEn: 'Month', synonyms: ['按月', '每月', '各月', '逐月', '月度', 'monthly', 'by month', 'per month'] },
  quarter: { labelZh: '季度', labelEn: 'Quarter', synonyms: ['按季度', '按季', '每季度', '各季度', 'quarterly', 'by quarter', 'per quarter'] },
  year: { labelZh: '年', labelEn: 'Year', synonyms: ['按年', '每年', '各年', '年度', 'yearly', 'annual', 'by year', 'per year'] },
};
