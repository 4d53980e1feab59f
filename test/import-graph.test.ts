// The import graph of src/ has no cycle (docs/architecture.md, "Break the import cycle"). Only
// imports that survive compilation count: `import type`, and named imports that are all `type`,
// are erased and cannot order module evaluation. Parsed with the TypeScript compiler itself (a
// dev dependency already), so the type-only rules are TypeScript's own, not a regex's.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve('src');

/** Every .ts file under `dir`, as absolute paths. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Whether an import or re-export declaration is kept at run time (not erased as type-only). */
function isValueDeclaration(statement: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(statement)) {
    if (statement.isTypeOnly) return false;
    const clause = statement.exportClause;
    return !clause || !ts.isNamedExports(clause) || clause.elements.length === 0 || clause.elements.some((element) => !element.isTypeOnly);
  }
  const clause = statement.importClause;
  if (!clause) return true; // `import './x.js'`: run for its effects
  if (clause.isTypeOnly) return false;
  if (clause.name) return true;
  const bindings = clause.namedBindings;
  if (!bindings || ts.isNamespaceImport(bindings)) return true;
  return bindings.elements.length === 0 || bindings.elements.some((element) => !element.isTypeOnly);
}

/** The files of src/ each file imports by value (relative specifiers only; packages are leaves). */
function valueImportGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    const targets: string[] = [];
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
      const specifier = statement.moduleSpecifier;
      if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
      if (!isValueDeclaration(statement)) continue;
      targets.push(resolve(dirname(file), specifier.text.replace(/\.js$/, '.ts')));
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Tarjan's strongly connected components of `graph`. */
function stronglyConnected(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component);
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return components;
}

describe('the import graph of src/ (value imports only)', () => {
  it('resolves every relative import to a file of src/', () => {
    const graph = valueImportGraph();
    const missing = [...graph.values()].flat().filter((target) => !graph.has(target));
    expect(missing).toEqual([]);
  });

  it('finds the cycle of a file importing itself through another, and ignores type-only imports', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['a', 'c']],
      ['c', []],
    ]);
    expect(stronglyConnected(graph).map((component) => component.sort())).toEqual([['c'], ['a', 'b']]);
    const parse = (text: string) =>
      isValueDeclaration(ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest).statements[0] as ts.ImportDeclaration);
    expect(['import type { A } from "./a.js";', 'import { type A } from "./a.js";', 'export type { A } from "./a.js";'].map(parse)).toEqual(
      [false, false, false],
    );
    expect(
      ['import "./a.js";', 'import { type A, b } from "./a.js";', 'import * as a from "./a.js";', 'export * from "./a.js";'].map(parse),
    ).toEqual([true, true, true, true]);
  });

  it('has no cycle: every strongly connected component is one file', () => {
    const cycles = stronglyConnected(valueImportGraph())
      .filter((component) => component.length > 1)
      .map((component) => component.map((file) => relative(root, file)).sort());
    expect(cycles).toEqual([]);
  });
});
