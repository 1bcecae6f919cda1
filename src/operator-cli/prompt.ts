import { createInterface } from 'node:readline/promises';
import { CliError, EXIT } from './exit-codes.ts';

/** Asks on the terminal (the answer hidden for a password); without a terminal there is no one to ask. */
export async function ask(question: string, options: { hidden?: boolean } = {}): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError(`cannot ask "${question.trim()}" without a terminal: give it as an option`, EXIT.usage);
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  if (options.hidden) {
    const write = (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput.bind(rl);
    (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text) => write(text.startsWith(question) ? question : '');
  }
  try {
    return (await rl.question(question)).trim();
  } finally {
    if (options.hidden) process.stderr.write('\n');
    rl.close();
  }
}

/**
 * A secret from the environment (scripts), else asked without echo; never an option, which other
 * users could read in the process list and which stays in the shell's history. Without a terminal
 * to ask on, `neededFor` says why it is missing (or, with none, there is simply none).
 */
export async function secretInput(variable: string, question: string, neededFor: string): Promise<string>;
export async function secretInput(variable: string, question: string, neededFor?: undefined): Promise<string | undefined>;
export async function secretInput(variable: string, question: string, neededFor?: string): Promise<string | undefined> {
  const given = process.env[variable];
  if (given !== undefined) return given;
  if (!process.stdin.isTTY) {
    if (neededFor === undefined) return undefined;
    throw new CliError(`${neededFor}: set ${variable} (there is no terminal to ask on)`, EXIT.usage);
  }
  return ask(question, { hidden: true });
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
