/**
 * The console's start: read the server's configuration, finish or begin the operator's sign-in,
 * learn who they are and what they may do, then show the console.
 */
import { render } from 'preact';
import { createAdminClient, unwrap } from './api/client.ts';
import { abilitiesOf, type Me } from './auth/permissions.ts';
import { createSession } from './auth/session.ts';
import { readConfig } from './config.ts';
import { chooseLocale, t } from './i18n/i18n.ts';
import { applyTheme, followSystemTheme, storedTheme } from './theme.ts';
import { App } from './app.tsx';
import { StartPage } from './start-page.tsx';

const root = document.getElementById('console') as HTMLElement;
const config = readConfig(document);
chooseLocale(navigator.languages);
applyTheme(storedTheme());
followSystemTheme();
const base = new URL(config.base).pathname;
const session = createSession(config, { location, history, storage: sessionStorage, now: () => Date.now() });

render(<StartPage kind="signing-in" />, root);
const started = await session.start().catch((error: Error) => ({ kind: 'failed' as const, message: error.message }));
if (started.kind === 'signed-out') render(<StartPage kind="signed-out" onSignIn={() => void session.signIn()} />, root);
else if (started.kind === 'failed') render(<StartPage kind="failed" message={started.message} onSignIn={() => void session.signIn()} />, root);
else if (started.kind === 'signed-in') {
  const api = createAdminClient(location.origin, session);
  try {
    const me = (await unwrap(api.GET('/admin/v1/me'))) as Me;
    render(<App api={api} me={me} can={abilitiesOf(me.grants)} session={session} base={base} accessToken={session.accessToken} />, root);
  } catch (error) {
    render(<StartPage kind="failed" message={(error as Error).message || t('session.failed_title')} onSignIn={() => void session.signIn()} />, root);
  }
}
