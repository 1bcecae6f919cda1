/** What every screen reaches through context: the admin API, who is signed in, and what they may do. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AdminClient } from '../api/client.ts';
import type { Abilities, Me } from '../auth/permissions.ts';
import type { Session } from '../auth/session.ts';

export interface AppServices {
  api: AdminClient;
  me: Me;
  can: Abilities;
  session: Session;
  /** Where the console is mounted, as a path (`/console`). */
  base: string;
  /** Goes to a console path (below `base`), adding a history entry. */
  navigate(path: string, options?: { replace?: boolean }): void;
  /** The server's token for live streams, which fetch with their own headers. */
  accessToken(): Promise<string>;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp outside the console');
  return services;
}
