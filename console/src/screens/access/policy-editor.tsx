// Being built: replaced by the screen itself before this lands.
export function PolicyEditor(_props: { params: Record<string, string> }) {
  return <p>PolicyEditor</p>;
}
