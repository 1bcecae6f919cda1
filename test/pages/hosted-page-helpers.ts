/** What the Chromium suites of the hosted pages share: the application's own page on loopback, where the browser lands with the code. */
import { createServer } from 'node:http';
import { perSuite } from '../support/suite.ts';

/** The application's callback page for the enclosing `describe` (its `callback` URL is set before the suite's tests). */
export function applicationPerSuite(): { callback: string } {
  return perSuite(async () => {
    const application = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('back at the application');
    });
    await new Promise<void>((resolve) => application.listen(0, '127.0.0.1', resolve));
    const callback = `http://127.0.0.1:${(application.address() as { port: number }).port}/callback`;
    return { callback, dispose: () => new Promise<void>((resolve) => application.close(() => resolve())) };
  });
}
