// Every result file of a real run as `precipitate run --out` writes them: PNGs that show something, SVGs
// that parse with one path per series, the raw data (checked in data.test.ts).
import test from 'ava';
import { JSDOM } from 'jsdom';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chartSpecs,
  contentTypeOf,
  phaseColor,
  RESULT_FILE_NAMES,
  TOTAL_COLOR,
  timeColor,
  type ResultFile,
} from '../../src/output/index.js';
import { svgToPng } from '../../src/output/png.js';
import { writeResultFiles } from '../../src/output/render-node.js';
import { exampleResult, EXAMPLE_SUBMITTED } from './fixture.js';
import { countColour, decodePng, distinctColours, PNG_SIGNATURE } from './png-decode.js';

let files: ResultFile[] = [];
let root = '';
let paths: string[] = [];
const file = (name: string) => files.find((f) => f.name === name)!;

test.before(async () => {
  root = await mkdtemp(join(tmpdir(), 'output-test-'));
  paths = await writeResultFiles(await exampleResult(), EXAMPLE_SUBMITTED, join(root, 'nested', 'job'));
  files = await Promise.all(
    RESULT_FILE_NAMES.map(async (name) => ({
      name,
      contentType: contentTypeOf(name),
      bytes: new Uint8Array(await readFile(join(root, 'nested', 'job', name))),
    })),
  );
});

test.after.always(async () => {
  await rm(root, { recursive: true, force: true });
});

test('all 16 files, in the fixed order, with content types', (t) => {
  t.is(RESULT_FILE_NAMES.length, 16);
  for (const f of files) t.true(f.bytes.length > 1000, f.name);
  t.is(file('precipitation.png').contentType, 'image/png');
  t.is(file('precipitation.svg').contentType, 'image/svg+xml');
  t.is(file('results.json').contentType, 'application/json');
  t.regex(file('results.csv').contentType, /^text\/csv/);
});

for (const name of RESULT_FILE_NAMES.filter((n) => n.endsWith('.png'))) {
  test(`${name} is a large PNG that shows the curves`, (t) => {
    const bytes = file(name).bytes;
    t.deepEqual([...bytes.subarray(0, 8)], PNG_SIGNATURE);
    const image = decodePng(bytes);
    t.true(image.widthPx >= 1200 && image.heightPx >= 750, `${image.widthPx}×${image.heightPx}`);
    t.true(distinctColours(image) > 20);
    // The size distributions are coloured by time: the final one (example 03 asks for no others).
    if (name === 'size_distribution.png') {
      t.true(countColour(image, timeColor(0, 1)) > 200, 'final distribution');
      return;
    }
    // The dominant phase of example 03 (β′) is drawn in its colour; most figures also draw the black total.
    t.true(countColour(image, phaseColor('MGSI_B_P')) > 200, 'β′ curve');
    if (name !== 'precipitate_size.png') t.true(countColour(image, TOTAL_COLOR) > 200, 'total curve');
  });
}

test('the bundled font renders text (no system fonts needed)', async (t) => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60"><text x="10" y="40" font-size="30" font-family="DejaVu Sans">β″ 10²⁴ m⁻³</text></svg>`;
  const image = decodePng((await svgToPng(svg)).png);
  let dark = 0;
  for (let i = 0; i < image.rgba.length; i += 4) if (image.rgba[i] < 128) dark++;
  t.true(dark > 300, `${dark} dark pixels`);
});

test('each SVG parses and has exactly one <path> per plotted series', async (t) => {
  const specs = chartSpecs(await exampleResult());
  const { DOMParser } = new JSDOM().window;
  for (const spec of specs) {
    const text = new TextDecoder().decode(file(`${spec.file}.svg`).bytes);
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    t.is(doc.getElementsByTagName('parsererror').length, 0, spec.file);
    t.is(doc.documentElement.getAttribute('width'), String(spec.widthPx));
    const paths = [...doc.getElementsByTagName('path')];
    const expected = spec.panels.flatMap((p) => p.series.map((s) => s.id));
    t.is(paths.length, expected.length, spec.file);
    t.true(
      paths.every((p) => p.getAttribute('class') === 'series'),
      'only series are paths',
    );
    const panels = [...doc.querySelectorAll('g.panel')];
    t.is(panels.length, spec.panels.length);
    panels.forEach((g, k) => {
      const ids = [...g.querySelectorAll('path.series')].map((p) => p.getAttribute('data-series'));
      t.deepEqual(
        ids,
        spec.panels[k].series.map((s) => s.id),
        `${spec.file} panel ${k}`,
      );
    });
  }
});

test('writeResultFiles writes every file (and nothing else) into a new directory', async (t) => {
  const dir = join(root, 'nested', 'job');
  t.deepEqual(
    paths,
    RESULT_FILE_NAMES.map((name) => join(dir, name)),
  );
  t.deepEqual((await readdir(dir)).sort(), [...RESULT_FILE_NAMES].sort());
  const json = JSON.parse(new TextDecoder().decode(file('results.json').bytes)) as {
    series: { points: number };
  };
  const csvRows = new TextDecoder().decode(file('results.csv').bytes).trimEnd().split('\n').length - 1;
  t.is(csvRows, json.series.points);
});
