/**
 * Questions the chat must not try to answer, recognised on the normalised text before any
 * word matching: SQL or GraphQL text, write/DDL verbs, prompt-injection phrasing, markup.
 * Everything here yields UNSUPPORTED: the parser only ever builds read queries on the model.
 */
const RULES: [RegExp, string][] = [
  [/\bselect\b[\s\S]{0,300}\bfrom\b/, 'sql'],
  [/\b(insert\s+into|delete\s+from|update\s+[a-z_][\w.]*\s+set|drop\s+(table|database|schema|view|index|user)|truncate\s+table|alter\s+(table|user|database)|create\s+(table|database|user|index|view)|grant\s+\w|revoke\s+\w|union\s+(all\s+)?select|exec(ute)?\s*\(|information_schema|sleep\s*\(\s*\d)/, 'sql'],
  [/;\s*--|\/\*|\*\/|\bor\s+1\s*=\s*1\b|'\s*or\s*'|"\s*or\s*"/, 'sql'],
  [/\b(mutation|query)\s*[{(]|\{\s*[a-z_]+\s*\(/, 'graphql'],
  [/<\s*\/?\s*(script|iframe|img|svg|object|embed|style)\b|javascript:/, 'markup'],
  [/\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(instructions?|prompts?|rules?|messages?|guidelines|context|system)\b/, 'injection'],
  [/(忽略|无视|忘记|忘掉|绕过).{0,12}(指令|指示|提示|规则|设定|要求|限制|上下文)/, 'injection'],
  [/(你现在是|扮演|假装你是|假设你是|从现在开始你|\bact as\b|\byou are now\b|\bpretend (to be|you are)\b|\bsystem prompt\b|\bjailbreak\b|\bdeveloper mode\b|\bdan mode\b|\broleplay\b)/, 'injection'],
  [/\b(rm\s+-rf|sudo|curl\s+http|wget\s+http|eval\s*\(|process\.env|require\s*\()/, 'code'],
];

/** The reason a normalised question is outside what the chat does, or null. */
export function guard(text: string): string | null {
  for (const [re, reason] of RULES) if (re.test(text)) return reason;
  return null;
}
