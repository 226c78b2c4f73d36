/**
 * Server log options. Requests are logged by method, path and id only: no query string (it may
 * hold a search term such as a name), no headers (cookies, CSRF tokens), no bodies.
 */
import type { DestinationStream } from 'pino';

export function loggerOptions(level: string, stream?: DestinationStream) {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
