// SPEC O3: the structured logger (pino, one JSON line per entry) and the redaction every line goes through.
import pino, { type DestinationStream, type Logger } from 'pino';
import { maskEmail } from '../auth/normalise.js';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

// Keys whose values never reach a line, wherever they sit and however they are cased.
const SECRET_KEYS = new Set(['password', 'code', 'token', 'csrf', 'secret', 'cookie', 'authorization', 'otp']);
const CENSOR = '[redacted]';

// An email address anywhere in a string, and a run of 8+ digits (phone, card number) with optional spaces or hyphens.
const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+/g;
const LONG_DIGITS = /\d(?:[ -]?\d){7,}/g;
const EIGHT_DIGITS = /(?:\d\D?){8}/;
// Values made by the portal itself that hold no personal data and must stay searchable as written.
const VERBATIM = new Set(['time', 'reqId', 'subject', 'level', 'pid', 'hostname']);

/** SPEC O3: masks whole email addresses (`t*****@e******.jp`) and phone or card numbers (last 4 digits) in a string. */
export function scrub(text: string): string {
  // issue 20: most strings (methods, paths, event names) hold neither, and the tests cost less than the replacements
  const masked = text.includes('@') ? text.replace(EMAIL, (m) => maskEmail(m)) : text;
  return EIGHT_DIGITS.test(masked) ? masked.replace(LONG_DIGITS, (m) => `***${m.replace(/\D/g, '').slice(-4)}`) : masked;
}

/** Scrubs every string in a value and censors every secret key, recursively; what lies deeper than 5 levels is not written. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 4) return '[too deep]';
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  if (value instanceof Error) return { type: value.name, message: scrub(value.message), stack: value.stack ? scrub(value.stack) : undefined };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.has(k.toLowerCase()) ? CENSOR : VERBATIM.has(k) ? v : scrubValue(v, depth + 1);
  return out;
}

/** How long a line may wait in the batch before it is written. */
export const LOG_FLUSH_MS = 200;

/** A warning, an error or a fatal line: written at once, not with the next batch. */
const URGENT = /^\{"level":[4-6]0,/;

/**
 * Issue 20: stdout written asynchronously and in batches of 4 KiB, or every LOG_FLUSH_MS when quieter; warnings and errors
 * at once, and whatever is asked for with logger.flush() (the start-up lines). A synchronous write per line blocked the event
 * loop on the pipe (9 % of the main thread under a sign-in flood), and an asynchronous write per line cost a thread-pool
 * round trip each (about 6 µs of CPU a request at page speed). pino writes what is still buffered when the process exits; a
 * process killed outright loses at most its last LOG_FLUSH_MS of request lines.
 */
function stdoutInBatches(): DestinationStream & { flush(): void } {
  const out = pino.destination({ fd: 1, sync: false, minLength: 4096, periodicFlush: LOG_FLUSH_MS });
  let waiting = false;
  const now = () => {
    out.flush();
    // a write already under way leaves the rest in the buffer: written as soon as it is done (one listener for a burst)
    if (waiting) return;
    waiting = true;
    out.once('drain', () => {
      waiting = false;
      out.flush();
    });
  };
  return {
    write(line: string) {
      out.write(line);
      if (URGENT.test(line)) now();
    },
    flush: now,
  };
}

/**
 * A logger writing JSON lines to `destination` (stdout by default) at `level`, every line redacted. One pass does it
 * (issue 20): pino's own path redaction, on top, cost more than the rest of the line and missed nested and capitalised keys.
 */
export function createLogger(level: LogLevel = 'info', destination?: DestinationStream): Logger {
  const logger = pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      // the formatter has made errors plain { type, message, stack }; pino's serializer would rename their type 'Object'
      serializers: { err: (err: unknown) => err },
      formatters: { log: (object) => scrubValue(object) as Record<string, unknown> },
      hooks: {
        // the message and any interpolation arguments (%s, %o, %j) are scrubbed like the fields
        logMethod(args, method) {
          // an error alone becomes the line's err field, with its message as the line's: pino would copy the message unscrubbed
          if (args[0] instanceof Error) args.splice(0, 1, { err: args[0] }, ...(typeof args[1] === 'string' ? [] : [args[0].message]));
          // a leading object is the line's fields, which the log formatter scrubs; the rest are the message and its arguments
          for (let i = typeof args[0] === 'object' ? 1 : 0; i < args.length; i++) args[i] = scrubValue(args[i]);
          method.apply(this, args);
        },
      },
    },
    destination ?? stdoutInBatches(),
  );
  // a child's bindings are written on every line of it, and pino gives them no formatter of ours: the same pass, once, here
  // (children are made from their parent's prototype, so grandchildren inherit this)
  const pinoChild = logger.child;
  logger.child = function (this: Logger, bindings, options) {
    return pinoChild.call(this, scrubValue(bindings) as typeof bindings, options);
  } as Logger['child'];
  return logger;
}

/** A logger that keeps its lines in memory (tests, and commands that only want the lines). */
export function memoryLogger(level: LogLevel = 'debug'): { logger: Logger; lines: () => string[] } {
  const lines: string[] = [];
  const destination: DestinationStream = { write: (chunk: string) => void lines.push(...chunk.split('\n').filter((l) => l !== '')) };
  return { logger: createLogger(level, destination), lines: () => [...lines] };
}

/** Discards everything (the default when no logger is given). */
export const silentLogger: Logger = pino({ level: 'silent' });
