import type { Kysely } from 'kysely';
import type { RealmLookup } from '../contracts.ts';
import { systemActor, type EventLog } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import { createQueueLoop, throttledFaults } from '../platform/poll-loop.ts';
import type { SecretBox } from '../platform/secret-box.ts';
import type { SmsSender } from '../sms/sms-sender.ts';
import type { MessageRow, Schema } from '../storage/schema.ts';
import { PermanentDeliveryFailure } from './delivery-failure.ts';
import { messageStore, type Claim } from './message-store.ts';
import { isMessageType, secretVariablesOf } from './message-types.ts';
import { senderOf } from './sender.ts';
import type { TemplateService } from './template-service.ts';
import { renderOrDefault, type Variables } from './templates.ts';
import type { Mailbox, MailTransport } from './transports.ts';

/**
 * Sends queued messages. Runs in every server process: it polls the queue (and wakes at once when
 * a request queues a message), claims due messages with a lease, renders each with its realm's
 * current template and hands it to the transport. A failed attempt is retried later with growing
 * delays; after MAX_ATTEMPTS the message is `failed`, and at once when the attempt failed with a
 * PermanentDeliveryFailure (no retry can cure it). Nothing here ever throws into a request.
 */
export const MAX_ATTEMPTS = 8;
/** The wait after the 1st, 2nd, … failed attempt: about 8.7 hours from the first try to giving up. */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000];
/**
 * How long a claim lasts; a worker that crashes mid-send lets another take the message after it.
 * A worker still sending renews it (a relay answering slowly can outlast any one lease: its
 * timeouts are per step), so a slow send is never taken over and sent twice (found by review).
 */
export const LEASE_MS = 60_000;
/**
 * How long an attempt may hold its lease in all: a relay trickling bytes never trips its per-step
 * timeouts, and would keep the message (and this worker's batch) forever (found by review). Past
 * it the attempt fails and is retried later; a send that still completes after it may double.
 */
export const SEND_DEADLINE_MS = 5 * 60_000;
const BATCH_SIZE = 10;

export interface MailWorkerDeps {
  db: Kysely<Schema>;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  events: Pick<EventLog, 'record'>;
  secretBox: SecretBox;
  templates: Pick<TemplateService, 'current'>;
  realms: RealmLookup;
  transport: MailTransport;
  /** The sender when a realm names none (see src/mail/sender.ts). */
  sender: Mailbox;
  /** The domains realms may send from (KEYREALM_MAIL_SENDER_DOMAINS); any when absent. */
  senderDomains?: readonly string[];
  /** Where messages of the `sms` channel go (src/sms); without one they fail their attempts. */
  sms?: SmsSender;
  /** How often the queue is polled, in real milliseconds. */
  pollMs: number;
  /** How often a message being sent has its lease renewed, in real milliseconds (a third of the lease). */
  leaseRenewMs?: number;
  /** How long one attempt may take in all, in real milliseconds (SEND_DEADLINE_MS). */
  sendDeadlineMs?: number;
}

