// A small driver over playwright for the VS Code web workbench (code-server
// 4.100 / VS Code 1.100): waits for the workbench, opens view containers,
// runs commands through the palette, quick-opens files, answers quick-input
// steps, reads tree rows, Problems rows and notifications, takes screenshots.
// Every wait is on a selector or a condition, with a bounded timeout, so a
// broken UI fails with a message instead of hanging.

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const asMatcher = (m) => (m instanceof RegExp ? (s) => m.test(s ?? '') : (s) => (s ?? '').includes(m));

export class Workbench {
  /**
   * @param {import('playwright-core').Page} page
   * @param {{ timeout?: number, log?: (m: string) => void }} [o]
   */
  constructor(page, o = {}) {
    this.page = page;
    this.timeout = o.timeout ?? 30_000;
    this.log = o.log ?? (() => {});
  }

  /** Opens a new page on the workbench URL and waits until it is usable. */
  static async open(browser, url, { viewport = { width: 1400, height: 900 }, timeout, log, deviceScaleFactor = 1 } = {}) {
    const context = await browser.newContext({ viewport, deviceScaleFactor });
    const page = await context.newPage();
    const wb = new Workbench(page, { timeout, log });
    wb.context = context;
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: wb.timeout });
    await wb.waitReady();
    return wb;
  }

  async close() {
    await (this.context ?? this.page.context()).close().catch(() => {});
  }

  /** Polls `fn` until it returns a truthy value; throws `what` after the timeout. */
  async until(what, fn, timeout = this.timeout) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await fn();
        if (last) return last;
      } catch (e) {
        last = e;
      }
      if (Date.now() > deadline)
        throw new Error(
          `timed out after ${timeout} ms waiting for ${what}${last instanceof Error ? ` (${last.message.split('\n')[0]})` : ''}`
        );
      await this.page.waitForTimeout(150);
    }
  }

  /** The workbench has rendered its parts and the remote extension host is connected. */
  async waitReady() {
    await this.page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: this.timeout * 2 });
    await this.page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: this.timeout });
    this.log('workbench rendered');
  }

  // ---- views -------------------------------------------------------------

  activityTab(label) {
    return this.page
      .locator(`.part.activitybar .action-item a[aria-label="${label}"], .part.activitybar .action-item a[aria-label^="${label} ("]`)
      .first();
  }

  /** Clicks the activity-bar item (extension containers appear some seconds after load) and waits for its side bar. */
  async openViewContainer(label, { timeout = this.timeout * 2 } = {}) {
    const tab = this.activityTab(label);
    await tab.waitFor({ state: 'visible', timeout });
    const checked = async () =>
      (await tab.locator('xpath=..').getAttribute('aria-selected')) === 'true' ||
      (await tab.locator('xpath=..').getAttribute('class'))?.includes('checked');
    if (!(await checked())) await tab.click();
    await this.until(`the "${label}" side bar`, async () =>
      (await this.page.locator('.part.sidebar .composite.title h2').first().textContent())?.toUpperCase().startsWith(label.toUpperCase())
    );
    this.log(`opened view container ${label}`);
  }

  /** Tree rows (label, description, expanded, level) of the side bar's visible views. */
  async treeRows() {
    return this.page.locator('.part.sidebar .monaco-list-row').evaluateAll((rows) =>
      rows.map((r) => ({
        label: r.querySelector('.label-name')?.textContent?.trim() ?? r.getAttribute('aria-label') ?? '',
        description: r.querySelector('.label-description')?.textContent?.trim() ?? '',
        ariaLabel: r.getAttribute('aria-label') ?? '',
        expanded: r.getAttribute('aria-expanded') === null ? undefined : r.getAttribute('aria-expanded') === 'true',
        level: Number(r.getAttribute('aria-level') ?? 0),
      }))
    );
  }

  treeRow(label) {
    return this.page
      .locator('.part.sidebar .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) })
      .first();
  }

  /** Waits for a tree row whose label is exactly `label`. */
  async waitForTreeRow(label, { timeout = this.timeout } = {}) {
    const row = this.treeRow(label);
    await row.waitFor({ state: 'visible', timeout });
    return row;
  }

  /** Expands a collapsed tree row (waits for it first); returns the row. */
  async expandTreeRow(label, { timeout = this.timeout } = {}) {
    const row = await this.waitForTreeRow(label, { timeout });
    if ((await row.getAttribute('aria-expanded')) === 'false') {
      await row.click();
      await this.until(`"${label}" to expand`, async () => (await row.getAttribute('aria-expanded')) === 'true', timeout);
    }
    return row;
  }

  // ---- quick input ---------------------------------------------------------

  async quickInputVisible() {
    return this.page
      .locator(QUICK_INPUT)
      .evaluate((el) => getComputedStyle(el).display !== 'none')
      .catch(() => false);
  }

  /** The visible quick input's title, placeholder, message, value, busy state and rows. */
  async quickInputState() {
    return this.page.locator(QUICK_INPUT).evaluate((w) => {
      const input = w.querySelector('.quick-input-box input');
      const rows = [...w.querySelectorAll('.quick-input-list .monaco-list-row')].map((r) => ({
        label: r.querySelector('.label-name')?.textContent?.trim() ?? '',
        ariaLabel: r.getAttribute('aria-label') ?? '',
        focused: r.classList.contains('focused'),
        checked: (() => {
          const c = r.querySelector('input[type=checkbox], .monaco-custom-toggle, .quick-input-list-checkbox');
          if (!c) return undefined;
          if (c instanceof HTMLInputElement) return c.checked;
          return c.getAttribute('aria-checked') === 'true' || c.classList.contains('checked');
        })(),
      }));
      const progress = w.querySelector('.quick-input-progress .progress-bit, .monaco-progress-container.active');
      return {
        visible: getComputedStyle(w).display !== 'none',
        title: w.querySelector('.quick-input-title')?.textContent?.trim() ?? '',
        placeholder: input?.getAttribute('placeholder') ?? '',
        value: input?.value ?? '',
        message: w.querySelector('.quick-input-message')?.textContent?.trim() ?? '',
        busy: !!w.querySelector('.monaco-progress-container.active, .monaco-progress-container.infinite') && !!progress,
        rows,
      };
    });
  }

  /**
   * Waits for a visible quick input whose title, placeholder or prompt
   * matches each given matcher (string: contains; RegExp: test).
   */
  async waitForQuickInput({ title, placeholder, message, row, timeout = this.timeout } = {}) {
    const want = [
      ['title', title],
      ['placeholder', placeholder],
      ['message', message],
    ].filter(([, m]) => m !== undefined);
    const rowMatch = row === undefined ? undefined : asMatcher(row);
    let last;
    try {
      return await this.until(
        `a quick input ${JSON.stringify({ title: String(title ?? ''), placeholder: String(placeholder ?? ''), message: String(message ?? ''), row: String(row ?? '') })}`,
        async () => {
          last = await this.quickInputState();
          if (!last.visible) return false;
          if (!want.every(([k, m]) => asMatcher(m)(last[k]))) return false;
          if (rowMatch && !last.rows.some((r) => rowMatch(r.label))) return false;
          return last;
        },
        timeout
      );
    } catch (e) {
      e.message += `; last seen: ${JSON.stringify({ ...last, rows: last?.rows?.slice(0, 8) })}`;
      throw e;
    }
  }

  /** Replaces the quick input's text with `text` (without accepting). */
  async typeInQuickInput(text) {
    const box = this.page.locator(QUICK_INPUT_BOX);
    await box.waitFor({ state: 'visible', timeout: this.timeout });
    await box.fill(text);
  }

  /** Types `text` in the quick input and presses Enter. */
  async answerInput(text) {
    await this.typeInQuickInput(text);
    await this.page.keyboard.press('Enter');
  }

  /** Picks the row whose label is exactly `label` (filtering by typing first), and accepts it. */
  async pick(label, { timeout = this.timeout } = {}) {
    await this.typeInQuickInput(label);
    await this.until(
      `the quick pick row "${label}" to be focused`,
      async () => (await this.quickInputState()).rows.find((r) => r.focused)?.label === label,
      timeout
    );
    await this.page.keyboard.press('Enter');
  }

  /** Accepts a multi-select quick pick as it stands (its OK button / Enter). */
  async acceptQuickInput() {
    await this.page.keyboard.press('Enter');
  }

  async waitForQuickInputClosed({ timeout = this.timeout } = {}) {
    await this.until('the quick input to close', async () => !(await this.quickInputVisible()), timeout);
  }

  // ---- commands and files ------------------------------------------------

  /** Runs a command by its palette title (e.g. "PingOne: Create Worker App…"): F1, type, Enter on the exact row. */
  async runCommand(title, { timeout = this.timeout } = {}) {
    await this.page
      .locator('.monaco-workbench')
      .first()
      .focus()
      .catch(() => {});
    // The palette closes when something else takes the focus as it opens or while we type in it (a
    // walkthrough page re-rendering, a notification): open it, type and find the command again, a bounded
    // number of times, each try with a short timeout so a closed palette costs seconds, not the whole wait.
    const exact = (s) => s === title;
    const focusedIsExact = (s) => s.rows.length > 0 && exact(s.rows.find((r) => r.focused)?.label ?? s.rows[0].label);
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= 3;
      const wait = last ? timeout : 5000;
      try {
        await this.page.keyboard.press('F1');
        await this.waitForQuickInput({ timeout: wait });
        await this.page.locator(QUICK_INPUT_BOX).fill(`>${title}`, { timeout: wait });
        await this.until(
          `the command "${title}" in the palette`,
          async () => (await this.quickInputState()).rows.some((r) => exact(r.label)),
          wait
        );
        break;
      } catch (e) {
        if (last) throw e;
        this.log(`the palette closed or lost "${title}" (try ${attempt}): opening it again`);
        await this.page.keyboard.press('Escape');
      }
    }
    // A recently used or similar command can rank above it: move the focus down to it.
    for (let i = 0; i < 20 && !focusedIsExact(await this.quickInputState()); i++) await this.page.keyboard.press('ArrowDown');
    await this.until(`the command "${title}" focused in the palette`, async () => focusedIsExact(await this.quickInputState()), timeout);
    await this.page.keyboard.press('Enter');
    this.log(`ran command ${title}`);
  }

  /**
   * `runCommand`, then a wait for `effect` (an async check that the command ran, described by `what`). The
   * Enter on the palette's row is lost when something takes the focus as it is pressed (the palette closes and
   * nothing runs; seen with a walkthrough page re-rendering on a slow machine): the command is run again, three
   * times at most, each try waiting `wait` ms for its effect (the last one the whole timeout). Only for a command
   * that does nothing lasting before its effect shows (a close, a first quick pick).
   */
  async runCommandUntil(title, effect, what, { wait = 10000, timeout = this.timeout } = {}) {
    for (let attempt = 1; ; attempt++) {
      await this.runCommand(title, { timeout });
      try {
        await this.until(what, effect, attempt >= 3 ? timeout : wait);
        return;
      } catch (e) {
        if (attempt >= 3) throw e;
        this.log(`no sign that "${title}" ran (${what}) after try ${attempt}: running it again`);
      }
    }
  }

  /** How many editor tabs are open. */
  async editorTabCount() {
    return this.page.locator('.part.editor .tabs-container .tab').count();
  }

  /**
   * Ctrl+P, type the file, Enter on the row named `fileName`; waits for its
   * editor. Pass the absolute `path`: quick open resolves it without the
   * file search, which needs ripgrep (code-server installed offline has none).
   */
  async quickOpen(fileName, { path: absolutePath, timeout = this.timeout } = {}) {
    await this.page.keyboard.press('Control+P');
    await this.waitForQuickInput({ timeout });
    await this.typeInQuickInput(absolutePath ?? fileName);
    await this.until(
      `"${fileName}" in quick open`,
      async () => (await this.quickInputState()).rows.find((r) => r.focused)?.label === fileName,
      timeout
    );
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.part.editor .tabs-container .tab[aria-label^="${fileName}"]`).first().waitFor({ state: 'visible', timeout });
    await this.page.locator('.part.editor .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout });
    this.log(`opened ${fileName}`);
  }

  // ---- panels, notifications -----------------------------------------------

  /** Opens the Problems panel (Ctrl+Shift+M, View: Show Problems) unless it is open, and waits for it. */
  async openProblems({ timeout = this.timeout } = {}) {
    const panel = this.page.locator('.part.panel .markers-panel').first();
    if (!(await panel.isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor({ state: 'visible', timeout });
    }
    this.log('opened the Problems panel');
  }

  /** Rows of the Problems panel: file rows and marker rows, as their accessible text. */
  async problemRows() {
    return this.page.locator('.part.panel .markers-panel .monaco-list-row').evaluateAll((rows) =>
      rows.map((r) => ({
        ariaLabel: r.getAttribute('aria-label') ?? '',
        text: r.textContent?.replace(/\s+/g, ' ').trim() ?? '',
        level: Number(r.getAttribute('aria-level') ?? 0),
      }))
    );
  }

  /** Waits until some Problems row matches `matcher` (on its accessible label or text). */
  async waitForProblem(matcher, { timeout = this.timeout } = {}) {
    const m = asMatcher(matcher);
    return this.until(
      `a Problems row matching ${matcher}`,
      async () => (await this.problemRows()).find((r) => m(r.ariaLabel) || m(r.text)),
      timeout
    );
  }

  /** Messages of the visible notification toasts. */
  async notifications() {
    return this.page.locator('.notifications-toasts .notification-list-item-message').allTextContents();
  }

  async waitForNotification(matcher, { timeout = this.timeout } = {}) {
    const m = asMatcher(matcher);
    return this.until(`a notification matching ${matcher}`, async () => (await this.notifications()).find((t) => m(t)), timeout);
  }

  /** Closes all notification toasts (Notifications: Clear All Notifications). */
  async clearNotifications() {
    if ((await this.notifications()).length === 0) return;
    await this.runCommand('Notifications: Clear All Notifications');
    await this.until('the notifications to clear', async () => (await this.notifications()).length === 0);
  }

  // ---- walkthroughs -------------------------------------------------------

  /** Steps of the walkthrough open in the Welcome editor: `{ id, title, done }` (id is the step's own id). */
  async walkthroughSteps() {
    return this.page.locator('.gettingStartedContainer button.getting-started-step').evaluateAll((buttons) =>
      buttons
        .filter((b) => b.offsetParent !== null)
        .map((b) => ({
          id: (b.getAttribute('data-step-id') ?? '').split('#').pop(),
          title: b.querySelector('.step-title')?.textContent?.trim() ?? '',
          done: b.getAttribute('aria-checked') === 'true' || b.querySelector('.codicon.complete') !== null,
        }))
    );
  }

  /** Waits until the open walkthrough shows step `id` with `done` as given. */
  async waitForWalkthroughStep(id, done, { timeout = this.timeout } = {}) {
    return this.until(
      `walkthrough step ${id} ${done ? 'ticked' : 'unticked'}`,
      async () => (await this.walkthroughSteps()).find((s) => s.id === id && s.done === done),
      timeout
    );
  }

  async screenshot(file, o = {}) {
    await this.page.screenshot({ path: file, ...o });
    this.log(`screenshot ${file}`);
  }
}
