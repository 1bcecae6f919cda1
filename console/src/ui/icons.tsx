/** Keyrealm's mark, inline (no request), hidden from screen readers beside the written name. */
export function LogoIcon() {
  return (
    <svg viewBox="0 0 64 64" aria-hidden="true">
      <rect width="64" height="64" rx="14" fill="#2155d6" />
      <circle cx="26" cy="30" r="11" fill="none" stroke="#fff" stroke-width="6" />
      <path d="M35 36l14 14m-6-6l5-5m-10 0l4-4" stroke="#fff" stroke-width="6" stroke-linecap="round" />
    </svg>
  );
}
