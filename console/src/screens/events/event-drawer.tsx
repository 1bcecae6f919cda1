/** One event in full: every field, who did it and from where, its details as JSON. */
import { formatDateTime, formatRelative, t } from '../../i18n/i18n.ts';
import { Drawer } from '../../ui/dialog.tsx';
import { Link } from '../../ui/link.tsx';
import { codeMeaning, typeMeaning } from './event-codes.ts';
import type { EventItem } from './use-live-events.ts';

export function actorLabel(actor: EventItem['actor']): string {
  if (actor.type === 'system') return t('events.actor.system');
  return t(`events.actor.${actor.type}`, { id: actor.id ?? t('common.none') });
}

export function EventDrawer({ event, realmId, onClose }: { event: EventItem | null; realmId: string; onClose(): void }) {
  const details = event ? Object.keys(event.details ?? {}).length > 0 : false;
  return (
    <Drawer open={event !== null} title={event ? t('events.detail_title', { type: event.type }) : ''} onClose={onClose}>
      {event ? (
        <div class="stack">
          <dl class="props">
            <dt>{t('events.field.meaning')}</dt>
            <dd>{typeMeaning(event.type)}</dd>
            <dt>{t('events.field.type')}</dt>
            <dd><code>{event.type}</code></dd>
            <dt>{t('events.field.code')}</dt>
            <dd>{event.code === null ? t('common.none') : <><code>{event.code}</code> {codeMeaning(event.code) ?? ''}</>}</dd>
            <dt>{t('events.field.at')}</dt>
            <dd>
              <time datetime={event.at}>{formatDateTime(event.at)}</time> <span class="muted">({formatRelative(event.at)})</span>
            </dd>
            <dt>{t('events.field.id')}</dt>
            <dd><code>{event.id}</code></dd>
            <dt>{t('events.field.realm')}</dt>
            <dd><code>{event.realm_id}</code></dd>
            <dt>{t('events.field.actor')}</dt>
            <dd>
              {t(`events.actor_type.${event.actor.type}`)}
              {event.actor.id ? <> <code>{event.actor.id}</code></> : null}
            </dd>
            <dt>{t('events.field.user')}</dt>
            <dd>
              {event.user_id ? (
                <Link to={`/realms/${encodeURIComponent(realmId)}/users/${encodeURIComponent(event.user_id)}`}>
                  <code>{event.user_id}</code>
                </Link>
              ) : (
                t('common.none')
              )}
            </dd>
          </dl>
          <section aria-labelledby="event-origin">
            <h3 id="event-origin" class="event-section">{t('events.field.origin')}</h3>
            <dl class="props">
              <dt>{t('events.field.ip')}</dt>
              <dd>{event.ip ? <code>{event.ip}</code> : t('common.none')}</dd>
              <dt>{t('events.field.user_agent')}</dt>
              <dd>{event.user_agent ?? t('common.none')}</dd>
            </dl>
          </section>
          <section aria-labelledby="event-details">
            <h3 id="event-details" class="event-section">{t('events.field.details')}</h3>
            {details ? <pre class="code event-details" tabIndex={0}>{JSON.stringify(event.details, null, 2)}</pre> : <p class="muted">{t('events.no_details')}</p>}
          </section>
        </div>
      ) : null}
    </Drawer>
  );
}
