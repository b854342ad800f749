import { SCHEMA_VERSIONS, UnknownSchemaVersion, UpcasterRegistry, upcast, type Upcaster } from './upcasting';

/** A made-up type whose shape changed twice: v1 {name}, v2 {name, kind}, v3 {fullName, kind}. */
const toV2: Upcaster = { type: 'Thing', from: 1, up: (data) => ({ ...(data as object), kind: 'unknown' }) };
const toV3: Upcaster = {
  type: 'Thing',
  from: 2,
  up: (data) => {
    const { name, ...rest } = data as { name: string; kind: string };
    return { ...rest, fullName: name };
  },
};

describe(UpcasterRegistry.name, () => {
  const sut = new UpcasterRegistry({ Thing: 3, Other: 1 }, [toV3, toV2]);

  it('runs the upcasters in sequence from the stored version to the latest', () => {
    expect(sut.upcast({ type: 'Thing', schemaVersion: 1, data: { name: 'a' } })).toEqual({ type: 'Thing', schemaVersion: 3, data: { fullName: 'a', kind: 'unknown' } });
    expect(sut.upcast({ type: 'Thing', schemaVersion: 2, data: { name: 'b', kind: 'x' } })).toEqual({ type: 'Thing', schemaVersion: 3, data: { fullName: 'b', kind: 'x' } });
  });

  it('returns an event already at the latest version, and one of a type it does not know, untouched', () => {
    const latest = { type: 'Thing', schemaVersion: 3, data: { fullName: 'c', kind: 'y' } };
    const foreign = { type: 'CaseOpened', schemaVersion: 7, data: {} };
    expect(sut.upcast(latest)).toBe(latest);
    expect(sut.upcast(foreign)).toBe(foreign);
  });

  it.each([
    ['a version newer than this build reads', 4, /Thing version 4 is newer than this build reads \(up to version 3\)/],
    ['a version that never existed', 0, /Thing version 0 is not a version this build knows \(1 to 3\)/],
    ['a version that is not a number', Number.NaN, /not a version this build knows/],
  ])('refuses %s with a clear error', (_label, schemaVersion, message) => {
    const read = () => sut.upcast({ type: 'Thing', schemaVersion, data: {} });
    expect(read).toThrow(UnknownSchemaVersion);
    expect(read).toThrow(message);
    expect(() => sut.upcast({ type: 'Thing', schemaVersion, data: {} })).toThrow(expect.objectContaining({ code: 'EVENT.SCHEMA_VERSION.UNKNOWN' }));
  });

  it.each<[string, Record<string, number>, Upcaster[], RegExp]>([
    ['a gap in a chain', { Thing: 3 }, [toV3], /No upcaster of Thing from version 1 to 2/],
    ['two upcasters of one step', { Thing: 3 }, [toV2, toV2, toV3], /Two upcasters of Thing from version 1/],
    ['an upcaster past the latest version', { Thing: 2 }, [toV2, toV3], /leads past its latest version/],
    ['an upcaster of a type with no latest version', {}, [toV2], /leads past its latest version \(none\)/],
  ])('is refused when built with %s', (_label, latest, upcasters, message) => {
    expect(() => new UpcasterRegistry(latest, upcasters)).toThrow(message);
  });
});

describe('the event vocabulary', () => {
  it('has a complete chain to every latest version (building the registry would have thrown otherwise)', () => {
    expect(SCHEMA_VERSIONS.InformationShared).toBe(2);
    expect(upcast({ type: 'ContactRecorded', schemaVersion: 1, data: {} })).toEqual({ type: 'ContactRecorded', schemaVersion: 1, data: {} });
  });

  it('refuses an InformationShared from a future build', () => {
    expect(() => upcast({ type: 'InformationShared', schemaVersion: 3, data: {} })).toThrow(UnknownSchemaVersion);
  });
});
