import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { TokenRejected } from '../domain/access-errors';
import { isRole, type Principal } from '../domain/principal';
import { parseLifetime } from '../domain/token-lifetime';

/** Both `aud` and `iss`: a token minted for (or by) another service is never accepted here. */
export const TOKEN_AUDIENCE = 'casetrail';
export const TOKEN_ISSUER = 'casetrail';
/** Pinned, so the token's own header can never choose `none` or another algorithm. */
const ALGORITHM = 'HS256';
/** Server clocks drift a little; that must not sign everyone out at the same instant. */
const CLOCK_TOLERANCE_SECONDS = 30;

/** What a token carries beyond the registered claims: the principal, in its own claim names. */
interface PrincipalClaims extends JWTPayload {
  readonly agency?: unknown;
  readonly role?: unknown;
  readonly practitionerRef?: unknown;
}

export interface IssueTokenOptions {
  readonly secret: string;
  /** Seconds, or text such as `15m`, `8h`, `7d`. */
  readonly expiresIn: number | string;
  /** The issue time; the current time when absent. */
  readonly now?: Date;
}

export interface VerifyTokenOptions {
  readonly secret: string;
  /** The time to judge expiry by; the current time when absent. */
  readonly now?: Date;
}

/** A signed JWT for `principal`. Throws a RangeError for a principal or lifetime no server would accept. */
export async function issueToken(principal: Principal, options: IssueTokenOptions): Promise<string> {
  if (principal.agencyId.trim() === '') throw new RangeError('A token must name an agency');
  if (!isRole(principal.role)) throw new RangeError(`Unknown role ${JSON.stringify(principal.role)}`);
  if (principal.practitionerRef !== undefined && principal.practitionerRef.trim() === '') throw new RangeError('A practitioner reference must not be empty');
  const lifetime = typeof options.expiresIn === 'number' ? options.expiresIn : parseLifetime(options.expiresIn);
  if (lifetime === undefined || !Number.isInteger(lifetime) || lifetime <= 0) {
    throw new RangeError(`A token lifetime must be a positive number of seconds or text such as 15m, 8h, 7d (got ${JSON.stringify(options.expiresIn)})`);
  }
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const claims: PrincipalClaims = {
    agency: principal.agencyId,
    role: principal.role,
    ...(principal.practitionerRef !== undefined ? { practitionerRef: principal.practitionerRef } : {}),
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    // Practitioner refs are unique only inside their agency, hence the agency prefix.
    .setSubject(`${principal.agencyId}/${principal.practitionerRef ?? principal.role}`)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuer(TOKEN_ISSUER)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetime)
    .sign(keyOf(options.secret));
}

/**
 * The principal a token speaks for, or a `TokenRejected` saying why not. The signature is checked
 * before any claim, so an unsigned or forged token learns nothing about what else is wrong with it.
 */
export async function verifyToken(token: string, options: VerifyTokenOptions): Promise<Principal> {
  return (await verifyClaims(token, options)).principal;
}

interface Accepted {
  readonly principal: Principal;
  /** Seconds since the epoch, tolerance included: the window in which the full check would accept it again. */
  readonly notBefore: number;
  readonly notAfter: number;
}

async function verifyClaims(token: string, options: VerifyTokenOptions): Promise<Accepted> {
  let payload: PrincipalClaims;
  try {
    ({ payload } = await jwtVerify<PrincipalClaims>(token, keyOf(options.secret), {
      algorithms: [ALGORITHM],
      audience: TOKEN_AUDIENCE,
      issuer: TOKEN_ISSUER,
      requiredClaims: ['sub', 'iat', 'exp'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: options.now,
    }));
  } catch (error) {
    throw rejectionFor(error);
  }
  return {
    principal: principalFrom(payload),
    notBefore: (payload.nbf ?? Number.NEGATIVE_INFINITY) - CLOCK_TOLERANCE_SECONDS,
    notAfter: (payload.exp as number) + CLOCK_TOLERANCE_SECONDS,
  };
}

/**
 * Verifies bearer tokens for a server, remembering those it accepted until they expire. A client
 * sends the same token with every request, and checking its signature again each time was a
 * tenth of the cost of a small write. Only the exact token text is remembered, so a token that
 * differs by one character (a tampered one) gets the full check; the times are checked on every use.
 */
export class TokenVerifier {
  private readonly accepted = new LRUCache<string, Accepted>({ max: 10_000 });

  constructor(
    private readonly secret: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async verify(token: string): Promise<Principal> {
    const now = this.clock();
    const seconds = now.getTime() / 1000;
    const known = this.accepted.get(token);
    if (known && seconds >= known.notBefore && seconds < known.notAfter) return known.principal;
    if (known) this.accepted.delete(token);
    const accepted = await verifyClaims(token, { secret: this.secret, now });
    this.accepted.set(token, accepted);
    return accepted.principal;
  }
}

function principalFrom(claims: PrincipalClaims): Principal {
  const { agency, role, practitionerRef } = claims;
  if (typeof agency !== 'string' || agency.trim() === '') throw TokenRejected.agencyMissing();
  if (typeof role !== 'string' || !isRole(role)) throw TokenRejected.roleUnknown();
  if (practitionerRef === undefined) return { agencyId: agency, role };
  if (typeof practitionerRef !== 'string' || practitionerRef.trim() === '') throw TokenRejected.invalid('the practitionerRef claim must be a non-empty string');
  return { agencyId: agency, role, practitionerRef };
}

function rejectionFor(error: unknown): unknown {
  // JWTExpired is a JWTClaimValidationFailed too, so it is asked first.
  if (error instanceof errors.JWTExpired) return TokenRejected.expired();
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'exp':
        return error.reason === 'missing' ? TokenRejected.expiryMissing() : TokenRejected.invalid('the exp claim is not acceptable');
      case 'aud':
        return TokenRejected.audienceInvalid();
      case 'iss':
        return TokenRejected.issuerInvalid();
      case 'nbf':
        return TokenRejected.notYetValid();
      default:
        return TokenRejected.invalid(`the ${error.claim} claim is ${error.reason === 'missing' ? 'missing' : 'not acceptable'}`);
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return TokenRejected.algorithmRefused();
  if (error instanceof errors.JWSSignatureVerificationFailed) return TokenRejected.signatureInvalid();
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return TokenRejected.malformed();
  if (error instanceof errors.JOSENotSupported) return TokenRejected.invalid('it uses a JOSE feature this server does not support');
  // Not the token's fault (a broken key, say): let it surface as a server error.
  return error;
}

const keys = new Map<string, KeyObject>();

/** The key object for a secret, made once: jose would otherwise import the raw bytes on every call. */
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size >= 8) keys.clear();
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}
