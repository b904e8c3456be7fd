import { describe, it, expect } from 'vitest'
import fs from 'node:fs'
import path from 'node:path'

// Published Accenture CRM capability scores (seed 000, 2003-09-28) and the framework they use.
// See seeds/capability/README.md for where each value comes from.

type Item = { id: string; labelZh: string; labelEn: string }
type Area = Item & { items: Item[] }
type Dimension = Item & { areas: Area[] }
type Framework = { dimensions: Dimension[] }
type Entity = { id: string; labelZh: string; labelEn: string; kind: 'domestic' | 'foreign' }
type Score = {
  entity: string
  level: 'dimension' | 'area' | 'item'
  node: string
  score: number | null
  source: string
  note: string | null
}
type Published = { assessedOn: string; sourceDocument: string; entities: Entity[]; scores: Score[] }

const readJson = <T>(rel: string): T =>
  JSON.parse(fs.readFileSync(path.join(process.cwd(), rel), 'utf8')) as T

const framework = readJson<Framework>('seeds/capability/framework.json')
const published = readJson<Published>('seeds/capability/published-2003.json')

// Independent copy of DOMAIN.md, section "Capability scores (CRM能力评分)", in its order.
const EXPECTED: [string, string, [string, string[]][]][] = [
  ['insight', '客户洞察', [
    ['收集数据', ['客户数据战略', '内部数据收集', '外部数据收集', '数据隐私性和安全性']],
    ['管理数据', ['数据仓库管理', '客户交互渠道的数据架构', '客户分析的数据架构', '客户数据集成']],
    ['获取洞察力', ['分析资源、工具和方法论', '数据查询和报告', '实时决策', '客户价值评估', '客户分群', '预测模型', '营销组合优化']],
    ['应用洞察力', ['营销工具、资源和方法论', '营销战略(获取、挽留和发展)', '营销活动策划', '营销活动的执行和评估', '个性化服务']],
  ]],
  ['offering', '客户产品与服务', [
    ['产品与服务组合管理', ['产品配置弹性', '个性化定价', '服务质量保证']],
    ['新产品与服务的开发', ['产品开发']],
    ['品牌及沟通管理', ['品牌和信息的一致性', '品牌价值管理']],
  ]],
  ['interaction', '客户交互', [
    ['渠道管理', ['渠道使用战略', '渠道同步', '渠道容量管理', '多渠道间的指引']],
    ['客户交互操作', ['渠道和客户间的一致性', '自助服务', '客户交互前的信息提供', '客户信息可得性', '个性化销售与服务', '自动交互处理']],
    ['客户交互管理', ['交互质量监控/报告', '交互流程管理', '绩效管理']],
  ]],
  ['organization', '高效能的组织', [
    ['销售与服务技能', ['组织架构', 'CRM技能建立与培训']],
    ['人员激励和报酬', ['激励机制和薪酬结构', '客户服务文化', '员工吸引和保留']],
    ['管控与考核', ['职责与管控']],
  ]],
  ['integration', '企业集成', [
    ['信息管理', ['信息共享']],
    ['合作伙伴管理', ['联盟有效性', '合作伙伴集成']],
    ['市场洞察力与反应', ['变革的能力', '快速响应市场']],
  ]],
]

const DOMESTIC = ['china_telecom', 'shenzhen_telecom', 'guangzhou_telecom', 'fuzhou_telecom']
const FOREIGN = ['att_wireless', 'singapore_wireless', 'apac_wireless', 'bt', 'sbc', 'telstra', 'singtel_optus']
const DIMENSIONS = ['insight', 'offering', 'interaction', 'organization', 'integration']

const nodeLevel = new Map<string, Score['level']>()
for (const d of framework.dimensions) {
  nodeLevel.set(d.id, 'dimension')
  for (const a of d.areas) {
    nodeLevel.set(a.id, 'area')
    for (const i of a.items) nodeLevel.set(i.id, 'item')
  }
}

const find = (entity: string, node: string) => {
  const hits = published.scores.filter((s) => s.entity === entity && s.node === node)
  expect(hits, `${entity} ${node}`).toHaveLength(1)
  return hits[0]
}
const count = (pred: (s: Score) => boolean) => published.scores.filter(pred).length

