import assert from 'node:assert/strict';
import { REDACTED, Redactor, redactText, redactingLogger } from '../../../src/pingone';
import { RecordingLogger } from './helpers';

describe('pingone: redaction', () => {
  it('removes bearer and basic credentials from text', () => {
    const out = redactText('Authorization: Bearer abc.def-ghi and Basic dXNlcjpwYXNz');
    assert.ok(!out.includes('abc.def-ghi'));
    assert.ok(!out.includes('dXNlcjpwYXNz'));
  });

  it('removes client_secret and tokens from form bodies and query strings', () => {
    const out = redactText('grant_type=client_credentials&client_id=abc&client_secret=s3cr3t-Value&x=1 access_token=tok123');
    assert.equal(out, `grant_type=client_credentials&client_id=abc&client_secret=${REDACTED}&x=1 access_token=${REDACTED}`);
  });

  it('removes secrets from JSON text and JWT-shaped strings', () => {
    const out = redactText('{"secret":"vgUZQTEvg0Zzq6WxMlBN.TD","previous":{"secret":"9ZZd0Ih4"},"access_token":"x","clientSecret":"y","name":"ok"} eyJhbGciOi.eyJzdWIiOiIx.sig_part');
    assert.ok(!/vgUZ|9ZZd|"x"|"y"|eyJhbGci/.test(out), out);
    assert.match(out, /"name":"ok"/);
  });

  it('blanks sensitive keys in structured fields, keeps the rest', () => {
    const r = new Redactor();
    const out = r.redactValue({ headers: { authorization: 'Bearer zzz', accept: 'json' }, clientSecret: 'abc', nested: [{ token: 't' }], count: 3, enabled: true }) as {
      headers: Record<string, string>;
      clientSecret: string;
      nested: { token: string }[];
      count: number;
    };
    assert.equal(out.headers.authorization, REDACTED);
    assert.equal(out.headers.accept, 'json');
    assert.equal(out.clientSecret, REDACTED);
    assert.equal(out.nested[0].token, REDACTED);
    assert.equal(out.count, 3);
  });

  it('removes registered secret values wherever they appear', () => {
    const r = new Redactor();
    r.addSecret('opaque-value-123');
    assert.equal(r.redactText('oops: opaque-value-123 leaked'), `oops: ${REDACTED} leaked`);
    assert.deepEqual(r.redactValue({ note: 'x opaque-value-123' }), { note: `x ${REDACTED}` });
  });

  it('the redacting logger scrubs messages and fields before they reach the sink', () => {
    const sink = new RecordingLogger();
    const r = new Redactor();
    r.addSecret('very-secret-value');
    const log = redactingLogger(sink, r);
    const secret = 'very-secret-value';
    log.info(`sent client_secret=${secret}`, { authorization: 'Bearer abc', body: 'very-secret-value', error: new Error('token very-secret-value') });
    assert.ok(!sink.text().includes('very-secret-value'));
    assert.ok(!sink.text().includes('Bearer abc'));
  });
});
