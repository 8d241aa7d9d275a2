import path from 'node:path';
import { startFunctionsHost, type FunctionsHost, type HostLogEntry } from './index';

const fixture = (name: string) => path.join(__dirname, 'fixtures', `${name}.ts`);

describe('functions host: HTTP triggers', () => {
  let host: FunctionsHost;
  const logs: HostLogEntry[] = [];

  beforeAll(async () => {
    host = await startFunctionsHost({
      modules: ['httpItems', 'httpHello', 'httpFailing', 'httpSilent', 'httpHooked'].map(fixture),
      logger: (entry) => logs.push(entry),
    });
  });
  afterAll(async () => { await host?.stop(); });

  it('lists the registered functions with their routes and methods', () => {
    expect(host.functions.map(({ name, triggerType, route, methods }) => ({ name, triggerType, route, methods }))).toEqual([
      { name: 'items', triggerType: 'httpTrigger', route: 'items/{id:int}/{detail?}', methods: ['GET', 'POST', 'PUT'] },
      { name: 'hello', triggerType: 'httpTrigger', route: 'hello', methods: ['GET', 'POST'] },
      { name: 'failing', triggerType: 'httpTrigger', route: 'failing', methods: ['GET'] },
      { name: 'silent', triggerType: 'httpTrigger', route: 'things/{*path}', methods: ['DELETE'] },
      { name: 'hooked', triggerType: 'httpTrigger', route: 'hooked', methods: ['GET'] },
    ]);
  });

  it('passes route params, query, headers and the JSON body to the handler and returns its status, headers and jsonBody', async () => {
    const response = await fetch(`${host.url}/api/items/42/notes?sort=asc&page=2`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-custom': 'from-test' }, body: JSON.stringify({ name: 'Ada' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-fixture')).toBe('items');
    expect(response.headers.get('x-echo')).toBe('from-test');
    const body = await response.json() as Record<string, unknown>;
    expect(body).toMatchObject({
      method: 'POST', params: { id: '42', detail: 'notes' }, query: { sort: 'asc', page: '2' }, body: { name: 'Ada' },
      url: `${host.url}/api/items/42/notes?sort=asc&page=2`, functionName: 'items', isLibraryRequest: true,
    });
    expect(body.invocationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('leaves an optional route parameter out when the path has none', async () => {
    const response = await fetch(`${host.url}/api/items/7`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ method: 'GET', params: { id: '7' } });
  });

  it('routes by the function name under the api prefix when no route is set, with GET and POST allowed', async () => {
    const get = await fetch(`${host.url}/api/hello?name=Grace`);
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('text/plain;charset=UTF-8');
    expect(get.headers.get('set-cookie')).toBe('seen=yes; HttpOnly; SameSite=Strict');
    expect(await get.text()).toBe('hello Grace (0 bytes)');
    expect((await fetch(`${host.url}/api/hello`, { method: 'POST', body: 'x' })).status).toBe(200);
  });

  it('accepts request bodies of several megabytes', async () => {
    const body = 'a'.repeat(5 * 1024 * 1024);
    const response = await fetch(`${host.url}/api/hello`, { method: 'POST', body });
    expect(await response.text()).toBe(`hello world (${body.length} bytes)`);
  });

  it.each([
    ['an unknown route', 'GET', '/api/nothing-here', 404],
    ['a path outside the route prefix', 'GET', '/hello', 404],
    ['a value breaking a route constraint', 'GET', '/api/items/abc', 404],
    ['a method the function does not allow', 'DELETE', '/api/hello', 405],
  ])('answers %s (%s %s) with %i', async (_name, method, urlPath, status) => {
    const response = await fetch(`${host.url}${urlPath}`, { method });
    expect([response.status, response.status === 405 ? response.headers.get('allow') : null])
      .toEqual([status, status === 405 ? 'GET, POST' : null]);
  });

  it('answers 204 No Content when the handler returns nothing, with a catch-all route', async () => {
    const response = await fetch(`${host.url}/api/things/a/b`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(logs).toContainEqual(expect.objectContaining({ functionName: 'silent', category: 'user', level: 'warning', message: 'nothing to say' }));
  });

  it('turns an unhandled exception into a bare 500 and logs the error with the invocation', async () => {
    const response = await fetch(`${host.url}/api/failing`);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('');
    const failure = logs.find((entry) => entry.functionName === 'failing' && entry.level === 'error');
    expect(failure?.message).toContain('table password is hunter2');
    expect(failure?.invocationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('routes context.log of the handler to the logger with function name and invocation id', async () => {
    await fetch(`${host.url}/api/items/9`);
    expect(logs).toContainEqual(expect.objectContaining({
      functionName: 'items', category: 'user', level: 'information', message: 'items called for 9', invocationId: expect.any(String),
    }));
  });

  it('runs app.hook pre- and post-invocation hooks around the handler, sharing hookData', async () => {
    const response = await fetch(`${host.url}/api/hooked`);
    expect(await response.json()).toEqual({ handler: true, hookData: 'preInvocation' });
  });
});
