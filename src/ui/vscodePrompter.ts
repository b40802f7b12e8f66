import * as vscode from 'vscode';
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
} from './prompter';
import { inertIcons, inertLinks } from './notificationText';

/** A pick item as the quick pick shows it: our icon, then the item's text with no icon syntax of its own (see PickItem.icon). */
function shownItem<T>(item: PickItem<T>): PickItem<T> {
  return {
    ...item,
    label: `${item.icon ? `$(${item.icon}) ` : ''}${inertIcons(item.label)}`,
    description: item.description === undefined ? undefined : inertIcons(item.description),
    detail: item.detail === undefined ? undefined : inertIcons(item.detail),
  };
}

/** Text that may be shown as a notification or in the status bar: neither a link nor an icon can come from it. */
function inertText(text: string): string {
  return inertIcons(inertLinks(text));
}

/**
 * Every message and detail is made inert, modal or not. A modal dialog shows plain text today, but
 * one rule for all messages means a message that turns non-modal later, or a dialog that starts to
 * render links, cannot bring a link back; the cost is one space after a `]`.
 */
function inertOptions(options: MessageOptions | undefined): vscode.MessageOptions {
  return { modal: options?.modal, detail: options?.detail === undefined ? undefined : inertLinks(options.detail) };
}

/** Real prompts: QuickInput with a Back button and inline validation (the VS Code samples' multi-step input). */
export class VscodePrompter implements Prompter {
  input(o: InputOptions): Promise<string | Back | undefined> {
    const box = vscode.window.createInputBox();
    box.title = o.title;
    box.step = o.step;
    box.totalSteps = o.totalSteps;
    box.prompt = o.prompt;
    box.placeholder = o.placeholder;
    box.value = o.value ?? '';
    box.password = o.password ?? false;
    box.ignoreFocusOut = true;
    if ((o.step ?? 1) > 1) box.buttons = [vscode.QuickInputButtons.Back];
    const disposables: vscode.Disposable[] = [];
    let validation = 0;
    const validate = async (value: string): Promise<boolean> => {
      if (!o.validate) return true;
      const mine = ++validation;
      box.busy = true;
      try {
        const r = await o.validate(value);
        if (mine !== validation) return false; // a newer keystroke superseded this check
        if (typeof r === 'string') {
          box.validationMessage = { message: r, severity: vscode.InputBoxValidationSeverity.Error };
          return false;
        }
        box.validationMessage = r ? { message: r.warning, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
        return true;
      } finally {
        if (mine === validation) box.busy = false;
      }
    };
    return new Promise((resolve) => {
      disposables.push(
        box.onDidTriggerButton((b) => {
          if (b === vscode.QuickInputButtons.Back) resolve(BACK);
        }),
        box.onDidChangeValue((v) => void validate(v)),
        box.onDidAccept(async () => {
          box.enabled = false;
          if (await validate(box.value)) resolve(box.value);
          box.enabled = true;
        }),
        box.onDidHide(() => resolve(undefined))
      );
      if (o.problem) box.validationMessage = { message: o.problem, severity: vscode.InputBoxValidationSeverity.Error };
      else if (box.value) void validate(box.value);
      box.show();
    }).finally(() => {
      disposables.forEach((d) => d.dispose());
      box.dispose();
    }) as Promise<string | Back | undefined>;
  }

  pick<T>(o: PickOptions<T>): Promise<T | Back | undefined> {
    return this.quickPick(o, false) as Promise<T | Back | undefined>;
  }

  pickMany<T>(o: PickOptions<T>): Promise<T[] | Back | undefined> {
    return this.quickPick(o, true) as Promise<T[] | Back | undefined>;
  }

  private async quickPick<T>(o: PickOptions<T>, many: boolean): Promise<T | T[] | Back | undefined> {
    const qp = vscode.window.createQuickPick<PickItem<T>>();
    qp.title = o.title;
    qp.step = o.step;
    qp.totalSteps = o.totalSteps;
    qp.placeholder = o.problem ? `${o.problem} — ${o.placeholder ?? ''}` : o.placeholder;
    qp.canSelectMany = many;
    qp.ignoreFocusOut = true;
    qp.matchOnDescription = o.matchOnDescription ?? true;
    if ((o.step ?? 1) > 1) qp.buttons = [vscode.QuickInputButtons.Back];
    qp.busy = true;
    qp.show();
    const disposables: vscode.Disposable[] = [];
    try {
      const items = (await o.items).map(shownItem);
      qp.items = items;
      if (o.selected) {
        const chosen = items.filter((i) => o.selected!(i.value));
        if (many) qp.selectedItems = chosen;
        else if (chosen[0]) qp.activeItems = [chosen[0]];
      }
      qp.busy = false;
      return await new Promise<T | T[] | Back | undefined>((resolve) => {
        disposables.push(
          qp.onDidTriggerButton((b) => {
            if (b === vscode.QuickInputButtons.Back) resolve(BACK);
          }),
          qp.onDidAccept(() =>
            resolve(many ? qp.selectedItems.map((i) => i.value) : (qp.selectedItems[0]?.value ?? qp.activeItems[0]?.value))
          ),
          qp.onDidHide(() => resolve(undefined))
        );
      });
    } finally {
      disposables.forEach((d) => d.dispose());
      qp.dispose();
    }
  }

  info(message: string, options?: MessageOptions, ...actions: string[]) {
    return Promise.resolve(vscode.window.showInformationMessage(inertLinks(message), inertOptions(options), ...actions));
  }

  warn(message: string, options?: MessageOptions, ...actions: string[]) {
    return Promise.resolve(vscode.window.showWarningMessage(inertLinks(message), inertOptions(options), ...actions));
  }

  error(message: string, options?: MessageOptions, ...actions: string[]) {
    return Promise.resolve(vscode.window.showErrorMessage(inertLinks(message), inertOptions(options), ...actions));
  }

  async openFile(o: { title: string; filters?: Record<string, string[]> }) {
    const picked = await vscode.window.showOpenDialog({
      title: o.title,
      canSelectMany: false,
      canSelectFolders: false,
      filters: o.filters,
    });
    return picked?.[0];
  }

  progress<R>(o: ProgressOptions, task: (reporter: ProgressReporter, signal: AbortSignal) => Promise<R>): Promise<R> {
    return Promise.resolve(
      vscode.window.withProgress(
        {
          location: o.location === 'window' ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification,
          // A progress notification is a notification (links rendered); window progress is status bar text (icons rendered).
          title: inertText(o.title),
          cancellable: o.cancellable ?? false,
        },
        (progress, token) => {
          const controller = new AbortController();
          const sub = token.onCancellationRequested(() => controller.abort());
          return task(
            { report: (message, increment) => progress.report({ message: inertText(message), increment }) },
            controller.signal
          ).finally(() => sub.dispose());
        }
      )
    );
  }

  status(message: string): void {
    vscode.window.setStatusBarMessage(`$(check) ${inertIcons(message)}`, 4000);
  }
}
