/**
 * A map to draw on, loaded when its key is set (`china`, or a province code for its cities:
 * charts/chinaMap.ts). `state` is 'none' without a key, without such a map, or when it failed
 * to load (the caller draws its fallback then).
 */
import { shallowRef, watch, type ShallowRef } from 'vue';
import { loadMap } from '../charts/chinaMap';
import type { LoadedMap } from '../charts/geo';

export interface MapState { key: string | null; state: 'loading' | 'ready' | 'none'; map: LoadedMap | null }

export function useMap(key: () => string | null): ShallowRef<MapState> {
  const s = shallowRef<MapState>({ key: null, state: 'none', map: null });
  watch(key, (k) => {
    if (k === s.value.key) return;
    if (!k) { s.value = { key: null, state: 'none', map: null }; return; }
    s.value = { key: k, state: 'loading', map: null };
    loadMap(k).then(
      (m) => { if (s.value.key === k) s.value = { key: k, state: m ? 'ready' : 'none', map: m }; },
      (e: unknown) => {
        console.warn(`map ${k} not loaded; drawing without it`, e);
        if (s.value.key === k) s.value = { key: k, state: 'none', map: null };
      },
    );
  }, { immediate: true });
  return s;
}
