import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { options } from '../../src/config/options.ts';
import { errorCatalogue } from '../../src/errors.ts';
import { eventCodes } from '../../src/events/event-types.ts';
import { catalogues } from '../../src/pages/messages.ts';

/** The docs are kept true by the code: every option, event and error code must be described. */
const readme = readFileSync('README.md', 'utf8');
const events = readFileSync('docs/events.md', 'utf8');
const errors = readFileSync('docs/errors.md', 'utf8');
const pages = readFileSync('docs/pages.md', 'utf8');

describe('documentation matches the code', () => {
  it('the README describes every configuration option', () => {
    for (const [name, spec] of Object.entries(options)) {
      assert.ok(readme.includes(`\`${spec.env}\``), `${spec.env} missing from README`);
      assert.ok(readme.includes(`\`${name}\``), `config key ${name} missing from README`);
    }
  });

  it('docs/events.md lists every event type with its code', () => {
    for (const [type, code] of Object.entries(eventCodes)) {
      const row = events.split('\n').find((line) => line.startsWith(`| \`${type}\` |`));
      assert.ok(row, `${type} missing from docs/events.md`);
      assert.ok(row.includes(`| ${code ?? '—'} |`), `${type} should show code ${code ?? '—'}`);
    }
  });

  it('docs/errors.md lists every error code', () => {
    for (const code of Object.keys(errorCatalogue)) {
      assert.ok(errors.includes(`| \`${code}\` |`), `${code} missing from docs/errors.md`);
    }
  });

  it('docs/pages.md lists every message key a realm can override', () => {
    for (const key of Object.keys(catalogues.en)) assert.ok(pages.includes(`\`${key}\``), `${key} missing from docs/pages.md`);
  });
});
