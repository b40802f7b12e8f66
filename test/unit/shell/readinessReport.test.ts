/**
 * The readiness report (src/flows/readinessReport.ts) is Markdown a user previews: names and other
 * text from PingOne in it must render as text. Rendered here with markdown-it, the renderer VS
 * Code's Markdown preview is built on, with raw HTML on. Linkify is off: a bare URL it would turn
 * into a link shows the URL itself, which hides nothing.
 */
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { renderReadinessMarkdown } from '../../../src/flows/readinessReport';
import { evaluateAppChecks } from '../../../src/pingone/workerApps/readiness';
import type { Application, Role, RoleAssignment } from '../../../src/pingone/models';

const md = new MarkdownIt({ html: true, linkify: false });

const HOSTILE = [
  '![pixel](https://tracker.example/p.png)',
  '[Sign in again](https://evil.example)',
  '<img src="https://tracker.example/q.png">',
  '<https://evil.example/auto>',
  'a `code` b | c',
  'line\n\n![x](https://tracker.example/r.png)',
  '[ref]\n\n[ref]: https://evil.example',
].join(' ');

function report(name: string, roleName: string) {
  const app = {
    id: 'app-1`x',
    name,
    type: `WORKER ${name}`,
    enabled: false,
    grantTypes: [name],
    tokenEndpointAuthMethod: name,
  } as unknown as Application;
  const role: Role = { id: 'r-ida', name: roleName, applicableTo: ['ENVIRONMENT'] };
  const elsewhere: RoleAssignment[] = [
    { id: 'ra', role: { id: 'r-ida' }, scope: { type: 'POPULATION', id: name } } as unknown as RoleAssignment,
  ];
  return { app, ready: false, checks: evaluateAppChecks(app, elsewhere, role, 'env-1') };
}

describe('the readiness report shows PingOne text as text', () => {
  it('a hostile app name, type, grant, auth method, role name and scope id: no link, image or HTML when rendered', () => {
    const text = renderReadinessMarkdown(report(HOSTILE, HOSTILE), { environmentId: 'env-1', connectionName: HOSTILE });
    const html = md.render(text);
    assert.doesNotMatch(html, /<a |<img|tracker\.example\/[pqr]\.png"|href=/, html);
    // Every tag in the output is one the report itself makes.
    const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]));
    for (const tag of tags)
      assert.ok(
        ['h1', 'ul', 'li', 'code', 'strong', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'p'].includes(tag),
        `<${tag}> in ${html}`
      );
    // The table keeps its five rows and four columns: no pipe from a name splits a cell.
    assert.equal((html.match(/<tr>/g) ?? []).length, 6);
    for (const row of html.split('<tr>').slice(1)) assert.equal((row.match(/<t[dh][ >]/g) ?? []).length, 4, row);
    // The name is still readable in the rendered text.
    assert.match(html, /<h1>Sync readiness: !\[pixel\]\(https:\/\/tracker\.example\/p\.png\)/);
  });

  it('an ordinary name is written as it is', () => {
    const text = renderReadinessMarkdown(report('Sync Worker (prod) v1.2 - EU', 'Identity Data Admin'), { environmentId: 'env-1' });
    assert.match(text, /^# Sync readiness: Sync Worker \(prod\) v1\.2 - EU$/m);
    assert.match(text, /^- Client ID: `app-1x`$/m);
  });
});
