/**
 * Whether the chat drawer is open, and whether it was ever opened (it is loaded on first
 * use, then kept so the thread survives closing). A `chat` key in the URL (a saved view
 * made from an answer) opens it.
 */
import { ref, watch } from 'vue';
import type { RouteLocationNormalizedLoaded } from 'vue-router';
import { CHAT_KEY } from './share';

const open = ref(false);
const mounted = ref(false);

export function useChatPanel(route?: RouteLocationNormalizedLoaded) {
  if (route) {
    watch(() => route.query[CHAT_KEY], (v) => { if (typeof v === 'string' && v) { open.value = true; mounted.value = true; } }, { immediate: true });
  }
  return {
    open,
    mounted,
    toggle() {
      open.value = !open.value;
      if (open.value) mounted.value = true;
    },
    close() { open.value = false; },
  };
}
