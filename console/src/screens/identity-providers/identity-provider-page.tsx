/**
 * One identity provider (`/realms/:realm/identity-providers/:idp`, by id), or the form adding one
 * (`…/identity-providers/new`; the list links providers by their `idp_…` id, so `new` names none).
 */
import { IdpCreate } from './idp-create.tsx';
import { IdpDetail } from './idp-detail.tsx';

export function IdentityProviderPage({ params }: { params: Record<string, string> }) {
  return params.idp === 'new' ? <IdpCreate /> : <IdpDetail idpRef={params.idp} />;
}
