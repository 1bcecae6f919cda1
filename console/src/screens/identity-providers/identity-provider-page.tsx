// Being built: replaced by the screen itself before this lands.
export function IdentityProviderPage(_props: { params: Record<string, string> }) {
  return <p>IdentityProviderPage</p>;
}