describe('capability framework', () => {
  it('matches DOMAIN.md labels and order exactly', () => {
    const actual = framework.dimensions.map((d) => [
      d.id,
      d.labelZh,
      d.areas.map((a) => [a.labelZh, a.items.map((i) => i.labelZh)]),
    ])
    expect(actual).toEqual(EXPECTED)
  })

  it('has 5 dimensions, 16 areas, 50 items with prefixed snake_case ids and English labels', () => {
    const ids: string[] = []
    for (const d of framework.dimensions) {
      expect(d.id).toMatch(/^[a-z][a-z0-9_]*$/)
      ids.push(d.id)
      for (const a of d.areas) {
        expect(a.id).toMatch(new RegExp(`^${d.id}\\.[a-z][a-z0-9_]*$`))
        ids.push(a.id)
        for (const i of a.items) {
          expect(i.id).toMatch(new RegExp(`^${a.id.replace('.', '\\.')}\\.[a-z][a-z0-9_]*$`))
          ids.push(i.id)
        }
      }
    }
    for (const n of [...framework.dimensions, ...framework.dimensions.flatMap((d) => d.areas)]) {
      expect(n.labelEn.trim().length).toBeGreaterThan(0)
    }
    expect(framework.dimensions.map((d) => d.id)).toEqual(DIMENSIONS)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...nodeLevel.values()].filter((l) => l === 'area')).toHaveLength(16)
    expect([...nodeLevel.values()].filter((l) => l === 'item')).toHaveLength(50)
  })
})

