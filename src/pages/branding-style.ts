/**
 * A realm's branding as CSS for its hosted pages: its palettes become CSS variables that the
 * pages' colours are drawn from, its layout options become classes on <body>, and its checked
 * stylesheet (src/realms/branding-checks.ts) comes last, so it can refine everything before it.
 * Every value here was validated when the realm was saved (colours are #rrggbb), and the
 * stylesheet was refused if it could end the style element.
 */
import type { Branding, Palette } from '../realms/realm.ts';

const variables = (palette: Palette) =>
  `:root{--kr-primary:${palette.primary};--kr-primary-text:${palette.primary_text};--kr-background:${palette.background};--kr-surface:${palette.surface};--kr-text:${palette.text}}`;

/**
 * Every colour the pages set, from the variables. Secondary text takes the text colour itself:
 * a lighter shade could fall below the contrast the realm's colours were checked for. A realm
 * without a logo of its own shows Keyrealm's mark in its colours.
 */
const PALETTE_RULES = `
  body{background:var(--kr-background);color:var(--kr-text)}main{background:var(--kr-surface)}
  p,dd,.subtitle,.detail,.rules,.hint,.field-error{color:var(--kr-text)}.rules{background:transparent;border:1px solid currentColor}
  input[aria-invalid=true]{border:2px solid var(--kr-text)}input[type=checkbox]{accent-color:var(--kr-primary)}
  input{background:var(--kr-surface);color:var(--kr-text);border-color:color-mix(in srgb,var(--kr-text) 45%,var(--kr-surface))}
  input:focus{outline-color:var(--kr-primary);border-color:var(--kr-primary)}a,.links strong{color:var(--kr-primary)}
  button,a.onward{background:var(--kr-primary);color:var(--kr-primary-text)}button:hover,a.onward:hover{background:var(--kr-primary);box-shadow:inset 0 0 0 99px rgba(0,0,0,.12)}
  .secondary,.secondary:hover{background:var(--kr-surface);color:var(--kr-primary);border-color:var(--kr-primary)}
  .who{background:transparent;border:1px solid color-mix(in srgb,var(--kr-text) 25%,var(--kr-surface))}
  header svg rect{fill:var(--kr-primary)}header svg circle,header svg path{stroke:var(--kr-primary-text)}`;

const RADII = { small: ['4px', '6px'], medium: ['8px', '12px'], large: ['14px', '24px'] } as const;

/** The layout options; the card's rounding only where it is a card (narrow screens show the page edge to edge). */
function layoutRules(layout: Branding['layout']): string {
  const [control, card] = RADII[layout.corner_radius];
  const rules = [
    `input,button,a.onward,.who,.error,.ok,.rules,.links a{border-radius:${control}}@media (min-width:481px){main{border-radius:${card}}}`,
  ];
  if (layout.style === 'full_bleed') {
    rules.push('body{background:transparent}main,main.wide{max-width:none;min-height:100vh;margin:0;border-radius:0;box-shadow:none;padding:8vh max(20px,calc(50vw - 210px))}');
  }
  if (layout.logo_position === 'center') rules.push('header{flex-direction:column;gap:8px;text-align:center}');
  return rules.join('');
}

export interface BrandingStyle {
  /** To append to the pages' own style. */
  css: string;
  /** The `color-scheme` the page supports: only light when the realm's one palette is light-only. */
  colorScheme: 'light dark' | 'light';
  bodyClass: string;
}

export function brandingStyle(branding: Branding): BrandingStyle {
  const { light, dark } = branding.colours;
  const parts: string[] = [layoutRules(branding.layout)];
  // The light palette stands for both schemes unless a dark one is given.
  if (light) parts.push(variables(light));
  if (dark) parts.push(`@media (prefers-color-scheme:dark){${variables(dark)}}`);
  if (light) parts.push(PALETTE_RULES);
  else if (dark) parts.push(`@media (prefers-color-scheme:dark){${PALETTE_RULES}}`);
  if (branding.stylesheet) parts.push(branding.stylesheet);
  return {
    css: parts.join('\n'),
    colorScheme: light && !dark ? 'light' : 'light dark',
    bodyClass: `layout-${branding.layout.style} logo-${branding.layout.logo_position} radius-${branding.layout.corner_radius}`,
  };
}
