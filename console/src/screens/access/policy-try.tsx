/**
 * What trying a decision takes. POST /realms/{realm}/authorize decides for the caller its bearer
 * credential names (a user's access token or an API key of the realm); the console holds only the
 * operator's admin-realm token, which that realm refuses, so it shows how to ask instead of asking.
 */
import { t } from '../../i18n/i18n.ts';

export function PolicyTry({ realmSlug }: { realmSlug: string }) {
  const example = [
    `POST /realms/${realmSlug}/authorize`,
    'Authorization: Bearer <access token or API key>',
    '',
    '{ "action": "invoices:read",',
    '  "resource": { "type": "invoices", "id": "42", "tenant": "north" } }',
  ].join('\n');
  return (
    <section class="card access-try" aria-labelledby="policy-try">
      <h2 id="policy-try">{t('access.try.title')}</h2>
      <p>{t('access.try.why', { realm: realmSlug })}</p>
      <p class="muted small">{t('access.try.how')}</p>
      <pre class="code" aria-label={t('access.try.example')}>{example}</pre>
      <p class="muted small">{t('access.try.answer')}</p>
    </section>
  );
}
