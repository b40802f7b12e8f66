// Runs last in the trusted window (files run in name order), after every other suite.
import { sweepForSecrets } from '../helpers/secretsSweep';

describe('Secrets sweep (after every suite)', function () {
  this.timeout(120_000);

  it('finds no secret or token anywhere it must not be', async () => {
    await sweepForSecrets();
  });
});
