// Being built: replaced by the screen itself before this lands.
export function ApiKeyList(_props: { params: Record<string, string> }) {
  return <p>ApiKeyList</p>;
}
