// Being built: replaced by the screen itself before this lands.
export function TemplateList(_props: { params: Record<string, string> }) {
  return <p>TemplateList</p>;
}
