import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TestCms } from './harness.ts';

/** tsx's ES module loader, with which the child runs the TypeScript command modules. */
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;

interface Result {
  code: number;
  output: string;
}

/**
 * `pnpm seed` against a test CMS's database with Strapi loaded once, in a child process, for every call:
 * the import's repeat-safety is checked by several imports, and each would otherwise load Strapi anew.
 * The child (seed-runner-child.mts) runs the command's own option parsing and import (cms/scripts/seed.mts);
 * the command line itself is run as a process by export.test.ts.
 */
export class SeedRunner {
  private child?: ChildProcess;
  private ready?: Promise<void>;
  private log = '';
  private pending?: { resolve: (result: Result) => void; reject: (error: Error) => void };

  constructor(private readonly cms: TestCms) {}

  private start(): Promise<void> {
    this.ready ??= this.cms.baseEnv().then(
      (env) =>
        new Promise<void>((resolve, reject) => {
          const child = fork(path.join(import.meta.dirname, 'seed-runner-child.mts'), [], {
            env,
            execArgv: ['--import', tsxLoader],
            stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
          });
          this.child = child;
          child.stdout?.on('data', (chunk) => (this.log += chunk));
          child.stderr?.on('data', (chunk) => (this.log += chunk));
          const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
          child.on('message', (message: { type: string } & Result) => {
            if (message.type === 'ready') {
              clearTimeout(timer);
              resolve();
            } else if (message.type === 'result') {
              const pending = this.pending;
              this.pending = undefined;
              pending?.resolve({ code: message.code, output: message.output });
            }
          });
          child.once('exit', (code) => {
            clearTimeout(timer);
            const error = new Error(`The seed runner exited with ${code}:\n${this.log.slice(-4000)}`);
            reject(error);
            this.pending?.reject(error);
            this.pending = undefined;
          });
        }),
    );
    return this.ready;
  }

  /** What `pnpm seed <args>` prints and its exit code, with `env` set for the import (e.g. SEEDS_DIR). */
  async seed(args: string[] = [], env: Record<string, string> = {}): Promise<Result> {
    await this.start();
    if (this.pending) throw new Error('One import at a time');
    return new Promise<Result>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.child!.send({ type: 'seed', args, env });
    });
  }

  /** Shuts Strapi down in the child and waits for it to end (SIGKILL after twenty seconds). */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.connected) child.send({ type: 'stop' });
    else child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}
