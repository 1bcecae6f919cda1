/**
 * What the hosted pages say about signing in through another identity provider, in every shipped
 * language; merged into the catalogues of src/pages/messages.ts. A refused upstream account gets
 * the same words whatever the reason (no account, another domain, sign-up closed), so the page
 * tells nobody which accounts exist.
 */
export const idpMessages = {
  en: {
    'idp.continue_with': 'Continue with {provider}',
    'idp.failed': 'Signing in through that provider did not work. Try again or choose another way.',
    'idp.refused': 'That account cannot sign in here. Try another way or ask an administrator.',
    'idp.link_required': 'An account with this email address already exists. Sign in to it another way first; you can then link the provider from your account.',
    'idp.link_prove': 'An account with this email address already exists. Sign in to it to link your {provider} account ({email}) to it.',
    'idp.unavailable': 'That way of signing in is not available. Choose another way.',
  },
  de: {
    'idp.continue_with': 'Weiter mit {provider}',
    'idp.failed': 'Die Anmeldung über diesen Anbieter hat nicht geklappt. Versuchen Sie es erneut oder wählen Sie einen anderen Weg.',
    'idp.refused': 'Dieses Konto kann sich hier nicht anmelden. Wählen Sie einen anderen Weg oder wenden Sie sich an einen Administrator.',
    'idp.link_required': 'Es gibt bereits ein Konto mit dieser E-Mail-Adresse. Melden Sie sich zuerst auf anderem Weg an; danach können Sie den Anbieter in Ihrem Konto verknüpfen.',
    'idp.link_prove': 'Es gibt bereits ein Konto mit dieser E-Mail-Adresse. Melden Sie sich dort an, um Ihr {provider}-Konto ({email}) damit zu verknüpfen.',
    'idp.unavailable': 'Diese Art der Anmeldung ist nicht verfügbar. Wählen Sie einen anderen Weg.',
  },
  fr: {
    'idp.continue_with': 'Continuer avec {provider}',
    'idp.failed': 'La connexion via ce fournisseur n’a pas abouti. Réessayez ou choisissez un autre moyen.',
    'idp.refused': 'Ce compte ne peut pas se connecter ici. Choisissez un autre moyen ou contactez un administrateur.',
    'idp.link_required': 'Un compte avec cette adresse e-mail existe déjà. Connectez-vous d’abord par un autre moyen ; vous pourrez ensuite lier le fournisseur depuis votre compte.',
    'idp.link_prove': 'Un compte avec cette adresse e-mail existe déjà. Connectez-vous à ce compte pour y lier votre compte {provider} ({email}).',
    'idp.unavailable': 'Ce moyen de connexion n’est pas disponible. Choisissez-en un autre.',
  },
  es: {
    'idp.continue_with': 'Continuar con {provider}',
    'idp.failed': 'No se pudo iniciar sesión a través de ese proveedor. Inténtalo de nuevo o elige otra forma.',
    'idp.refused': 'Esa cuenta no puede iniciar sesión aquí. Prueba otra forma o consulta a un administrador.',
    'idp.link_required': 'Ya existe una cuenta con esta dirección de correo. Inicia sesión en ella de otra forma primero; después podrás vincular el proveedor desde tu cuenta.',
    'idp.link_prove': 'Ya existe una cuenta con esta dirección de correo. Inicia sesión en ella para vincular tu cuenta de {provider} ({email}).',
    'idp.unavailable': 'Esa forma de iniciar sesión no está disponible. Elige otra.',
  },
};
