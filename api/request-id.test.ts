/** x-request-id is echoed and logged only when safe: [A-Za-z0-9._:-]{1,64}, else a fresh UUID (issue 12, point 7). */
import { startApi, TestApi } from '../test/support/api';
import { requestIdOf } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

it.each(['abc', 'req-1.2:3_X', 'a'.repeat(64)])('keeps %s', (id) => expect(requestIdOf(id)).toBe(id));
it.each(['', 'a'.repeat(65), 'has space', 'x\u001b[31m', 'a\nb', 'é', '<script>', 'a,b'])('replaces %j with a UUID', (id) => expect(requestIdOf(id)).toMatch(UUID));
it('replaces a repeated header with a UUID', () => expect(requestIdOf(['a', 'b'])).toMatch(UUID));

describe('over HTTP', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('echoes a safe id and replaces an unsafe one', async () => {
    expect((await fetch(`${api.url}/healthz`, { headers: { 'x-request-id': 'proxy-123' } })).headers.get('x-request-id')).toBe('proxy-123');
    expect((await fetch(`${api.url}/healthz`, { headers: { 'x-request-id': 'x'.repeat(65) } })).headers.get('x-request-id')).toMatch(UUID);
    expect((await fetch(`${api.url}/healthz`, { headers: { 'x-request-id': 'a b"c' } })).headers.get('x-request-id')).toMatch(UUID);
    expect((await fetch(`${api.url}/healthz`)).headers.get('x-request-id')).toMatch(UUID);
  });
});