/** The transport's words, on one line and bounded: they are shown to operators. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim().slice(0, 500) || 'unknown error';
}

export function createMailWorker(deps: MailWorkerDeps) {
  const { db, clock, logger, events, secretBox, templates, realms, transport } = deps;
  const reportFault = throttledFaults((error) => logger.error({ err: error }, 'the mail worker could not process the queue'));

  /** Renders and hands the message to the transport; throws whatever stops it. */
  async function attempt(row: MessageRow): Promise<void> {
    if (!isMessageType(row.type)) throw new Error(`unknown message type ${row.type}`);
    const realm = await realms.resolve(row.realm_id);
    if (!realm) throw new Error('the realm no longer exists');
    const variables = JSON.parse(secretBox.open(row.sealed_variables)) as Variables;
    const rendered = renderOrDefault(row.type, await templates.current(realm.id, row.type), variables, (error) =>
      logger.warn({ message_id: row.id, realm_id: realm.id, type: row.type, error: describe(error) }, "the realm's template for this message no longer renders; the default was sent"),
    );
    if (row.channel === 'sms') {
      if (!deps.sms) throw new Error('no SMS sender is configured');
      // An SMS is the text part alone.
      await deps.sms.send({ to: row.recipient, body: rendered.text.trim(), realmId: realm.id, messageId: row.id });
      return;
    }
    await transport.send({ id: row.id, realmId: realm.id, type: row.type, from: senderOf(realm, deps.sender, deps.senderDomains), to: row.recipient, ...rendered });
  }

  /** What a message keeps once it gives up: its variables but the links and codes. */
  function withoutSecrets(row: MessageRow): string {
    try {
      const variables = JSON.parse(secretBox.open(row.sealed_variables)) as Variables;
      for (const name of isMessageType(row.type) ? secretVariablesOf(row.type) : []) delete variables[name];
      return secretBox.seal(JSON.stringify(variables));
    } catch {
      return secretBox.seal('{}');
    }
  }

  async function recordFailure(row: MessageRow, claim: Claim, error: unknown): Promise<void> {
    const lastError = describe(error);
    const now = clock.now();
    const about = { message_id: row.id, realm_id: row.realm_id, type: row.type, attempts: row.attempts };
    const permanent = error instanceof PermanentDeliveryFailure;
    if (!permanent && row.attempts < MAX_ATTEMPTS) {
      const nextAttemptAt = now + RETRY_DELAYS_MS[Math.min(row.attempts, RETRY_DELAYS_MS.length) - 1];
      if (await messageStore.markRetry(db, claim, now, nextAttemptAt, lastError)) {
        logger.warn({ ...about, next_attempt_at: new Date(nextAttemptAt).toISOString(), error: lastError }, 'a message could not be sent; it will be retried');
      }
      return;
    }
    const gaveUp = await db.transaction().execute(async (trx) => {
      if (!(await messageStore.markFailed(trx, claim, now, lastError, withoutSecrets(row)))) return false;
      await events.record(trx, {
        realmId: row.realm_id,
        type: 'message.failed',
        actor: systemActor,
        userId: row.user_id,
        details: { message_id: row.id, message_type: row.type, attempts: row.attempts, last_error: lastError },
      });
      return true;
    });
    if (gaveUp) logger.warn({ ...about, error: lastError }, permanent ? 'a message cannot be sent, and retrying would not help; it is marked failed' : 'a message could not be sent after every attempt; it is marked failed');
  }

  /** Renews the claim every `leaseRenewMs` while `work` runs, at most until the send's deadline. */
  async function holdingLease<T>(claim: Claim, work: () => Promise<T>): Promise<T> {
    const renewal = setInterval(() => {
      messageStore.extendLease(db, claim, clock.now() + LEASE_MS).catch(reportFault);
    }, deps.leaseRenewMs ?? LEASE_MS / 3);
    const deadlineMs = deps.sendDeadlineMs ?? SEND_DEADLINE_MS;
    let deadline: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      deadline = setTimeout(() => reject(new Error(`the transport did not finish within ${Math.round(deadlineMs / 1000)} s`)), deadlineMs);
    });
    try {
      return await Promise.race([work(), late]);
    } finally {
      clearInterval(renewal);
      clearTimeout(deadline);
    }
  }

  async function deliver(row: MessageRow): Promise<void> {
    const claim = { id: row.id, attempts: row.attempts };
    try {
      try {
        await holdingLease(claim, () => attempt(row));
      } catch (error) {
        await recordFailure(row, claim, error);
        return;
      }
      // Sent: the links and codes have done their job and are wiped.
      if (await messageStore.markSent(db, claim, clock.now(), secretBox.seal('{}'))) {
        logger.info({ message_id: row.id, realm_id: row.realm_id, type: row.type, attempts: row.attempts, channel: row.channel, transport: row.channel === 'sms' ? deps.sms?.name : transport.name }, 'message sent');
      }
    } catch (fault) {
      reportFault(fault);
    }
  }

  const loop = createQueueLoop(
    {
      anyDue: (now) => messageStore.anyDue(db, now),
      claim: (now) => messageStore.claimDue(db, now, LEASE_MS, BATCH_SIZE),
      send: async (batch) => {
        await Promise.all(batch.map(deliver));
      },
    },
    { now: () => clock.now(), pollMs: deps.pollMs, onFault: reportFault },
  );

  return {
    start: loop.start,

    /** Look at the queue now (after a request queued a message). */
    wake: loop.wake,

    /** Sends everything due now and resolves when done, with how many it attempted (tests, shutdown). */
    drain: loop.drain,

    /** Stops polling, waits for messages in flight, and closes the transport. */
    async stop(): Promise<void> {
      await loop.stop();
      transport.close();
    },
  };
}

export type MailWorker = ReturnType<typeof createMailWorker>;
