// shellcheck on every shell script of the repository (and on the workflows' `run:` steps), yamllint on
// every YAML file, with the repository's .yamllint. Both are Debian packages that CI installs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { readYaml, repoFiles, ROOT, type Yaml } from './support.js';

function run(t: ExecutionContext, command: string, args: string[]): string | undefined {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.error) {
    t.fail(`${command} could not run (${result.error.message}): install the Debian package ${command}`);
    return undefined;
  }
  t.is(result.status, 0, `${command} found problems:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

const isShellScript = (file: string) => {
  if (file.endsWith('.sh')) return true;
  if (/\.(ts|js|json|md|py|tdb|wasm|png|csv|ya?ml|html|css)$/.test(file)) return false;
  const head = readFileSync(join(ROOT, file)).subarray(0, 64).toString('latin1');
  return /^#!.*\b(ba|da)?sh\b/.test(head);
};

test('shellcheck passes on every shell script', (t) => {
  const scripts = repoFiles().filter(isShellScript);
  t.true(scripts.includes('deploy/droplet-deploy.sh'));
  t.true(scripts.includes('.ci/run'), 'scripts without .sh are found by their #! line');
  t.log(`shellcheck: ${scripts.join(' ')}`);
  run(t, 'shellcheck', ['--external-sources', ...scripts]);
});

test("shellcheck passes on the workflows' run steps", (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'precipitate-run-steps-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const files: string[] = [];
  for (const workflow of repoFiles().filter((f) => /^\.github\/workflows\/.*\.ya?ml$/.test(f))) {
    const doc: Yaml = readYaml(workflow);
    for (const [jobName, job] of Object.entries<Yaml>(doc.jobs)) {
      (job.steps as Yaml[]).forEach((step, index) => {
        if (typeof step.run !== 'string') return;
        const shell = step.shell ?? job.defaults?.run?.shell ?? doc.defaults?.run?.shell ?? 'bash';
        t.true(['bash', 'sh'].includes(shell), `${workflow} ${jobName} step ${index}: shell ${shell}`);
        // Expressions are filled in before the shell sees the script: a plain word stands in for them.
        const body = step.run.replace(/\$\{\{[^}]*\}\}/g, 'GITHUB_EXPRESSION');
        const file = join(dir, `${workflow.replace(/\W+/g, '_')}-${jobName}-${index}.sh`);
        // GitHub runs them as `bash -e {0}` (or `sh -e`).
        writeFileSync(file, `#!/usr/bin/env ${shell}\nset -e\n${body}`);
        files.push(file);
      });
    }
  }
  t.true(files.length > 5, 'run steps found');
  run(t, 'shellcheck', files);
});

test('yamllint passes on every YAML file', (t) => {
  const files = repoFiles().filter((f) => /\.ya?ml$/.test(f) || f.endsWith('.yamllint'));
  for (const expected of ['docker-compose.yml', 'docker-compose.prod.yml', '.do/app.yaml', '.yamllint'])
    t.true(files.includes(expected), expected);
  t.true(files.some((f) => f.startsWith('.github/workflows/')));
  run(t, 'yamllint', ['--strict', '-c', '.yamllint', '-f', 'parsable', ...files]);
});

// Not a Debian package (a Go module: `go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12`), so
// only where someone installed it: it knows GitHub's expression contexts and the popular actions' inputs.
test('actionlint passes on the workflows (when installed)', (t) => {
  const candidates = [
    ...(process.env.PATH ?? '').split(':').map((dir) => join(dir, 'actionlint')),
    join(homedir(), 'go/bin/actionlint'),
  ];
  const actionlint = candidates.find((file) => existsSync(file));
  if (!actionlint) {
    t.log('actionlint is not installed: skipped');
    t.pass();
    return;
  }
  const workflows = repoFiles().filter((f) => /^\.github\/workflows\/.*\.ya?ml$/.test(f));
  run(t, actionlint, ['-no-color', ...workflows]);
});
