// Being built: replaced by the screen itself before this lands.
export function ApplicationPage(_props: { params: Record<string, string> }) {
  return <p>ApplicationPage</p>;
}
