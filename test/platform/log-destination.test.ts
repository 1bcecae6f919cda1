import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { once } from 'node:events';
import { after, describe, it } from 'node:test';
import sonicBoom from 'sonic-boom';
import { ChunkedLines } from '../../src/platform/log-destination.ts';

const dir = mkdtempSync(join(tmpdir(), 'keyrealm-log-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
/** Lines gathered before a sonic-boom writing a file of its own, as the server's standard output is written. */
function linesToFile(sync: boolean) {
  const path = join(dir, `log-${(files += 1)}`);
  const out = new sonicBoom.SonicBoom({ dest: path, sync, minLength: 1, contentMode: 'buffer' });
  const lines = new ChunkedLines(out);
  // Without `sync`, sonic-boom opens the file in the background: it exists once `ready` came.
  const ready = sync ? Promise.resolve() : once(out, 'ready');
  return { lines, ready, written: () => readFileSync(path, 'utf8') };
}

describe('chunked log lines', () => {
  it('hold short lines until a flush, then write them whole and in order', async () => {
    const { lines, ready, written } = linesToFile(false);
    await ready;
    lines.write('{"n":1,"text":"é😀"}\n');
    lines.write('{"n":2}\n');
    assert.equal(written(), '', 'nothing written before a chunk is full or a flush');
    await new Promise<void>((resolve, reject) => lines.flush((error) => (error ? reject(error) : resolve())));
    assert.equal(written(), '{"n":1,"text":"é😀"}\n{"n":2}\n');
    lines.destroy();
  });

  it('write a chunk once about 16 KiB are gathered, without a flush', () => {
    const { lines, written } = linesToFile(true);
    const line = `{"pad":"${'x'.repeat(990)}"}\n`;
    for (let i = 0; i < 16; i += 1) lines.write(line);
    assert.equal(written(), '', 'under a chunk: held');
    lines.write(line);
    assert.equal(written(), line.repeat(17), 'a full chunk is handed on at once');
    lines.destroy();
  });

  it('write a full chunk to a file at once, in the process itself, though sonic-boom writes asynchronously', () => {
    const path = join(dir, `log-${(files += 1)}`);
    const fd = openSync(path, 'a');
    const lines = new ChunkedLines(new sonicBoom.SonicBoom({ fd, sync: false, minLength: 1, contentMode: 'buffer' }));
    const line = `{"pad":"${'x'.repeat(990)}"}\n`;
    for (let i = 0; i < 17; i += 1) lines.write(line);
    // An asynchronous write would have reached the file on a later turn at the earliest.
    assert.equal(readFileSync(path, 'utf8'), line.repeat(17));
    lines.destroy();
  });

  it('write a line too long for the room on its own, after what came before it', () => {
    const { lines, written } = linesToFile(true);
    const long = `{"stack":"${'é'.repeat(40_000)}"}\n`;
    lines.write('{"before":true}\n');
    lines.write(long);
    lines.write('{"after":true}\n');
    lines.flushSync();
    assert.equal(written(), `{"before":true}\n${long}{"after":true}\n`);
    lines.destroy();
  });

  it('count the lines of a chunk dropped while too much waits for the output', () => {
    const path = join(dir, `log-${(files += 1)}`);
    const lines = new ChunkedLines(new sonicBoom.SonicBoom({ dest: path, sync: false, minLength: 1, maxLength: 24 * 1024, contentMode: 'buffer' }));
    const line = `{"pad":"${'x'.repeat(6000)}"}\n`;
    // Three lines make a chunk (18 KiB): the first is being written, the second cannot wait beside it.
    for (let i = 0; i < 6; i += 1) lines.write(line);
    assert.equal(lines.droppedLines, 3);
    lines.destroy();
  });

  it('write everything gathered on a synchronous flush (exit), and nothing once destroyed', () => {
    const { lines, written } = linesToFile(true);
    lines.write('{"last":"words"}\n');
    lines.flushSync();
    assert.equal(written(), '{"last":"words"}\n');
    lines.write('{"dropped":true}\n');
    lines.destroy();
    assert.equal(lines.destroyed, true);
    assert.equal(written(), '{"last":"words"}\n');
  });
});

describe('the last lines of a process writing to standard output', () => {
  const logger = pathToFileURL(join(import.meta.dirname, '../../src/platform/logger.ts')).href;
  const endings = {
    'its work done': '',
    'process.exit': 'process.exit(0);',
    'an uncaught exception': "throw new Error('crashed');",
  };
  for (const [ending, code] of Object.entries(endings)) {
    it(`are written when it ends with ${ending}`, () => {
      const script = `const { createLogger } = await import(${JSON.stringify(logger)});
        const log = createLogger({ level: 'info' });
        log.info({ n: 1 }, 'first');
        log.warn({ n: 2 }, 'last words é😀');
        ${code}`;
      const child = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', '--input-type=module', '-e', script], { encoding: 'utf8' });
      const lines = child.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { msg: string });
      assert.deepEqual(lines.map((line) => line.msg), ['first', 'last words é😀'], child.stderr);
    });
  }
});

describe('a reader that falls behind', () => {
  const logger = pathToFileURL(join(import.meta.dirname, '../../src/platform/logger.ts')).href;

  it('gets every line, in order, once it reads: what the full pipe refused waited, and later lines after it', async () => {
    // 400 KiB at once: far more than a pipe holds, so writes are refused (EAGAIN) or cut short.
    const script = `const { createLogger } = await import(${JSON.stringify(logger)});
      const log = createLogger({ level: 'info' });
      for (let i = 0; i < 2000; i += 1) log.info({ i, pad: 'x'.repeat(150) }, 'line');
      setTimeout(() => { for (let i = 2000; i < 2100; i += 1) log.info({ i }, 'line'); }, 200);`;
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 600));
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stdout.resume();
    const [status] = await once(child, 'close');
    assert.equal(status, 0);
    const numbers = stdout.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { i: number }).i);
    assert.deepEqual(numbers, Array.from({ length: 2100 }, (_, i) => i));
  });
});

