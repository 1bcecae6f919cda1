// Being built: replaced by the screen itself before this lands.
export function PolicyList(_props: { params: Record<string, string> }) {
  return <p>PolicyList</p>;
}
