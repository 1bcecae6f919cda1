// Being built: replaced by the screen itself before this lands.
export function TemplateEditor(_props: { params: Record<string, string> }) {
  return <p>TemplateEditor</p>;
}
