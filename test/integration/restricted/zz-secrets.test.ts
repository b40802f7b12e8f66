// Runs last in the Restricted Mode window (files run in name order), after every other suite.
import { sweepForSecrets } from '../helpers/secretsSweep';

describe('Secrets sweep (Restricted Mode window)', function () {
  this.timeout(120_000);

  it('finds no secret or token anywhere it must not be', async () => {
    await sweepForSecrets();
  });
});
