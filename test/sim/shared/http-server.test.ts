import { RequestLog, SimRouter, readPortArg, startSimServer, type SimServer } from './http-server';

describe('shared simulator HTTP server', () => {
  let server: SimServer;
  const log = new RequestLog();

  beforeAll(async () => {
    const router = new SimRouter()
      .add('GET', '/things/:id', (req) => ({ status: 200, body: { id: req.params['id'], q: req.query.get('q') } }))
      .add('POST', '/things', (req) => ({ status: 201, body: req.body }));
    server = await startSimServer({
      router,
      log,
      now: () => 42,
      errorBody: (message) => ({ error: message }),
      before: (req) => (req.query.get('block') === '1' ? { status: 418, body: { error: 'blocked' } } : undefined),
    });
  });
  afterAll(() => server.close());
  beforeEach(() => log.clear());

  it('routes by method and decoded path params and logs the call with its principal', async () => {
    const res = await fetch(`${server.url}/things/a%20b?q=x`, { headers: { 'x-sim-actor': 'app' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 'a b', q: 'x' });
    expect(log.entries).toEqual([
      expect.objectContaining({ method: 'GET', path: '/things/a%20b', status: 200, at: 42, principal: { kind: 'app' } }),
    ]);
  });

  it('answers 404 for unknown paths, 405 for known paths with another method, 400 for bad JSON', async () => {
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/things/1`, { method: 'DELETE' })).status).toBe(405);
    const bad = await fetch(`${server.url}/things`, { method: 'POST', body: '{nope' });
    expect(bad.status).toBe(400);
  });

  it('lets the before hook short-circuit a request', async () => {
    const res = await fetch(`${server.url}/things/1?block=1`);
    expect(res.status).toBe(418);
  });

  it('reads --port from argv', () => {
    expect(readPortArg(['--port', '8080'], 0)).toBe(8080);
    expect(readPortArg(['--port=9'], 0)).toBe(9);
    expect(readPortArg([], 7)).toBe(7);
    expect(() => readPortArg(['--port', 'x'], 0)).toThrow(/--port/);
  });
});
