import { join } from 'node:path';
import type { Logger } from '../platform/logger.ts';
import { ensurePrivateDirectory, writePrivateFile } from '../platform/private-files.ts';
import type { SmsSender } from './sms-sender.ts';

/**
 * The default provider: one JSON file per SMS, `<data dir>/sms-outbox/<message id>.json`, so that
 * SMS sign-in works out of the box and no message is silently dropped. The file holds the code, so
 * only the server's user may read it; the log line names the file, never the body.
 */
export function outboxSmsSender(dir: string, logger: Pick<Logger, 'info'>): SmsSender {
  return {
    name: 'outbox',
    async send(message) {
      // Every time: an operator may have removed the directory while cleaning up, or loosened it.
      await ensurePrivateDirectory(dir);
      const file = join(dir, `${message.messageId}.json`);
      const content = { message_id: message.messageId, realm_id: message.realmId, to: message.to, body: message.body };
      await writePrivateFile(file, `${JSON.stringify(content, null, 2)}\n`);
      logger.info({ message_id: message.messageId, realm_id: message.realmId, to: message.to, file }, 'SMS written to the outbox (no SMS provider configured)');
    },
  };
}
