import assert from 'node:assert/strict';
import { askRotation, describeDuration, previousSecretNote } from '../../../src/flows/rotateSecret';
import { UserCancelled } from '../../../src/ui/prompter';
import { ScriptedPrompter } from '../../integration/helpers/scriptedPrompter';

const NOW = Date.UTC(2026, 0, 15, 9, 0);

describe('Rotate Client Secret flow (Node, scripted prompts)', () => {
  it('validates the grace period inline, then confirms with its length and its end in the user’s locale', async () => {
    const p = new ScriptedPrompter([{ input: '31d' }, { input: '90m' }, { message: 'Rotate' }]);
    assert.deepEqual(await askRotation(p, 'Sync Worker', { now: () => NOW, locale: 'en-US' }), { gracePeriodMs: 90 * 60_000 });
    assert.match(String(p.asked[0].validation), /at most 30 days/);
    const confirm = p.messages('warn')[0];
    assert.match(confirm, /keeps working for 1 hour 30 minutes, until Jan 1[456], 2026/, 'a local date, not ISO');
    assert.doesNotMatch(confirm, /2026-01-15T/);
  });

  it('without a grace period says the secret stops at once', async () => {
    const p = new ScriptedPrompter([{ input: '' }, { message: 'Rotate' }]);
    assert.deepEqual(await askRotation(p, 'W'), { gracePeriodMs: undefined });
    assert.match(p.messages('warn')[0], /stops working at once/);
  });

  it('not confirming rotates nothing; Escape cancels', async () => {
    assert.equal(await askRotation(new ScriptedPrompter([{ input: '1d' }, { message: undefined }]), 'W'), false);
    await assert.rejects(askRotation(new ScriptedPrompter([{ input: undefined }]), 'W'), UserCancelled);
  });

  it('reads durations and expiries back as people write them', () => {
    assert.equal(describeDuration(60_000), '1 minute');
    assert.equal(describeDuration(7 * 86_400_000), '7 days');
    assert.equal(describeDuration(86_400_000 + 3_600_000), '1 day 1 hour');
    assert.match(previousSecretNote(new Date(NOW), 'en-US'), /works until Jan 1[456], 2026/, 'a local date, not ISO');
    assert.equal(previousSecretNote(undefined), ' The previous secret no longer works.');
  });
});
