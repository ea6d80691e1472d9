import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/main/core/exercise/clock';
import { SeatRuntime } from '../../src/main/core/exercise/runtime';
import { call } from '../helpers/seat';
import { tempDir } from '../helpers/tmp';

/**
 * Going into an exercise and back must not change who is signed in at the
 * seat: the person signed in on live plays the exercise as themselves and is
 * still signed in on return. A sign-in made inside the exercise store — where
 * the first sign-in registers anyone with any role — never carries into live.
 */
const EPOCH = Date.UTC(2026, 6, 14, 1, 0, 0);
const seat = { seat: 'seat-1', operator: 'tester', version: 'test' };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function open(): SeatRuntime {
  const { dir, cleanup } = tempDir('wf-ex-session-');
  cleanups.push(cleanup);
  const rt = SeatRuntime.open({ dataDir: dir, clock: new FakeClock(0), now: () => EPOCH, ...seat });
  cleanups.push(() => rt.close());
  return rt;
}

const start = { scenarioId: 'gas-explosion-old-block', seed: '3', speed: 1 };

describe('the signed-in session across an exercise', () => {
  it('the live operator stays signed in into the exercise and back to live', async () => {
    const rt = open();
    await call(rt, 'session.signIn', { operator: 'wang.li', role: 'duty_chief' });

    await call(rt, 'exercise.start', start);
    expect(rt.mode).toBe('exercise');
    expect(await call(rt, 'session.current', {})).toMatchObject({ operator: 'wang.li', role: 'duty_chief' });

    await call(rt, 'exercise.leave', {});
    expect(rt.mode).toBe('live');
    expect(await call(rt, 'session.current', {})).toMatchObject({ operator: 'wang.li', role: 'duty_chief' });
    // And acts with that role: registering an operator is the duty chief's.
    await call(rt, 'operator.save', { name: 'zhang.san', displayName: '张三', roles: ['duty_officer'] });
  });

  it('a sign-in made during the exercise does not carry into live: live comes back signed out', async () => {
    const rt = open();
    await call(rt, 'session.signIn', { operator: 'wang.li', role: 'duty_officer' });
    await call(rt, 'exercise.start', start);
    // A fresh exercise store registers whoever signs in first, with the role they ask for.
    await call(rt, 'session.signOut', {});
    await call(rt, 'session.signIn', { operator: 'trainee.zhao', role: 'duty_chief' });

    await call(rt, 'exercise.leave', {});
    expect(await call(rt, 'session.current', {})).toBeNull();
    const write = await rt.handle('operator.save', { name: 'x', displayName: 'X', roles: ['duty_chief'] });
    expect(write.ok).toBe(false);
    expect(!write.ok && write.error.code).toBe('signed_out');
  });
});
