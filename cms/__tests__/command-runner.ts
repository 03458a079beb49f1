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

/** The commands the runner runs, as `pnpm <command>` would. */
export type Command = 'seed' | 'export';

/**
 * `pnpm seed` and `pnpm export` against a test CMS's database with Strapi loaded once, in a child
 * process, for every call: the import's repeat-safety is checked by several imports, the export by
 * several exports, and each would otherwise load Strapi anew (10–20 s). The child
 * (command-runner-child.mts) runs the commands' own option parsing and work (cms/scripts/seed.mts,
 * cms/scripts/export.mts); the command lines themselves are run as processes by export.test.ts.
 */
export class CommandRunner {
  private child?: ChildProcess;
  private ready?: Promise<void>;
  private log = '';
  private pending?: { resolve: (result: Result) => void; reject: (error: Error) => void };

  constructor(private readonly cms: TestCms) {}

  private start(): Promise<void> {
    this.ready ??= this.cms.baseEnv().then(
      (env) =>
        new Promise<void>((resolve, reject) => {
          const child = fork(path.join(import.meta.dirname, 'command-runner-child.mts'), [], {
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
            const error = new Error(`The command runner exited with ${code}:\n${this.log.slice(-4000)}`);
            reject(error);
            this.pending?.reject(error);
            this.pending = undefined;
          });
        }),
    );
    return this.ready;
  }

  /** What `pnpm <command> <args>` prints and its exit code, with `env` set for it (e.g. SEEDS_DIR). */
  async run(command: Command, args: string[] = [], env: Record<string, string> = {}): Promise<Result & { ms: number }> {
    await this.start();
    if (this.pending) throw new Error('One command at a time');
    const started = Date.now();
    // A command that does not answer within four minutes takes the child down: the exit rejects it.
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 240_000);
    try {
      const result = await new Promise<Result>((resolve, reject) => {
        this.pending = { resolve, reject };
        this.child!.send({ type: command, args, env });
      });
      return { ...result, ms: Date.now() - started };
    } finally {
      clearTimeout(timer);
    }
  }

  /** What `pnpm seed <args>` prints and its exit code. */
  seed(args: string[] = [], env: Record<string, string> = {}) {
    return this.run('seed', args, env);
  }

  /** What `pnpm export <args>` prints and its exit code. */
  export(args: string[] = [], env: Record<string, string> = {}) {
    return this.run('export', args, env);
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
