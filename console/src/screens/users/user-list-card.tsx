/**
 * A short list of things a user has (factors, passkeys, linked identities, roles…) as a card with
 * a table, its own loading, empty and failed states, and an optional action per row.
 */
import type { ComponentChildren } from 'preact';
import { t } from '../../i18n/i18n.ts';
import { Empty, ErrorNotice, Loading } from '../../ui/states.tsx';
import type { AsyncState } from '../../ui/use-async.ts';

export interface CardColumn<T> {
  header: string;
  cell(item: T): ComponentChildren;
  /** Hidden on phones (class `user-hide-phone`). */
  minor?: boolean;
}

interface Props<T> {
  id: string;
  title: string;
  state: AsyncState<{ items: T[] }>;
  columns: CardColumn<T>[];
  keyOf(item: T): string;
  empty: string;
  /** Above the table: a summary or the card's action. */
  head?: ComponentChildren;
  rowAction?(item: T): ComponentChildren;
}

export function ListCard<T>({ id, title, state, columns, keyOf, empty, head, rowAction }: Props<T>) {
  const items = state.data?.items ?? [];
  return (
    <section class="card user-card" aria-labelledby={id}>
      <div class="user-section-head">
        <h2 id={id}>{title}</h2>
        {head}
      </div>
      {state.error ? <ErrorNotice error={state.error} onRetry={state.reload} /> : null}
      {state.loading && !state.data ? (
        <Loading rows={2} />
      ) : items.length === 0 && !state.error ? (
        <Empty title={empty} />
      ) : items.length > 0 ? (
        <div class="user-table-scroll">
          <table class="data">
            <thead>
              <tr>
                {columns.map((column) => <th key={column.header} scope="col" class={column.minor ? 'user-hide-phone' : undefined}>{column.header}</th>)}
                {rowAction ? <th scope="col"><span class="visually-hidden">{t('user.row_actions')}</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={keyOf(item)}>
                  {columns.map((column) => <td key={column.header} class={column.minor ? 'user-hide-phone' : undefined}>{column.cell(item)}</td>)}
                  {rowAction ? <td class="user-row-action">{rowAction(item)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
