// Being built: replaced by the screen itself before this lands.
export function UserList(_props: { params: Record<string, string> }) {
  return <p>UserList</p>;
}
