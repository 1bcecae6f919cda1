import type { ButtonHTMLAttributes, ComponentChildren } from 'preact';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';
type Props = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; small?: boolean; busy?: boolean; children: ComponentChildren };

/** A button of the design system; `busy` disables it while its action runs (no double submits). */
export function Button({ variant = 'secondary', small, busy, disabled, class: className, type = 'button', children, ...rest }: Props) {
  const classes = ['btn', variant !== 'secondary' ? variant : '', small ? 'small' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button {...rest} type={type} class={classes} disabled={disabled || busy} aria-busy={busy || undefined}>
      {children}
    </button>
  );
}
