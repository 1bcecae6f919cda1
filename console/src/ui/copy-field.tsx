import { useId, useState } from 'preact/hooks';
import { t } from '../i18n/i18n.ts';
import { Button } from './button.tsx';

/** A value to copy (a login link, a client id): read-only text and a button that copies it. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="copy-field">
        <input id={id} class="input" readOnly value={value} onFocus={(event) => event.currentTarget.select()} />
        <Button
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => {});
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          }}
        >
          {copied ? t('common.copied') : t('common.copy')}
        </Button>
      </div>
    </div>
  );
}
