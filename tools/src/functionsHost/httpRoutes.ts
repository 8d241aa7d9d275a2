/** An HTTP-triggered function's route as the host sees it. */
export interface HttpRouteDefinition {
  functionName: string;
  /** The route template, e.g. `sync/{id}`, `items/{id:int?}`, `files/{*path}`; the function name when unset. */
  template: string;
  /** Allowed methods (upper case); every method when undefined. */
  methods?: string[];
}

/** The outcome of routing one request. */
export type RouteLookup =
  | { kind: 'match'; functionName: string; params: Record<string, string> }
  | { kind: 'methodNotAllowed'; allow: string[] }
  | { kind: 'notFound' };

interface CompiledRoute extends HttpRouteDefinition {
  pattern: RegExp;
  paramNames: string[];
  /** Per-segment specificity; lower sorts first (literal < constrained < plain < optional < catch-all). */
  rank: number[];
}

// Route constraints with a fixed shape; others (length(), min(), regex(), ...) accept any segment.
const CONSTRAINTS: Record<string, string> = {
  int: '-?\\d+', long: '-?\\d+', bool: '(?:true|false)', alpha: '[A-Za-z]+', decimal: '-?\\d+(?:\\.\\d+)?',
  double: '-?\\d+(?:\\.\\d+)?', float: '-?\\d+(?:\\.\\d+)?',
  guid: '[0-9A-Fa-f]{8}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{12}',
};

/**
 * Routes requests to HTTP functions like the Functions host (ASP.NET route templates): literal
 * segments match case-insensitively, `{name}` one segment, `{name?}` an optional one, `{name:int}` a
 * constrained one, `{*name}` the rest of the path; more specific templates win.
 */
export class HttpRouteTable {
  readonly #routes: CompiledRoute[];

  constructor(routes: HttpRouteDefinition[]) {
    this.#routes = routes.map(compileRoute).sort((a, b) => compareRank(a.rank, b.rank));
  }

  /** Finds the function for a method and a path below the route prefix (e.g. `/sync/42`). */
  find(method: string, path: string): RouteLookup {
    const allow = new Set<string>();
    for (const route of this.#routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      if (route.methods && !route.methods.includes(method.toUpperCase())) {
        route.methods.forEach((m) => allow.add(m));
        continue;
      }
      const params: Record<string, string> = {};
      route.paramNames.forEach((name, i) => {
        const value = match[i + 1];
        if (value !== undefined && value !== '') params[name] = safeDecode(value);
      });
      return { kind: 'match', functionName: route.functionName, params };
    }
    return allow.size > 0 ? { kind: 'methodNotAllowed', allow: [...allow] } : { kind: 'notFound' };
  }
}

function compileRoute(route: HttpRouteDefinition): CompiledRoute {
  // Azure Functions reserves routes that start with 'admin' for the host's own API and refuses to load them.
  if (/^\/*admin(\/|$)/i.test(route.template)) {
    throw new Error(`Function '${route.functionName}': the route '${route.template}' starts with 'admin', which Azure Functions reserves.`);
  }
  const paramNames: string[] = [];
  const rank: number[] = [];
  const source = route.template.replace(/^\/+|\/+$/g, '').split('/').filter((s) => s !== '').map((segment) => {
    const whole = /^\{([^{}]+)\}$/.exec(segment);
    if (!whole?.[1]) {
      rank.push(segment.includes('{') ? 1 : 0);
      return '/' + segment.split(/(\{[^{}]+\})/).map((part) => {
        if (!part.startsWith('{')) return escapeRegExp(part);
        paramNames.push(parseParameter(part.slice(1, -1)).name);
        return '([^/]+?)';
      }).join('');
    }
    const param = parseParameter(whole[1]);
    paramNames.push(param.name);
    if (param.catchAll) { rank.push(4); return '(?:/(.*))?'; }
    const value = `(${param.constraint ?? '[^/]+'})`;
    rank.push(param.optional ? 3 : param.constraint ? 1 : 2);
    return param.optional ? `(?:/${value})?` : `/${value}`;
  }).join('');
  return { ...route, pattern: new RegExp(`^${source}/?$`, 'i'), paramNames, rank };
}

function parseParameter(text: string): { name: string; optional: boolean; catchAll: boolean; constraint?: string } {
  const catchAll = text.startsWith('*');
  const withDefault = text.replace(/^\*+/, '');
  const optional = withDefault.endsWith('?') || withDefault.includes('=');
  const [name = '', ...constraints] = withDefault.replace(/\?$/, '').replace(/=.*$/, '').split(':');
  const known = constraints.map((c) => CONSTRAINTS[c.toLowerCase()]).find((c) => c !== undefined);
  return { name, optional, catchAll, constraint: known };
}

function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  }
  return b.length - a.length;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
