/** The realm's public addresses, built from the server's public URL (pure, unit-tested). */

/** The public URL of the server, from the admin realm's issuer (`{public_url}/realms/{id}`). */
export function publicUrlOf(adminIssuer: string): string {
  const at = adminIssuer.lastIndexOf('/realms/');
  return at >= 0 ? adminIssuer.slice(0, at) : adminIssuer.replace(/\/+$/, '');
}

/** The direct sign-in link: the realm's hosted sign-in, then back to `returnTo` signed in. */
export function loginLink(publicUrl: string, realmId: string, returnTo: string): string {
  return `${publicUrl}/realms/${encodeURIComponent(realmId)}/login?redirect_uri=${encodeURIComponent(returnTo)}`;
}

/** Where a login link may return: each redirect URI of the realm's enabled applications, once. */
export function returnAddresses(apps: { name: string; enabled: boolean; redirect_uris: string[] }[]): { app: string; uri: string }[] {
  const seen = new Set<string>();
  const out: { app: string; uri: string }[] = [];
  for (const app of apps) {
    if (!app.enabled) continue;
    for (const uri of app.redirect_uris) {
      if (seen.has(uri)) continue;
      seen.add(uri);
      out.push({ app: app.name, uri });
    }
  }
  return out;
}
