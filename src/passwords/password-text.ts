/**
 * How password text is measured and compared. NFKC is the form the hasher digests
 * (src/platform/passwords.ts), so what is counted and checked is exactly what is protected.
 */

export const normalizePassword = (password: string): string => password.normalize('NFKC');

/** Length in code points: an emoji or a letter outside the BMP counts once, never as two UTF-16 units. */
export const codePointLength = (text: string): number => [...text].length;

/** The form lists and context words are compared in: NFKC, then lower case (locale-independent). */
export const foldForComparison = (text: string): string => text.normalize('NFKC').toLowerCase();
