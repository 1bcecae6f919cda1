// Being built: replaced by the screen itself before this lands.
export function RolePage(_props: { params: Record<string, string> }) {
  return <p>RolePage</p>;
}
