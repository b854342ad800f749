import { v5 as uuidv5, validate, version } from 'uuid';
import { EVENT_ID_NAMESPACE, eventIdFor } from './event-ids';

describe('eventIdFor', () => {
  it.each([
    ['entry-police-north:P-001', 'ConcernRecorded', 'police-north:P-001'],
    ['subject-subj-demo-child-01', 'PersonRegistered', 'subj-demo-child-01'],
    ['entry-école:Ünïcødé/1', 'ContactRecorded', 'école:Ünïcødé/1'],
    ['', '', ''],
  ])('is the RFC 9562 version 5 UUID of stream/type/key (%s)', (stream, type, key) => {
    const id = eventIdFor(stream, type, key);
    expect(id).toBe(uuidv5(`${stream}/${type}/${key}`, EVENT_ID_NAMESPACE));
    expect(validate(id) && version(id)).toBe(5);
  });

  it('differs when any part differs', () => {
    const ids = new Set([eventIdFor('s', 't', 'k'), eventIdFor('s', 't', 'k2'), eventIdFor('s', 't2', 'k'), eventIdFor('s2', 't', 'k')]);
    expect(ids.size).toBe(4);
  });
});
