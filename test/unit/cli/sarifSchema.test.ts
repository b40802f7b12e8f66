import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { runCli } from '../../../src/cli/main';

// The SARIF 2.1.0 JSON schema (revision rtm.5, a JSON Schema draft-04
// document) as Microsoft's MIT-licensed @microsoft/jest-sarif ships it. It is
// read from that devDependency rather than copied into the repository: the
// OASIS TC repository that publishes the schema is governed by the OASIS IPR
// policy, not an open-source licence.
const SCHEMA = path.join(path.dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
const FIXTURES = path.resolve(__dirname, '../../fixtures/sync-files');
const REALWORLD = path.resolve(__dirname, '../../../../shared/corpus/realworld');

function validator() {
  // The schema's language pattern has a stray `]`, legal only outside Unicode mode.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
}

async function sarifOf(argv: string[], cwd: string): Promise<unknown> {
  let out = '';
  await runCli(['--format', 'sarif', ...argv], {
    stdout: {
      write: (s: string) => {
        out += s;
      },
    },
    stderr: { write: () => {} },
    cwd,
  });
  return JSON.parse(out);
}

const describeErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? [])
    .slice(0, 10)
    .map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`)
    .join('\n');

describe('pingone-sync-lint SARIF against the SARIF 2.1.0 JSON schema', () => {
  const validate = validator();

  it('the schema catches what it should (a log without runs, a result with an unknown level)', () => {
    assert.equal(validate({ version: '2.1.0' }), false);
    assert.equal(
      validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }),
      false
    );
    assert.equal(
      validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x', helpUri: 'README.md#x' } } }] }),
      false,
      'a relative helpUri is not a URI'
    );
  });

  it("the fixtures' log (errors, warnings, related locations, every rule) is valid", async () => {
    const log = (await sarifOf(['.'], FIXTURES)) as { runs: { results: { relatedLocations?: unknown[] }[] }[] };
    assert.ok(log.runs[0].results.length > 5, 'the fixtures produce results');
    assert.ok(
      log.runs[0].results.some((r) => r.relatedLocations?.length),
      'some result has related locations'
    );
    assert.ok(validate(log), describeErrors(validate.errors));
  });

  it('the log over the real-world LDIF and CSV corpus is valid', async () => {
    const log = await sarifOf(['ldif', 'csv'], REALWORLD);
    assert.ok(validate(log), describeErrors(validate.errors));
  });

  it('a log without findings is valid', async () => {
    const log = await sarifOf(['clean/ok.ldif'], FIXTURES);
    assert.ok(validate(log), describeErrors(validate.errors));
  });
});
