// Being built: replaced by the screen itself before this lands.
export function RoleList(_props: { params: Record<string, string> }) {
  return <p>RoleList</p>;
}
