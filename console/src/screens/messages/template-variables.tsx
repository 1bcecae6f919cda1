/** The variables a message type's templates may use, with what each holds and an example. */
import { Fragment } from 'preact';
import { t } from '../../i18n/i18n.ts';

interface Variable {
  name: string;
  description: string;
  example: string | number;
}

export function TemplateVariables({ variables }: { variables: Variable[] }) {
  return (
    <section aria-labelledby="template-variables" class="template-variables">
      <h2 id="template-variables">{t('messages.tpl.variables')}</h2>
      <p class="muted small">{t('messages.tpl.variables_help')}</p>
      <dl class="props">
        {variables.map((variable) => (
          <Fragment key={variable.name}>
            <dt><code>{`{{${variable.name}}}`}</code></dt>
            <dd>
              {variable.description}
              {variable.example !== '' ? <> <span class="muted">{t('messages.tpl.variable_example', { example: String(variable.example) })}</span></> : null}
            </dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
