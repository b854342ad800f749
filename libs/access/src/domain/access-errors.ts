import type { Role } from './principal';

/**
 * Why a bearer token was refused, one stable code per reason so a client (or an operator reading
 * the logs) can tell an expired session from a forged token without parsing prose.
 */
export const TOKEN_REJECTION_CODES = [
  'AUTH.TOKEN_MISSING',
  'AUTH.TOKEN_MALFORMED',
  'AUTH.TOKEN_ALGORITHM_REFUSED',
  'AUTH.TOKEN_SIGNATURE_INVALID',
  'AUTH.TOKEN_AUDIENCE_INVALID',
  'AUTH.TOKEN_ISSUER_INVALID',
  'AUTH.TOKEN_EXPIRED',
  'AUTH.TOKEN_EXPIRY_MISSING',
  'AUTH.TOKEN_NOT_YET_VALID',
  'AUTH.TOKEN_AGENCY_MISSING',
  'AUTH.TOKEN_ROLE_UNKNOWN',
  'AUTH.TOKEN_INVALID',
] as const;
export type TokenRejectionCode = (typeof TOKEN_REJECTION_CODES)[number];

/**
 * The caller could not be identified. Messages never quote the token or its claims: a token
 * pasted into the wrong place is still a credential.
 */
export class TokenRejected extends Error {
  constructor(
    readonly code: TokenRejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'TokenRejected';
  }

  static missing(): TokenRejected {
    return new TokenRejected('AUTH.TOKEN_MISSING', 'This request needs a bearer token (Authorization: Bearer <token>).');
  }

  static malformed(): TokenRejected {
    return new TokenRejected('AUTH.TOKEN_MALFORMED', 'The bearer token is not a well-formed JWT.');
  }

  static algorithmRefused(): TokenRejected {
    return new TokenRejected('AUTH.TOKEN_ALGORITHM_REFUSED', 'The bearer token is not signed with the algorithm this server accepts.');
  }

  static signatureInvalid(): TokenRejected {
    return new TokenRejected('AUTH.TOKEN_SIGNATURE_INVALID', 'The bearer token’s signature does not verify.');
  }

  static audienceInvalid(): TokenRejected {
    return new TokenRejected('AUTH.TOKEN_AUDIENCE_INVALID', 'The bearer token was not issued for Casetrail.');
  }

  static issuerInvalid(): TokenRejected {
    return new TokenRejected('AUTH.TOKEN_ISSUER_INVALID', 'The bearer token was not issued by Casetrail.');
  }

  static expired(): TokenRejected {
    return new TokenRejected('AUTH.TOKEN_EXPIRED', 'The bearer token has expired.');
  }

  /** A token without `exp` would be a credential for ever: leaked once, it could never be withdrawn short of changing the key. */
  static expiryMissing(): TokenRejected {
    return new TokenRejected('AUTH.TOKEN_EXPIRY_MISSING', 'The bearer token has no expiry time; tokens without one are refused.');
  }

  static notYetValid(): TokenRejected {
    return new TokenRejected('AUTH.TOKEN_NOT_YET_VALID', 'The bearer token is not valid yet.');
  }

  static agencyMissing(): TokenRejected {
    return new TokenRejected('AUTH.TOKEN_AGENCY_MISSING', 'The bearer token names no agency.');
  }

  static roleUnknown(): TokenRejected {
    return new TokenRejected('AUTH.TOKEN_ROLE_UNKNOWN', 'The bearer token carries no role this server knows.');
  }

  static invalid(reason: string): TokenRejected {
    return new TokenRejected('AUTH.TOKEN_INVALID', `The bearer token is invalid: ${reason}.`);
  }
}

/** The caller is known but may not do this. */
export class AccessDenied extends Error {
  readonly code = 'AUTH.ROLE_NOT_ALLOWED';

  constructor(message: string) {
    super(message);
    this.name = 'AccessDenied';
  }

  static forRole(role: Role, allowed: readonly Role[]): AccessDenied {
    return new AccessDenied(`This needs the role ${allowed.join(' or ')}; the caller is a ${role}.`);
  }
}
