/** Engine failures → AppError codes. The engine's own text is kept for logs, not for clients. */
import { AppError } from '../errors.ts';

const NETWORK = /ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|socket hang up|Timeout error|connect/i;
/** A failed answer that is not ClickHouse's: a proxy or load balancer with no server behind it. */
const GATEWAY = /^\s*<(!doctype|html)|\b50[234]\b.*\b(bad gateway|service unavailable|gateway time-?out)\b/i;

export function mapEngineError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  const err = e as { type?: string; code?: string; message?: string; name?: string };
  const message = String(err?.message ?? e);
  const type = err?.type ?? '';
  if (type === 'TIMEOUT_EXCEEDED' || type === 'QUERY_WAS_CANCELLED' && /timeout/i.test(message)) {
    return new AppError('QUERY_TIMEOUT', 'The query took longer than the allowed time and was stopped. Narrow the time range or region, or try again later.', { engine: message });
  }
  if (type === 'TOO_MANY_ROWS_OR_BYTES' || type === 'MEMORY_LIMIT_EXCEEDED' || type === 'TOO_MANY_ROWS') {
    return new AppError('RESULT_TOO_LARGE', 'The query would return or hold more data than allowed. Add filters, group by fewer dimensions or set a limit.', { engine: message });
  }
  if (/aborted/i.test(message) || err?.name === 'AbortError') {
    return new AppError('QUERY_TIMEOUT', 'The query was cancelled.', { engine: message });
  }
  if (type) {
    return new AppError('BAD_QUERY', 'The analytics engine rejected the query.', { engine: message, engineCode: type });
  }
  if (NETWORK.test(message) || GATEWAY.test(message) || err?.code && /^E[A-Z]+$/.test(err.code)) {
    return new AppError('DATABASE_UNAVAILABLE', 'The analytics engine is not reachable right now. It is retried automatically; try again shortly.', { engine: message });
  }
  return new AppError('INTERNAL_SERVER_ERROR', 'Unexpected engine failure.', { engine: message });
}
