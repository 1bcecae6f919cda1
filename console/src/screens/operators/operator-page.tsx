/**
 * One operator: who they are, what they may do, whether they can sign in, and deleting them. Only
 * a superadmin sees the forms and buttons; everyone else who may read operators sees the same
 * facts read-only.
 */
import { unwrap } from '../../api/client.ts';
import type { ResponseOf } from '../../api/types.ts';
import { formatDateTime, t } from '../../i18n/i18n.ts';
import { useApp } from '../../ui/app-context.tsx';
import { PageHead } from '../../ui/page.tsx';
import { ErrorNotice, Loading } from '../../ui/states.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { OperatorAccess, OperatorDelete } from './operator-access.tsx';
import { OperatorGrants } from './operator-grants.tsx';
import { operatorName, OperatorState } from './operator-list.tsx';
import { OperatorProfile } from './operator-profile.tsx';

export type Operator = ResponseOf<'/admin/v1/operators/{operator}', 'get'>;

export function OperatorPage({ params }: { params: Record<string, string> }) {
  const { api, can, me } = useApp();
  const id = params.operator;
  const state = useAsync((signal) => unwrap(api.GET('/admin/v1/operators/{operator}', { params: { path: { operator: id } }, signal })), [id]);
  const crumbs = [{ label: t('operator.crumb'), to: '/operators' }];
  if (state.error) {
    return (
      <>
        <PageHead title={t('operators.title')} crumbs={crumbs} />
        <ErrorNotice error={state.error} onRetry={state.reload} />
      </>
    );
  }
  if (!state.data) return <Loading />;
  const operator = state.data;
  const self = operator.id === me.actor.id;
  const manage = can.manageOperators;
  return (
    <>
      <PageHead title={operatorName(operator)} crumbs={crumbs} actions={<OperatorState operator={operator} />} />
      {!manage ? <p class="notice">{t('operator.read_only')}</p> : self ? <p class="notice">{t('operator.this_is_you')}</p> : null}
      <div class="operator-layout">
        <div class="stack">
          <OperatorProfile operator={operator} manage={manage} onSaved={state.set} />
          <OperatorGrants operator={operator} manage={manage} self={self} onSaved={state.set} />
        </div>
        <div class="stack">
          <section class="card" aria-labelledby="operator-details">
            <h2 id="operator-details">{t('operator.details')}</h2>
            <dl class="props">
              <dt>{t('operator.id')}</dt>
              <dd><code>{operator.id}</code></dd>
              <dt>{t('operator.created')}</dt>
              <dd>{formatDateTime(operator.created_at)}</dd>
              <dt>{t('operator.last_login')}</dt>
              <dd>{operator.last_login_at ? formatDateTime(operator.last_login_at) : t('operators.never')}</dd>
            </dl>
          </section>
          <OperatorAccess operator={operator} manage={manage} onChanged={state.set} />
          {manage ? <OperatorDelete operator={operator} /> : null}
        </div>
      </div>
    </>
  );
}
