import { gunzipSync } from 'node:zlib';
import { RenderedJson, sendRendered, type RenderedRequest } from './rendered-json';

function exchange(rendered: RenderedJson, request: { fresh?: boolean; gzip?: boolean }) {
  const headers: Record<string, string> = {};
  const sent: { status?: number; body?: Buffer } = {};
  const req: RenderedRequest = { fresh: request.fresh ?? false, acceptsEncodings: (...encodings) => (request.gzip ? encodings[0] : 'identity') };
  sendRendered(req, { status: (code) => (sent.status = code), setHeader: (name, value) => (headers[name.toLowerCase()] = value), end: (body) => (sent.body = body) }, rendered);
  return { headers, ...sent };
}

describe('a rendered JSON answer', () => {
  const large = new RenderedJson(JSON.stringify({ entries: Array.from({ length: 500 }, (_, i) => ({ entryId: `E-${i}`, summary: 'Synthetic home visit' })) }));

  it('is sent gzip-encoded to a client that accepts it, and the bytes decode to the same JSON', () => {
    const { status, headers, body } = exchange(large, { gzip: true });
    expect(status).toBe(200);
    expect(headers['content-encoding']).toBe('gzip');
    expect(body!.length).toBeLessThan(large.body.length / 5);
    expect(Number(headers['content-length'])).toBe(body!.length);
    expect(gunzipSync(body!).equals(large.body)).toBe(true);
  });

  it('is sent as is to a client that does not accept gzip, and when it is too small to gain from it', () => {
    const plain = exchange(large, { gzip: false });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body!.equals(large.body)).toBe(true);
    const small = new RenderedJson('{"entries":[]}');
    expect(exchange(small, { gzip: true }).headers['content-encoding']).toBeUndefined();
  });

  it('carries an entity tag of its content and answers 304 without a body when the client already has it', () => {
    expect(large.etag).toBe(new RenderedJson(large.body.toString()).etag);
    expect(large.etag).not.toBe(new RenderedJson('{"entries":[]}').etag);
    const revalidated = exchange(large, { fresh: true, gzip: true });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body).toBeUndefined();
    expect(revalidated.headers.etag).toBe(large.etag);
  });
});
