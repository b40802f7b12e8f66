/**
 * PingOne's own OpenAPI subsets (management API from the Go SDK behind the
 * Terraform provider; per-status error schemas from pingone-go-client), read
 * from SPEC_DIR next to the repository (third-party data, never copied in)
 * and compiled with Ajv so wire traffic can be checked against them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export const SPEC_DIR = path.resolve(__dirname, '../../../../shared/reference/pingone-openapi');
const MANAGEMENT = path.join(SPEC_DIR, 'pingone-management.subset.json');
const ERRORS = path.join(SPEC_DIR, 'pingone-errors.subset.json');

export function specAvailable(): boolean {
  return existsSync(MANAGEMENT) && existsSync(ERRORS);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- OpenAPI documents are walked generically
type Json = any;

export interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  queryParameters: Set<string>;
  requestSchema?: string;
  responseSchemas: Map<number, string>;
}

const APP_SCHEMAS = [
  'ApplicationSAML',
  'ApplicationOIDC',
  'ApplicationWSFED',
  'ApplicationExternalLink',
  'ApplicationPingOnePortal',
  'ApplicationPingOneSelfService',
  'ApplicationPingOneAdminConsole',
];
const ROLE_SCHEMAS = ['Role', 'UserApplicationRoleAssignment', 'CustomAdminRole'];
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * The spec's `oneOf` lists of applications and roles have no discriminator,
 * and their members share every required field, so a plain `oneOf` matches
 * several and fails. The Go SDK picks the member by `protocol` and `type`
 * (its UnmarshalJSON); the same choice is written here as if/then. Roles: a
 * `CUSTOM` role is a CustomAdminRole, any other a built-in Role.
 */
const APPLICATION_BY_PROTOCOL = {
  allOf: [
    { if: { required: ['protocol'], properties: { protocol: { const: 'SAML' } } }, then: ref('ApplicationSAML') },
    { if: { required: ['protocol'], properties: { protocol: { const: 'WS_FED' } } }, then: ref('ApplicationWSFED') },
    { if: { required: ['protocol'], properties: { protocol: { const: 'EXTERNAL_LINK' } } }, then: ref('ApplicationExternalLink') },
    {
      if: { required: ['protocol', 'type'], properties: { protocol: { const: 'OPENID_CONNECT' }, type: { const: 'PING_ONE_PORTAL' } } },
      then: ref('ApplicationPingOnePortal'),
    },
    {
      if: {
        required: ['protocol', 'type'],
        properties: { protocol: { const: 'OPENID_CONNECT' }, type: { const: 'PING_ONE_SELF_SERVICE' } },
      },
      then: ref('ApplicationPingOneSelfService'),
    },
    {
      if: {
        required: ['protocol', 'type'],
        properties: { protocol: { const: 'OPENID_CONNECT' }, type: { const: 'PING_ONE_ADMIN_CONSOLE' } },
      },
      then: ref('ApplicationPingOneAdminConsole'),
    },
    {
      if: {
        required: ['protocol'],
        properties: {
          protocol: { const: 'OPENID_CONNECT' },
          type: { not: { enum: ['PING_ONE_PORTAL', 'PING_ONE_SELF_SERVICE', 'PING_ONE_ADMIN_CONSOLE'] } },
        },
      },
      then: ref('ApplicationOIDC'),
    },
    ref('Application'),
  ],
};
const ROLE_BY_TYPE = {
  if: { required: ['type'], properties: { type: { const: 'CUSTOM' } } },
  then: ref('CustomAdminRole'),
  else: ref('Role'),
};

function sameMembers(oneOf: Json[], names: string[]): boolean {
  const refs = oneOf.map((m) => m.$ref);
  return refs.length === names.length && names.every((n) => refs.includes(`#/components/schemas/${n}`));
}

/** `oneOf: [SomeEnum, {type: string}]`: "a known value or any string" (e.g. Environment.region). */
function isEnumOrAnyString(oneOf: Json[]): boolean {
  return oneOf.length === 2 && oneOf.some((m) => m.$ref) && oneOf.some((m) => m.type === 'string' && Object.keys(m).length === 1);
}

/**
 * Replaces the undiscriminated oneOfs (see above), and reads "an enum or any
 * string" as anyOf (a known value matches both members, so oneOf would refuse
 * every known value). Everything else is PingOne's text as published.
 */
function discriminate(node: Json): Json {
  if (Array.isArray(node)) return node.map(discriminate);
  if (!node || typeof node !== 'object') return node;
  if (Array.isArray(node.oneOf) && isEnumOrAnyString(node.oneOf)) {
    const { oneOf, ...rest } = node;
    return { ...rest, anyOf: oneOf };
  }
  if (Array.isArray(node.oneOf) && sameMembers(node.oneOf, APP_SCHEMAS)) return { ...APPLICATION_BY_PROTOCOL };
  if (Array.isArray(node.oneOf) && sameMembers(node.oneOf, ROLE_SCHEMAS)) return { ...ROLE_BY_TYPE };
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, discriminate(v)]));
}

