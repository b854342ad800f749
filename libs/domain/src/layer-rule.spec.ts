import { ESLint } from 'eslint';
import { join } from 'node:path';

/** The layer rule is executable: prove it fires, so it cannot silently stop working. */
describe('domain layer import rule', () => {
  const eslint = new ESLint({ cwd: join(__dirname, '..', '..', '..') });
  const lint = async (path: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it.each(['@nestjs/common', 'typeorm', 'pg', '@eventstore/db-client', '@electric-sql/pglite'])(
    'forbids %s inside a domain folder',
    async (module) => {
      const messages = await lint('libs/domain/src/domain/example.ts', `import { x } from '${module}';\nexport const y = x;\n`);
      expect(messages).toEqual([expect.stringContaining('domain/ is pure TypeScript')]);
    },
  );

  it('allows the same import outside domain folders', async () => {
    expect(await lint('libs/projections/src/infrastructure/example.ts', `import { x } from 'typeorm';\nexport const y = x;\n`)).toEqual([]);
  });
});
