import { button, heading, layout, note, paragraph, textFooter } from './layout.ts';

/**
 * Default templates of the account messages (sign-up, verification, password reset). Handlebars:
 * `{{name}}` is escaped in HTML; subjects and text parts are not HTML, so nothing is escaped there.
 */
export interface DefaultTemplate {
  subject: string;
  html: string;
  text: string;
}


export const verifyEmail: DefaultTemplate = {
  subject: 'Confirm your email address for {{realm_display_name}}',
  html: layout(
    'Confirm your email address',
    [
      heading('Confirm your email address'),
      paragraph('Hi {{user_name}},'),
      paragraph('Please confirm that <strong>{{user_email}}</strong> is your email address for {{realm_display_name}}.'),
      button('Confirm email address'),
      note('The link expires in {{expires_in}}. If you did not create an account, you can ignore this message.'),
    ].join('\n'),
  ),
  text: `Hi {{user_name}},

Please confirm that {{user_email}} is your email address for {{realm_display_name}} by opening this link:

{{link}}

The link expires in {{expires_in}}. If you did not create an account, you can ignore this message.
${textFooter}`,
};

export const passwordReset: DefaultTemplate = {
  subject: 'Reset your {{realm_display_name}} password',
  html: layout(
    'Reset your password',
    [
      heading('Reset your password'),
      paragraph('Hi {{user_name}},'),
      paragraph('We received a request to reset the password of <strong>{{user_email}}</strong>. Choose a new one with the button below.'),
      button('Choose a new password'),
      note('The link expires in {{expires_in}} and works once. If you did not ask for this, ignore this message: your password stays as it is.'),
    ].join('\n'),
  ),
  text: `Hi {{user_name}},

We received a request to reset the password of {{user_email}}. Choose a new one here:

{{link}}

The link expires in {{expires_in}} and works once. If you did not ask for this, ignore this message: your password stays as it is.
${textFooter}`,
};

export const passwordChanged: DefaultTemplate = {
  subject: 'Your {{realm_display_name}} password was changed',
  html: layout(
    'Your password was changed',
    [
      heading('Your password was changed'),
      paragraph('Hi {{user_name}},'),
      paragraph('The password of <strong>{{user_email}}</strong> was changed on {{changed_at}}.'),
      paragraph('If you made this change, there is nothing else to do.'),
      note('If you did not, someone else may have access to your account: reset your password right away and tell the people who run {{realm_display_name}}.'),
    ].join('\n'),
  ),
  text: `Hi {{user_name}},

The password of {{user_email}} was changed on {{changed_at}}.

If you made this change, there is nothing else to do. If you did not, someone else may have access to your account: reset your password right away and tell the people who run {{realm_display_name}}.
${textFooter}`,
};

export const registrationAttempt: DefaultTemplate = {
  subject: 'Someone tried to sign up to {{realm_display_name}} with your email address',
  html: layout(
    'An attempt to sign up with your address',
    [
      heading('You already have an account'),
      paragraph('Hi {{user_name}},'),
      paragraph(
        'Someone, perhaps you, tried to create an account at {{realm_display_name}} with <strong>{{user_email}}</strong>. An account with this address already exists, so no new one was created.',
      ),
      paragraph('If it was you and you forgot your password, you can choose a new one:'),
      button('Reset your password'),
      note('The link expires in {{expires_in}}. If it was not you, ignore this message: nobody can sign in without your password.'),
    ].join('\n'),
  ),
  text: `Hi {{user_name}},

Someone, perhaps you, tried to create an account at {{realm_display_name}} with {{user_email}}. An account with this address already exists, so no new one was created.

If it was you and you forgot your password, you can choose a new one here:

{{link}}

The link expires in {{expires_in}}. If it was not you, ignore this message: nobody can sign in without your password.
${textFooter}`,
};
