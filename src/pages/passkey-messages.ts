/**
 * What the hosted pages say about passkeys, in every shipped language; merged into the catalogues of
 * src/pages/messages.ts. One message covers every refused passkey (unknown, another realm's, a bad
 * signature), so the page never tells which accounts or passkeys exist.
 */
export const passkeyMessages = {
  en: {
    'passkey.sign_in': 'Sign in with a passkey',
    'passkey.use': 'Use a passkey',
    'passkey.second_factor': 'Use a passkey on this device or a security key.',
    'passkey.failed': 'That passkey could not be used to sign in. Try again or choose another way.',
    'passkey.cancelled': 'The passkey request was cancelled or timed out. Try again or choose another way.',
    'passkey.needs_script': 'Passkeys need JavaScript in this browser. Turn it on and reload the page.',
  },
  de: {
    'passkey.sign_in': 'Mit einem Passkey anmelden',
    'passkey.use': 'Passkey verwenden',
    'passkey.second_factor': 'Verwenden Sie einen Passkey auf diesem Gerät oder einen Sicherheitsschlüssel.',
    'passkey.failed': 'Mit diesem Passkey ist keine Anmeldung möglich. Versuchen Sie es erneut oder wählen Sie einen anderen Weg.',
    'passkey.cancelled': 'Die Passkey-Anfrage wurde abgebrochen oder ist abgelaufen. Versuchen Sie es erneut oder wählen Sie einen anderen Weg.',
    'passkey.needs_script': 'Passkeys brauchen in diesem Browser JavaScript. Schalten Sie es ein und laden Sie die Seite neu.',
  },
  fr: {
    'passkey.sign_in': 'Se connecter avec une clé d’accès',
    'passkey.use': 'Utiliser une clé d’accès',
    'passkey.second_factor': 'Utilisez une clé d’accès de cet appareil ou une clé de sécurité.',
    'passkey.failed': 'Cette clé d’accès n’a pas permis de vous connecter. Réessayez ou choisissez un autre moyen.',
    'passkey.cancelled': 'La demande de clé d’accès a été annulée ou a expiré. Réessayez ou choisissez un autre moyen.',
    'passkey.needs_script': 'Les clés d’accès ont besoin de JavaScript dans ce navigateur. Activez-le et rechargez la page.',
  },
  es: {
    'passkey.sign_in': 'Iniciar sesión con una llave de acceso',
    'passkey.use': 'Usar una llave de acceso',
    'passkey.second_factor': 'Usa una llave de acceso de este dispositivo o una llave de seguridad.',
    'passkey.failed': 'No se ha podido iniciar sesión con esa llave de acceso. Inténtalo de nuevo o elige otra forma.',
    'passkey.cancelled': 'La solicitud de llave de acceso se ha cancelado o ha caducado. Inténtalo de nuevo o elige otra forma.',
    'passkey.needs_script': 'Las llaves de acceso necesitan JavaScript en este navegador. Actívalo y recarga la página.',
  },
} as const;
