import { AccessDenied } from './access-errors';
import type { Principal } from './principal';
import { requireRole } from './require-role';

describe(requireRole.name, () => {
  const practitioner: Principal = { agencyId: 'police-north', role: 'practitioner' };

  it('lets any principal through when no role is named', () => {
    expect(() => requireRole(practitioner, [])).not.toThrow();
  });

  it('lets a principal with one of the named roles through', () => {
    expect(() => requireRole(practitioner, ['reviewer', 'practitioner'])).not.toThrow();
  });

  it('refuses any other role with AUTH.ROLE_NOT_ALLOWED, naming roles only', () => {
    const act = () => requireRole(practitioner, ['administrator']);

    expect(act).toThrow(AccessDenied);
    expect(act).toThrow(expect.objectContaining({ code: 'AUTH.ROLE_NOT_ALLOWED', message: 'This needs the role administrator; the caller is a practitioner.' }));
  });
});
