// What a failed send means for the outbox, from nodemailer's error fields (code, command,
// responseCode, response). A letter is given up at once only when the server refuses its
// recipient for good: a wrong SMTP password (535), a missing login (530) or a server that is down
// would otherwise turn the whole queue FAILED within minutes, although every letter would go
// once the school fixes the settings. Anything unclear is retried: a late letter beats a lost one.
export type SendFailure =
  /** The address is refused for good (no such mailbox, bad address): only this letter fails. */
  | 'recipient'
  /** The server refuses us, not the letter (login, connection): every letter would get the same answer. */
  | 'server'
  /** Anything else, retried with backoff. */
  | 'temporary';

type SmtpError = { code?: unknown; command?: unknown; responseCode?: unknown; response?: unknown };

/** Permanent replies to RCPT TO that are about the address itself (RFC 5321 §4.2.2–4.2.3). */
const RECIPIENT_CODES = new Set([501, 550, 551, 553]);
/** Authentication required or refused, temporary authentication failure, service closing. */
const SERVER_CODES = new Set([421, 454, 530, 534, 535, 538]);
/** nodemailer's codes for a connection that failed (ESOCKET wraps ECONNREFUSED and the like) or a refused login. */
const SERVER_ERROR_CODES = new Set(['EAUTH', 'ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'ETLS', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND']);

export function classifySendError(error: unknown): SendFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpError;
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  if ((typeof e.code === 'string' && SERVER_ERROR_CODES.has(e.code)) || (code !== null && SERVER_CODES.has(code))) return 'server';
  // "550 5.7.1 Relaying denied" and other security-policy refusals (enhanced status 5.7.x) are
  // about us, not the address: the server says the same for every recipient until the settings change.
  const policy = typeof e.response === 'string' && /^\d{3}[ -]5\.7\.\d+/.test(e.response);
  if (e.command === 'RCPT TO' && code !== null && RECIPIENT_CODES.has(code) && !policy) return 'recipient';
  return 'temporary';
}
