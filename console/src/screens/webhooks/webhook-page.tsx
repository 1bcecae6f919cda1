// Being built: replaced by the screen itself before this lands.
export function WebhookPage(_props: { params: Record<string, string> }) {
  return <p>WebhookPage</p>;
}
