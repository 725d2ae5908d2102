// The GitHub Actions workflows as data: triggers, services, steps, and that they use only the secrets the
// README documents.
import { accessSync, constants } from 'node:fs';
import test from 'ava';
import { readmeDeploySection, readText, readYaml, repoFiles, ROOT, type Yaml } from './support.js';

const WORKFLOWS = repoFiles().filter((f) => /^\.github\/workflows\/.*\.ya?ml$/.test(f));
const DOCUMENTED_SECRETS = ['DROPLET_HOST', 'DROPLET_USER', 'DROPLET_SSH_KEY'];
/** Given to every run by GitHub, never set by hand. */
const AUTOMATIC_SECRETS = ['GITHUB_TOKEN'];

const steps = (doc: Yaml): Yaml[] => Object.values<Yaml>(doc.jobs).flatMap((job) => job.steps);
const runText = (doc: Yaml) =>
  steps(doc)
    .map((s) => s.run ?? '')
    .join('\n');
const uses = (doc: Yaml, action: string) => steps(doc).find((s) => String(s.uses).startsWith(`${action}@`));

test('the three workflows, every action pinned to a version', (t) => {
  t.deepEqual(
    WORKFLOWS.map((f) => f.replace('.github/workflows/', '')),
    ['build-and-push.yaml', 'ci.yaml', 'deploy.yaml'],
  );
  for (const file of WORKFLOWS) {
    for (const step of steps(readYaml(file)))
      if (step.uses) t.regex(step.uses, /^[\w-]+\/[\w-]+@v\d+$/, `${file}: ${step.uses}`);
  }
});

test('workflows use no secret but the documented ones', (t) => {
  const used = new Set<string>();
  for (const file of WORKFLOWS)
    for (const m of readText(file).matchAll(/secrets\s*\.\s*([A-Za-z_]\w*)|secrets\s*\[\s*'([^']+)'/g))
      used.add(m[1] ?? m[2]);
  t.deepEqual(
    [...used].filter((s) => !DOCUMENTED_SECRETS.includes(s) && !AUTOMATIC_SECRETS.includes(s)),
    [],
    'a secret the README does not document',
  );
  t.deepEqual([...used].filter((s) => DOCUMENTED_SECRETS.includes(s)).sort(), [...DOCUMENTED_SECRETS].sort());
  t.false(/toJSON\(\s*secrets\s*\)/.test(WORKFLOWS.map(readText).join('\n')), 'no secret passed wholesale');
  // The README's secrets table: exactly these rows.
  const readme = readmeDeploySection();
  const rows = [...readme.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]);
  t.deepEqual(
    rows.filter((r) => /^DROPLET_/.test(r)),
    DOCUMENTED_SECRETS,
  );
});

test('ci.yaml: .ci/run on Node 20 in Debian, which installs the services the tests start themselves', (t) => {
  const doc = readYaml('.github/workflows/ci.yaml');
  t.deepEqual(Object.keys(doc.on).sort(), ['pull_request', 'push']);
  const job = doc.jobs.test;
  t.regex(job.container, /^node:20(-|$)/);
  // No service containers: the tests start throwaway PostgreSQL and Redis of their own (.ci/services.sh).
  t.is(job.services, undefined);
  t.is(job.env.TEST_DATABASE_URL, undefined);
  t.like(job.env, { CI: 'true', CHROMIUM_PATH: '/usr/bin/chromium' });
  t.truthy(uses(doc, 'actions/checkout'));
  const commands = steps(doc).map((s) => String(s.run ?? '').trim());
  t.true(commands.includes('bash .ci/run'), 'the same script as every CI run');
  // .ci/run: the Debian packages the tests need, then npm ci, the Python client's virtualenv, npm test.
  const script = readText('.ci/run');
  t.regex(script, /apt-get install[^\n]*\\?\n?[^\n]*postgresql redis-server chromium shellcheck yamllint/);
  const order = ['npm ci', 'python3 -m venv clients/python/.venv', 'npm test'].map((c) => script.indexOf(c));
  t.true(
    order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1])),
    'npm ci, the venv, then npm test',
  );
});

test('build-and-push.yaml: main only, ghcr.io :latest and :<sha>, GITHUB_TOKEN, gha cache', (t) => {
  const doc = readYaml('.github/workflows/build-and-push.yaml');
  t.deepEqual(doc.on.push.branches, ['main']);
  t.is(doc.permissions.packages, 'write');
  t.truthy(uses(doc, 'docker/setup-buildx-action'));
  const login = uses(doc, 'docker/login-action').with;
  t.is(login.registry, 'ghcr.io');
  t.is(login.password, '${{ secrets.GITHUB_TOKEN }}');
  const meta = uses(doc, 'docker/metadata-action');
  t.is(meta.with.images, 'ghcr.io/${{ github.repository }}');
  t.regex(meta.with.tags, /type=raw,value=latest/);
  t.regex(
    meta.with.tags,
    /type=sha,format=long,prefix=(\n|$)/,
    'the full commit SHA, unprefixed, as deploy uses it',
  );
  const build = uses(doc, 'docker/build-push-action').with;
  t.is(build.context, '.');
  t.true(build.push);
  t.is(build.tags, `\${{ steps.${meta.id}.outputs.tags }}`);
  t.is(build['cache-from'], 'type=gha');
  t.regex(build['cache-to'], /^type=gha\b/);
});

test('deploy.yaml: after a successful build on main or by hand; ssh, pull, up, health', (t) => {
  const doc = readYaml('.github/workflows/deploy.yaml');
  const build = readYaml('.github/workflows/build-and-push.yaml');
  t.deepEqual(doc.on.workflow_run, { workflows: [build.name], types: ['completed'], branches: ['main'] });
  t.is(doc.on.workflow_dispatch.inputs.tag.default, '');
  const job = doc.jobs.deploy;
  t.regex(job.if, /github\.event\.workflow_run\.conclusion == 'success'/);
  t.regex(job.if, /github\.event_name == 'workflow_dispatch'/);
  t.regex(job.env.TAG, /inputs\.tag \|\| github\.event\.workflow_run\.head_sha \|\| github\.sha/);
  t.false(doc.concurrency['cancel-in-progress'], 'a deploy is never cut off halfway');
  const run = runText(doc);
  t.regex(
    run,
    /scp docker-compose\.prod\.yml deploy\/droplet-deploy\.sh deploy\/env\.example droplet:precipitate\//,
  );
  t.regex(run, /ssh droplet "[^"]*bash precipitate\/droplet-deploy\.sh \$TAG \$IMAGE"/);
  t.notRegex(
    JSON.stringify(steps(doc).map((s) => s.run ?? '')),
    /\$\{\{\s*(inputs|github\.event)\./,
    'inputs reach scripts through env, not pasted into them',
  );
  // The script the workflow runs on the Droplet: compose pull and up, then the health check.
  const script = readText('deploy/droplet-deploy.sh');
  t.regex(script, /compose pull/);
  t.regex(script, /compose up -d/);
  t.regex(script, /\/api\/v1\/health/);
  t.regex(script, /exit 1/);
  t.regex(script, /-f docker-compose\.prod\.yml/);
  t.notThrows(() => accessSync(`${ROOT}deploy/droplet-deploy.sh`, constants.X_OK), 'executable');
});
