import { HttpRouteTable, type RouteLookup } from './httpRoutes';

const table = new HttpRouteTable([
  { functionName: 'getSync', template: 'sync/{id}', methods: ['GET'] },
  { functionName: 'syncStatus', template: 'sync/status', methods: ['GET'] },
  { functionName: 'startSync', template: 'sync', methods: ['POST'] },
  { functionName: 'contacts', template: 'contacts/{id?}', methods: ['GET', 'PUT'] },
  { functionName: 'page', template: 'pages/{n:int}' },
  { functionName: 'files', template: 'files/{*path}', methods: ['GET'] },
  { functionName: 'report', template: 'reports/{name}.{format}', methods: ['GET'] },
  { functionName: 'hello', template: 'hello' },
]);

describe('HttpRouteTable', () => {
  it.each<[string, string, string, RouteLookup]>([
    ['a parameter segment', 'GET', '/sync/42', { kind: 'match', functionName: 'getSync', params: { id: '42' } }],
    ['a literal before a parameter', 'GET', '/sync/status', { kind: 'match', functionName: 'syncStatus', params: {} }],
    ['literals case-insensitively, with a trailing slash', 'POST', '/SYNC/', { kind: 'match', functionName: 'startSync', params: {} }],
    ['an optional parameter left out', 'GET', '/contacts', { kind: 'match', functionName: 'contacts', params: {} }],
    ['an optional parameter given, decoded', 'PUT', '/contacts/a%20b', { kind: 'match', functionName: 'contacts', params: { id: 'a b' } }],
    ['an int constraint, any method when none listed', 'DELETE', '/pages/7', { kind: 'match', functionName: 'page', params: { n: '7' } }],
    ['a catch-all over several segments', 'GET', '/files/a/b/c.txt', { kind: 'match', functionName: 'files', params: { path: 'a/b/c.txt' } }],
    ['parameters inside one segment', 'GET', '/reports/q1.csv', { kind: 'match', functionName: 'report', params: { name: 'q1', format: 'csv' } }],
    ['nothing for a value breaking the constraint', 'GET', '/pages/seven', { kind: 'notFound' }],
    ['nothing for an unknown path', 'GET', '/nope', { kind: 'notFound' }],
    ['nothing for a longer path', 'GET', '/sync/1/2', { kind: 'notFound' }],
    ['405 with the allowed methods for a wrong method', 'DELETE', '/sync/1', { kind: 'methodNotAllowed', allow: ['GET'] }],
  ])('matches %s', (_name, method, path, expected) => {
    expect(table.find(method, path)).toEqual(expected);
  });
});

describe('reserved routes', () => {
  it.each(['admin/settings', '/admin', 'Admin/x'])('refuses %s as Azure Functions does', (template) => {
    expect(() => new HttpRouteTable([{ functionName: 'f', template }])).toThrow(/reserves/);
  });
});
