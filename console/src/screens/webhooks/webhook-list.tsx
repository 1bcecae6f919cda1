// Being built: replaced by the screen itself before this lands.
export function WebhookList(_props: { params: Record<string, string> }) {
  return <p>WebhookList</p>;
}
