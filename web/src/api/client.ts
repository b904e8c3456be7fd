/** One fetch per GraphQL operation; typed by the generated documents; errors keep their code. */
import type { TypedDocumentString } from '../generated/graphql';

export class GraphQLRequestError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

export const operationName = (doc: { toString(): string }): string => /(?:query|mutation)\s+(\w+)/.exec(doc.toString())?.[1] ?? 'anonymous';

export async function request<R, V>(doc: TypedDocumentString<R, V>, variables: V, signal?: AbortSignal): Promise<R> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: doc.toString(), variables, operationName: operationName(doc) }),
      signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new GraphQLRequestError((e as Error).message, 'NETWORK_ERROR');
  }
  if (res.status === 401) {
    // the session expired or was never there: sign in, then come back here
    window.location.href = `/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`;
    throw new GraphQLRequestError('Sign in first.', 'UNAUTHENTICATED');
  }
  let body: { data?: R | null; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = await res.json();
  } catch {
    throw new GraphQLRequestError(`HTTP ${res.status}`, 'NETWORK_ERROR');
  }
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new GraphQLRequestError(e.message, e.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  }
  if (!body.data) throw new GraphQLRequestError(`HTTP ${res.status}`, 'NETWORK_ERROR');
  return body.data;
}
