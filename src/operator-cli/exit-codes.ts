import { KeyrealmError } from '@keyrealm/sdk';

/**
 * The CLI's exit codes: stable, documented in docs/cli.md, so scripts can branch on them.
 */
export const EXIT = {
  ok: 0,
  /** The server refused (its error code and message are printed). */
  refused: 1,
  /** The command line is wrong (an unknown command or option, a bad value). */
  usage: 2,
  /** Not signed in, or the sign-in has expired: run `keyrealm login`. */
  unauthenticated: 3,
  /** The server could not be reached. */
  unreachable: 4,
  /** Some items of a batch (an import) were refused; the others were done. */
  partial: 5,
  /** Ctrl-C. */
  interrupted: 130,
} as const;

/** A failure the CLI reports in its own words, with the exit code it ends with. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number) {
    super(message);
    this.exitCode = exitCode;
  }
}

const TOKEN_REFUSALS = new Set(['auth.unauthenticated', 'auth.invalid_token', 'auth.invalid_refresh_token']);

/** What the process ends with for a thrown error, and the line it prints. */
export function describeFailure(error: unknown): { exitCode: number; message: string } {
  if (error instanceof CliError) return { exitCode: error.exitCode, message: error.message };
  if (error instanceof KeyrealmError) {
    if (error.code === 'sdk.unreachable') return { exitCode: EXIT.unreachable, message: `cannot reach the server: ${error.message}` };
    const fields = error.details.map((detail) => `${detail.field}: ${detail.issue}`).join('; ');
    // A token the server does not take (expired, ended, forged) means signing in again; a wrong password is a refusal.
    const signedOut = TOKEN_REFUSALS.has(error.code);
    const exitCode = signedOut ? EXIT.unauthenticated : EXIT.refused;
    const hint = signedOut ? ' (run `keyrealm login`)' : '';
    return { exitCode, message: `${error.code}: ${error.message}${fields ? ` (${fields})` : ''}${hint}` };
  }
  return { exitCode: EXIT.refused, message: error instanceof Error ? error.message : String(error) };
}
