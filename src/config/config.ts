import { readFileSync } from 'node:fs';
import { OptionValueError, options, type Config, type OptionName } from './options.ts';
import { smsOptionsProblem } from '../sms/sms-settings.ts';

/** A configuration value that was refused; main prints its message as one line and exits. */
export class ConfigError extends Error {}

/**
 * Reads the configuration: defaults, then the optional JSON file named by KEYREALM_CONFIG
 * (keys are the option names in camelCase), then KEYREALM_* environment variables, which win.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const fromFile = readConfigFile(env.KEYREALM_CONFIG);
  const config: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(options) as [OptionName, (typeof options)[OptionName]][]) {
    const envValue = env[spec.env];
    const fileValue = fromFile[name];
    // A file may give a JSON value (headers as an object, say) where the environment gives its text.
    const fileText = fileValue === undefined ? undefined : typeof fileValue === 'object' && fileValue !== null ? JSON.stringify(fileValue) : String(fileValue);
    const raw = envValue !== undefined ? envValue : fileText;
    if (raw === undefined) {
      config[name] = spec.default;
      continue;
    }
    try {
      config[name] = spec.parse(raw);
    } catch (error) {
      if (!(error instanceof OptionValueError)) throw error;
      const source = envValue !== undefined ? spec.env : `${name} in ${env.KEYREALM_CONFIG}`;
      throw new ConfigError(`Invalid configuration: ${source} must be ${spec.accepts}.`);
    }
  }
  config.publicUrl ??= localPublicUrl(config.port as number);
  // Options that only make sense together (e.g. the SMS provider and its settings).
  const problem = smsOptionsProblem(config as Config);
  if (problem) throw new ConfigError(problem);
  return config as Config;
}

/** The public URL when none is configured: this machine, on the port the server listens on. */
function localPublicUrl(port: number): string {
  return `http://localhost:${port}`;
}

/**
 * The configuration once the server listens on `port`: an unset public URL follows the port
 * actually bound (with KEYREALM_PORT=0, the one the system chose), so links and token issuers
 * name a port that answers. A configured public URL is kept as it is.
 */
export function listeningOn(config: Config, port: number): Config {
  if (config.publicUrl !== localPublicUrl(config.port)) return config;
  return { ...config, publicUrl: localPublicUrl(port) };
}

/** The configuration, or its one-line refusal on standard error and exit status 1. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

function readConfigFile(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Invalid configuration: KEYREALM_CONFIG file ${path} could not be read as JSON (${(error as Error).message}).`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`Invalid configuration: KEYREALM_CONFIG file ${path} must hold a JSON object.`);
  }
  const unknown = Object.keys(parsed).filter((key) => !(key in options));
  if (unknown.length > 0) {
    throw new ConfigError(`Invalid configuration: unknown option ${unknown[0]} in ${path}.`);
  }
  return parsed as Record<string, unknown>;
}
