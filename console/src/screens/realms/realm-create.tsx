// Being built: replaced by the screen itself before this lands.
export function RealmCreate(_props: { params: Record<string, string> }) {
  return <p>RealmCreate</p>;
}
