import { isRole, mayWriteAs, type Principal } from './principal';

describe(mayWriteAs.name, () => {
  const practitioner: Principal = { agencyId: 'police-north', role: 'practitioner' };
  it.each<[string, Principal, string, boolean]>([
    ['its own agency', practitioner, 'police-north', true],
    ['another agency', practitioner, 'health-east', false],
    ['a reviewer, even of its own agency', { agencyId: 'police-north', role: 'reviewer' }, 'police-north', false],
    ['a leader', { agencyId: 'police-north', role: 'leader' }, 'police-north', false],
  ])('a practitioner writing as %s: %s', (_label, principal, agency, expected) => {
    expect(mayWriteAs(principal, agency)).toBe(expected);
  });

  it('knows the four roles only', () => {
    expect(['practitioner', 'reviewer', 'leader', 'administrator'].every(isRole)).toBe(true);
    expect(isRole('superuser')).toBe(false);
  });
});
