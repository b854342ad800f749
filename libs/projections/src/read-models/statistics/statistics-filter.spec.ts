import { DomainError } from '@casetrail/domain';
import { checkStatisticsFilter } from './statistics-filter';

function failure(query: Record<string, unknown>): { code: string; field?: string } {
  try {
    checkStatisticsFilter(query);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, field: error.field };
  }
  throw new Error('expected a DomainError');
}

describe(checkStatisticsFilter.name, () => {
  it('keeps a period and an agency, and drops empty parameters', () => {
    expect(checkStatisticsFilter({ from: '2024-01-01', to: '2024-12-31', agency: 'police-north' })).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
      agency: 'police-north',
    });
    expect(checkStatisticsFilter({ from: '', agency: '' })).toEqual({});
    expect(checkStatisticsFilter({})).toEqual({});
  });

  it.each([
    [{ from: '2024-13-01' }, 'from'],
    [{ from: '2024-02-30' }, 'from'],
    [{ to: '31/12/2024' }, 'to'],
    [{ to: '2024-12-31T00:00:00Z' }, 'to'],
    [{ from: ['2024-01-01', '2024-02-01'] }, 'from'],
    [{ from: '2024-06-01', to: '2024-01-01' }, 'from'],
    [{ agency: ['a', 'b'] }, 'agency'],
    [{ agency: 'Police North' }, 'agency'],
  ])('refuses %j naming the field %s', (query, field) => {
    expect(failure(query)).toEqual({ code: 'STATISTICS.FILTER.INVALID', field });
  });
});
