import type { Config } from '../config/options.ts';

/**
 * Why the server could not start, said for the person who started it: the common system errors
 * name the option to change; anything else gives its message (debug logs carry the stack).
 */
export function describeStartupFailure(error: unknown, config: Pick<Config, 'port' | 'host'>): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EADDRINUSE':
      return `port ${config.port} is already in use (KEYREALM_PORT)`;
    case 'EACCES':
      return `this user may not listen on port ${config.port} (KEYREALM_PORT; ports below 1024 need privileges)`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `${config.host} is not an address of this machine (KEYREALM_HOST)`;
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
