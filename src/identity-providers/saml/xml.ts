import type * as Xmldom from '@xmldom/xmldom';
import type * as XPath from 'xpath';
import { requirePackage } from '../../platform/lazy.ts';

/**
 * The XML parser and XPath that SAML documents are read with, loaded by the first document read:
 * a server whose realms never use SAML does not keep them in memory.
 */
export const xmlParser = (options?: Xmldom.Options) => {
  const { DOMParser } = requirePackage<typeof Xmldom>('@xmldom/xmldom');
  // Without options xmldom keeps its own default (a locator for line numbers), as `new DOMParser()`.
  return options ? new DOMParser(options) : new DOMParser();
};
export const xpath = () => requirePackage<typeof XPath>('xpath');
