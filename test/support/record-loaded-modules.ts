/**
 * Preloaded into a server process (NODE_OPTIONS=--import=…): records every module it loads and the
 * built-in modules Node loaded (`process.moduleLoadList`, undocumented and untyped but stable since
 * Node 0.x), written as JSON at exit to RECORD_LOADED_MODULES_TO.
 */
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const loaded = new Set<string>();
registerHooks({
  load(url, context, next) {
    loaded.add(url);
    return next(url, context);
  },
});
process.on('exit', () => {
  writeFileSync(process.env.RECORD_LOADED_MODULES_TO!, JSON.stringify({ modules: [...loaded], builtins: (process as unknown as { moduleLoadList: string[] }).moduleLoadList }));
});
