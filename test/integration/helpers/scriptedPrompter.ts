import type * as vscode from 'vscode';
import {
  BACK,
  type Back,
  type InputOptions,
  type MessageOptions,
  type PickItem,
  type PickOptions,
  type ProgressOptions,
  type ProgressReporter,
  type Prompter,
} from '../../../src/ui/prompter';
import { ledger } from './secretLedger';

/** One scripted answer. Functions receive what was asked and answer it. */
export type Answer =
  | { input: string | Back | undefined | ((o: InputOptions) => string | Back | undefined) }
  | { pick: (items: PickItem<unknown>[], o: PickOptions<unknown>) => unknown | Back | undefined }
  | { pickMany: (items: PickItem<unknown>[], o: PickOptions<unknown>) => unknown[] | Back | undefined }
  | { message: string | undefined }
  | { file: vscode.Uri | undefined };

export interface Asked {
  kind: 'input' | 'pick' | 'pickMany' | 'info' | 'warn' | 'error' | 'openFile' | 'progress' | 'status';
  title: string;
  /** Everything else the prompt showed: prompts, placeholders, prefilled values, item descriptions, message details. */
  shown?: string[];
  /** Validation result of the scripted input value, when the step validates. */
  validation?: string | { warning: string };
  /** Why the step was asked again (shown as its validation message / before its placeholder). */
  problem?: string;
  items?: string[];
  actions?: string[];
}

/** Everything any ScriptedPrompter showed during the run (shared by every suite bundle), for the secret sweep at the end. */
export const everyShownText: string[] = ledger().shownTexts;

/**
 * Answers prompts from a script, in order, and records everything asked and
 * shown, so tests can drive a flow and read back its messages. An input whose
 * validation fails is recorded and the next scripted answer is tried, just as
 * a person would retype.
 */
export class ScriptedPrompter implements Prompter {
  readonly asked: Asked[] = new Proxy([] as Asked[], {
    set(target, key, value) {
      if (key !== 'length' && value && typeof value === 'object') {
        const a = value as Asked;
        everyShownText.push([a.title, ...(a.items ?? []), ...(a.actions ?? []), ...(a.shown ?? [])].join('\n'));
      }
      return Reflect.set(target, key, value);
    },
  });
  private readonly answers: Answer[];
  /** Aborts the running progress task when set (to simulate the user pressing Cancel). */
  cancelProgressWhen?: (message: string) => boolean;

  constructor(answers: Answer[] = []) {
    this.answers = [...answers];
  }

  push(...answers: Answer[]): void {
    this.answers.push(...answers);
  }

  get remaining(): number {
    return this.answers.length;
  }

  private next<K extends string>(kind: K, title: string): Answer {
    const a = this.answers.shift();
    if (!a) throw new Error(`ScriptedPrompter: no answer left for ${kind} "${title}"`);
    return a;
  }

  async input(o: InputOptions): Promise<string | Back | undefined> {
    for (;;) {
      const a = this.next('input', o.title);
      if (!('input' in a)) throw new Error(`ScriptedPrompter: expected an input answer for "${o.title}", got ${Object.keys(a)[0]}`);
      const value = typeof a.input === 'function' ? a.input(o) : a.input;
      const entry: Asked = {
        kind: 'input',
        title: o.title,
        problem: o.problem,
        shown: [o.prompt ?? '', o.placeholder ?? '', o.password ? '' : (o.value ?? ''), o.problem ?? ''],
      };
      this.asked.push(entry);
      if (typeof value !== 'string' || !o.validate) return value;
      const v = await o.validate(value);
      entry.validation = v;
      if (typeof v !== 'string') return value;
    }
  }

  async pick<T>(o: PickOptions<T>): Promise<T | Back | undefined> {
    const items = (await o.items) as PickItem<unknown>[];
    this.asked.push({
      kind: 'pick',
      title: o.title,
      problem: o.problem,
      items: items.map(shownLabel),
      shown: [o.placeholder ?? '', o.problem ?? '', ...items.flatMap((i) => [i.description ?? '', i.detail ?? ''])],
    });
    const a = this.next('pick', o.title);
    if (!('pick' in a)) throw new Error(`ScriptedPrompter: expected a pick answer for "${o.title}"`);
    return a.pick(items, o as PickOptions<unknown>) as T | Back | undefined;
  }

  async pickMany<T>(o: PickOptions<T>): Promise<T[] | Back | undefined> {
    const items = (await o.items) as PickItem<unknown>[];
    this.asked.push({
      kind: 'pickMany',
      title: o.title,
      items: items.map(shownLabel),
      shown: [o.placeholder ?? '', ...items.flatMap((i) => [i.description ?? '', i.detail ?? ''])],
    });
    const a = this.next('pickMany', o.title);
    if (!('pickMany' in a)) throw new Error(`ScriptedPrompter: expected a pickMany answer for "${o.title}"`);
    return a.pickMany(items, o as PickOptions<unknown>) as T[] | Back | undefined;
  }

  private async message(
    kind: 'info' | 'warn' | 'error',
    message: string,
    actions: string[],
    options?: MessageOptions
  ): Promise<string | undefined> {
    this.asked.push({ kind, title: message, actions, shown: [options?.detail ?? ''] });
    if (actions.length === 0) return undefined;
    const a = this.answers[0];
    if (a && 'message' in a) {
      this.answers.shift();
      return a.message;
    }
    return undefined; // dismissed
  }

  info(message: string, o?: MessageOptions, ...actions: string[]) {
    return this.message('info', message, actions, o);
  }
  warn(message: string, o?: MessageOptions, ...actions: string[]) {
    return this.message('warn', message, actions, o);
  }
  error(message: string, o?: MessageOptions, ...actions: string[]) {
    return this.message('error', message, actions, o);
  }

  async openFile(o: { title: string }): Promise<vscode.Uri | undefined> {
    this.asked.push({ kind: 'openFile', title: o.title });
    const a = this.next('openFile', o.title);
    if (!('file' in a)) throw new Error(`ScriptedPrompter: expected a file answer for "${o.title}"`);
    return a.file;
  }

  async progress<R>(o: ProgressOptions, task: (reporter: ProgressReporter, signal: AbortSignal) => Promise<R>): Promise<R> {
    this.asked.push({ kind: 'progress', title: o.title });
    const controller = new AbortController();
    const reporter: ProgressReporter = {
      report: (message) => {
        this.asked.push({ kind: 'progress', title: message });
        if (this.cancelProgressWhen?.(message)) controller.abort();
      },
    };
    return task(reporter, controller.signal);
  }

  status(message: string): void {
    this.asked.push({ kind: 'status', title: message });
  }

  /** Every text shown to the user, for secret-leak checks. */
  shownTexts(): string[] {
    return this.asked.map((a) => [a.title, ...(a.items ?? []), ...(a.actions ?? []), ...(a.shown ?? [])].join('\n'));
  }

  messages(kind: Asked['kind']): string[] {
    return this.asked.filter((a) => a.kind === kind).map((a) => a.title);
  }
}

export { BACK };

/** A pick item's label as the quick pick shows it: its icon of ours first (see PickItem.icon). */
function shownLabel(item: PickItem<unknown>): string {
  return item.icon ? `$(${item.icon}) ${item.label}` : item.label;
}
