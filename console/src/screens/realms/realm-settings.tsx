// Being built: replaced by the screen itself before this lands.
export function RealmSettings(_props: { params: Record<string, string> }) {
  return <p>RealmSettings</p>;
}
