import { createPrivateKey, X509Certificate } from 'node:crypto';
import { AppError } from '../../errors.ts';

/**
 * A SAML service provider that signs its AuthnRequests keeps a PEM private key as the provider's
 * secret, optionally followed by its certificate (published in the SP metadata so the IdP can
 * verify the requests; without one, the certificate is given to the IdP by hand).
 */
export interface SigningMaterial {
  privateKey: string;
  certificate?: string;
}

const PRIVATE_KEY = /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;
const CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

const unusable = (reason: string) => new AppError('idp.upstream_error', `This SAML provider signs its requests, but ${reason}: set its private_key.`);

export function signingMaterial(secret: string | undefined): SigningMaterial {
  const privateKey = secret?.match(PRIVATE_KEY)?.[0];
  if (!privateKey) throw unusable('no private key is stored');
  try {
    createPrivateKey(privateKey);
  } catch {
    throw unusable('the stored private key cannot be read');
  }
  const certificate = secret?.match(CERTIFICATE)?.[0];
  if (certificate === undefined) return { privateKey };
  try {
    new X509Certificate(certificate);
  } catch {
    throw unusable('the certificate beside the key cannot be read');
  }
  return { privateKey, certificate };
}
