/**
 * A reactive GraphQL query: refetches when its variables change, aborts what it no longer
 * needs, and keeps what the "i" panel shows (the document and the variables it ran).
 * Every chart of a page calls this during setup, so a page's queries leave in parallel.
 */
import { onScopeDispose, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import { GraphQLRequestError, request } from '../api/client';
import type { TypedDocumentString } from '../generated/graphql';

export interface QueryInfo {
  query: string;
  variables: unknown;
}

export interface QueryState<R> {
  data: ShallowRef<R | null>;
  error: Ref<GraphQLRequestError | null>;
  loading: Ref<boolean>;
  info: ShallowRef<QueryInfo | null>;
  refetch: () => Promise<void>;
}

const CACHE_MAX = 120;
const CACHE_TTL_MS = 5 * 60_000;
const cache = new Map<string, { at: number; data: unknown }>();
const inflight = new Map<string, Promise<unknown>>();

/** Drops cached results (after a mutation changes what queries would return). */
export function invalidate(prefix = ''): void {
  for (const k of [...cache.keys()]) if (k.startsWith(prefix)) cache.delete(k);
}

function remember(key: string, data: unknown) {
  cache.set(key, { at: Date.now(), data });
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value as string);
}

/** `variables` returning null means "not ready": nothing is sent. */
export function useQuery<R, V>(doc: TypedDocumentString<R, V>, variables: () => V | null): QueryState<R> {
  const data = shallowRef<R | null>(null);
  const error = ref<GraphQLRequestError | null>(null);
  const loading = ref(false);
  const info = shallowRef<QueryInfo | null>(null);
  // Stale answers are dropped by sequence number rather than aborted: two charts may share
  // one in-flight request, and aborting it for one would fail the other.
  let seq = 0;

  async function run(vars: V | null, force = false) {
    if (vars === null) { seq++; loading.value = false; return; }
    const key = `${doc.toString()}\n${JSON.stringify(vars)}`;
    info.value = { query: doc.toString().trim(), variables: vars };
    const hit = cache.get(key);
    if (!force && hit && Date.now() - hit.at < CACHE_TTL_MS) {
      data.value = hit.data as R;
      error.value = null;
      loading.value = false;
      return;
    }
    const mine = ++seq;
    loading.value = true;
    error.value = null;
    try {
      // identical queries from two charts share one request
      let p = inflight.get(key) as Promise<R> | undefined;
      if (!p || force) {
        p = request(doc, vars);
        inflight.set(key, p);
        p.finally(() => inflight.delete(key)).catch(() => {});
      }
      const r = await p;
      if (mine !== seq) return;
      remember(key, r);
      data.value = r;
    } catch (e) {
      if (mine !== seq) return;
      data.value = null;
      error.value = e instanceof GraphQLRequestError ? e : new GraphQLRequestError(String((e as Error).message ?? e), 'INTERNAL_SERVER_ERROR');
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  watch(() => JSON.stringify(variables()), () => { void run(variables()); }, { immediate: true });
  onScopeDispose(() => { seq++; });
  return { data, error, loading, info, refetch: () => run(variables(), true) };
}
