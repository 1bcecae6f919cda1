import { KeyrealmRealm } from '@keyrealm/sdk';
import type { Command } from 'commander';
import { credentialsPath, forgetCredentials, writeCredentials } from '../credentials.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { toStored, type CliContext } from '../context.ts';
import { ask, readStdin } from '../prompt.ts';

/**
 * `keyrealm login`: signs the operator in to the server's admin realm — with a TOTP code when
 * they have one — and stores the tokens (0600) for the next commands; `keyrealm logout` ends the
 * session on the server and forgets them.
 */
export function registerLogin(program: Command, context: () => CliContext): void {
  program
    .command('login')
    .description('sign in as an operator and remember it (in ~/.config/keyrealm, readable only by you)')
    .option('--identifier <email>', "the operator's email or username (asked when not given)")
    .option('--password-stdin', 'read the password from standard input (for scripts)')
    .option('--code <code>', 'the TOTP code, when the operator has a second factor (asked when needed)')
    .action(async (options: { identifier?: string; passwordStdin?: boolean; code?: string }) => {
      const ctx = context();
      const server = ctx.server();
      const identifier = options.identifier ?? (await ask('Operator email or username: '));
      const password = options.passwordStdin ? (await readStdin()).replace(/\r?\n$/, '') : await ask('Password: ', { hidden: true });
      if (!identifier || !password) throw new CliError('an identifier and a password are needed', EXIT.usage);
      const realm = new KeyrealmRealm({ baseUrl: server, realm: 'admin' });
      let result = await realm.signIn(identifier, password);
      if (!result.signedIn) {
        const { flow_id: flow, methods } = result.step as { flow_id: string; methods?: string[] };
        if (!methods?.includes('totp')) throw new CliError(`this operator's second factor (${(methods ?? []).join(', ') || 'unknown'}) cannot be used from the command line; use an API token (--token)`, EXIT.refused);
        const code = options.code ?? (await ask('Authenticator code: '));
        const answer = await realm.api.POST('/realms/{realm}/auth/flows/{flow}/verify', { params: { path: { realm: 'admin', flow } }, body: { method: 'totp', code } as never });
        result = realm.completeSignIn(answer.data as never);
        if (!result.signedIn) throw new CliError('the sign-in needs another step the command line cannot take', EXIT.refused);
      }
      await writeCredentials(toStored(server, realm.tokens!));
      ctx.out.done(`Signed in to ${server}; credentials saved in ${credentialsPath()}.`, { server, signed_in: true });
    });

  program
    .command('logout')
    .description('end the stored sign-in on the server and forget it')
    .action(async () => {
      const ctx = context();
      try {
        await ctx.admin().request('POST', '/realms/{realm}/auth/logout', { path: { realm: 'admin' } });
      } catch (error) {
        // Already ended or unreachable: forgetting it locally is what matters here. A refusal to send
        // the token at all (plain http) is told: the session would stay live on the server (found by review).
        if (error instanceof CliError && error.exitCode === EXIT.usage) throw error;
      }
      forgetCredentials();
      ctx.out.done('Signed out.', { signed_in: false });
    });
}
