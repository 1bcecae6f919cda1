/** What a step of an open flow may be proven with, and whom its proof counts against (src/flows/flow-service.ts). */
import type { GuardSubject } from '../auth/login-guard.ts';
import type { FlowMethod, SignInFlow } from './flow.ts';

/** Whom the brute-force guard counts a proof against: the user, else the identifier typed, else the flow. */
export function guardSubjectOf(flow: SignInFlow): GuardSubject {
  if (flow.userId !== null) return { userId: flow.userId };
  const challenge = flow.challenge;
  if (challenge && 'unknownIdentifierHash' in challenge && challenge.unknownIdentifierHash) return { unknownIdentifierHash: challenge.unknownIdentifierHash };
  // A passwordless passkey start names nobody until the passkey does.
  return { userId: `flow:${flow.id}` };
}

export function allowedNow(flow: SignInFlow, method: FlowMethod): boolean {
  // Sign-in links are approved on their page and collected by polling, never proven here.
  if (flow.state === 'first_factor') return flow.challenge?.method === method && method !== 'magic_link' && method !== 'number_match';
  if (flow.state === 'second_factor') return flow.secondFactors.includes(method);
  // Enrolling: the code of the factor being enrolled confirms it and completes the sign-in.
  if (flow.state === 'enrolment') return flow.challenge?.method === 'enrolment' && flow.challenge.type === method;
  return false;
}
