import type * as vscode from 'vscode';
import { UserCancelled } from '../util/cancellation';

/** Returned by a step when the user pressed the title bar's Back button. */
// Symbol.for: the test bundles hold their own copy of this module and must produce the same value.
export const BACK: unique symbol = Symbol.for('pingone.prompter.back') as never;
export type Back = typeof BACK;

export interface StepInfo {
  title: string;
  /** 1-based position in a multi-step flow, shown as "2/5". */
  step?: number;
  totalSteps?: number;
  /**
   * Why this step is asked again (e.g. PingOne refused what was entered):
   * an input box shows it as its validation message until the value
   * changes; a pick shows it before its placeholder.
   */
  problem?: string;
}

export interface InputOptions extends StepInfo {
  prompt?: string;
  placeholder?: string;
  value?: string;
  password?: boolean;
  /** Error text, or undefined when valid; a `{ warning }` result lets the value through with a warning shown. */
  validate?: (value: string) => string | undefined | { warning: string } | Promise<string | undefined | { warning: string }>;
}

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
  /**
   * A codicon of ours shown before the label (`'pass'` shows `$(pass)`). The label, description and
   * detail are shown as text: they often hold PingOne names, in which `$(…)` is no icon.
   */
  icon?: string;
}

export interface PickOptions<T> extends StepInfo {
  placeholder?: string;
  items: PickItem<T>[] | Promise<PickItem<T>[]>;
  /** For pickMany: the values checked at start. For pick: the active one. */
  selected?: (value: T) => boolean;
  matchOnDescription?: boolean;
}

export interface MessageOptions {
  modal?: boolean;
  detail?: string;
}

export interface ProgressReporter {
  report(message: string, increment?: number): void;
}

export interface ProgressOptions {
  title: string;
  cancellable?: boolean;
  /** Notification (default) or the window's status bar. */
  location?: 'notification' | 'window';
}

/**
 * Every question the extension asks a person goes through this seam, so the
 * integration tests answer prompts in the real host (see ScriptedPrompter in
 * the tests) while users get real quick inputs with Back and validation.
 */
export interface Prompter {
  input(options: InputOptions): Promise<string | Back | undefined>;
  pick<T>(options: PickOptions<T>): Promise<T | Back | undefined>;
  pickMany<T>(options: PickOptions<T>): Promise<T[] | Back | undefined>;
  info(message: string, options?: MessageOptions, ...actions: string[]): Promise<string | undefined>;
  warn(message: string, options?: MessageOptions, ...actions: string[]): Promise<string | undefined>;
  error(message: string, options?: MessageOptions, ...actions: string[]): Promise<string | undefined>;
  openFile(options: { title: string; filters?: Record<string, string[]> }): Promise<vscode.Uri | undefined>;
  progress<R>(options: ProgressOptions, task: (reporter: ProgressReporter, signal: AbortSignal) => Promise<R>): Promise<R>;
  /** A short confirmation in the status bar that never echoes a secret. */
  status(message: string): void;
}

export { UserCancelled };

/** Unwraps a prompt answer: Escape (or Back where there is no earlier step) cancels the command. */
export function answered<T>(value: T | Back | undefined): T {
  if (value === undefined || value === BACK) throw new UserCancelled();
  return value;
}
