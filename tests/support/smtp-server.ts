// A real SMTP server on loopback (smtp-server) for the mail tests: it records what it accepted,
// and refuses what a test asks it to.
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export type Received = { to: string[]; raw: string };
export type Smtp = { url: string; received: Received[]; close(): Promise<void> };

export type SmtpOptions = {
  /** Refuse the first `failures` letters after their DATA with `code`. */
  failures?: number;
  code?: number;
  /** Require this login (AUTH over plain TCP: loopback only) and refuse any other. */
  login?: { user: string; pass: string };
  /** Refuse these recipients for good (550 to RCPT TO). */
  refuse?: string[];
  /** Answer each letter's DATA this late: a slow server. */
  delayMs?: number;
};

/** An SMTP server on 127.0.0.1:0, refusing what `options` asks it to. */
export async function startSmtp(options: SmtpOptions = {}): Promise<Smtp> {
  const received: Received[] = [];
  let failures = options.failures ?? 0;
  const server = new SMTPServer({
    authOptional: !options.login,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, session, callback) {
      const { login } = options;
      if (login && auth.username === login.user && auth.password === login.pass) return callback(null, { user: login.user });
      callback(new Error('Неверное имя пользователя или пароль'));
    },
    onRcptTo(address, session, callback) {
      if (options.refuse?.includes(address.address)) return callback(Object.assign(new Error('Такого почтового ящика нет'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        if (failures > 0) {
          failures--;
          return callback(Object.assign(new Error('Почтовый ящик временно недоступен'), { responseCode: options.code ?? 451 }));
        }
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        setTimeout(callback, options.delayMs ?? 0);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * The plain-text part of a received letter, decoded (base64 or quoted-printable, UTF-8): what a
 * parent's mail program shows. Enough for nodemailer's multipart/alternative letters.
 */
export function plainTextOf(raw: string): string {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const parts = boundary ? raw.split(`--${boundary}`) : [raw];
  const part = parts.find((p) => /Content-Type: text\/plain/i.test(p));
  if (!part) throw new Error('the letter has no text/plain part');
  const split = part.search(/\r?\n\r?\n/);
  const headers = part.slice(0, split);
  const body = part.slice(split).trim();
  const encoding = /Content-Transfer-Encoding: *([\w-]+)/i.exec(headers)?.[1].toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8').replace(/\r\n/g, '\n');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/\r\n/g, '\n');
    const out: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] === '=' && /^[0-9A-F]{2}$/i.test(bytes.slice(i + 1, i + 3))) {
        out.push(parseInt(bytes.slice(i + 1, i + 3), 16));
        i += 2;
      } else out.push(...Buffer.from(bytes[i], 'utf8'));
    }
    return Buffer.from(out).toString('utf8');
  }
  return body.replace(/\r\n/g, '\n');
}
