import { decideBreakGlass, grantInForce, type BreakGlassRequest } from './break-glass';

const NOW = '2024-06-01T12:00:00.000Z';
const practitioner = { agencyId: 'health-east', role: 'practitioner', practitionerRef: 'HE-7' };
const aRequest = (overrides: Partial<BreakGlassRequest> = {}): BreakGlassRequest => ({
  grantId: 'grant-1',
  child: 'subj-child-0001',
  grantee: practitioner,
  reason: 'Child brought to ED out of hours; no lead agency reachable',
  minutes: undefined,
  now: NOW,
  correlationId: 'corr-1',
  ...overrides,
});

describe(decideBreakGlass.name, () => {
  it('grants the configured maximum when no time is asked for, recording the reason', () => {
    expect(decideBreakGlass(aRequest(), 60).data).toEqual({
      grantId: 'grant-1',
      child: 'subj-child-0001',
      grantee: practitioner,
      reason: 'Child brought to ED out of hours; no lead agency reachable',
      grantedAt: NOW,
      expiresAt: '2024-06-01T13:00:00.000Z',
      correlationId: 'corr-1',
    });
  });

  it('grants less time when asked', () => {
    expect(decideBreakGlass(aRequest({ minutes: 15 }), 60).data.expiresAt).toBe('2024-06-01T12:15:00.000Z');
  });

  it.each([
    ['no reason', { reason: undefined }, 'ACCESS.BREAK_GLASS_REASON.INVALID', 'reason'],
    ['a token reason', { reason: '  urgent  ' }, 'ACCESS.BREAK_GLASS_REASON.INVALID', 'reason'],
    ['more time than the cap', { minutes: 61 }, 'ACCESS.BREAK_GLASS_MINUTES.INVALID', 'minutes'],
    ['no time at all', { minutes: 0 }, 'ACCESS.BREAK_GLASS_MINUTES.INVALID', 'minutes'],
    ['a time that is not a whole number', { minutes: '30' }, 'ACCESS.BREAK_GLASS_MINUTES.INVALID', 'minutes'],
  ])('refuses %s', (_label, overrides, code, field) => {
    expect(() => decideBreakGlass(aRequest(overrides), 60)).toThrow(expect.objectContaining({ code, field }));
  });

  it('refuses a leader, who sees aggregates only', () => {
    const leader = { agencyId: 'council-n', role: 'leader' };
    expect(() => decideBreakGlass(aRequest({ grantee: leader }), 60)).toThrow(expect.objectContaining({ code: 'ACCESS.BREAK_GLASS_ROLE.FORBIDDEN' }));
  });
});

describe(grantInForce.name, () => {
  const grant = decideBreakGlass(aRequest({ minutes: 30 }), 60);

  it.each([
    ['its grantee, within its time', practitioner, '2024-06-01T12:29:59.000Z', true],
    ['its grantee, once it expired', practitioner, '2024-06-01T12:30:00.000Z', false],
    ['another practitioner of the same agency', { ...practitioner, practitionerRef: 'HE-8' }, '2024-06-01T12:10:00.000Z', false],
    ['the same agency in another role', { ...practitioner, role: 'administrator' }, '2024-06-01T12:10:00.000Z', false],
    ['another agency', { ...practitioner, agencyId: 'police-north' }, '2024-06-01T12:10:00.000Z', false],
  ])('lets in %s: %s', (_label, who, now, expected) => {
    expect(grantInForce(grant, who, now)).toBe(expected);
  });

  it('lets nobody in without a grant', () => {
    expect(grantInForce(undefined, practitioner, NOW)).toBe(false);
  });
});
