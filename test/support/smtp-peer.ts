// A real SMTP server in the test process (smtp-server) that keeps what arrives, parsed with mailparser.
import { simpleParser, type ParsedMail } from 'mailparser';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export type Arrived = { mail: ParsedMail; raw: string; envelope: { from: string; to: string[] }; user?: string; secure: boolean };

export type SmtpPeer = {
  port: number;
  arrived: Arrived[];
  close: () => Promise<void>;
};

/**
 * Listens on `host` (loopback unless said) and `port` (any free one unless said), by default plain with no STARTTLS; `options`
 * change that or answer with errors; `holdMs` holds each message that long before accepting it (a slow provider).
 */
export async function startSmtpPeer(options: SMTPServerOptions = {}, host = '127.0.0.1', port = 0, holdMs = 0): Promise<SmtpPeer> {
  const arrived: Arrived[] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, done) {
      done(null, { user: auth.username });
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const accept = () => simpleParser(raw).then((mail) => {
          const envelope = { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) };
          arrived.push({ mail, raw, envelope, user: session.user as string | undefined, secure: session.secure });
          done();
        }, done);
        setTimeout(() => void accept(), holdMs);
      });
    },
    ...options,
  });
  // a client that gives up on TLS half-way is an error event on the server: expected in the TLS tests
  server.on('error', () => {});
  await new Promise<void>((ok) => server.listen(port, host, ok));
  return { port: (server.server.address() as AddressInfo).port, arrived, close: () => new Promise((ok) => server.close(() => ok())) };
}

/** A fresh self-signed certificate (openssl), valid today: trusted by nobody, so a client that checks must refuse it. */
export function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'smtp-cert-'));
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}
