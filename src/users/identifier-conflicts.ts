import { AppError } from '../errors.ts';
import { uniqueViolation } from '../storage/database.ts';

type Identifier = 'username' | 'email' | 'mobile';

/** The 409 for identifiers another user of the realm holds, named by the first (each in the details). */
export function identifiersTaken(fields: [Identifier, ...Identifier[]]): AppError {
  const [first] = fields;
  return new AppError(`user.${first}_taken`, `Another user of this realm already has this ${first}.`, { details: fields.map((field) => ({ field, issue: 'is taken' })) });
}

/** The 409 naming the identifier a unique-index violation is about; undefined for any other error. */
export function identifierTaken(error: unknown): AppError | undefined {
  const constraint = uniqueViolation(error);
  if (constraint === undefined) return undefined;
  const field = (['username', 'email', 'mobile'] as const).find((candidate) => constraint.includes(`${candidate}_key`));
  return field === undefined ? undefined : identifiersTaken([field]);
}