describe('published 2003 capability scores', () => {
  it('has the header and the eleven entities', () => {
    expect(published.assessedOn).toBe('2003-09-28')
    expect(published.sourceDocument).toMatch(/^seeds 000/)
    expect(published.entities.map((e) => e.id)).toEqual([...DOMESTIC, ...FOREIGN])
    expect(published.entities.filter((e) => e.kind === 'domestic').map((e) => e.id)).toEqual(DOMESTIC)
    expect(published.entities.find((e) => e.id === 'china_telecom')?.labelZh).toBe('中国电信')
    expect(published.entities.find((e) => e.id === 'shenzhen_telecom')?.labelZh).toBe('深圳电信')
    expect(published.entities.find((e) => e.id === 'guangzhou_telecom')?.labelZh).toBe('广州电信')
    expect(published.entities.find((e) => e.id === 'fuzhou_telecom')?.labelZh).toBe('福州电信')
  })

  it('has the expected record counts per entity and level', () => {
    expect(published.scores).toHaveLength(4 * 71 + 7 * 5)
    for (const e of DOMESTIC) {
      expect(count((s) => s.entity === e && s.level === 'dimension'), e).toBe(5)
      expect(count((s) => s.entity === e && s.level === 'area'), e).toBe(16)
      expect(count((s) => s.entity === e && s.level === 'item'), e).toBe(50)
    }
    for (const e of FOREIGN) {
      expect(count((s) => s.entity === e && s.level === 'dimension'), e).toBe(5)
      expect(count((s) => s.entity === e && s.level !== 'dimension'), e).toBe(0)
    }
    // known (non-null) values per entity: what the lossy text actually prints
    const known = (e: string, level?: string) =>
      count((s) => s.entity === e && s.score !== null && (level === undefined || s.level === level))
    expect(known('china_telecom')).toBe(66) // 16 areas + 50 items; no dimension scores printed
    expect(known('shenzhen_telecom')).toBe(65) // one item digit lost
    expect(known('guangzhou_telecom', 'area')).toBe(9) // text ends on p. 53
    expect(known('guangzhou_telecom', 'item')).toBe(34)
    expect(known('fuzhou_telecom')).toBe(0) // section missing
    for (const e of FOREIGN) expect(known(e), e).toBe(5)
    expect(count((s) => s.score === null)).toBe(110)
  })

  it('has no duplicate (entity, node) and covers every node for every domestic entity', () => {
    const keys = published.scores.map((s) => `${s.entity}|${s.node}`)
    expect(new Set(keys).size).toBe(keys.length)
    for (const e of DOMESTIC) {
      for (const node of nodeLevel.keys()) find(e, node)
    }
  })

  it('matches spot values read directly from the source text', () => {
    // line 40: "注意保密11CRM能力中國電信總結收集數(shù)據(jù)1.67客戶數(shù)據("
    expect(find('china_telecom', 'insight.collect_data').score).toBe(1.67)
    // line 52: "CRM能力中國電信總結產(chǎn)品與服務組合 管理2.70產(chǎn)品配置"
    expect(find('china_telecom', 'offering.portfolio_management').score).toBe(2.7)
    // line 70: "注意保密22CRM能力中國電信總結人員激勵和報 酬2.72激"
    expect(find('china_telecom', 'organization.motivation_rewards').score).toBe(2.72)
    // line 64: "26、供個性化服務自動交互處理0.5缺少自動交互處理的工具0"
    expect(find('china_telecom', 'interaction.interaction_operations.automated_interaction_handling').score).toBe(0.5)
    // lines 94/96: "深圳電 信總結渠道管理1." / "42、38渠道使用戰(zhàn)略"
    expect(find('shenzhen_telecom', 'interaction.channel_management').score).toBe(1.38)
    // lines 80/82: "外部數(shù)據(jù)收集0." / "35、5不經(jīng)常購買"
    expect(find('shenzhen_telecom', 'insight.collect_data.external_data_collection').score).toBe(0.5)
    // line 106: "注意保密42CRM能力深圳電信總結合作伙伴管理1.25聯(lián)盟有效"
    expect(find('shenzhen_telecom', 'integration.partner_management').score).toBe(1.25)
    // line 112: "注意保密46CRM能力廣州電信總結管理數(shù)據(jù)1.92數(shù)據(jù)"
    expect(find('guangzhou_telecom', 'insight.manage_data').score).toBe(1.92)
    // line 116: "營銷組合優(yōu)化3.0有明確的四個渠道的管"
    expect(find('guangzhou_telecom', 'insight.gain_insight.marketing_mix_optimization').score).toBe(3)
    // line 20: "...高效能的組織企業(yè)集成Singapore wireless carrier33.7533.753.5"
    //   header order insight, offering, interaction, organization, integration -> 3 | 3.75 | 3 | 3.75 | 3.5
    expect(find('singapore_wireless', 'offering').score).toBe(3.75)
    // line 30: "...企業(yè)集成British Telecom3.753.252.523" -> 3.75 | 3.25 | 2.5 | 2 | 3
    expect(find('bt', 'insight').score).toBe(3.75)
    // line 16: "客戶洞察客戶交互客戶產(chǎn)品與服務...AT&T Wireless2322.52.5" (interaction is 2nd here)
    expect(find('att_wireless', 'interaction').score).toBe(3)
    expect(find('att_wireless', 'offering').score).toBe(2)
    // line 86: "準確率 則更低??蛻舴秩?.5已" - digit lost, so unknown
    const seg = find('shenzhen_telecom', 'insight.gain_insight.customer_segmentation')
    expect(seg.score).toBeNull()
    expect(seg.note).toMatch(/\?\.5/)
  })

  it('uses only framework nodes, consistent levels, scores in 0..4, a note for every null, a source for every record', () => {
    for (const s of published.scores) {
      const where = `${s.entity} ${s.node}`
      expect(nodeLevel.has(s.node), where).toBe(true)
      expect(nodeLevel.get(s.node), where).toBe(s.level)
      expect(typeof s.source, where).toBe('string')
      expect(s.source.length, where).toBeGreaterThan(0)
      if (s.score === null) {
        expect(typeof s.note, where).toBe('string')
        expect((s.note ?? '').length, where).toBeGreaterThan(10)
      } else {
        expect(typeof s.score, where).toBe('number')
        expect(s.score, where).toBeGreaterThanOrEqual(0)
        expect(s.score, where).toBeLessThanOrEqual(4)
        expect(s.source, where).toMatch(/^(p\. \d+, )?lines? \d+(-\d+)?$/)
      }
    }
  })

  it('has the four domestic entities with item detail and the seven foreign carriers at dimension level', () => {
    const entityIds = new Set(published.entities.map((e) => e.id))
    for (const s of published.scores) expect(entityIds.has(s.entity)).toBe(true)
    for (const e of DOMESTIC) {
      expect(count((s) => s.entity === e && s.level === 'item'), e).toBe(50)
    }
    for (const e of ['china_telecom', 'shenzhen_telecom', 'guangzhou_telecom']) {
      expect(count((s) => s.entity === e && s.level === 'item' && s.score !== null), e).toBeGreaterThan(30)
    }
    for (const e of FOREIGN) {
      expect(published.entities.find((x) => x.id === e)?.kind).toBe('foreign')
      const dims = published.scores.filter((s) => s.entity === e)
      expect(dims.map((s) => s.node).sort(), e).toEqual([...DIMENSIONS].sort())
      expect(dims.every((s) => s.level === 'dimension' && s.score !== null), e).toBe(true)
    }
  })
})

// The notes in the UI's two languages (server/domains/capability/notes.ts), checked against the seed file.
// (Derived dimension scores are SQL, held to the seed and to a reference in tests/integration/capability.test.ts.)
describe('capability notes in both languages', () => {
  it('every note of the seed has a Chinese translation (the record stays the English text)', async () => {
    const { NOTE_ZH, bilingualNote } = await import('../../server/domains/capability/notes.ts')
    const notes = [...new Set(published.scores.map((s) => s.note).filter((n): n is string => !!n))]
    expect(notes.length).toBe(12)
    for (const n of notes) {
      expect(NOTE_ZH.has(n), n).toBe(true)
      expect(bilingualNote(n)).toEqual({ zh: NOTE_ZH.get(n), en: n })
      expect(/[\u4e00-\u9fff]/.test(NOTE_ZH.get(n)!)).toBe(true)
    }
    expect([...NOTE_ZH.keys()].filter((k) => !notes.includes(k))).toEqual([]) // no stale translation
    expect(bilingualNote('')).toBeNull()
    expect(bilingualNote('a note nobody translated')).toEqual({ zh: 'a note nobody translated', en: 'a note nobody translated' })
  })
})
