import * as vscode from 'vscode';
import type { LogFields, Logger } from '../pingone/logger';

/**
 * The PingOne output channel as the API client's Logger. The client already
 * redacts; this adapter also never prints field values that look like
 * credentials, as a second line of defence.
 */
export class OutputChannelLogger implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor(name = 'PingOne') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  private format(message: string, fields?: LogFields): string {
    if (!fields || Object.keys(fields).length === 0) return message;
    return `${message} ${JSON.stringify(fields, (k, v) => (/secret|token|authorization|password/i.test(k) ? '[redacted]' : v))}`;
  }

  debug(message: string, fields?: LogFields): void {
    this.channel.debug(this.format(message, fields));
  }
  info(message: string, fields?: LogFields): void {
    this.channel.info(this.format(message, fields));
  }
  warn(message: string, fields?: LogFields): void {
    this.channel.warn(this.format(message, fields));
  }
  error(message: string, fields?: LogFields): void {
    this.channel.error(this.format(message, fields));
  }

  dispose(): void {
    this.channel.dispose();
  }
}
