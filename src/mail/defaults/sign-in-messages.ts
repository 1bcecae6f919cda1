import type { DefaultTemplate } from './account-messages.ts';
import { heading, layout, note, paragraph } from './layout.ts';

/** Default templates of the messages sign-in flows send (one-time codes). */
const codeBlock = (code: string) =>
  `<p style="margin:8px 0 24px 0;font-size:32px;line-height:40px;font-weight:700;letter-spacing:6px;font-family:'SFMono-Regular',Menlo,Consolas,monospace;">${code}</p>`;

export const emailOtp: DefaultTemplate = {
  subject: '{{code}} is your {{realm_display_name}} sign-in code',
  html: layout(
    'Your sign-in code',
    [
      heading('Your sign-in code'),
      paragraph('Hi {{user_name}}, enter this code to sign in to {{realm_display_name}}:'),
      codeBlock('{{code}}'),
      note('The code expires in {{expires_in}} and works once. If you did not try to sign in, you can ignore this message; nobody can sign in without the code.'),
    ].join('\n'),
  ),
  text: `Hi {{user_name}},

Enter this code to sign in to {{realm_display_name}}:

    {{code}}

The code expires in {{expires_in}} and works once. If you did not try to sign in, you can ignore this message.

--
{{realm_display_name}} · this message was sent to {{user_email}} about your account.
`,
};