describe('a process whose standard output fails', () => {
  const destination = pathToFileURL(join(import.meta.dirname, '../../src/platform/log-destination.ts')).href;
  const logger = pathToFileURL(join(import.meta.dirname, '../../src/platform/logger.ts')).href;
  // Logs 2,000 lines, goes on working for a while (its timer must still fire), then ends by itself.
  const script = `const { createLogger } = await import(${JSON.stringify(logger)});
    const { droppedLogLines } = await import(${JSON.stringify(destination)});
    const log = createLogger({ level: 'info' });
    for (let i = 0; i < 2000; i += 1) log.info({ i, pad: 'x'.repeat(100) }, 'line');
    setTimeout(() => { log.info('later'); process.stderr.write('still running, dropped ' + droppedLogLines() + '\\n'); }, 300);`;
  const args = ['--disable-warning=ExperimentalWarning', '--input-type=module', '-e', script];

  it('goes on serving and ends when its writes fail (a full disk: /dev/full)', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const child = spawnSync(process.execPath, args, { stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 20_000 });
      assert.equal(child.signal, null, 'it ended by itself instead of retrying the write forever');
      assert.equal(child.status, 0, child.stderr);
      assert.match(child.stderr, /still running, dropped 0/);
    } finally {
      closeSync(full);
    }
  });

  it('exits at once when it ends right after a burst its full disk refused, losing only those lines', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const burst = `const { createLogger } = await import(${JSON.stringify(logger)});
        const log = createLogger({ level: 'info' });
        for (let i = 0; i < 2000; i += 1) log.info({ i, pad: 'x'.repeat(100) }, 'line');
        process.exit(0);`;
      const child = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', '--input-type=module', '-e', burst], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 20_000 });
      assert.equal(child.signal, null, 'the synchronous write at exit gave up instead of retrying forever');
      assert.equal(child.status, 0, child.stderr);
    } finally {
      closeSync(full);
    }
  });

  it('goes on serving and ends once the reader is gone (EPIPE), counting the lines it could not write', async () => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const [status, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (code, sig) => resolve([code, sig])));
    clearTimeout(timer);
    assert.equal(signal, null, stderr);
    assert.equal(status, 0, stderr);
    const dropped = Number(/still running, dropped (\d+)/.exec(stderr)?.[1]);
    assert.ok(dropped >= 1, stderr);
  });
});
