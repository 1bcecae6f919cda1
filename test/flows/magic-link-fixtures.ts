/**
 * Helpers for sign-in links (magic link, number matching): starting, polling, and the link's page
 * as a mail client's browser would use it (GET shows, a urlencoded form POST approves).
 */
import assert from 'node:assert/strict';
import type { Realm } from '../../src/realms/realm.ts';
import { operator } from '../support/fixtures.ts';
import { send } from '../support/http.ts';
import { csrfForm } from '../support/page-forms.ts';
import { freshEmail, mailTo, PASSWORD, tokenIn, type FlowContext } from '../accounts/flow-fixtures.ts';

export type LinkMethod = 'magic_link' | 'number_match';

const START_PATH: Record<LinkMethod, string> = { magic_link: 'magic-link', number_match: 'number-match' };
const SUBJECT: Record<LinkMethod, RegExp> = { magic_link: /^Sign in to/, number_match: /^Approve your/ };

/** The text of a page's first heading. */
export const headingOf = (html: string) => /<h1>(.*?)<\/h1>/s.exec(html)?.[1];

/** The numbers a number-matching page offers, in the order shown. */
export const choicesOf = (html: string) => [...html.matchAll(/name="pick" value="(\d+)"/g)].map((match) => Number(match[1]));

export function linkHelpers(ctx: FlowContext) {
  let counter = 0;
  const page = (realm: Realm) => `/realms/${realm.slug}/pages/magic-link`;
  return {
    /** A realm that signs in with passwords, magic links and number matching (settings merged over that). */
    realmWith(sign_in: Record<string, unknown> = {}, settings: Record<string, unknown> = {}): Promise<Realm> {
      return ctx.server.services.realms.create({ name: `Links ${++counter}`, sign_in: { first_factors: ['password', 'magic_link', 'number_match'], ...sign_in }, ...settings }, operator);
    },

    async userIn(realm: Realm) {
      const email = freshEmail('link');
      const user = await ctx.server.services.users.create(realm, { email, email_verified: true, password: PASSWORD }, operator);
      return { email, user };
    },

    start: (realm: Realm, method: LinkMethod, identifier: string) => send(ctx.server, 'POST', `/realms/${realm.slug}/auth/${START_PATH[method]}`, { identifier }),

    poll: (realm: Realm, flowId: string) => send(ctx.server, 'POST', `/realms/${realm.slug}/auth/magic-link/status`, { flow_id: flowId }),

    /** The token of the link mailed to `email` for this method. */
    async linkToken(email: string, method: LinkMethod): Promise<string> {
      return tokenIn(await mailTo(ctx, email, SUBJECT[method]));
    },

    openPage: (realm: Realm, token: string) => send(ctx.server, 'GET', `${page(realm)}?token=${encodeURIComponent(token)}`),

    /** Posts the page's form, as the browser that opened it: the token, and for number matching the number picked. */
    submitPage(realm: Realm, token: string, pick?: number) {
      const form = csrfForm(ctx.server.services, realm.id, { token, ...(pick === undefined ? {} : { pick: String(pick) }) });
      return ctx.server.app.inject({ method: 'POST', url: page(realm), ...form });
    },

    /** Starts a sign-in for a fresh user and reads the link from the mail. */
    async started(realm: Realm, method: LinkMethod) {
      const { email, user } = await this.userIn(realm);
      const response = await this.start(realm, method, email);
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json() as { flow_id: string; number?: number };
      return { email, user, flowId: body.flow_id, number: body.number, token: await this.linkToken(email, method) };
    },

    async eventsOf(realm: Realm, type: string) {
      return (await ctx.server.services.events.list(ctx.server.database.db, realm.id, { type }, { limit: 50 })).items;
    },
  };
}
