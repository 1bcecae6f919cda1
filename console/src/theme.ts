/** Light, dark, or the system's choice; remembered in this browser (a preference, nothing secret). */
export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'keyrealm-console.theme';

export function storedTheme(): ThemeChoice {
  const value = localStorage.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

export function applyTheme(choice: ThemeChoice): void {
  const dark = choice === 'dark' || (choice === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  if (choice === 'system') localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, choice);
}

export const nextTheme = (choice: ThemeChoice): ThemeChoice => (choice === 'system' ? 'light' : choice === 'light' ? 'dark' : 'system');

/** While the choice is the system's, a change of the system's scheme applies at once (no reload). */
export function followSystemTheme(): void {
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (storedTheme() === 'system') applyTheme('system');
  });
}
