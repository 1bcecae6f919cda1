import type { DefaultTemplate } from './account-messages.ts';
import { heading, layout, note, paragraph, textFooter } from './layout.ts';

/** Default templates of the second-factor messages (src/mfa). */
export const recoveryCodeUsed: DefaultTemplate = {
  subject: 'A recovery code was used to sign in to {{realm_display_name}}',
  html: layout(
    'A recovery code was used',
    [
      heading('A recovery code was used'),
      paragraph('Hi {{user_name}},'),
      paragraph('One of your recovery codes was used to sign in to <strong>{{user_email}}</strong> on {{used_at}}. You have {{codes_left}} unused codes left.'),
      paragraph('If it was you, consider setting up your authenticator again, and make new recovery codes when you run low.'),
      note('If it was not you, someone has your password and a recovery code: change your password, make new recovery codes right away, and tell the people who run {{realm_display_name}}.'),
    ].join('\n'),
  ),
  text: `Hi {{user_name}},

One of your recovery codes was used to sign in to {{user_email}} on {{used_at}}. You have {{codes_left}} unused codes left.

If it was you, consider setting up your authenticator again, and make new recovery codes when you run low.

If it was not you, someone has your password and a recovery code: change your password, make new recovery codes right away, and tell the people who run {{realm_display_name}}.
${textFooter}`,
};
