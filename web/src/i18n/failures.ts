/**
 * Operational failures by code, worded for the viewer (what to do next), in both languages.
 * Shared by the dashboard (i18n/index.ts failureText) and the embed component, which bundles
 * no vue-i18n; other errors show the server's own words.
 */
export const FAILURES = {
  'zh-CN': {
    QUERY_TIMEOUT: '查询超时：请缩小时间范围或筛选范围后重试', RESULT_TOO_LARGE: '结果太大：请加筛选条件或缩小时间范围',
    TOO_MANY_REQUESTS: '服务器正忙，请稍后重试', DATABASE_UNAVAILABLE: '数据引擎暂时不可用，请稍后重试',
    NETWORK_ERROR: '连不上分析服务，请检查网络后重试', INTERNAL_SERVER_ERROR: '服务器内部错误，请稍后重试；问题持续请联系管理员',
  },
  en: {
    QUERY_TIMEOUT: 'The query took too long: narrow the time range or the region and try again', RESULT_TOO_LARGE: 'The result is too large: add a filter or narrow the time range',
    TOO_MANY_REQUESTS: 'The server is busy: try again in a moment', DATABASE_UNAVAILABLE: 'The data engine is unavailable for now: try again in a moment',
    NETWORK_ERROR: 'Cannot reach the analytics service: check the network and try again', INTERNAL_SERVER_ERROR: 'Internal server error: try again; if it persists, tell an administrator',
  },
};

export const FAILURE_CODES = ['QUERY_TIMEOUT', 'RESULT_TOO_LARGE', 'TOO_MANY_REQUESTS', 'DATABASE_UNAVAILABLE', 'NETWORK_ERROR', 'INTERNAL_SERVER_ERROR'] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];
export const isFailureCode = (code: string | null | undefined): code is FailureCode => !!code && (FAILURE_CODES as readonly string[]).includes(code);