function jsonSchemaOf(content: Json): Json | undefined {
  const media = content?.['application/json'] ?? content?.['*/*'];
  return media?.schema;
}

export class PingOneSpec {
  readonly operations: Operation[] = [];
  private readonly ajv = new Ajv({
    // OpenAPI adds keywords JSON Schema does not know (`example`, `x-…`): not errors.
    strict: false,
    allErrors: true,
  });
  private readonly validators = new Map<string, ValidateFunction>();
  private inlineSchemas = 0;
  private readonly management: Json;

  constructor() {
    addFormats(this.ajv);
    this.management = discriminate(JSON.parse(readFileSync(MANAGEMENT, 'utf8')));
    this.ajv.addSchema(this.management, 'management');
    this.ajv.addSchema(JSON.parse(readFileSync(ERRORS, 'utf8')), 'errors');
    for (const [template, item] of Object.entries<Json>(this.management.paths)) {
      const shared = item.parameters ?? [];
      for (const method of ['get', 'post', 'put', 'delete', 'patch']) {
        const op = item[method];
        if (!op) continue;
        const params: Json[] = [...shared, ...(op.parameters ?? [])];
        const responseSchemas = new Map<number, string>();
        for (const [status, response] of Object.entries<Json>(op.responses ?? {})) {
          const schema = jsonSchemaOf(response.content);
          if (schema) responseSchemas.set(Number(status), this.register(schema));
        }
        const requestSchema = jsonSchemaOf(op.requestBody?.content);
        this.operations.push({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
          queryParameters: new Set(params.filter((p) => p.in === 'query').map((p) => p.name as string)),
          requestSchema: requestSchema ? this.register(requestSchema) : undefined,
          responseSchemas,
        });
      }
    }
  }

  /** An inline or referenced schema, compiled in the management document's scope. */
  private register(schema: Json): string {
    if (schema.$ref) return `management${schema.$ref}`;
    const name = `x-inline-${this.inlineSchemas++}`;
    this.management.components.schemas[name] = schema;
    this.ajv.removeSchema('management');
    this.ajv.addSchema(this.management, 'management');
    return `management#/components/schemas/${name}`;
  }

  find(method: string, apiPath: string): Operation | undefined {
    return this.operations.find((o) => o.method === method && o.pattern.test(apiPath));
  }

  /** Ajv's error list as short lines, or [] when `value` conforms. */
  check(schemaId: string, value: unknown): string[] {
    let validate = this.validators.get(schemaId);
    if (!validate) {
      validate = this.ajv.getSchema(schemaId);
      if (!validate) throw new Error(`no schema ${schemaId}`);
      this.validators.set(schemaId, validate);
    }
    return validate(value)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
  }

  /** The per-status error schema of pingone-go-client for a status, if it has one. */
  errorSchemaFor(status: number): string | undefined {
    const names: Record<number, string> = {
      400: 'BadRequestError',
      401: 'UnauthorizedError',
      403: 'ForbiddenError',
      404: 'NotFoundError',
      415: 'UnsupportedMediaTypeError',
      429: 'TooManyRequestsError',
      500: 'InternalServerError',
      502: 'GeneralError',
      503: 'GeneralError',
    };
    return names[status] ? `errors#/components/schemas/${names[status]}` : undefined;
  }

  /** Top-level properties a request must not carry: those the spec marks readOnly. */
  readOnlyProperties(schemaId: string, body: Json): string[] {
    const schema = this.resolve(schemaId.replace(/^management/, ''), body);
    return Object.keys(body ?? {}).filter((key) => this.propertiesOf(schema).get(key)?.readOnly === true);
  }

  private resolve(pointer: string, body: Json): Json {
    let node: Json = this.management;
    for (const part of pointer.replace(/^#\//, '').split('/')) node = node?.[part];
    if (node === APPLICATION_BY_PROTOCOL || node?.allOf?.[0]?.if) {
      const protocol = body?.protocol;
      const name =
        protocol === 'SAML'
          ? 'ApplicationSAML'
          : protocol === 'WS_FED'
            ? 'ApplicationWSFED'
            : protocol === 'EXTERNAL_LINK'
              ? 'ApplicationExternalLink'
              : 'ApplicationOIDC';
      return this.management.components.schemas[name];
    }
    return node;
  }

  private propertiesOf(schema: Json): Map<string, Json> {
    const out = new Map<string, Json>();
    const visit = (s: Json) => {
      if (!s) return;
      if (s.$ref) return visit(this.resolve(s.$ref, undefined));
      for (const [k, v] of Object.entries<Json>(s.properties ?? {})) out.set(k, v.$ref ? { ...this.resolve(v.$ref, undefined), ...v } : v);
      for (const part of s.allOf ?? []) visit(part);
    };
    visit(schema);
    return out;
  }
}
