/**
 * The capability notes in both UI languages. A note is data: the seed records (seeds/capability/
 * published-2003.json) say, in English, why a score is unknown or how it was read from the 2003
 * document, and that text is kept exactly as recorded (`note`). Here each recorded note has its
 * Chinese translation, keyed by the exact English text, so the answer can carry `noteZh` and
 * `noteEn` and the dashboard shows the one its language speaks. A note without a translation
 * (none in the seed: tests/unit/capability-data.test.ts checks every one) reads as recorded in
 * both languages.
 */

const PAGES_83 = '（第6行“已閱讀5頁,還剩78頁未讀”表明完整文档共83页）';
const NO_DIMENSION = (entity: string, pages: string, lines: string) => [
  `No dimension-level score for ${entity} is printed in the text: its section (pp. ${pages}, lines ${lines}) goes from the contents page straight to area pages, and the closing comparison section 深圳、广州、福州CRM能力比较 is missing; the text copy ends at p. 53, line 132 (line 6, "已閱讀5頁,還剩78頁未讀", implies 83 pages in the full document). Not computed from the area scores.`,
  `文本未印出${entity}的维度得分：其章节（第${pages.replace('-', '–')}页，第${lines.replace('-', '–')}行）从目录页直接进入各领域页面，末尾的比较章节“深圳、广州、福州CRM能力比较”缺失；文本副本止于第53页第132行${PAGES_83}。未由领域得分计算。`,
] as const;

export const NOTE_ZH: ReadonlyMap<string, string> = new Map<string, string>([
  NO_DIMENSION('中国电信', '11-26', '40-78'),
  NO_DIMENSION('深圳电信', '28-43', '80-108'),
  NO_DIMENSION('广州电信', '45-53', '108-132'),
  ["label garbled in the source (line 84: '??蛻舴治龅臄?shù) 據(jù)架構1.0', an encoding error for 。客戶分析的數據架構); item identified by its position between 客户交互渠道的数据架构 and 客户数据集成; the score digits are intact",
    "原文标签乱码（第84行：'??蛻舴治龅臄?shù) 據(jù)架構1.0'，是“。客戶分析的數據架構”的编码错误）；按其位于“客户交互渠道的数据架构”与“客户数据集成”之间的位置认定该要素；分数数字完整"],
  ["digit unreadable in the source: printed as '客戶分群?.5' (line 86); the digit before '.5' was swallowed by an encoding error (mojibake run '??蛻舴秩?')",
    "原文数字无法辨认：印为'客戶分群?.5'（第86行）；“.5”之前的数字被编码错误吞掉（乱码'??蛻舴秩?'）"],
  ["label partly garbled in the source (line 90: '?zhèn)€性化服務1.0', an encoding error for 個性化服務); the score digits are intact",
    "原文标签部分乱码（第90行：'?zhèn)€性化服務1.0'，是“個性化服務”的编码错误）；分数数字完整"],
  ["label partly garbled in the source (line 98: '??蛻艚换デ暗?信息提供0.5', an encoding error for 。客戶交互前的信息提供); identified by position and the readable part; the score digits are intact",
    "原文标签部分乱码（第98行：'??蛻艚换デ暗?信息提供0.5'，是“。客戶交互前的信息提供”的编码错误）；按位置和可辨认部分认定；分数数字完整"],
  ["printed as '2' without a decimal (line 98: '客戶信息可得 性2有基本客戶信息平臺'), unlike its neighbours; recorded as printed",
    "原文印为不带小数的“2”（第98行：'客戶信息可得 性2有基本客戶信息平臺'），与相邻各项不同；按原文记录"],
  ['Not in the text: 广州电信 pages after p. 53 are missing; the text copy ends at p. 53, line 132 (line 6, "已閱讀5頁,還剩78頁未讀", implies 83 pages in the full document).',
    `文本中没有：广州电信第53页之后的页面缺失；文本副本止于第53页第132行${PAGES_83}。`],
  ["label partly garbled in the source (line 132: '??蛻艚换デ暗男?息提供1.0', an encoding error for 。客戶交互前的信息提供); identified by position and the readable part; the score digits are intact",
    "原文标签部分乱码（第132行：'??蛻艚换デ暗男?息提供1.0'，是“。客戶交互前的信息提供”的编码错误）；按位置和可辨认部分认定；分数数字完整"],
  ["Not in the text: p. 53 breaks off after 客户信息可得性 (line 132, '...方式100'). The unlabelled p. 53 chart (line 130: '1.02.01.50.52.03.01.75') leaves 1.5 and 0.5 after the four printed items, but the text does not say which item has which; not assigned.",
    "文本中没有：第53页在“客户信息可得性”之后中断（第132行，'...方式100'）。第53页无标签的图表（第130行：'1.02.01.50.52.03.01.75'）在已印出的四项之后余下1.5和0.5，但文本未说明哪个值属于哪一项；未分配。"],
  ['The 福州电信 section (listed in the contents, lines 14, 78, 108) is missing from the text; the text copy ends at p. 53, line 132 (line 6, "已閱讀5頁,還剩78頁未讀", implies 83 pages in the full document).',
    `文本缺少福州电信章节（目录中列出，第14、78、108行）；文本副本止于第53页第132行${PAGES_83}。`],
]);

/** A recorded note in both languages: the recorded text is the English one. */
export function bilingualNote(note: string | null | undefined): { zh: string; en: string } | null {
  if (!note) return null;
  return { zh: NOTE_ZH.get(note) ?? note, en: note };
}
