/**
 * bcrypt (`$2a$`, `$2b$`, `$2y$`, cost 04–14), computed by the pure-JS bcryptjs on a worker thread
 * (src/platform/hashing-workers.ts), so its CPU never holds up the event loop. The password is passed as given: bcrypt
 * itself uses only its first 72 UTF-8 bytes, exactly as the system that made the hash did.
 * `$2x$` (crypt_blowfish's mode for hashes made by its sign-extension bug) and the original `$2$`
 * are refused: their results differ from the others' for some passwords.
 */
import { bcryptOffThread } from '../hashing-workers.ts';
import { refuse, sameBytes, type HashLimits, type Recognition } from './recognised-hash.ts';

const BCRYPT = /^\$2([a-z]?)\$(\d\d)\$[./A-Za-z0-9]{53}$/;

/** `$2b$12$` and the 22 characters of the salt. */
const SETTINGS_LENGTH = 29;

export function recogniseBcrypt(text: string, limits: HashLimits): Recognition {
  const match = BCRYPT.exec(text);
  if (!match) return refuse('is not a bcrypt hash ($2b$<cost>$ and 53 characters of ./A-Za-z0-9)');
  const [, minor, costText] = match;
  if (minor === 'x') return refuse('is a $2x$ bcrypt hash, which marks hashes made by a known bug; only $2a$, $2b$ and $2y$ are supported');
  if (!['a', 'b', 'y'].includes(minor)) return refuse(`is a $2${minor}$ bcrypt hash; only $2a$, $2b$ and $2y$ are supported`);
  const cost = Number(costText);
  if (cost < 4 || cost > limits.maxBcryptCost) return refuse(`has bcrypt cost ${cost}; 4 to ${limits.maxBcryptCost} are accepted`);
  const settings = text.slice(0, SETTINGS_LENGTH);
  const expected = Buffer.from(text.slice(SETTINGS_LENGTH));
  return {
    ok: true,
    hash: {
      algorithm: 'bcrypt',
      async matches(password) {
        // Only the hash part is compared: bcryptjs re-encodes the salt, which could differ in its
        // unused low bits from what another implementation wrote.
        const computed = await bcryptOffThread(password, settings);
        return sameBytes(Buffer.from(computed.slice(SETTINGS_LENGTH)), expected);
      },
    },
  };
}
