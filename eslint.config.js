import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'build/',
      'node_modules/',
      'var/',
      'test-artifacts/',
      '**/.venv/',
      'assembly/',
      'src/thermo/module/generated/',
      'tools/hostile/last-run/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // Math.exp & co. differ between JavaScript engines; the engine uses src/thermo/math.ts so that the
    // service, the browser and both kernels give the same bits.
    files: ['src/thermo/**/*.ts', 'src/engine/**/*.ts', 'src/kernel/**/*.ts'],
    ignores: ['src/thermo/math.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...[
          'exp',
          'expm1',
          'log',
          'log1p',
          'log2',
          'log10',
          'pow',
          'cbrt',
          'sin',
          'cos',
          'tan',
          'atan',
          'atan2',
          'sinh',
          'cosh',
          'tanh',
          'hypot',
        ].map((property) => ({
          object: 'Math',
          property,
          message: 'use src/thermo/math.ts (same bits in every JavaScript engine)',
        })),
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "BinaryExpression[operator='**']", message: 'use pow() from src/thermo/math.ts' },
      ],
    },
  },
  {
    files: ['bin/**/*.js', '*.js', 'tools/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly' },
    },
  },
);
