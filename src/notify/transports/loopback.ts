// Whether a host name or address is this machine itself: there TLS may be left out, since nothing crosses a network.

/** `localhost`, 127.0.0.0/8 and ::1 (with or without the brackets a URL puts around it). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
