/**
 * The signed-in console: the sidebar (realms, operators, who is signed in, theme, sign out) and
 * the screen the address names, inside its realm's frame when it is a realm's screen.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { t } from './i18n/i18n.ts';
import { matchRoute } from './router.ts';
import { screens } from './routes.ts';
import { applyTheme, nextTheme, storedTheme } from './theme.ts';
import { AppContext, type AppServices } from './ui/app-context.tsx';
import { Button } from './ui/button.tsx';
import { LogoIcon } from './ui/icons.tsx';
import { Link } from './ui/link.tsx';
import { Empty } from './ui/states.tsx';
import { ToastHost } from './ui/toasts.tsx';
import { RealmFrame } from './screens/realms/realm-frame.tsx';

type Base = Omit<AppServices, 'navigate'>;

function usePath(base: string): [string, (path: string, options?: { replace?: boolean }) => void] {
  const below = () => location.pathname.slice(base.length) || '/';
  const [path, setPath] = useState(below);
  useEffect(() => {
    const popped = () => setPath(below());
    addEventListener('popstate', popped);
    return () => removeEventListener('popstate', popped);
  }, []);
  const navigate = (to: string, options: { replace?: boolean } = {}) => {
    if (options.replace) history.replaceState(null, '', `${base}${to}`);
    else history.pushState(null, '', `${base}${to}`);
    setPath(to.split(/[?#]/)[0]);
    scrollTo(0, 0);
  };
  return [path, navigate];
}

export function App(props: Base) {
  const [path, navigate] = usePath(props.base);
  const [theme, setTheme] = useState(storedTheme);
  const [menuOpen, setMenuOpen] = useState(false);
  const services = useMemo(() => ({ ...props, navigate }), [props]);
  useEffect(() => setMenuOpen(false), [path]);
  useEffect(() => {
    if (path === '/') navigate('/realms', { replace: true });
  }, [path]);
  const match = matchRoute(screens, path);
  const screen = match && screens.find((entry) => entry.name === match.name);
  const who = props.me.display_name ?? props.me.email ?? props.me.actor.id;
  const section = path.startsWith('/operator-applications') ? 'operator-applications' : path.startsWith('/operators') ? 'operators' : 'realms';

  // Keyed by its parameters: another user or role at the same kind of address is a fresh screen,
  // never the last one's form and state.
  const view = screen && match
    ? screen.section
      ? <RealmFrame realmRef={match.params.realm} section={screen.section}><screen.view key={JSON.stringify(match.params)} params={match.params} /></RealmFrame>
      : <screen.view key={JSON.stringify(match.params)} params={match.params} />
    : <Empty title={t('common.not_found')}><p><Link to="/realms">{t('common.back_to_realms')}</Link></p></Empty>;

  return (
    <AppContext.Provider value={services}>
      <ToastHost>
        <a class="skip-link" href="#content">{t('app.skip')}</a>
        <div class={`shell${menuOpen ? ' menu-open' : ''}`}>
          <aside class="sidebar" id="sidebar">
            <Link to="/realms" class="brand"><LogoIcon /> {t('app.name')}</Link>
            <nav aria-label={t('nav.main')} style="display:grid;gap:2px">
              <Link to="/realms" class="nav-link" aria-current={section === 'realms' ? 'page' : undefined}>{t('nav.realms')}</Link>
              {props.can.readOperators ? <Link to="/operators" class="nav-link" aria-current={section === 'operators' ? 'page' : undefined}>{t('nav.operators')}</Link> : null}
              {props.can.readOperators ? <Link to="/operator-applications" class="nav-link" aria-current={section === 'operator-applications' ? 'page' : undefined}>{t('nav.operator_applications')}</Link> : null}
            </nav>
            <div class="sidebar-foot">
              <div class="who">{t('session.signed_in_as', { who })}</div>
              <Button
                variant="ghost"
                small
                onClick={() => {
                  const next = nextTheme(theme);
                  applyTheme(next);
                  setTheme(next);
                }}
              >
                {t('theme.toggle', { theme: t(`theme.${theme}`) })}
              </Button>
              <Button small onClick={() => void props.session.signOut()}>{t('session.sign_out')}</Button>
            </div>
          </aside>
          <main class="main" id="content" tabIndex={-1}>
            <Button class="menu-toggle" small aria-expanded={menuOpen} aria-controls="sidebar" onClick={() => setMenuOpen(!menuOpen)}>{t('app.menu')}</Button>
            {view}
          </main>
        </div>
      </ToastHost>
    </AppContext.Provider>
  );
}
