// Every `handler: index.<name>` in the manifest must be a runtime export of src/index.ts.
// @forge/lint has a similar check, but it only warns and does not follow `export * from`, which
// is how our barrel re-exports entry points; this one reads the TypeScript source with the
// compiler's parser, follows `export *` / `export { x } from` re-exports, and ignores type-only
// exports (a type is not callable at run time).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { type ManifestHandler } from './manifest-document';
import { type ManifestProblem } from './manifest-problem';

// House rule (docs/ARCHITECTURE.md): src/index.ts is the only file the manifest names.
const BARREL_MODULE = 'index';
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.cjs'];

export function checkHandlerExports(appDir: string, handlers: readonly ManifestHandler[]): ManifestProblem[] {
  if (handlers.length === 0) return [];
  const barrel = resolveModuleFile(path.join(appDir, 'src', BARREL_MODULE));
  const exported = barrel ? collectRuntimeExports(barrel) : undefined;

  return handlers.flatMap((handler): ManifestProblem[] => {
    const reason = findHandlerProblem(handler.handler, exported);
    if (!reason) return [];
    return [
      {
        level: 'error',
        source: 'handler-exports',
        file: 'manifest.yml',
        line: handler.line,
        column: handler.column,
        message: `Handler '${handler.handler}' of function '${handler.functionKey}': ${reason}`,
        reference: 'handler-not-exported',
      },
    ];
  });
}

/** Why `handler` cannot be called, or undefined when it can. `exported` is undefined when the barrel is missing. */
function findHandlerProblem(handler: string, exported: ReadonlySet<string> | undefined): string | undefined {
  const parts = handler.split('.');
  const [file, name] = parts;
  if (parts.length !== 2 || !file || !name) return `must look like '${BARREL_MODULE}.<exportName>'`;
  if (file !== BARREL_MODULE) return `must be exported from src/${BARREL_MODULE}.ts, not src/${file}`;
  if (!exported) return `src/${BARREL_MODULE}.ts does not exist`;
  if (!exported.has(name)) return `src/${BARREL_MODULE}.ts has no runtime export '${name}'`;
  return undefined;
}

/**
 * Names a module exports as values, following relative re-exports. A re-export cycle is cut where
 * it closes (the file already on the path contributes nothing more). Results are not cached: a
 * file reached by two paths is simply read twice, which keeps cycles from caching partial answers.
 */
export function collectRuntimeExports(file: string, onPath: Set<string> = new Set()): ReadonlySet<string> {
  const names = new Set<string>();
  if (onPath.has(file)) return names;
  onPath.add(file);
  const exportsOf = (target: string): ReadonlySet<string> => collectRuntimeExports(target, onPath);
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);

  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      if (!statement.isTypeOnly) addReExports(file, statement, exportsOf, names);
      continue;
    }
    if (ts.isExportAssignment(statement)) {
      if (!statement.isExportEquals) names.add('default');
      continue;
    }
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    const isExported = modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
    const isAmbient = modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword) ?? false;
    if (!isExported || isAmbient) continue;
    const isDefault = modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ?? false;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations)
        addBindingNames(declaration.name, names);
    } else if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
      if (isDefault) names.add('default');
      else if (statement.name) names.add(statement.name.text);
    } else if (
      ts.isEnumDeclaration(statement) &&
      !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ConstKeyword)
    ) {
      names.add(statement.name.text);
    }
  }
  onPath.delete(file);
  return names;
}

/**
 * `export { a as b }` (local), `export { a as b } from './x'`, `export * from './x'`,
 * `export * as ns from './x'`. A name re-exported from one of our files counts only if that file
 * really exports it; from a package (not followed) it is taken on trust, as the type checker has
 * already vouched for it.
 */
function addReExports(
  file: string,
  statement: ts.ExportDeclaration,
  exportsOf: (target: string) => ReadonlySet<string>,
  into: Set<string>,
): void {
  const specifier =
    statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)
      ? statement.moduleSpecifier.text
      : undefined;
  const isOwnModule = specifier?.startsWith('.') ?? false;
  const target =
    specifier && isOwnModule ? resolveModuleFile(path.resolve(path.dirname(file), specifier)) : undefined;
  const targetExports = target ? exportsOf(target) : undefined;
  const clause = statement.exportClause;

  if (!clause) {
    for (const name of targetExports ?? []) if (name !== 'default') into.add(name);
    return;
  }
  if (ts.isNamespaceExport(clause)) {
    if (!isOwnModule || target) into.add(clause.name.text);
    return;
  }
  for (const element of clause.elements) {
    if (element.isTypeOnly) continue;
    const original = (element.propertyName ?? element.name).text;
    const exists = specifier === undefined || !isOwnModule || (targetExports?.has(original) ?? false);
    if (exists) into.add(element.name.text);
  }
}

function addBindingNames(name: ts.BindingName, into: Set<string>): void {
  if (ts.isIdentifier(name)) {
    into.add(name.text);
    return;
  }
  for (const element of name.elements) {
    if (ts.isBindingElement(element)) addBindingNames(element.name, into);
  }
}

/** Node-style resolution for our own sources: `x` → x.ts | x.tsx | … | x/index.ts | … */
function resolveModuleFile(withoutExtension: string): string | undefined {
  // TypeScript lets sources import './x.js' meaning './x.ts'.
  const base = withoutExtension.replace(/\.(js|jsx|cjs)$/, '');
  const candidates = [
    ...SOURCE_EXTENSIONS.map((ext) => base + ext),
    ...SOURCE_EXTENSIONS.map((ext) => path.join(base, `index${ext}`)),
  ];
  return candidates.find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
}
