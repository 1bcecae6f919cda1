/**
 * What an operator sees before saving a realm's branding: its sign-in page, as a user reaching it
 * from an application would, rendered from the realm as the change would make it. Nothing links
 * anywhere real: the sample application is named in the reader's language, and the form posts
 * nowhere a sign-in could happen.
 */
import type { InteractionView } from '../contracts.ts';
import type { Realm } from '../realms/realm.ts';
import { translator } from './locale.ts';
import type { Locale } from './messages.ts';
import { renderHostedPage, type RenderedPage } from './page-kit.ts';
import { identifierForm } from './sign-in-forms.ts';

const SAMPLE_APPLICATION = 'Example application';

const sampleView: InteractionView = {
  uid: 'preview',
  prompt: 'login',
  client: { clientId: 'preview', name: SAMPLE_APPLICATION, logoUrl: null, frameOrigins: [] },
  scopes: ['openid'],
  missingScopes: [],
  operatorAccess: false,
  loginHint: null,
  maxAuthAge: null,
  idpHint: null,
  uiLocales: [],
  requiredAcr: null,
  userId: null,
};

export function brandingPreview(realm: Realm, locale: Locale): RenderedPage {
  const t = translator(realm, locale);
  const body = identifierForm({ t, base: '#preview', csrf: 'preview', view: sampleView, selfSignUp: realm.users.registration.enabled }, '');
  return renderHostedPage({ realm, locale, title: t('sign_in.title'), body });
}
