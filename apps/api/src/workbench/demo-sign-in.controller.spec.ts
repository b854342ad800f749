import type { CasetrailConfig } from '@casetrail/config';
import type { EventStore } from '@casetrail/event-store';
import type { DataSource } from 'typeorm';
import { DemoSignInController } from './demo-sign-in.controller';

/** Refusals happen before the store or the read models are touched, so these stand in for them unused. */
const untouched = new Proxy({}, { get: () => { throw new Error('the store must not be touched'); } });

function controller(demoSignIn: boolean): DemoSignInController {
  const config = { demoSignIn, store: { kind: 'embedded' } } as unknown as CasetrailConfig;
  return new DemoSignInController(config, 'a-test-secret-of-at-least-32-characters', untouched as EventStore, untouched as DataSource);
}
const from = (remoteAddress: string) => ({ socket: { remoteAddress } });

describe('the demo sign-in', () => {
  it.each(['192.0.2.10', '10.0.0.7', 'fd00::2', '::ffff:192.0.2.10'])('refuses a caller that is not on this machine (%s), whatever it asks', async (address) => {
    const sut = controller(true);
    for (const call of [() => sut.principals(from(address)), () => sut.token({ agency: 'syn-police', role: 'practitioner' }, from(address)), () => sut.load(from(address))]) {
      await expect(call()).rejects.toMatchObject({ code: 'DEMO_SIGN_IN.REMOTE.FORBIDDEN' });
    }
  });

  it('answers 404 when it is off, before looking at the caller', async () => {
    await expect(controller(false).principals(from('127.0.0.1'))).rejects.toMatchObject({ code: 'DEMO_SIGN_IN.NOT_FOUND' });
  });

  it('lets a loopback caller through to the question itself', async () => {
    // A bad request is judged after the caller: the refusal names the field, not the address.
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      await expect(controller(true).token({ role: 'practitioner' }, from(address))).rejects.toMatchObject({ code: 'DEMO_SIGN_IN.REQUEST.INVALID', field: 'agency' });
    }
  });
});
