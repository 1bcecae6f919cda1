/**
 * The string catalogue: every word the console shows comes from here, by key, so another language
 * is one more catalogue of the same keys (`Catalogue` makes the compiler list any key it lacks).
 * `{name}` in a message is replaced by the value given for it.
 */
import { en } from './en/index.ts';

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;

const catalogues: Record<string, Catalogue> = { en };
let locale = 'en';
let current: Catalogue = en;

/** Chooses the first of the browser's languages the console has (English otherwise). */
export function chooseLocale(preferred: readonly string[]): string {
  const found = preferred.map((tag) => tag.toLowerCase().split('-')[0]).find((tag) => tag in catalogues);
  locale = found ?? 'en';
  current = catalogues[locale];
  return locale;
}

export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  const message = current[key] ?? en[key] ?? key;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A date and time as the operator's locale writes it (seconds included: events come in bursts). */
export function formatDateTime(value: string | number | Date): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(value));
}

/** "3 minutes ago"; exact times stay available in a title. */
export function formatRelative(value: string | number | Date, now = Date.now()): string {
  const seconds = Math.round((new Date(value).getTime() - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [['year', 31536000], ['month', 2592000], ['day', 86400], ['hour', 3600], ['minute', 60]];
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  return format.format(seconds, 'second');
}
