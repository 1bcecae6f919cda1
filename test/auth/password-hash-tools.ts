/**
 * Password hashes made by tools independent of Keyrealm's code, at test time: Python's standard
 * library (hashlib's PBKDF2 and scrypt, with the passlib and Django strings built around them; the
 * crypt module, i.e. glibc's libxcrypt, for bcrypt), the openssl command line, and the npm
 * package hash-wasm (a WebAssembly build of the reference argon2) for argon2.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { argon2d, argon2i, argon2id } from 'hash-wasm';

/**
 * Runs a tool and resolves with its standard output. A tool given no `input` gets no stdin pipe:
 * `openssl kdf` never reads one and exits at once, so writing to it (even an empty end) raced the
 * exit and failed with EPIPE, an 'error' event nobody listened to, thrown as an uncaught exception
 * into whichever hook was running. With input, a write error is kept and reported after the exit,
 * behind the exit code and stderr, which say why the tool stopped reading.
 */
function run(command: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = input === undefined ? spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let inputError: Error | undefined;
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${command} exited ${code}: ${err}`));
      else if (inputError) reject(inputError);
      else resolve(out);
    });
    if (child.stdin) {
      child.stdin.on('error', (error) => (inputError = error));
      child.stdin.end(input);
    }
  });
}

const PYTHON = String.raw`
import base64, hashlib, json, os, secrets, string, sys, warnings
with warnings.catch_warnings():
    warnings.simplefilter('ignore', DeprecationWarning)
    import crypt

request = json.load(sys.stdin)
password = request['password'].encode('utf-8')
b64 = lambda b: base64.b64encode(b).decode().rstrip('=')
ab64 = lambda b: b64(b).replace('+', '.')
salt = os.urandom(16)
out = {}
for digest in ('sha256', 'sha512'):
    key = hashlib.pbkdf2_hmac(digest, password, salt, 1000)
    out['pbkdf2-' + digest] = '$pbkdf2-%s$1000$%s$%s' % (digest, ab64(salt), ab64(key))
django_salt = ''.join(secrets.choice(string.ascii_letters + string.digits) for _ in range(22))
key = hashlib.pbkdf2_hmac('sha256', password, django_salt.encode(), 1200)
out['django'] = 'pbkdf2_sha256$1200$%s$%s' % (django_salt, base64.b64encode(key).decode())
key = hashlib.scrypt(password, salt=salt, n=2 ** 10, r=8, p=1, dklen=32)
out['scrypt'] = '$scrypt$ln=10,r=8,p=1$%s$%s' % (b64(salt), b64(key))
out['scrypt-ab64'] = '$scrypt$ln=10,r=8,p=1$%s$%s' % (ab64(salt), ab64(key))
setting = crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)
for minor in ('a', 'b', 'y'):
    out['bcrypt-2' + minor] = crypt.crypt(request['password'], '$2%s$%s' % (minor, setting[4:]))
print(json.dumps(out))
`;

export type PythonHashes = Record<'pbkdf2-sha256' | 'pbkdf2-sha512' | 'django' | 'scrypt' | 'scrypt-ab64' | 'bcrypt-2a' | 'bcrypt-2b' | 'bcrypt-2y', string>;

/** Hashes of `password` in every format Python's standard library can make here. */
export async function pythonHashes(password: string): Promise<PythonHashes> {
  return JSON.parse(await run('python3', ['-c', PYTHON], JSON.stringify({ password }))) as PythonHashes;
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

/** `openssl kdf` prints the key as colon-separated hex. */
async function opensslKdf(algorithm: string, options: string[]): Promise<Buffer> {
  const out = await run('openssl', ['kdf', '-keylen', '32', ...options.flatMap((option) => ['-kdfopt', option]), algorithm]);
  return Buffer.from(out.trim().replaceAll(':', ''), 'hex');
}

/** passlib-style PBKDF2-SHA256 and scrypt strings around keys derived by the openssl command. */
export async function opensslHashes(password: string): Promise<{ pbkdf2: string; scrypt: string }> {
  const salt = randomBytes(16);
  const common = [`hexpass:${Buffer.from(password).toString('hex')}`, `hexsalt:${salt.toString('hex')}`];
  const pbkdf2 = await opensslKdf('PBKDF2', [...common, 'digest:SHA256', 'iter:1500']);
  const scrypt = await opensslKdf('SCRYPT', [...common, 'n:2048', 'r:4', 'p:2']);
  const ab64 = (bytes: Buffer) => b64(bytes).replaceAll('+', '.');
  return {
    pbkdf2: `$pbkdf2-sha256$1500$${ab64(salt)}$${ab64(pbkdf2)}`,
    scrypt: `$scrypt$ln=11,r=4,p=2$${b64(salt)}$${b64(scrypt)}`,
  };
}

/** argon2 PHC strings from hash-wasm, with parameters other than Keyrealm's defaults. */
export async function hashWasmArgon2(password: string): Promise<Record<'argon2id' | 'argon2i' | 'argon2d', string>> {
  const options = { password, salt: randomBytes(12), parallelism: 2, iterations: 2, memorySize: 64, hashLength: 24, outputType: 'encoded' as const };
  return { argon2id: await argon2id(options), argon2i: await argon2i(options), argon2d: await argon2d(options) };
}
