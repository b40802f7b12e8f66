/**
 * What the commands do with the connection's own worker's permissions, checked
 * before anything changes (PingOne Platform API docs, Built-in Admin Roles:
 * "Can Assign", and the rule that an actor cannot read a worker's secret once
 * that worker holds permissions the actor lacks). Plain functions over a
 * prompter, so the decisions are unit-tested in Node.
 */
import type { CreateWorkerAppOrder, CreateWorkerAppPlan } from '../pingone/permissions';
import type { RoleAssignmentCheck } from '../pingone/permissions';
import type { Prompter } from '../ui/prompter';

export const CREATE_WITHOUT_ROLES = 'Create Without Roles';
export const COPY_SECRET_FIRST = 'Copy Client Secret, Then Assign';
export const ASSIGN_ANYWAY = 'Assign';

/** Go ahead in this order, with these roles (none when the user chose to create without them). */
export interface CreateDecision {
  order: CreateWorkerAppOrder;
  withoutRoles: boolean;
}

/**
 * Before Create Worker App. A plan that cannot proceed is shown and nothing is
 * created; when only role assignments stand in the way, the user may create
 * the app without them. Otherwise any notes are shown and the workflow goes on.
 */
export async function decideCreate(prompter: Prompter, plan: CreateWorkerAppPlan, roleCount: number): Promise<CreateDecision | undefined> {
  const text = plan.messages.join(' ');
  if (!plan.proceed) {
    const onlyRoles = roleCount > 0 && plan.problems.length > 0 && plan.problems.every((p) => p.roleName);
    const action = await prompter.error(text, {}, ...(onlyRoles ? [CREATE_WITHOUT_ROLES] : []));
    // Without roles nothing can hide the secret, so the usual order is safe.
    return action === CREATE_WITHOUT_ROLES ? { order: 'roles-then-secret', withoutRoles: true } : undefined;
  }
  // Not awaited: a note without actions must not hold the workflow until it is dismissed.
  if (text) void (plan.checked ? prompter.info(text) : prompter.warn(text));
  return { order: plan.order, withoutRoles: false };
}

/**
 * Before Assign Role. False: refused (shown) or the user backed out. When the
 * role would hide the app's secret from the connection's worker, the user can
 * copy the secret first (`copySecret`), which is then impossible afterwards.
 */
export async function decideAssignRole(
  prompter: Prompter,
  check: RoleAssignmentCheck & { checked: boolean; message?: string },
  copySecret: () => Promise<void>
): Promise<boolean> {
  if (!check.allowed) {
    await prompter.error(check.message ?? "The connection's worker may not assign this role.");
    return false;
  }
  if (check.hidesSecret) {
    const action = await prompter.warn(check.message ?? '', { modal: true }, COPY_SECRET_FIRST, ASSIGN_ANYWAY);
    if (action === COPY_SECRET_FIRST) await copySecret();
    return action === COPY_SECRET_FIRST || action === ASSIGN_ANYWAY;
  }
  if (!check.checked && check.message) void prompter.warn(check.message);
  return true;
}
