// Being built: replaced by the screen itself before this lands.
export function ApplicationList(_props: { params: Record<string, string> }) {
  return <p>ApplicationList</p>;
}
