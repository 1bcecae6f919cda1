import { oneLine } from '../platform/display-text.ts';

type Section = Record<string, unknown>;

const isSection = (value: unknown): value is Section => typeof value === 'object' && value !== null && !Array.isArray(value);
const cleaned = (value: unknown) => (typeof value === 'string' ? oneLine(value) : value);

/** `section` with `field` of the object at `key` made one line, when both are there. */
function withOneLineIn(section: Section, key: string, field: string): Section {
  const inner = section[key];
  return isSection(inner) && field in inner ? { ...section, [key]: { ...inner, [field]: cleaned(inner[field]) } } : section;
}

/**
 * The realm section of a document with its names made one line before the admin API's schema
 * checks it. The API refuses control and bidirectional characters in names; a document written
 * before it did may hold them, and must still import (found by review), as the other sections'
 * names and users' names are made one line rather than refused.
 */
export function withOneLineRealmNames(realm: Section): Section {
  let section: Section = 'name' in realm ? { ...realm, name: cleaned(realm.name) } : realm;
  section = withOneLineIn(section, 'public_info', 'display_name');
  section = withOneLineIn(section, 'email', 'from_name');
  section = withOneLineIn(section, 'passkeys', 'rp_name');
  const links = section.resource_links;
  if (Array.isArray(links)) section = { ...section, resource_links: links.map((link) => (isSection(link) && 'title' in link ? { ...link, title: cleaned(link.title) } : link)) };
  return section;
}
