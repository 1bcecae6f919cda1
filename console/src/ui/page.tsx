/** A screen's heading: breadcrumbs, the title (the page's one h1), and its actions. */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { t } from '../i18n/i18n.ts';
import { Link } from './link.tsx';

export interface Crumb {
  label: string;
  to: string;
}

export function PageHead({ title, crumbs = [], actions }: { title: string; crumbs?: Crumb[]; actions?: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} · ${t('app.console')}`;
  }, [title]);
  return (
    <div class="page-head">
      <div>
        {crumbs.length > 0 ? (
          <nav class="crumbs" aria-label="Breadcrumb">
            {crumbs.map((crumb, index) => (
              <span key={crumb.to}>
                {index > 0 ? ' / ' : ''}
                <Link to={crumb.to}>{crumb.label}</Link>
              </span>
            ))}
          </nav>
        ) : null}
        <h1>{title}</h1>
      </div>
      {actions ? <div class="actions">{actions}</div> : null}
    </div>
  );
}

/** Tabs that are links (each tab its own address), for a realm's or a user's sections. */
export function TabLinks({ label, tabs, current }: { label: string; tabs: { to: string; label: string; key: string }[]; current: string }) {
  return (
    <nav class="tabs" aria-label={label}>
      {tabs.map((tab) => (
        <Link key={tab.key} to={tab.to} aria-current={tab.key === current ? 'page' : undefined}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
