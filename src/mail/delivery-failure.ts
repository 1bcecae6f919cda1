/**
 * A failure that retrying cannot cure: the same message to the same recipient would fail the same
 * way on every attempt (a number this server never sends SMS to, say). The mail worker, which sends
 * email and SMS, marks a message failed on the attempt that throws one instead of retrying it for
 * hours. A transport throws it only when that is certain; anything that may pass (a provider down,
 * a rate limit, wrong credentials an operator can fix) stays an ordinary Error and is retried.
 */
export class PermanentDeliveryFailure extends Error {}
