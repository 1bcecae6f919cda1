/**
 * The check every streamed import row gets, the same a `POST …/users` body gets: nesting depth,
 * text a database cannot store, then the CreateUserBody schema (strict, as bodies are checked).
 */
import type { UserRowCheck } from '../../portability/user-stream-import.ts';
import type { NewUserInput } from '../../users/user-fields.ts';
import { MAX_JSON_DEPTH } from '../app.ts';
import { detailsText } from '../error-handler.ts';
import { bodyCheck } from '../validation.ts';
import { unstorableFields } from '../unstorable-text.ts';
import { CreateUserBody } from './user-schema.ts';

/** Whether a parsed value nests deeper than `max`, walked without recursion. */
function nestedDeeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop() as [unknown, number];
    if (typeof item !== 'object' || item === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

export function createUserRowCheck(): UserRowCheck {
  const validate = bodyCheck(CreateUserBody);
  return (user) => {
    if (nestedDeeperThan(user, MAX_JSON_DEPTH)) return { ok: false, code: 'request.too_deeply_nested', message: `The row nests more than ${MAX_JSON_DEPTH} levels deep.` };
    const unstorable = unstorableFields(user);
    if (unstorable.length > 0) return { ok: false, code: 'request.validation_failed', message: `${unstorable[0].field} must not contain NUL characters or unpaired UTF-16 surrogates.` };
    const details = validate(user);
    if (!details) return { ok: true, input: user as NewUserInput };
    return { ok: false, code: 'request.validation_failed', message: `The user is invalid: ${detailsText(details)}.` };
  };
}
