/** An in-console link: a real <a href> (open in a new tab works), navigated without reloading. */
import type { ComponentChildren, PartialAnchorHTMLAttributes } from 'preact';
import { useApp } from './app-context.tsx';

type Props = Omit<PartialAnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'role'> & { to: string; children: ComponentChildren };

export function Link({ to, children, ...rest }: Props) {
  const { base, navigate } = useApp();
  return (
    <a
      {...rest}
      href={`${base}${to}`}
      onClick={(event) => {
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
