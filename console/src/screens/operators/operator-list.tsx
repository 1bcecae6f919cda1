// Being built: replaced by the screen itself before this lands.
export function OperatorList(_props: { params: Record<string, string> }) {
  return <p>OperatorList</p>;
}
