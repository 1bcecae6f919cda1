/**
 * The frame of every default HTML message: table-based, styles inline, one column at most 560px
 * wide, so it renders the same in Outlook, Gmail and phone clients. Each default is expanded into a
 * complete Handlebars template once, at start; an operator sees and edits the whole document.
 */
const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const ACCENT = '#2563eb';

export function layout(title: string, content: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<title>${title}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f5f7;-webkit-text-size-adjust:100%;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f5f7;">
<tr><td align="center" style="padding:32px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;">
<tr><td align="center" style="padding:0 0 24px 0;font-family:${FONT};font-size:20px;line-height:28px;font-weight:600;color:#111827;">
{{#if logo_url}}<img src="{{logo_url}}" alt="{{realm_display_name}}" height="40" style="display:block;height:40px;width:auto;border:0;outline:none;">{{else}}{{realm_display_name}}{{/if}}
</td></tr>
<tr><td style="background-color:#ffffff;border:1px solid #e5e7eb;border-radius:8px;padding:36px 32px 28px 32px;font-family:${FONT};font-size:16px;line-height:24px;color:#374151;">
${content}
</td></tr>
<tr><td align="center" style="padding:20px 16px 0 16px;font-family:${FONT};font-size:12px;line-height:18px;color:#6b7280;">
&copy; {{year}} {{realm_display_name}}. This message was sent to {{user_email}} about your account.
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

export const heading = (text: string) =>
  `<h1 style="margin:0 0 16px 0;font-family:${FONT};font-size:22px;line-height:30px;font-weight:600;color:#111827;">${text}</h1>`;

export const paragraph = (text: string) => `<p style="margin:0 0 16px 0;">${text}</p>`;

export const note = (text: string) => `<p style="margin:0 0 12px 0;font-size:14px;line-height:21px;color:#6b7280;">${text}</p>`;

/** A "bulletproof" button (a padded table cell, not an image) followed by the raw link for clients that block it. */
export function button(label: string): string {
  return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px 0;">
<tr><td align="center" bgcolor="${ACCENT}" style="border-radius:6px;background-color:${ACCENT};">
<a href="{{link}}" target="_blank" style="display:inline-block;padding:12px 28px;font-family:${FONT};font-size:16px;line-height:20px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:6px;">${label}</a>
</td></tr>
</table>
${note(`If the button does not work, copy this link into your browser:<br><a href="{{link}}" target="_blank" style="color:${ACCENT};word-break:break-all;">{{link}}</a>`)}`;
}

/** The closing lines of every default text part. */
export const textFooter = `
--
{{realm_display_name}} · this message was sent to {{user_email}} about your account.
`;
