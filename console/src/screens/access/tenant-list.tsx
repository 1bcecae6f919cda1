// Being built: replaced by the screen itself before this lands.
export function TenantList(_props: { params: Record<string, string> }) {
  return <p>TenantList</p>;
}
