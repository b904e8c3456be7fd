/** The one place that turns anything thrown into what a client may see: a code and a message, no stack. */
import type { GraphQLFormattedError } from 'graphql';
import { AppError, type ErrorCode } from '../errors.ts';
import type { Logger } from 'pino';

const APOLLO_CODES: Record<string, ErrorCode> = {
  GRAPHQL_PARSE_FAILED: 'BAD_USER_INPUT',
  GRAPHQL_VALIDATION_FAILED: 'BAD_USER_INPUT',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  BAD_REQUEST: 'BAD_USER_INPUT',
  OPERATION_RESOLUTION_FAILURE: 'BAD_USER_INPUT',
};

export function toPublicError(e: unknown): { code: ErrorCode; message: string; details?: Record<string, unknown> } {
  if (e instanceof AppError) {
    const { engine, ...safe } = e.details as Record<string, unknown>;
    void engine;
    return { code: e.code, message: e.message, ...(Object.keys(safe).length ? { details: safe } : {}) };
  }
  return { code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on the server. It has been logged; try again or contact the administrator.' };
}

export function formatGraphQLError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // by shape, not instanceof: two copies of graphql-js can meet (e.g. under a test runner)
    const wrapped = error as { originalError?: unknown } | null;
    const original = wrapped && typeof wrapped === 'object' && 'originalError' in wrapped && wrapped.originalError ? wrapped.originalError : error;
    if (original instanceof AppError) {
      const pub = toPublicError(original);
      if (pub.code === 'INTERNAL_SERVER_ERROR' || pub.code === 'BAD_QUERY' || pub.code === 'DATABASE_UNAVAILABLE') log.error({ err: original, details: original.details }, 'query failed');
      return { message: pub.message, path: formatted.path, extensions: { code: pub.code, ...(pub.details ? { details: pub.details } : {}) } };
    }
    const apolloCode = String(formatted.extensions?.code ?? '');
    // automatic persisted queries: clients resend the full document on exactly this code
    if (apolloCode === 'PERSISTED_QUERY_NOT_FOUND') return { message: formatted.message, extensions: { code: apolloCode } };
    if (APOLLO_CODES[apolloCode]) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: APOLLO_CODES[apolloCode] } };
    }
    log.error({ err: original }, 'unexpected error');
    const pub = toPublicError(original);
    return { message: pub.message, path: formatted.path, extensions: { code: pub.code } };
  };
}
