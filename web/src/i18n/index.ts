/** vue-i18n with zh-CN as the default; the language lives in the URL (`lang=en`). */
import { computed } from 'vue';
import { createI18n, useI18n } from 'vue-i18n';
import zh from './zh-CN';
import en from './en';
import type { Locale } from './format';
import { isFailureCode } from './failures';

export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zh, en },
  // messages are plain strings with {named} slots; no HTML
  warnHtmlMessage: false,
});

export const LOCALES: Locale[] = ['zh-CN', 'en'];

/** Codes whose failure the page words itself (what to do next); the others carry the server's own words. */
export { FAILURE_CODES } from './failures';

/**
 * A failed request as the viewer reads it: an operational failure in the page's language;
 * otherwise (BAD_USER_INPUT, FORBIDDEN) the server's message, which names the field or region.
 */
export function failureText(e: { message: string; code?: string | null } | null | undefined, t: (key: string) => string): string {
  if (!e) return '';
  return isFailureCode(e.code) ? t(`errors.${e.code}`) : e.message;
}
export const toLocale = (v: unknown): Locale => (v === 'en' ? 'en' : 'zh-CN');

/** The current locale and a label picker for catalog objects ({ labelZh, labelEn }). */
export function useLocale() {
  const { locale, t } = useI18n();
  const current = computed(() => toLocale(locale.value));
  const label = (o: { labelZh: string; labelEn: string } | null | undefined, fallback = ''): string =>
    o ? (current.value === 'en' ? o.labelEn : o.labelZh) : fallback;
  return { locale: current, t, label };
}
