/**
 * Every error a client can see carries one of these codes (extensions.code in GraphQL,
 * `code` in REST). `toPublicError` is the one place that maps anything thrown to them.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'NOT_FOUND'
  | 'QUERY_TIMEOUT'
  | 'RESULT_TOO_LARGE'
  | 'DATABASE_UNAVAILABLE'
  | 'BAD_QUERY'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL_SERVER_ERROR';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const badInput = (message: string, details: Record<string, unknown> = {}) =>
  new AppError('BAD_USER_INPUT', message, details);
export const forbidden = (message: string, details: Record<string, unknown> = {}) => new AppError('FORBIDDEN', message, details);
export const notFound = (message: string) => new AppError('NOT_FOUND', message);

export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  QUERY_TIMEOUT: 504,
  RESULT_TOO_LARGE: 413,
  DATABASE_UNAVAILABLE: 503,
  BAD_QUERY: 500,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
};
