/**
 * The check every streamed import row gets, the same a `POST …/users` body gets: nesting depth,
 * prototype keys, text a database cannot store, then the CreateUserBody schema (strict, as bodies
 * are checked).
 */
import type { UserRowCheck } from '../../portability/user-stream-import.ts';
import type { NewUserInput } from '../../users/user-fields.ts';
import { MAX_JSON_DEPTH } from '../app.ts';
import { detailsText } from '../error-handler.ts';
import { bodyCheck } from '../validation.ts';
import { unstorableFields } from '../unstorable-text.ts';
import { CreateUserBody } from './user-schema.ts';

/**
 * What a parsed row's shape breaks, walked once without recursion: nesting deeper than `max`, or a
 * `__proto__` key, or a `constructor` key holding `prototype`, anywhere (what the body parser
 * refuses: secure-json-parse, src/http/app.ts). A file's rows are parsed with JSON.parse, which
 * keeps such keys as own properties; code that copies a row's fields by assignment would set an
 * object's prototype instead.
 */
function shapeProblem(value: unknown, max: number): 'too_deep' | 'prototype_key' | undefined {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop() as [unknown, number];
    if (typeof item !== 'object' || item === null) continue;
    if (depth > max) return 'too_deep';
    if (Object.hasOwn(item, '__proto__')) return 'prototype_key';
    const constructor = Object.hasOwn(item, 'constructor') ? (item as { constructor: unknown }).constructor : undefined;
    if (typeof constructor === 'object' && constructor !== null && Object.hasOwn(constructor, 'prototype')) return 'prototype_key';
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return undefined;
}

export function createUserRowCheck(): UserRowCheck {
  const validate = bodyCheck(CreateUserBody);
  return (user) => {
    const shape = shapeProblem(user, MAX_JSON_DEPTH);
    if (shape === 'too_deep') return { ok: false, code: 'request.too_deeply_nested', message: `The row nests more than ${MAX_JSON_DEPTH} levels deep.` };
    if (shape === 'prototype_key') return { ok: false, code: 'request.validation_failed', message: 'The row holds a __proto__ key or a constructor.prototype, which no request body may.' };
    const unstorable = unstorableFields(user);
    if (unstorable.length > 0) return { ok: false, code: 'request.validation_failed', message: `${unstorable[0].field} must not contain NUL characters or unpaired UTF-16 surrogates.` };
    const details = validate(user);
    if (!details) return { ok: true, input: user as NewUserInput };
    return { ok: false, code: 'request.validation_failed', message: `The user is invalid: ${detailsText(details)}.` };
  };
}
