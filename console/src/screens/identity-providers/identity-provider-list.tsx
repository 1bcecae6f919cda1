// Being built: replaced by the screen itself before this lands.
export function IdentityProviderList(_props: { params: Record<string, string> }) {
  return <p>IdentityProviderList</p>;
}
