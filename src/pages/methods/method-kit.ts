/**
 * What every sign-in method module of the hosted pages shares: the step a request is at (realm,
 * interaction, language, form context) and the page kit the interaction routes hand to it, so a
 * module owns its forms and handlers without knowing how pages are framed or how a sign-in ends.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { InteractionView } from '../../contracts.ts';
import { AppError } from '../../errors.ts';
import type { FlowAnswer } from '../../flows/flow-service.ts';
import type { SignInFlow } from '../../flows/flow.ts';
import type { Realm } from '../../realms/realm.ts';
import type { Translate } from '../locale.ts';
import type { Locale, MessageKey } from '../messages.ts';
import type { FormContext } from '../sign-in-forms.ts';
import type { PasskeyLook } from './passkey.ts';

export type Request = FastifyRequest<{ Params: { realm: string; uid: string } }>;

export interface Step {
  realm: Realm;
  locale: Locale;
  view: InteractionView;
  t: Translate;
  form: FormContext;
  /** Set-Cookie values to send with the answer. */
  cookies: string[];
  /** The server's own script files the page needs (a passkey ceremony). */
  scripts: string[];
}

export interface PageKit {
  /** A page of this step: its title (with `{app}`) and trusted body. */
  show(reply: FastifyReply, step: Step, titleKey: MessageKey, body: string, status?: number, options?: { script?: string }): FastifyReply;
  /** A step that cannot go on: one message. */
  stop(reply: FastifyReply, step: Step, key: MessageKey, status: number): FastifyReply;
  /** After a flow step: to the application when signed in, or the next step's page. */
  proceed(request: Request, reply: FastifyReply, step: Step, answer: FlowAnswer): Promise<FastifyReply>;
  /** The flow this browser is in (its HttpOnly cookie), or '' for none. */
  flowIdOf(request: Request): string;
  /** Keeps a flow's id in the browser for the next steps. */
  remember(step: Step, flow: SignInFlow): void;
  /** The first page (the identifier) again, with a message (its `values`), the identifier field filled in with `identifier`. */
  restart(request: Request, reply: FastifyReply, step: Step, error: MessageKey, status: number, options?: { values?: Record<string, string>; identifier?: string }): Promise<FastifyReply>;
  /**
   * A passkey box for the page (src/pages/methods/passkey.ts), or '' where none can be offered:
   * a first factor without `flow` (a new flow), a second factor in `flow`.
   */
  passkey(request: Request, step: Step, look: PasskeyLook, flow?: SignInFlow): Promise<string>;
}

export type Handler = (request: Request, reply: FastifyReply, step: Step) => Promise<FastifyReply>;

/** A method's routes, by sub-path of the interaction: POSTs are CSRF-checked, GETs only show. */
export interface MethodRoutes {
  post?: Record<string, Handler>;
  get?: Record<string, Handler>;
}

/** Flow errors that mean "this sign-in is over": expired, unknown, failed after too many wrong codes. */
export const flowIsOver = (error: unknown): boolean =>
  error instanceof AppError && (error.code === 'flow.expired' || error.code === 'flow.not_found' || error.code === 'flow.method_not_allowed' || error.code === 'flow.changed_concurrently');

/** What a refused step says: the same words for every reason an account could not sign in. */
export function signInProblem(error: AppError): MessageKey {
  if (error.code === 'auth.too_many_attempts' || error.code === 'request.rate_limited') return 'sign_in.too_many';
  if (error.code === 'auth.method_disabled') return 'sign_in.method_unavailable';
  return 'sign_in.failed';
}

export const statusOf = (error: AppError): number => (error.code === 'auth.too_many_attempts' || error.code === 'request.rate_limited' ? 429 : 401);
