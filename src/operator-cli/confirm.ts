import { Option } from 'commander';
import { CliError, EXIT } from './exit-codes.ts';
import { ask } from './prompt.ts';

/** Destructive commands ask first; `--yes` answers for scripts. */
export const confirmOption = () => new Option('-y, --yes', 'do it without asking');

export async function requireConfirmation(options: { yes?: boolean }, what: string): Promise<void> {
  if (options.yes) return;
  if (!process.stdin.isTTY) throw new CliError(`this would ${what}: add --yes to do it`, EXIT.usage);
  const answer = await ask(`This will ${what}. Type "yes" to go on: `);
  if (answer !== 'yes') throw new CliError('not done', EXIT.usage);
}
