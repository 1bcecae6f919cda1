/** A hashing thread for the pool's tests: exits without an error when asked to hash "exit". */
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', (request: { password?: string }) => {
  if (request.password === 'exit') process.exit(3);
  parentPort?.postMessage({ result: `hashed ${request.password}` });
});
