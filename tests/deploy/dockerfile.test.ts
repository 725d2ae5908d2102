// The Dockerfile's shape and the build context .dockerignore lets through (the build itself is rehearsed
// in image.test.ts).
import test from 'ava';
import { execForm, only, parseDockerfile, parseEnv, splitFlags, stageEnv } from './dockerfile.js';
import { contextFiles, isExcluded, parseDockerignore } from './dockerignore.js';
import { readText, ROOT } from './support.js';

const stages = parseDockerfile(readText('Dockerfile'));
const [build, runtime] = [stages[0], stages.at(-1)!];

test('.dockerignore patterns follow Docker: segments, **, directories, negation, last match wins', (t) => {
  const rules = parseDockerignore(
    ['# comment', '', '*', '!src/', '!README.md', '**/node_modules', '/docs/*.md', 'temp?', '!keep/**'].join(
      '\n',
    ),
  );
  const cases: [string, boolean][] = [
    ['package.json', true],
    ['src', false],
    ['src/cli/main.ts', false],
    ['src/a/node_modules/x.js', true],
    ['node_modules/koa/index.js', true],
    ['README.md', false],
    ['docs/x.md', true],
    ['.git/HEAD', true],
    ['keep/a/b/c', false],
  ];
  for (const [path, excluded] of cases) t.is(isExcluded(rules, path), excluded, path);
  const q = parseDockerignore('temp?\n*.md\n!docs/**/*.md\nsecret/\n!secret/public');
  t.true(isExcluded(q, 'temp1'));
  t.false(isExcluded(q, 'temp12'));
  t.true(isExcluded(q, 'a.md'));
  t.false(isExcluded(q, 'x/a.md'), '* stays within a segment');
  t.false(isExcluded(q, 'docs/a.md'));
  t.false(isExcluded(q, 'docs/deep/er/a.md'));
  t.true(isExcluded(q, 'secret/key'));
  t.false(isExcluded(q, 'secret/public'));
  t.true(isExcluded(parseDockerignore('!a\na'), 'a'), 'the last matching pattern wins');
  t.true(isExcluded(parseDockerignore('**'), 'any/thing'));
});

test('the build context holds the sources and nothing local or secret', (t) => {
  const files = contextFiles(ROOT, parseDockerignore(readText('.dockerignore')));
  for (const needed of [
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'asconfig.json',
    'bin/precipitate.js',
  ])
    t.true(files.includes(needed), needed);
  for (const dir of ['src/', 'assembly/', 'data/'])
    t.true(
      files.some((f) => f.startsWith(dir)),
      dir,
    );
  const forbidden =
    /(^|\/)(node_modules|\.git|var|build|tests|test-artifacts)\/|(^|\/)\.env|\.(pem|key)$|\.npmrc$/;
  t.deepEqual(
    files.filter((f) => forbidden.test(f)),
    [],
  );
});

test('Dockerfile: node:20 build stage, slim runtime stage of the same Debian release', (t) => {
  t.is(stages.length, 2);
  t.regex(build.base, /^node:20(\.\d+)*-bookworm$/, 'the full image has python3, make and g++ for node-gyp');
  t.is(runtime.base, build.base.replace(/-bookworm$/, '-bookworm-slim'), "the addon's glibc matches");
  const runs = only(build, 'RUN').map((i) => i.args);
  t.true(
    runs.some((r) => /npm ci\b/.test(r)),
    'npm ci',
  );
  t.true(
    runs.some((r) => /npm run build\b/.test(r)),
    'the AssemblyScript and TypeScript builds',
  );
  t.true(
    runs.some((r) => /--omit=dev/.test(r)),
    'production dependencies only',
  );
  t.deepEqual(only(runtime, 'RUN'), [], 'the runtime stage only copies');
  t.deepEqual(
    stages.flatMap((s) => only(s, 'ADD')),
    [],
    'ADD could download; COPY cannot',
  );
  for (const copy of only(runtime, 'COPY')) {
    const { flags } = splitFlags(copy.args);
    t.is(flags.from, build.name, `runtime COPY from the build stage: ${copy.args}`);
  }
});

test('Dockerfile: non-root, port 8000 on 0.0.0.0, health check, `serve` by default', (t) => {
  const user = only(runtime, 'USER').at(-1)?.args;
  t.truthy(user);
  t.notRegex(user ?? 'root', /^(root|0)(:|$)/);
  t.deepEqual(
    only(runtime, 'EXPOSE').map((i) => i.args),
    ['8000'],
  );
  const env = stageEnv(runtime);
  t.like(env, { HOST: '0.0.0.0', PORT: '8000', NODE_ENV: 'production' });
  const health = only(runtime, 'HEALTHCHECK')[0];
  const { rest } = splitFlags(health.args);
  t.regex(rest, /^CMD \[/);
  t.regex(rest, /\/api\/v1\/health/);
  const cmd = execForm(only(runtime, 'CMD')[0].args);
  t.deepEqual(cmd, ['node', 'bin/precipitate.js', 'serve']);
  t.deepEqual(
    only(runtime, 'ENTRYPOINT'),
    [],
    'the command is all in CMD: compose and App Platform replace it whole',
  );
  t.deepEqual(parseEnv('A=1 B="two words" C=\'x y\''), [
    ['A', '1'],
    ['B', 'two words'],
    ['C', 'x y'],
  ]);
});
