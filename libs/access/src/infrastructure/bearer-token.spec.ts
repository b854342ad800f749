import { createHmac } from 'node:crypto';
import { TokenRejected } from '../domain/access-errors';
import type { Principal } from '../domain/principal';
import { issueToken, TokenVerifier, verifyToken } from './bearer-token';

const SECRET = 'a-test-secret-of-at-least-32-characters';
const NOW = new Date('2026-03-01T09:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;

function aPrincipal(overrides: Partial<Principal> = {}): Principal {
  return { agencyId: 'police-north', role: 'practitioner', practitionerRef: 'PN-0042', ...overrides };
}

function validClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { agency: 'police-north', role: 'practitioner', sub: 'police-north/PN-0042', aud: 'casetrail', iss: 'casetrail', iat: NOW_SECONDS, exp: NOW_SECONDS + 3_600, ...overrides };
}

const base64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A compact JWS built by hand, so tests can make tokens no well-behaved library would. */
function handMadeToken(header: Record<string, unknown>, claims: Record<string, unknown>, secret = SECRET): string {
  const input = `${base64url(header)}.${base64url(claims)}`;
  const algorithm = ({ HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' } as Record<string, string>)[String(header.alg)];
  const signature = algorithm ? createHmac(algorithm, secret).update(input).digest('base64url') : '';
  return `${input}.${signature}`;
}

async function rejectionOf(token: string, now = NOW): Promise<TokenRejected> {
  try {
    await verifyToken(token, { secret: SECRET, now });
  } catch (error) {
    if (error instanceof TokenRejected) return error;
    throw error;
  }
  throw new Error('expected the token to be rejected');
}

describe(verifyToken.name, () => {
  it('returns the principal a token was issued for', async () => {
    const token = await issueToken(aPrincipal(), { secret: SECRET, expiresIn: '8h', now: NOW });

    await expect(verifyToken(token, { secret: SECRET, now: NOW })).resolves.toEqual(aPrincipal());
  });

  it('carries the registered claims and the principal in its own claim names', async () => {
    const token = await issueToken(aPrincipal(), { secret: SECRET, expiresIn: '8h', now: NOW });
    const [header, claims] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));

    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(claims).toEqual({
      agency: 'police-north',
      role: 'practitioner',
      practitionerRef: 'PN-0042',
      sub: 'police-north/PN-0042',
      aud: 'casetrail',
      iss: 'casetrail',
      iat: NOW_SECONDS,
      exp: NOW_SECONDS + 8 * 3_600,
    });
  });

  it('accepts a principal without a practitioner reference', async () => {
    const principal: Principal = { agencyId: 'health-east', role: 'administrator' };
    const token = await issueToken(principal, { secret: SECRET, expiresIn: 60, now: NOW });

    await expect(verifyToken(token, { secret: SECRET, now: NOW })).resolves.toEqual(principal);
  });

  it('accepts a hand-signed HS256 token with valid claims (the fixtures below differ from it in one way each)', async () => {
    await expect(verifyToken(handMadeToken({ alg: 'HS256', typ: 'JWT' }, validClaims()), { secret: SECRET, now: NOW })).resolves.toEqual({
      agencyId: 'police-north',
      role: 'practitioner',
    });
  });

  it.each<[string, () => Promise<string> | string, string]>([
    ['alg none with no signature', () => handMadeToken({ alg: 'none', typ: 'JWT' }, validClaims()), 'AUTH.TOKEN_ALGORITHM_REFUSED'],
    ['another HMAC algorithm with the right key', () => handMadeToken({ alg: 'HS512' }, validClaims()), 'AUTH.TOKEN_ALGORITHM_REFUSED'],
    ['an asymmetric algorithm', () => `${base64url({ alg: 'RS256' })}.${base64url(validClaims())}.c2lnbmF0dXJl`, 'AUTH.TOKEN_ALGORITHM_REFUSED'],
    ['a flipped signature byte', async () => flipSignatureByte(await issueToken(aPrincipal(), { secret: SECRET, expiresIn: '1h', now: NOW })), 'AUTH.TOKEN_SIGNATURE_INVALID'],
    ['a raised role under the original signature', async () => withClaims(await issueToken(aPrincipal(), { secret: SECRET, expiresIn: '1h', now: NOW }), { role: 'administrator' }), 'AUTH.TOKEN_SIGNATURE_INVALID'],
    ['another key', () => handMadeToken({ alg: 'HS256' }, validClaims(), 'another-secret-of-at-least-32-characters'), 'AUTH.TOKEN_SIGNATURE_INVALID'],
    ['another audience', () => handMadeToken({ alg: 'HS256' }, validClaims({ aud: 'billing' })), 'AUTH.TOKEN_AUDIENCE_INVALID'],
    ['no audience', () => handMadeToken({ alg: 'HS256' }, validClaims({ aud: undefined })), 'AUTH.TOKEN_AUDIENCE_INVALID'],
    ['another issuer', () => handMadeToken({ alg: 'HS256' }, validClaims({ iss: 'https://idp.example' })), 'AUTH.TOKEN_ISSUER_INVALID'],
    ['an expiry past the clock tolerance', () => handMadeToken({ alg: 'HS256' }, validClaims({ iat: NOW_SECONDS - 7_200, exp: NOW_SECONDS - 31 })), 'AUTH.TOKEN_EXPIRED'],
    ['a not-before in the future', () => handMadeToken({ alg: 'HS256' }, validClaims({ nbf: NOW_SECONDS + 600 })), 'AUTH.TOKEN_NOT_YET_VALID'],
    ['an unknown role', () => handMadeToken({ alg: 'HS256' }, validClaims({ role: 'superuser' })), 'AUTH.TOKEN_ROLE_UNKNOWN'],
    ['no role', () => handMadeToken({ alg: 'HS256' }, validClaims({ role: undefined })), 'AUTH.TOKEN_ROLE_UNKNOWN'],
    ['no agency', () => handMadeToken({ alg: 'HS256' }, validClaims({ agency: undefined })), 'AUTH.TOKEN_AGENCY_MISSING'],
    ['a blank agency', () => handMadeToken({ alg: 'HS256' }, validClaims({ agency: '  ' })), 'AUTH.TOKEN_AGENCY_MISSING'],
    ['an agency that is not a string', () => handMadeToken({ alg: 'HS256' }, validClaims({ agency: 7 })), 'AUTH.TOKEN_AGENCY_MISSING'],
    ['no expiry', () => handMadeToken({ alg: 'HS256' }, validClaims({ exp: undefined })), 'AUTH.TOKEN_EXPIRY_MISSING'],
    ['an expiry that is not a number', () => handMadeToken({ alg: 'HS256' }, validClaims({ exp: 'tomorrow' })), 'AUTH.TOKEN_INVALID'],
    ['another audience among several', () => handMadeToken({ alg: 'HS256' }, validClaims({ aud: ['billing', 'reporting'] })), 'AUTH.TOKEN_AUDIENCE_INVALID'],
    ['HS384 with the right key', () => handMadeToken({ alg: 'HS384' }, validClaims()), 'AUTH.TOKEN_ALGORITHM_REFUSED'],
    ['an ES256 header', () => `${base64url({ alg: 'ES256' })}.${base64url(validClaims())}.c2lnbmF0dXJl`, 'AUTH.TOKEN_ALGORITHM_REFUSED'],
    ['alg NONE in upper case', () => handMadeToken({ alg: 'NONE' }, validClaims()), 'AUTH.TOKEN_ALGORITHM_REFUSED'],
    ['no subject', () => handMadeToken({ alg: 'HS256' }, validClaims({ sub: undefined })), 'AUTH.TOKEN_INVALID'],
    ['a practitioner reference that is not a string', () => handMadeToken({ alg: 'HS256' }, validClaims({ practitionerRef: 42 })), 'AUTH.TOKEN_INVALID'],
    ['two segments only', () => `${base64url({ alg: 'HS256' })}.${base64url(validClaims())}`, 'AUTH.TOKEN_MALFORMED'],
    ['a header that is not JSON', () => `${base64url('{"alg":')}.${base64url(validClaims())}.c2ln`, 'AUTH.TOKEN_MALFORMED'],
    ['claims that are not an object', () => handMadeToken({ alg: 'HS256' }, [1, 2] as unknown as Record<string, unknown>), 'AUTH.TOKEN_MALFORMED'],
    ['not a JWT at all', () => 'not-a-token', 'AUTH.TOKEN_MALFORMED'],
  ])('rejects %s with %s', async (_what, makeToken, code) => {
    const rejection = await rejectionOf(await makeToken());

    expect(rejection.code).toBe(code);
  });

  it('tolerates a little clock drift, not more', async () => {
    const token = await issueToken(aPrincipal(), { secret: SECRET, expiresIn: '1h', now: NOW });
    const expiry = NOW.getTime() + 3_600_000;

    await expect(verifyToken(token, { secret: SECRET, now: new Date(expiry + 29_000) })).resolves.toBeDefined();
    expect((await rejectionOf(token, new Date(expiry + 31_000))).code).toBe('AUTH.TOKEN_EXPIRED');
  });

  it('checks the signature before the claims, so a forged token learns nothing else', async () => {
    const forged = handMadeToken({ alg: 'HS256' }, validClaims({ exp: NOW_SECONDS - 3_600, role: 'superuser' }), 'another-secret-of-at-least-32-characters');

    expect((await rejectionOf(forged)).code).toBe('AUTH.TOKEN_SIGNATURE_INVALID');
  });

  it('never quotes the token in its message', async () => {
    const token = handMadeToken({ alg: 'HS256' }, validClaims({ agency: 'police-north', role: 'superuser' }));

    expect((await rejectionOf(token)).message).not.toMatch(/superuser|police-north|eyJ/);
  });
});

