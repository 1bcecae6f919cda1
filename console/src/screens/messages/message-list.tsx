// Being built: replaced by the screen itself before this lands.
export function MessageList(_props: { params: Record<string, string> }) {
  return <p>MessageList</p>;
}
