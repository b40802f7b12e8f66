// Reads what the browser did from the emulator's side: its control endpoint
// (request log) and its PingOne API with the sandbox's admin worker.

const TIMEOUT_MS = 10_000;

async function getJson(url, headers = {}) {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The emulator's request log (no bodies, no secrets). */
export async function emulatorRequests(emulator) {
  return (await getJson(`${emulator.baseUrl}/__emulator/requests`)).requests;
}

async function token(emulator) {
  const res = await fetch(emulator.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: emulator.clientId, client_secret: emulator.clientSecret }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`token: ${res.status} ${await res.text()}`);
  return (await res.json()).access_token;
}

async function* collection(url, name, headers) {
  for (let next = url; next;) {
    const page = await getJson(next, headers);
    yield* page._embedded?.[name] ?? [];
    next = page._links?.next?.href;
  }
}

/**
 * The application named `appName` in the environment named `environmentName`,
 * with the names of its role assignments. Throws when there is none.
 */
export async function createdApp(emulator, environmentName, appName) {
  const headers = { authorization: `Bearer ${await token(emulator)}` };
  const api = emulator.apiBaseUrl;
  let environment;
  for await (const env of collection(`${api}/environments`, 'environments', headers)) if (env.name === environmentName) environment = env;
  if (!environment) throw new Error(`the emulator has no environment "${environmentName}"`);
  const matches = [];
  for await (const app of collection(`${api}/environments/${environment.id}/applications`, 'applications', headers))
    if (app.name === appName) matches.push(app);
  if (matches.length !== 1) throw new Error(`expected one app "${appName}" in ${environmentName}, the emulator has ${matches.length}`);
  const app = matches[0];
  const roles = [];
  for await (const a of collection(
    `${api}/environments/${environment.id}/applications/${app.id}/roleAssignments`,
    'roleAssignments',
    headers
  )) {
    const role = await getJson(`${api}/roles/${a.role.id}`, headers).catch(() => ({ name: a.role.id }));
    roles.push(role.name);
  }
  return { ...app, environmentId: environment.id, roles };
}
