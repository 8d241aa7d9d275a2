"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HttpRouteTable = void 0;
// Route constraints with a fixed shape; others (length(), min(), regex(), ...) accept any segment.
const CONSTRAINTS = {
    int: '-?\\d+', long: '-?\\d+', bool: '(?:true|false)', alpha: '[A-Za-z]+', decimal: '-?\\d+(?:\\.\\d+)?',
    double: '-?\\d+(?:\\.\\d+)?', float: '-?\\d+(?:\\.\\d+)?',
    guid: '[0-9A-Fa-f]{8}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{12}',
};
/**
 * Routes requests to HTTP functions like the Functions host (ASP.NET route templates): literal
 * segments match case-insensitively, `{name}` one segment, `{name?}` an optional one, `{name:int}` a
 * constrained one, `{*name}` the rest of the path; more specific templates win.
 */
class HttpRouteTable {
    #routes;
    constructor(routes) {
        this.#routes = routes.map(compileRoute).sort((a, b) => compareRank(a.rank, b.rank));
    }
    /** Finds the function for a method and a path below the route prefix (e.g. `/sync/42`). */
    find(method, path) {
        const allow = new Set();
        for (const route of this.#routes) {
            const match = route.pattern.exec(path);
            if (!match)
                continue;
            if (route.methods && !route.methods.includes(method.toUpperCase())) {
                route.methods.forEach((m) => allow.add(m));
                continue;
            }
            const params = {};
            route.paramNames.forEach((name, i) => {
                const value = match[i + 1];
                if (value !== undefined && value !== '')
                    params[name] = safeDecode(value);
            });
            return { kind: 'match', functionName: route.functionName, params };
        }
        return allow.size > 0 ? { kind: 'methodNotAllowed', allow: [...allow] } : { kind: 'notFound' };
    }
}
exports.HttpRouteTable = HttpRouteTable;
function compileRoute(route) {
    // Azure Functions reserves routes that start with 'admin' for the host's own API and refuses to load them.
    if (/^\/*admin(\/|$)/i.test(route.template)) {
        throw new Error(`Function '${route.functionName}': the route '${route.template}' starts with 'admin', which Azure Functions reserves.`);
    }
    const paramNames = [];
    const rank = [];
    const source = route.template.replace(/^\/+|\/+$/g, '').split('/').filter((s) => s !== '').map((segment) => {
        const whole = /^\{([^{}]+)\}$/.exec(segment);
        if (!whole?.[1]) {
            rank.push(segment.includes('{') ? 1 : 0);
            return '/' + segment.split(/(\{[^{}]+\})/).map((part) => {
                if (!part.startsWith('{'))
                    return escapeRegExp(part);
                paramNames.push(parseParameter(part.slice(1, -1)).name);
                return '([^/]+?)';
            }).join('');
        }
        const param = parseParameter(whole[1]);
        paramNames.push(param.name);
        if (param.catchAll) {
            rank.push(4);
            return '(?:/(.*))?';
        }
        const value = `(${param.constraint ?? '[^/]+'})`;
        rank.push(param.optional ? 3 : param.constraint ? 1 : 2);
        return param.optional ? `(?:/${value})?` : `/${value}`;
    }).join('');
    return { ...route, pattern: new RegExp(`^${source}/?$`, 'i'), paramNames, rank };
}
function parseParameter(text) {
    const catchAll = text.startsWith('*');
    const withDefault = text.replace(/^\*+/, '');
    const optional = withDefault.endsWith('?') || withDefault.includes('=');
    const [name = '', ...constraints] = withDefault.replace(/\?$/, '').replace(/=.*$/, '').split(':');
    const known = constraints.map((c) => CONSTRAINTS[c.toLowerCase()]).find((c) => c !== undefined);
    return { name, optional, catchAll, constraint: known };
}
function compareRank(a, b) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
        if (a[i] !== b[i])
            return (a[i] ?? 0) - (b[i] ?? 0);
    }
    return b.length - a.length;
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
function safeDecode(value) {
    try {
        return decodeURIComponent(value);
    }
    catch {
        return value;
    }
}
//# sourceMappingURL=httpRoutes.js.map