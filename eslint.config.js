// Type-aware lint of the app's own code. The typecheck already covers types; this adds what tsc
// cannot see: promises nobody awaits or catches, and promises handed where a plain value or a
// void callback is expected (an async onClick's rejection vanishes; `if (promise)` is always true).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    files: ['common/**/*.ts', 'electron/**/*.ts', 'renderer/src/**/*.{ts,tsx}'],
    languageOptions: {
      parser: tseslint.parser,
      // The umbrella tsconfig.json includes all three folders, so one program types them all.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
);
