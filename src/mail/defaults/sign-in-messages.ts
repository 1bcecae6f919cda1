import type { DefaultTemplate } from './account-messages.ts';
import { button, heading, layout, note, paragraph, textFooter } from './layout.ts';

/** Default templates of the messages sign-in flows send (one-time codes, sign-in links). */
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
${textFooter}`,
};

/** A link that approves a sign-in started on another screen: it only works with the flow it was sent for. */
export const magicLink: DefaultTemplate = {
  subject: 'Sign in to {{realm_display_name}}',
  html: layout(
    'Sign in',
    [
      heading('Sign in'),
      paragraph('Hi {{user_name}}, someone (hopefully you) asked to sign in to {{realm_display_name}} with this address. Open the link to approve it:'),
      button('Approve sign-in'),
      note('The link expires in {{expires_in}} and works once. The page it opens says where the sign-in started. If it was not you, do not approve it.'),
    ].join('\n'),
  ),
  text: `Hi {{user_name}},

Someone (hopefully you) asked to sign in to {{realm_display_name}} with this address. Open this link to approve it:

{{link}}

The link expires in {{expires_in}} and works once. The page it opens says where the sign-in started. If it was not you, do not approve it.
${textFooter}`,
};

/** Number matching: the page behind the link offers three numbers; the right one is on the screen that started the sign-in. */
export const numberMatch: DefaultTemplate = {
  subject: 'Approve your {{realm_display_name}} sign-in',
  html: layout(
    'Approve your sign-in',
    [
      heading('Approve your sign-in'),
      paragraph('Hi {{user_name}}, someone (hopefully you) asked to sign in to {{realm_display_name}} with this address. Open the link, then pick the number your screen shows:'),
      button('Pick the number'),
      note('The link expires in {{expires_in}} and works once. If you did not start a sign-in, or cannot see the number, do not pick one: a wrong number stops the sign-in.'),
    ].join('\n'),
  ),
  text: `Hi {{user_name}},

Someone (hopefully you) asked to sign in to {{realm_display_name}} with this address. Open this link, then pick the number your screen shows:

{{link}}

The link expires in {{expires_in}} and works once. If you did not start a sign-in, or cannot see the number, do not pick one: a wrong number stops the sign-in.
${textFooter}`,
};
