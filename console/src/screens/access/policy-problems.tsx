/**
 * The API's complaints about a module's Cedar text, one a line with the policy and place it names;
 * a place is a button that puts the caret there in the editor.
 */
import { ApiError } from '../../api/api-error.ts';
import { t } from '../../i18n/i18n.ts';
import { ErrorNotice } from '../../ui/states.tsx';
import { problemLocation } from './access-logic.ts';

export function PolicyProblems({ error, onGoTo }: { error: Error; onGoTo(line: number, column: number): void }) {
  const details = error instanceof ApiError ? error.details.filter((detail) => detail.issue) : [];
  if (!(error instanceof ApiError) || details.length === 0) return <ErrorNotice error={error} />;
  return (
    <div class="notice error access-problems" role="alert">
      <div style="flex:1">
        <div>{t('access.policy.invalid', { count: details.length })}</div>
        <ul>
          {details.map((detail, index) => {
            const place = problemLocation(detail.issue ?? '');
            const policy = detail.field?.startsWith('policy.') ? detail.field.slice('policy.'.length) : null;
            return (
              <li key={index}>
                {place.line !== null ? (
                  <button type="button" class="access-goto" onClick={() => onGoTo(place.line!, place.column ?? 1)}>
                    {t('access.policy.at', { line: place.line, column: place.column ?? 1 })}
                  </button>
                ) : null}
                {policy ? <code>{policy}</code> : null} {place.message}
              </li>
            );
          })}
        </ul>
        <div class="small"><code>{t('common.error_code', { code: error.code })}</code></div>
      </div>
    </div>
  );
}
