// Being built: replaced by the screen itself before this lands.
export function TenantPage(_props: { params: Record<string, string> }) {
  return <p>TenantPage</p>;
}
