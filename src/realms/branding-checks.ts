import { frameOriginProblem } from '../applications/redirect-uris.ts';
import type { ErrorDetail } from '../errors.ts';
import { catalogues, LOCALES, type MessageKey } from '../pages/messages.ts';
import { limits, PALETTE_COLOURS, type Branding, type Localisation, type Palette } from './realm.ts';

/**
 * The checks of a realm's branding and localisation (docs/pages.md): colours readable on each
 * other, a stylesheet that cannot load or run anything, frame origins a browser compares exactly,
 * and string overrides only of strings that exist. Each adds what it finds to `issues`.
 */

export const COLOUR_PATTERN = '^#[0-9a-fA-F]{6}$';
/** WCAG 2 AA for normal text. */
export const MIN_CONTRAST = 4.5;

/** WCAG 2 relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** Which colour is read on which: text on the card, a button's label on it, links on the card. */
const READ_ON: [keyof Palette, keyof Palette][] = [
  ['text', 'surface'],
  ['primary_text', 'primary'],
  ['primary', 'surface'],
];

function checkPalette(issues: ErrorDetail[], field: string, palette: Palette): void {
  const bad = PALETTE_COLOURS.filter((name) => !new RegExp(COLOUR_PATTERN).test(palette[name] ?? ''));
  for (const name of bad) issues.push({ field: `${field}.${name}`, issue: 'must be a colour written #rrggbb' });
  if (bad.length > 0) return;
  for (const [fore, back] of READ_ON) {
    const ratio = contrastRatio(palette[fore], palette[back]);
    if (ratio < MIN_CONTRAST) {
      issues.push({ field: `${field}.${fore}`, issue: `has a contrast of ${ratio.toFixed(2)}:1 on ${back}; it must be at least ${MIN_CONTRAST}:1 to be readable` });
    }
  }
}

/**
 * What a stylesheet may not hold, and why. It is emitted inside the pages' nonce'd style element,
 * so it must not end that element, load anything but https or inline images, read the page's
 * fields through value-matching selectors, or run script in old engines. Backslash escapes are refused because CSS decodes them in names (`u\72l(` is `url(`),
 * which would hide every other rule here.
 */
const STYLESHEET_RULES: [RegExp, string][] = [
  [/</, 'must not contain < (it could end the style element)'],
  [/\\/, 'must not contain backslash escapes'],
  [/@import/i, 'must not use @import'],
  [/url\(\s*(?!["']?\s*(https:|data:image\/))/i, 'may use url() only with https: or data:image/ addresses'],
  // These take addresses as plain strings, out of url()'s reach.
  [/image-set\s*\(|\bimage\s*\(|cross-fade\s*\(|\bsrc\s*\(|\belement\s*\(/i, 'may load images only through url() with https: or data:image/ addresses'],
  // A selector matching an attribute's value, with an image to fetch, reads the page's fields
  // (the CSRF field, a link's token) out to that image's server, one character at a time.
  [/\[[^\]]*=/, 'must not use attribute selectors that match values'],
  [/expression\s*\(/i, 'must not use expression()'],
  [/javascript:|vbscript:/i, 'must not contain script addresses'],
  [/-moz-binding|behavior\s*:/i, 'must not use -moz-binding or behavior'],
];

export function checkStylesheet(issues: ErrorDetail[], field: string, css: string | null): void {
  if (css === null) return;
  if (Buffer.byteLength(css) > limits.stylesheetBytes) {
    issues.push({ field, issue: `must be at most ${limits.stylesheetBytes / 1024} KB` });
    return;
  }
  for (const [pattern, issue] of STYLESHEET_RULES) if (pattern.test(css)) issues.push({ field, issue });
}

export function checkBranding(issues: ErrorDetail[], branding: Branding): void {
  for (const scheme of ['light', 'dark'] as const) {
    const palette = branding.colours[scheme];
    if (palette !== null) checkPalette(issues, `branding.colours.${scheme}`, palette);
  }
  checkStylesheet(issues, 'branding.stylesheet', branding.stylesheet);
  if (branding.frame_ancestors.length > limits.frameAncestors) {
    issues.push({ field: 'branding.frame_ancestors', issue: `must have at most ${limits.frameAncestors} entries` });
  }
  branding.frame_ancestors.forEach((origin, i) => {
    const problem = frameOriginProblem(origin);
    if (problem) issues.push({ field: `branding.frame_ancestors.${i}`, issue: problem });
  });
  if (new Set(branding.frame_ancestors).size !== branding.frame_ancestors.length) {
    issues.push({ field: 'branding.frame_ancestors', issue: 'must not repeat an origin' });
  }
}

const placeholders = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!));

export function checkLocalisation(issues: ErrorDetail[], localisation: Localisation): void {
  const shipped = LOCALES.join(', ');
  if (!(LOCALES as readonly string[]).includes(localisation.default_locale)) {
    issues.push({ field: 'localisation.default_locale', issue: `must be one of ${shipped}` });
  }
  for (const [locale, strings] of Object.entries(localisation.overrides)) {
    const field = `localisation.overrides.${locale}`;
    if (!(LOCALES as readonly string[]).includes(locale)) {
      issues.push({ field, issue: `is not a shipped language (${shipped})` });
      continue;
    }
    for (const [key, text] of Object.entries(strings ?? {})) {
      if (!Object.hasOwn(catalogues.en, key)) {
        issues.push({ field: `${field}.${key}`, issue: 'is not a message key of the pages (docs/pages.md lists them)' });
        continue;
      }
      if (text.trim() === '' || [...text].length > limits.overrideLength) {
        issues.push({ field: `${field}.${key}`, issue: `must be 1 to ${limits.overrideLength} characters, not blank` });
      }
      // The page fills only the placeholders the shipped string has; any other would show as typed.
      const allowed = placeholders(catalogues.en[key as MessageKey]);
      const unknown = [...placeholders(text)].filter((name) => !allowed.has(name));
      if (unknown.length > 0) {
        const offered = allowed.size > 0 ? `only ${[...allowed].map((name) => `{${name}}`).join(', ')}` : 'no placeholders';
        issues.push({ field: `${field}.${key}`, issue: `may use ${offered}, not {${unknown[0]}}` });
      }
    }
  }
}
