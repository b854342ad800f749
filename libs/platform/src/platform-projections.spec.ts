import { platformProjections } from './platform-projections';

describe(platformProjections.name, () => {
  it('gives every projection a distinct name', () => {
    const names = platformProjections().map((p) => p.name);

    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('stream-catalogue');
  });

  it('feeds the stream catalogue every event type, including ones nobody listed', () => {
    const catalogue = platformProjections().find((p) => p.name === 'stream-catalogue')!;

    expect(catalogue.handles).toBe('all');
  });
});
