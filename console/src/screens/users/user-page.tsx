// Being built: replaced by the screen itself before this lands.
export function UserPage(_props: { params: Record<string, string> }) {
  return <p>UserPage</p>;
}