describe(issueToken.name, () => {
  it.each<[string, Principal, number | string]>([
    ['a blank agency', aPrincipal({ agencyId: ' ' }), '1h'],
    ['an unknown role', aPrincipal({ role: 'superuser' as Principal['role'] }), '1h'],
    ['an empty practitioner reference', aPrincipal({ practitionerRef: '' }), '1h'],
    ['an unreadable lifetime', aPrincipal(), 'soon'],
    ['a lifetime of zero', aPrincipal(), 0],
    ['a negative lifetime', aPrincipal(), -60],
  ])('refuses to sign %s', async (_what, principal, expiresIn) => {
    await expect(issueToken(principal, { secret: SECRET, expiresIn, now: NOW })).rejects.toThrow(RangeError);
  });
});

function flipSignatureByte(token: string): string {
  const [header, claims, signature] = token.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  bytes[0] ^= 0x01;
  return `${header}.${claims}.${bytes.toString('base64url')}`;
}

function withClaims(token: string, changes: Record<string, unknown>): string {
  const [header, claims, signature] = token.split('.');
  const tampered = { ...JSON.parse(Buffer.from(claims, 'base64url').toString()), ...changes };
  return `${header}.${base64url(tampered)}.${signature}`;
}

describe(TokenVerifier.name, () => {
  it('accepts a token it has seen while it is valid, and refuses it as expired once it is not', async () => {
    let now = NOW;
    const verifier = new TokenVerifier(SECRET, () => now);
    const token = await issueToken(aPrincipal(), { secret: SECRET, expiresIn: '1h', now: NOW });
    expect(await verifier.verify(token)).toEqual(aPrincipal());
    now = new Date(NOW.getTime() + 30 * 60_000);
    expect(await verifier.verify(token)).toEqual(aPrincipal());
    // Past expiry plus the clock tolerance, the remembered acceptance no longer counts.
    now = new Date(NOW.getTime() + 3_600_000 + 31_000);
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'AUTH.TOKEN_EXPIRED' });
  });

  it('does not let a tampered copy of an accepted token through', async () => {
    const verifier = new TokenVerifier(SECRET, () => NOW);
    const token = await issueToken(aPrincipal(), { secret: SECRET, expiresIn: '1h', now: NOW });
    await verifier.verify(token);
    const [header, , signature] = token.split('.');
    const forged = `${header}.${base64url(validClaims({ role: 'administrator' }))}.${signature}`;
    await expect(verifier.verify(forged)).rejects.toMatchObject({ code: 'AUTH.TOKEN_SIGNATURE_INVALID' });
  });

  it('refuses a token signed with another key even after accepting one signed with its own', async () => {
    const verifier = new TokenVerifier(SECRET, () => NOW);
    await verifier.verify(await issueToken(aPrincipal(), { secret: SECRET, expiresIn: '1h', now: NOW }));
    const other = await issueToken(aPrincipal(), { secret: 'another-secret-of-at-least-32-characters', expiresIn: '1h', now: NOW });
    await expect(verifier.verify(other)).rejects.toMatchObject({ code: 'AUTH.TOKEN_SIGNATURE_INVALID' });
  });

  it('does not accept a remembered token before its not-before time', async () => {
    let now = NOW;
    const verifier = new TokenVerifier(SECRET, () => now);
    const token = handMadeToken({ alg: 'HS256', typ: 'JWT' }, validClaims({ nbf: NOW_SECONDS + 600 }));
    now = new Date(NOW.getTime() + 601_000);
    await verifier.verify(token);
    now = NOW;
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'AUTH.TOKEN_NOT_YET_VALID' });
  });
});
