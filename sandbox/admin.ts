import type { NextFunction, Request, Response } from 'express';
import type { FaultInjector, FaultRule } from './odata/faults';
import type { RateLimiter } from './odata/rateLimit';

export interface SandboxRequest {
  method: string;
  /** Raw, as received (path and query). */
  url: string;
  /** 0 when the connection was dropped without an answer. */
  status: number;
  accountId?: string;
  timestamp: number;
}

/** The requests the sandbox received, newest last, bounded. */
export class RequestLog {
  private log: SandboxRequest[] = [];

  entries(): SandboxRequest[] {
    return [...this.log];
  }

  clear(): void {
    this.log = [];
  }

  /** Records every request except the admin endpoint's, with the status it got. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const entry: SandboxRequest = { method: req.method, url: req.originalUrl, status: 0, timestamp: Date.now() };
      this.log.push(entry);
      if (this.log.length > 10_000) this.log = this.log.slice(-5_000);
      res.locals.logEntry = entry;
      res.on('finish', () => {
        entry.status = res.statusCode;
      });
      next();
    };
  }
}

function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

const publicFault = (f: FaultRule) => ({ ...f, path: f.path instanceof RegExp ? f.path.source : f.path });

/** `/_sandbox`: fault injection, the request log and the throttling window, for tests; loopback only. */
export function adminEndpoint(faults: FaultInjector, log: RequestLog, limiter: RateLimiter | undefined) {
  return (req: Request, res: Response) => {
    if (!isLoopback(req.socket.remoteAddress)) {
      res
        .status(403)
        .json({ error: { code: 'Forbidden', message: 'The sandbox admin endpoint is for loopback only.' } });
      return;
    }
    if (req.path === '/faults' && req.method === 'GET') return void res.json({ value: faults.list().map(publicFault) });
    if (req.path === '/faults' && req.method === 'DELETE') {
      faults.clear();
      return void res.status(204).end();
    }
    if (req.path === '/faults' && req.method === 'POST') {
      const { pathRegex, ...rule } = (req.body ?? {}) as FaultRule & { pathRegex?: string };
      try {
        const added = faults.add(pathRegex ? { ...rule, path: new RegExp(pathRegex) } : rule);
        return void res.status(201).json(publicFault(added));
      } catch (error) {
        return void res.status(400).json({ error: { code: 'BadRequest', message: (error as Error).message } });
      }
    }
    const match = /^\/faults\/(\d+)$/.exec(req.path);
    if (match && req.method === 'DELETE') return void res.status(faults.remove(Number(match[1])) ? 204 : 404).end();
    if (req.path === '/requests' && req.method === 'GET') return void res.json({ value: log.entries() });
    if (req.path === '/requests' && req.method === 'DELETE') {
      log.clear();
      return void res.status(204).end();
    }
    if (req.path === '/rate-limit' && req.method === 'DELETE') {
      limiter?.reset();
      return void res.status(204).end();
    }
    res.status(404).json({ error: { code: 'NotFound', message: 'Unknown sandbox admin endpoint.' } });
  };
}

/** Applies the first matching fault rule: delay, drop, hang, broken JSON or an error status. */
export function faultMiddleware(faults: FaultInjector, hanging: Set<Response>) {
  return (req: Request, res: Response, next: NextFunction) => {
    const fault = faults.take(req.method, req.path);
    if (!fault) return next();
    const act = () => {
      if (fault.drop) {
        req.socket.destroy();
        return;
      }
      if (fault.timeout === 'never') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if (fault.malformedJson) {
        res
          .status(fault.status ?? 200)
          .type('application/json; odata.metadata=minimal')
          .send('{"@odata.context":"x","value":[{"Name":');
        return;
      }
      if (fault.status !== undefined) {
        res.status(fault.status).set(fault.headers ?? {});
        if (fault.body !== undefined) res.json(fault.body);
        else res.json({ error: { code: `Status${fault.status}`, message: `Injected fault: HTTP ${fault.status}.` } });
        return;
      }
      next();
    };
    const delay = (fault.latencyMs ?? 0) + (typeof fault.timeout === 'number' ? fault.timeout : 0);
    if (delay > 0) setTimeout(act, delay);
    else act();
  };
}
