import { answered, ev, expectFlags, requested, runRule, type Scenario } from '../testing/timeline-builders';
import { declineGrounds, requestDeclined } from './request-declined';

const sut = requestDeclined;
const asked = requested('csc-c', 'probation-e', '2024-05-01', { id: 'q1', about: 'adult-1', categories: ['sexual_offence_history'] });

describe(sut.name, () => {
  it.each<Scenario>([
    [
      'declined on data-protection grounds',
      [asked, answered('probation-e', '2024-05-02', 'q1', 'declined', { id: 'a1', reason: 'data_protection' })],
      '2024-06-01',
      [
        {
          id: 'request-declined:child-1:q1',
          theme: 'information_sharing',
          agencies: ['csc-c', 'probation-e'],
          evidence: ev('q1:request', 'a1:answer'),
          at: '2024-05-02T09:00:00.000Z',
          dueBy: undefined,
          delayDays: undefined,
          missing: undefined,
          severity: 'normal',
          explanation:
            'csc-c asked probation-e for information on 2024-05-01; probation-e declined it on data-protection grounds on 2024-05-02, though these do not prevent sharing to safeguard a child.',
        },
      ],
    ],
    ['declined because consent was refused', [asked, answered('probation-e', '2024-05-02', 'q1', 'declined', { reason: 'consent_refused' })], '2024-06-01', [{ explanation: expect.stringContaining('on consent grounds') }]],
    ['declined with a free-text reason citing GDPR', [asked, answered('probation-e', '2024-05-02', 'q1', 'declined', { reason: 'Cannot share under GDPR' })], '2024-06-01', [{ explanation: expect.stringContaining('data-protection grounds') }]],
    ['declined on those grounds, and late', [asked, answered('probation-e', '2024-05-09', 'q1', 'declined', { reason: 'data_protection' })], '2024-06-01', [{ delayDays: 3, dueBy: '2024-05-06T23:59:59.999Z' }]],
    [
      'not answered within 5 days',
      [asked],
      '2024-05-07',
      [{ evidence: ev('q1:request'), at: '2024-05-06T23:59:59.999Z', missing: 'no answer from probation-e', explanation: 'csc-c asked probation-e for information on 2024-05-01; probation-e did not answer within 5 days.' }],
    ],
    ['disclosed 8 days later', [asked, answered('probation-e', '2024-05-09', 'q1', 'disclosed', { id: 'a1' })], '2024-06-01', [{ evidence: ev('q1:request', 'a1:answer'), delayDays: 3, missing: undefined }]],
    ['a shorter setting is honoured', [asked, answered('probation-e', '2024-05-04', 'q1', 'disclosed')], '2024-06-01', [{ delayDays: 1 }], { requestResponseDays: 2 }],
  ])('fires: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });

  it.each<Scenario>([
    ['disclosed in time', [asked, answered('probation-e', '2024-05-03', 'q1', 'disclosed')], '2024-06-01', []],
    ['declined in time for another reason', [asked, answered('probation-e', '2024-05-03', 'q1', 'declined', { reason: 'no record held' })], '2024-06-01', []],
    ['still within 5 days at asOf', [asked], '2024-05-06', []],
    ['a retracted request', [requested('csc-c', 'probation-e', '2024-05-01', { retracted: true })], '2024-06-01', []],
    ['a retracted decline, answered again in time', [asked, answered('probation-e', '2024-05-02', 'q1', 'declined', { reason: 'data_protection', retracted: true }), answered('probation-e', '2024-05-03', 'q1', 'disclosed', { id: 'a2' })], '2024-06-01', []],
  ])('does not fire: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });

  it.each([
    ['data_protection', 'data-protection'],
    ['consent_refused', 'consent'],
    ['Data Protection Act', 'data-protection'],
    ['no consent from mother', 'consent'],
    ['no record held', undefined],
    [undefined, undefined],
  ])('reads the reason %p as %p grounds', (reason, grounds) => {
    expect(declineGrounds(reason)).toBe(grounds);
  });
});
