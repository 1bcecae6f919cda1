import { Command, CommanderError } from 'commander';
import { registerEvents } from './commands/events.ts';
import { registerLogin } from './commands/login.ts';
import { registerRealms } from './commands/realms.ts';
import { registerServer } from './commands/server.ts';
import { registerUsers } from './commands/users.ts';
import { registerWebhooks } from './commands/webhooks.ts';
import { createContext, type CliContext, type GlobalOptions } from './context.ts';
import { describeFailure, EXIT } from './exit-codes.ts';
import { createOutput, printable } from './output.ts';

/**
 * The `keyrealm` command: every command group in one visible list, each registered from its own
 * file. Commands talk to a server through the public admin API only (`serve` and `migrate` are
 * the server). Exit codes: src/operator-cli/exit-codes.ts, docs/cli.md.
 */
const COMMANDS = [registerLogin, registerRealms, registerUsers, registerEvents, registerWebhooks, registerServer];

export async function runCli(argv: string[]): Promise<number> {
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  process.once('SIGINT', onSigint);
  let context: (CliContext & { saveRenewed(): Promise<void> }) | undefined;

  const program = new Command('keyrealm')
    .description('Operate a Keyrealm server: realms, users, events, webhooks — and the server itself')
    .option('--server <url>', 'the server (default: KEYREALM_SERVER, or the one `keyrealm login` stored)')
    .option('--token <token>', 'an operator access token (default: KEYREALM_TOKEN, or the stored sign-in)')
    .option('--json', 'machine output: one JSON document, or JSON lines for lists')
    .option('--allow-http', 'send credentials to a plain-http server on another machine (only https, or http on this machine, otherwise)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .showHelpAfterError('(add --help for usage)');
  const contextOf = () => (context ??= createContext(program.opts<GlobalOptions>(), createOutput(program.opts<GlobalOptions>().json === true), interrupt.signal));
  for (const register of COMMANDS) register(program, contextOf);

  try {
    await program.parseAsync(argv, { from: 'user' });
    await context?.saveRenewed();
    return interrupt.signal.aborted ? EXIT.interrupted : Number(process.exitCode ?? EXIT.ok);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end "with an error" that is none.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (interrupt.signal.aborted) return EXIT.interrupted;
    const { exitCode, message } = describeFailure(error);
    // The message is often the server's, which may echo what was sent (a name, a file's value).
    process.stderr.write(`keyrealm: ${printable(message)}\n`);
    return exitCode;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
