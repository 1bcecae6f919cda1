// Being built: replaced by the screen itself before this lands.
export function OperatorApplicationList(_props: { params: Record<string, string> }) {
  return <p>OperatorApplicationList</p>;
}
