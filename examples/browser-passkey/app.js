// Signs the user in with a passkey and shows who they are. Keyrealm must list this page's origin
// in the realm's passkeys.allowed_origins, and an enabled spa application of the realm must have
// it among its redirect URIs' origins or cors_origins (so the realm answers this origin's calls).
import { KeyrealmRealm, KeyrealmError } from '@keyrealm/sdk';

const config = new URLSearchParams(location.search);
const realm = new KeyrealmRealm({ baseUrl: config.get('keyrealm') ?? 'http://localhost:8080', realm: config.get('realm') ?? 'my-realm' });
const status = document.getElementById('status');
const signIn = document.getElementById('sign-in');
const signOut = document.getElementById('sign-out');

signIn.addEventListener('click', async () => {
  status.textContent = 'Waiting for your passkey…';
  try {
    const result = await realm.signInWithPasskey();
    if (!result.signedIn) {
      status.textContent = `One more step: ${result.step.methods.join(' or ')}.`;
      return;
    }
    const account = await realm.account();
    status.textContent = `Signed in as ${account.username ?? account.email}.`;
    signIn.hidden = true;
    signOut.hidden = false;
  } catch (error) {
    status.textContent = error instanceof KeyrealmError ? `Refused: ${error.message} (${error.code})` : `Not signed in: ${error.message}`;
  }
});

signOut.addEventListener('click', async () => {
  await realm.signOut();
  status.textContent = 'Signed out.';
  signIn.hidden = false;
  signOut.hidden = true;
});
