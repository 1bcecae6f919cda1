#!/usr/bin/env node
/**
 * The `keyrealm` command (package.json `bin`): `npx keyrealm --help`. See docs/cli.md.
 */
import { runCli } from './program.ts';

const code = await runCli(process.argv.slice(2));
// `serve` keeps running: the server's own handles hold the process open, and it exits on its signals.
if (process.argv[2] !== 'serve') process.exitCode = code;
