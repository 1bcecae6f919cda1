import type { ApplicationGrantsEnder } from '../../src/contracts.ts';

/** An ender that records what it was asked to end, in order. */
export function recordingEnder(): ApplicationGrantsEnder & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    endForUser: async (realmId, applicationId, userId) => {
      calls.push(`user ${realmId} ${applicationId} ${userId}`);
    },
    endForApplication: async (realmId, applicationId) => {
      calls.push(`application ${realmId} ${applicationId}`);
    },
    applicationChanged: (realmId, applicationId) => {
      calls.push(`changed ${realmId} ${applicationId}`);
    },
  };
}

export const spa = { kind: 'spa' as const, name: 'Shop front', redirect_uris: ['https://shop.example.com/callback'] };
export const web = { kind: 'web' as const, name: 'Portal', redirect_uris: ['https://portal.example.com/cb'] };
export const native = { kind: 'native' as const, name: 'Phone app', redirect_uris: ['com.example.app:/callback'] };
export const machine = { kind: 'machine' as const, name: 'Nightly sync' };
export const device = { kind: 'device' as const, name: 'Television' };
