// Details of the three reports a pipeline reads (text, JSON, SARIF 2.1.0 §3.30
// "region"), and the order files are reported in, whatever order the file
// system lists a folder in.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import type { CliFs } from '../../../src/cli/main';
import { renderSarif } from '../../../src/cli/output';
import { scanFile } from '../../../src/usernames/scan';
import type { Finding } from '../../../src/usernames/types';
import { SAMPLES, fileTree, runCaptured } from './helpers';

describe('pingone-sync-lint report details', () => {
  let tree: ReturnType<typeof fileTree>;
  before(() => {
    tree = fileTree({
      'one/w.csv': SAMPLES.warningCsv,
      'info/i.ldif': SAMPLES.infoLdif,
      'order/b.csv': SAMPLES.warningCsv,
      'order/c.ldif': SAMPLES.cleanLdif,
      'order/a.csv': SAMPLES.errorCsv,
      'order/d/e.csv': SAMPLES.cleanCsv,
    });
  });
  after(() => tree.remove());
  const run = (argv: string[], fsx?: CliFs) => runCaptured(argv, tree.dir, fsx);

  it('the text summary counts one error and one warning in the singular', async () => {
    const r = await run(['one']);
    assert.equal(r.code, 0);
    assert.match(r.out, /: 0 errors, 1 warning\n$/);
    const e = await run(['order/a.csv']);
    assert.equal(e.code, 1);
    assert.match(e.out, /: 1 error, 0 warnings\n$/);
  });

  it('JSON: info findings are neither errors nor warnings; the document ends with a newline', async () => {
    const r = await run(['--format', 'json', 'info']);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    assert.equal(json.files[0].findings[0].severity, 'info');
    assert.deepEqual(json.summary, { files: 1, entries: 1, errors: 0, warnings: 0 });
    assert.ok(r.out.endsWith('}\n'));
  });

  it('files of a folder are reported in name order, whatever order the file system lists them in', async () => {
    const reversed: CliFs = {
      stat: (p) => fs.stat(p),
      readdir: async (dir) => (await fs.readdir(dir, { withFileTypes: true })).sort((x, y) => (x.name < y.name ? 1 : -1)),
      scanFile,
    };
    const shuffled: CliFs = {
      ...reversed,
      // c, a, d, b: neither sorted nor reversed.
      readdir: async (dir) => {
        const items = await fs.readdir(dir, { withFileTypes: true });
        const rank = (name: string) => ['c.ldif', 'a.csv', 'd', 'b.csv'].indexOf(name);
        return items.sort((x, y) => rank(x.name) - rank(y.name));
      },
    };
    for (const fsx of [reversed, shuffled]) {
      const r = await run(['--format', 'json', 'order'], fsx);
      assert.deepEqual(
        JSON.parse(r.out).files.map((f: { path: string }) => f.path),
        ['order/a.csv', 'order/b.csv', 'order/c.ldif', 'order/d/e.csv']
      );
    }
  });

  it('SARIF regions: a range over several lines keeps its end column; only an empty range on one line is widened', () => {
    const finding = (range: Finding['range']): Finding =>
      ({ code: 'username-format', severity: 'warning', message: 'm', range }) as Finding;
    const regions = (range: Finding['range']) =>
      JSON.parse(renderSarif([{ path: 'a.ldif', format: 'ldif', entries: 1, findings: [finding(range)] }], '1.0.0')).runs[0].results[0]
        .locations[0].physicalLocation.region;
    assert.deepEqual(regions({ startLine: 0, startColumn: 5, endLine: 1, endColumn: 2 }), {
      startLine: 1,
      startColumn: 6,
      endLine: 2,
      endColumn: 3,
    });
    assert.deepEqual(regions({ startLine: 3, startColumn: 4, endLine: 3, endColumn: 4 }), {
      startLine: 4,
      startColumn: 5,
      endLine: 4,
      endColumn: 6,
    });
    assert.deepEqual(regions({ startLine: 3, startColumn: 4, endLine: 3, endColumn: 9 }), {
      startLine: 4,
      startColumn: 5,
      endLine: 4,
      endColumn: 10,
    });
  });

  it('SARIF: related locations are relative to %SRCROOT% too; the driver links its information page; the log ends with a newline', () => {
    const finding = {
      code: 'username-duplicate',
      severity: 'error',
      message: 'dup',
      range: { startLine: 4, startColumn: 5, endLine: 4, endColumn: 10 },
      related: [{ message: 'First use', range: { startLine: 1, startColumn: 5, endLine: 1, endColumn: 10 } }],
    } as Finding;
    const text = renderSarif([{ path: 'dir/a b.ldif', format: 'ldif', entries: 2, findings: [finding] }], '9.9.9');
    assert.ok(text.endsWith('}\n'));
    const run0 = JSON.parse(text).runs[0];
    assert.equal('informationUri' in run0.tool.driver, false, 'no made-up home page for the tool');
    assert.equal(run0.tool.driver.version, '9.9.9');
    assert.deepEqual(run0.results[0].relatedLocations, [
      {
        id: 0,
        message: { text: 'First use' },
        physicalLocation: {
          artifactLocation: { uri: 'dir/a%20b.ldif', uriBaseId: '%SRCROOT%' },
          region: { startLine: 2, startColumn: 6, endLine: 2, endColumn: 11 },
        },
      },
    ]);
  });
});
