// Being built: replaced by the screen itself before this lands.
export function EventLog(_props: { params: Record<string, string> }) {
  return <p>EventLog</p>;
}
