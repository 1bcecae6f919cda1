// Being built: replaced by the screen itself before this lands.
export function RealmOverview(_props: { params: Record<string, string> }) {
  return <p>RealmOverview</p>;
}
