/**
 * The process's logger: JSON lines on stdout, written synchronously. pino's default
 * destination writes asynchronously, so a line logged just before the process kills itself
 * (the shutdown deadline, server/shutdown.ts) could be lost; a line per request costs one
 * small write(2) this way, nothing next to the request.
 */
import pino, { type Logger } from 'pino';

export const createLogger = (level: string): Logger => pino({ level }, pino.destination({ dest: 1, sync: true }));
