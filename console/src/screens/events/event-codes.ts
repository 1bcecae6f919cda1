/**
 * What the log's codes and types mean, for the console. The codes are the server's catalogue
 * itself (src/events/event-types.ts, src/events/sign-in-codes.ts: plain data, bundled in), so they
 * cannot drift; the words are the string catalogue's (i18n/en/events.ts), keyed by type and by code,
 * and test/console/event-codes.test.ts checks there are words for every one.
 */
import { eventCodes } from '../../../../src/events/event-types.ts';
import { signInCodes } from '../../../../src/events/sign-in-codes.ts';
import { t, type MessageKey } from '../../i18n/i18n.ts';

/** Every event type and its flespi realm-log code (null: none): the server's own catalogue. */
export const eventTypeCodes: Record<string, number | null> = eventCodes;

/** Sign-in codes by method (a success is coded by the method that started it). */
export const signInMethodCodes = signInCodes;

/** Every code the log can carry, ascending. */
export const allCodes: number[] = [
  ...new Set([
    ...Object.values(eventTypeCodes).filter((code): code is number => code !== null),
    ...Object.values(signInMethodCodes).flatMap((codes) => [codes.succeeded, codes.failed].filter((code): code is number => code !== undefined)),
  ]),
].sort((a, b) => a - b);

export const typeKey = (type: string) => `events.type.${type}` as MessageKey;
export const codeKey = (code: number) => `events.code.${code}` as MessageKey;

/** What an event type means in words; an unknown type (a newer server) is shown as itself. */
export function typeMeaning(type: string): string {
  return type in eventTypeCodes ? t(typeKey(type)) : type;
}

/** What a code means; an unknown code is shown as its number alone. */
export function codeMeaning(code: number): string | null {
  return allCodes.includes(code) ? t(codeKey(code)) : null;
}
