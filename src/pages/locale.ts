import type { Realm } from '../realms/realm.ts';
import { catalogues, LOCALES, type Locale, type MessageKey } from './messages.ts';

/**
 * The language a realm's page speaks: the first shipped one in `ui_locales`, then Accept-Language
 * (by weight), then the realm's default language.
 */
export function chooseLocale(realm: Realm, uiLocales: readonly string[], acceptLanguage: string | undefined): Locale {
  const weighted = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), weight: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.tag && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((entry) => entry.tag);
  for (const tag of [...uiLocales, ...weighted]) {
    const base = tag.toLowerCase().split('-')[0] as Locale;
    if (LOCALES.includes(base)) return base;
  }
  return realm.localisation.default_locale;
}

export type Translate = (key: MessageKey, values?: Record<string, string>) => string;

/** Plain text (escape it into HTML); `{name}` placeholders take `values`. The realm's own words replace the shipped ones. */
export function translator(realm: Realm, locale: Locale): Translate {
  const catalogue = catalogues[locale];
  const overrides = realm.localisation.overrides[locale] ?? {};
  return (key, values = {}) => (Object.hasOwn(overrides, key) ? overrides[key]! : catalogue[key]).replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
