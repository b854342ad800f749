import { demoPrincipals, isOffered } from './demo-principals';

describe(demoPrincipals.name, () => {
  const agencies = [
    { id: 'police-north', name: 'Northshire Police' },
    { id: 'csc-north', name: "Northshire Children's Services" },
  ];

  it('offers each assigned reviewer, a practitioner of every agency, a leader and an administrator', () => {
    const sut = demoPrincipals(agencies, [{ reviewId: 'RR-1', reviewers: [{ agencyId: 'partnership' }] }]);

    expect(sut.map((p) => `${p.agency}:${p.role}`)).toEqual([
      'partnership:reviewer',
      'police-north:practitioner',
      'csc-north:practitioner',
      'partnership:leader',
      'operator:administrator',
    ]);
    expect(sut[0].label).toBe('Reviewer, partnership (assigned to RR-1)');
    expect(sut[1]).toEqual({ agency: 'police-north', agencyName: 'Northshire Police', role: 'practitioner', label: 'Practitioner, Northshire Police' });
  });

  it('names no reviewer before a review is assigned, and leads from the first agency', () => {
    const sut = demoPrincipals(agencies, []);

    expect(sut.filter((p) => p.role === 'reviewer')).toEqual([]);
    expect(sut.find((p) => p.role === 'leader')?.agency).toBe('police-north');
  });

  it('issues tokens only for the principals it offers', () => {
    const offered = demoPrincipals(agencies, []);

    expect(isOffered(offered, { agencyId: 'police-north', role: 'practitioner' })).toBe(true);
    expect(isOffered(offered, { agencyId: 'police-north', role: 'administrator' })).toBe(false);
    expect(isOffered(offered, { agencyId: 'elsewhere', role: 'practitioner' })).toBe(false);
  });
});
