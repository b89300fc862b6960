/** A rule that makes matching requests slow or fail, for tests of the client's error handling. */
export interface FaultRule {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /**
   * Path to match, without the query string. A string may use "*" as a wildcard; a string that does not start with
   * "/" is relative to the OData base and matches under both /api/odata/ and /api/v1/odata/ ("Project*").
   * Default: every path.
   */
  path?: string | RegExp;
  /** Applies to the next N matching requests, then disappears. Omitted: always. */
  times?: number;
  /** Waits this long before handling (or before the fault below). */
  latencyMs?: number;
  /** Answers with this status and an OData error body (or `body`) instead of handling the request. */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** "never": the request is never answered (until the sandbox closes); a number: answered normally after that many ms. */
  timeout?: 'never' | number;
  /** Destroys the socket without answering. */
  drop?: boolean;
  /** Answers 200 with a truncated, unparseable JSON body. */
  malformedJson?: boolean;
}

export interface ActiveFault extends FaultRule {
  id: number;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

const BASES = ['/api/odata/', '/api/v1/odata/'];

function pathMatches(pattern: FaultRule['path'], path: string): boolean {
  if (pattern === undefined) return true;
  if (pattern instanceof RegExp) return pattern.test(path);
  if (pattern.startsWith('/')) return globToRegExp(pattern).test(path);
  const relative = globToRegExp(pattern);
  return BASES.some((base) => path.startsWith(base) && relative.test(path.slice(base.length)));
}

export class FaultInjector {
  private rules: ActiveFault[] = [];
  private nextId = 1;

  add(rule: FaultRule): ActiveFault {
    if (rule.times !== undefined && (!Number.isInteger(rule.times) || rule.times < 1))
      throw new Error('times must be a positive whole number');
    if (rule.status !== undefined && (!Number.isInteger(rule.status) || rule.status < 100 || rule.status > 599))
      throw new Error('status must be an HTTP status code');
    const active = { ...rule, id: this.nextId++ };
    this.rules.push(active);
    return active;
  }

  remove(id: number): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  list(): ActiveFault[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Finds the first rule for this request and uses up one of its `times`. */
  take(method: string, path: string): ActiveFault | undefined {
    const rule = this.rules.find(
      (r) => (!r.method || r.method.toUpperCase() === method.toUpperCase()) && pathMatches(r.path, path),
    );
    if (!rule) return undefined;
    if (rule.times !== undefined) {
      rule.times -= 1;
      if (rule.times <= 0) this.remove(rule.id);
    }
    return rule;
  }
}
