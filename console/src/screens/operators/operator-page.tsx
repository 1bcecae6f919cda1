// Being built: replaced by the screen itself before this lands.
export function OperatorPage(_props: { params: Record<string, string> }) {
  return <p>OperatorPage</p>;
}
