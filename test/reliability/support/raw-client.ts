// A raw TCP client for the slow- and idle-client tests.
import { connect, type Socket } from 'node:net';

/** A raw TCP client that writes exactly what it is told, when it is told, and records what comes back. */
export function rawClient(port: number): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
  return new Promise((ok, fail) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (data += d));
    const started = Date.now();
    const closed = new Promise<number>((r) => socket.once('close', () => r(Date.now() - started)));
    socket.on('error', () => {});
    socket.once('connect', () => ok({ socket, received: () => data, closed }));
    socket.once('error', fail);
  });
}
